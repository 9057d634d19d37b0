import type {
  alertKinds,
  alertSeverities,
  alertStatuses,
  checklistRatings,
  contractorStatuses,
  crossBorderBases,
  dataCategories,
  dispositionMethods,
  documentKinds,
  findingCategories,
  findingSeverities,
  findingStatuses,
  IncidentRow,
  questionnaireLanguages,
  questionnaireStatuses,
  reconsignmentTerms,
  refusalGrounds,
  reviewKinds,
  reviewOutcomes,
  reviewStatuses,
  riskTierValues,
  roles,
  subjectRequestKinds,
  subjectRequestOutcomes,
  tokenKinds,
} from '../../db/schema';
import type { AgreementStatus, ClauseName } from '../domain/agreement-terms';
import type { RiskFactor } from '../domain/risk';
import type { ChecklistCategory } from '../domain/selection';
import type { Lang } from './language';

/** One value's name for people, in both languages itaku speaks. */
export interface Label {
  ja: string;
  en: string;
}

/** A label for every value of one enum: a value added without its label is a type error. */
export type LabelTable<V extends string> = Record<V, Label>;

type Of<T extends readonly string[]> = T[number];

/** The supervision status of a contractor, derived from its next review's due date. */
export type SupervisionStatus = 'on_track' | 'due_soon' | 'overdue' | 'none_scheduled' | 'selection_pending';

/**
 * The names of every enum value a person reads: on the web pages, in e-mail digests, in
 * CSV exports and calendar entries. One table per enum, because the same value can mean
 * different things in two of them (`none_scheduled` is a supervision status and an alert).
 */
export const labels = {
  role: {
    admin: { ja: '管理者', en: 'Administrator' },
    procurement: { ja: '調達担当', en: 'Procurement' },
    compliance: { ja: 'コンプライアンス担当', en: 'Compliance' },
    manager: { ja: '管理職', en: 'Manager' },
  } satisfies LabelTable<Of<typeof roles>>,
  tokenKind: {
    api: { ja: 'APIトークン', en: 'API token' },
    feed: { ja: 'カレンダー配信トークン', en: 'Calendar feed token' },
  } satisfies LabelTable<Of<typeof tokenKinds>>,
  dataCategory: {
    customers: { ja: '顧客', en: 'Customers' },
    business_partners: { ja: '取引先', en: 'Business partners' },
    applicants: { ja: '応募者', en: 'Applicants' },
    inquirers: { ja: '問合せ者', en: 'Inquirers' },
    commissioned_work: { ja: '受託業務', en: 'Commissioned work' },
    employees: { ja: '従業員', en: 'Employees' },
    my_number: { ja: '特定個人情報（マイナンバー）', en: 'My Number (specific personal information)' },
  } satisfies LabelTable<Of<typeof dataCategories>>,
  contractorStatus: {
    proposed: { ja: '提案中', en: 'Proposed' },
    approved: { ja: '承認済み', en: 'Approved' },
    active: { ja: '委託中', en: 'Active' },
    suspended: { ja: '停止中', en: 'Suspended' },
    terminated: { ja: '終了', en: 'Terminated' },
  } satisfies LabelTable<Of<typeof contractorStatuses>>,
  riskTier: {
    high: { ja: '高', en: 'High' },
    medium: { ja: '中', en: 'Medium' },
    low: { ja: '低', en: 'Low' },
  } satisfies LabelTable<Of<typeof riskTierValues>>,
  riskFactor: {
    special_care_data: { ja: '要配慮個人情報', en: 'Special-care data' },
    payment_data: { ja: '決済情報', en: 'Payment data' },
    subjects_100k_or_more: { ja: '本人10万人以上', en: '100,000+ data subjects' },
    subjects_1k_or_more: { ja: '本人1,000人以上', en: '1,000+ data subjects' },
    system_access: { ja: 'システムアクセス', en: 'System access' },
    outside_japan: { ja: '国外', en: 'Outside Japan' },
    sub_contractor: { ja: '再委託先', en: 'Sub-contractor' },
  } satisfies LabelTable<RiskFactor>,
  // APPI Art. 28: the basis for providing personal data to a third party in a foreign country.
  crossBorderBasis: {
    consent: { ja: '本人の同意', en: 'Consent' },
    equivalent_measures: { ja: '相当措置（体制整備）', en: 'Equivalent measures' },
  } satisfies LabelTable<Of<typeof crossBorderBases>>,
  supervisionStatus: {
    on_track: { ja: '予定どおり', en: 'On track' },
    due_soon: { ja: '期限間近', en: 'Due soon' },
    overdue: { ja: '期限超過', en: 'Overdue' },
    selection_pending: { ja: '選定未了', en: 'Not yet selected' },
    none_scheduled: { ja: '予定なし', en: 'Nothing scheduled' },
  } satisfies LabelTable<SupervisionStatus>,
  reconsignment: {
    prohibited: { ja: '禁止', en: 'Prohibited' },
    prior_approval: { ja: '事前承認制', en: 'Prior approval' },
    allowed: { ja: '可', en: 'Allowed' },
  } satisfies LabelTable<Of<typeof reconsignmentTerms>>,
  dispositionMethod: {
    returned: { ja: '返却', en: 'Returned' },
    deleted: { ja: '削除', en: 'Deleted' },
  } satisfies LabelTable<Of<typeof dispositionMethods>>,
  documentKind: {
    privacy_mark: { ja: 'プライバシーマーク登録証', en: 'Privacy Mark' },
    isms_certificate: { ja: 'ISMS認証（ISO/IEC 27001）', en: 'ISMS certificate (ISO/IEC 27001)' },
    iso27701_certificate: { ja: 'ISO/IEC 27701認証', en: 'ISO/IEC 27701 certificate' },
    soc2_report: { ja: 'SOC 2報告書', en: 'SOC 2 report' },
    policy: { ja: '規程・方針', en: 'Policy' },
    audit_report: { ja: '監査報告書', en: 'Audit report' },
    contract: { ja: '契約書', en: 'Contract' },
    insurance: { ja: '保険証券', en: 'Insurance' },
    other: { ja: 'その他', en: 'Other' },
  } satisfies LabelTable<Of<typeof documentKinds>>,
  agreementStatus: {
    pending: { ja: '開始前', en: 'Pending' },
    active: { ja: '委託中', en: 'Active' },
    expired: { ja: '満了', en: 'Expired' },
    terminated: { ja: '終了', en: 'Terminated' },
  } satisfies LabelTable<AgreementStatus>,
  // JIS Q 15001:2017 A.7.3.3: the items a consignment contract covers.
  clause: {
    responsibilities: { ja: '責任に関する事項', en: 'Responsibilities' },
    securityMeasures: { ja: '安全管理に関する事項', en: 'Security measures' },
    reconsignment: { ja: '再委託に関する事項', en: 'Re-consignment' },
    reporting: { ja: '報告に関する事項', en: 'Reporting' },
    complianceChecks: { ja: '遵守状況の確認（監査）', en: 'Compliance checks / audits' },
    breachOfContract: { ja: '契約違反時の措置', en: 'Measures on breach' },
    incidentReporting: { ja: '事故発生時の報告', en: 'Incident reporting' },
    afterTermination: { ja: '契約終了後の措置', en: 'Measures after termination' },
  } satisfies LabelTable<ClauseName>,
  reviewKind: {
    selection: { ja: '選定評価', en: 'Selection' },
    periodic: { ja: '定期評価', en: 'Periodic' },
    document_review: { ja: '書面確認', en: 'Document review' },
    on_site_audit: { ja: '実地監査', en: 'On-site audit' },
    follow_up: { ja: 'フォローアップ', en: 'Follow-up' },
    cross_border_confirmation: { ja: '外国移転の確認', en: 'Cross-border confirmation' },
    parent_report: { ja: '再委託元からの報告', en: 'Report from the parent contractor' },
  } satisfies LabelTable<Of<typeof reviewKinds>>,
  reviewStatus: {
    scheduled: { ja: '予定', en: 'Scheduled' },
    in_progress: { ja: '実施中', en: 'In progress' },
    completed: { ja: '完了', en: 'Completed' },
    cancelled: { ja: '中止', en: 'Cancelled' },
  } satisfies LabelTable<Of<typeof reviewStatuses>>,
  reviewOutcome: {
    satisfactory: { ja: '適切', en: 'Satisfactory' },
    minor_findings: { ja: '軽微な指摘あり', en: 'Minor findings' },
    major_findings: { ja: '重大な指摘あり', en: 'Major findings' },
    unsatisfactory: { ja: '不適切', en: 'Unsatisfactory' },
  } satisfies LabelTable<Of<typeof reviewOutcomes>>,
  checklistRating: {
    adequate: { ja: '適切', en: 'Adequate' },
    needs_improvement: { ja: '要改善', en: 'Needs improvement' },
    inadequate: { ja: '不適切', en: 'Inadequate' },
    not_assessed: { ja: '未評価', en: 'Not assessed' },
  } satisfies LabelTable<Of<typeof checklistRatings>>,
  findingSeverity: {
    low: { ja: '低', en: 'Low' },
    medium: { ja: '中', en: 'Medium' },
    high: { ja: '高', en: 'High' },
  } satisfies LabelTable<Of<typeof findingSeverities>>,
  // The four safety-management categories of the PPC General Guidelines §10: the review
  // checklist and the findings share them.
  findingCategory: {
    organizational: { ja: '組織的', en: 'Organizational' },
    human: { ja: '人的', en: 'Human' },
    physical: { ja: '物理的', en: 'Physical' },
    technical: { ja: '技術的', en: 'Technical' },
  } satisfies LabelTable<Of<typeof findingCategories>>,
  // The review checklist: the measures of 通則編 10 (別添) a selection confirms, 10-1 … 10-7.
  checklistCategory: {
    basicPolicy: { ja: '基本方針', en: 'Basic policy' },
    handlingRules: { ja: '取扱規程', en: 'Handling rules' },
    organizational: { ja: '組織的', en: 'Organizational' },
    human: { ja: '人的', en: 'Human' },
    physical: { ja: '物理的', en: 'Physical' },
    technical: { ja: '技術的', en: 'Technical' },
    externalEnvironment: { ja: '外的環境の把握', en: 'External environment' },
  } satisfies LabelTable<ChecklistCategory>,
  findingStatus: {
    open: { ja: '未対応', en: 'Open' },
    resolved: { ja: '解決済み', en: 'Resolved' },
  } satisfies LabelTable<Of<typeof findingStatuses>>,
  alertKind: {
    review_overdue: { ja: '評価・監査の期限超過', en: 'Review overdue' },
    review_due_soon: { ja: '評価・監査の期限間近', en: 'Review due soon' },
    none_scheduled: { ja: '評価・監査の予定なし', en: 'No review scheduled' },
    agreement_expiring: { ja: '委託契約の満了間近', en: 'Agreement expiring' },
    agreement_expired: { ja: '委託契約の満了（委託継続中）', en: 'Agreement expired' },
    agreement_notice_due: { ja: '更新拒絶の通知期限間近', en: 'Notice deadline near' },
    finding_overdue: { ja: '是正措置の期限超過', en: 'Corrective action overdue' },
    incident_report_due: { ja: '漏えい等報告の期限', en: 'Incident report due' },
    cross_border_confirmation_due: { ja: '外国にある第三者の確認期限', en: 'Cross-border confirmation due' },
    document_expiring: { ja: '認証・証憑の有効期限間近', en: 'Document expiring' },
    document_expired: { ja: '認証・証憑の有効期限切れ', en: 'Document expired' },
    questionnaire_overdue: { ja: 'チェックシートの回答期限超過', en: 'Questionnaire overdue' },
    cross_border_unscheduled: { ja: '外国にある第三者の確認が未予定', en: 'Cross-border confirmation not scheduled' },
    cross_border_measures_required: {
      ja: '外国にある第三者の確認結果への対応（措置又は提供停止）',
      en: 'Cross-border confirmation failed: measures or stop',
    },
    contractor_notice_late: { ja: '委託先からの漏えい等の通知の遅れ', en: 'Contractor told us of a leak late' },
    subject_notice_missing: { ja: '本人への通知が未了', en: 'Notice to individuals missing' },
    subject_request_due: { ja: '開示等の請求の対応期限', en: 'Subject request due' },
  } satisfies LabelTable<Of<typeof alertKinds>>,
  severity: {
    info: { ja: '情報', en: 'Info' },
    warning: { ja: '警告', en: 'Warning' },
    critical: { ja: '重大', en: 'Critical' },
  } satisfies LabelTable<Of<typeof alertSeverities>>,
  questionnaireStatus: {
    sent: { ja: '送付済み', en: 'Sent' },
    in_progress: { ja: '回答中', en: 'Being answered' },
    submitted: { ja: '回答提出済み', en: 'Submitted' },
    returned: { ja: '確認依頼中（差戻し）', en: 'Returned for clarification' },
    accepted: { ja: '受理済み', en: 'Accepted' },
    revoked: { ja: '取消し', en: 'Withdrawn' },
  } satisfies LabelTable<Of<typeof questionnaireStatuses>>,
  questionnaireLanguage: {
    ja: { ja: '日本語', en: 'Japanese' },
    en: { ja: '英語', en: 'English' },
  } satisfies LabelTable<Of<typeof questionnaireLanguages>>,
  subjectRequestKind: {
    disclosure: { ja: '開示', en: 'Disclosure' },
    correction: { ja: '訂正・追加・削除', en: 'Correction' },
    suspension: { ja: '利用停止', en: 'Suspension of use' },
    deletion: { ja: '消去', en: 'Erasure' },
    third_party_records: { ja: '第三者提供記録の開示', en: 'Third-party provision records' },
  } satisfies LabelTable<Of<typeof subjectRequestKinds>>,
  subjectRequestOutcome: {
    fulfilled: { ja: '対応済み', en: 'Fulfilled' },
    partly_fulfilled: { ja: '一部対応', en: 'Partly fulfilled' },
    refused: { ja: '不開示・不対応', en: 'Refused' },
    withdrawn: { ja: '取下げ', en: 'Withdrawn' },
  } satisfies LabelTable<Of<typeof subjectRequestOutcomes>>,
  refusalGround: {
    harm_to_life_or_property: {
      ja: '本人又は第三者の生命、身体、財産その他の権利利益を害するおそれ',
      en: 'Harm to the life, body, property or other rights of the person or a third party',
    },
    serious_business_disruption: {
      ja: '当社の業務の適正な実施に著しい支障を及ぼすおそれ',
      en: 'Serious disruption of the proper conduct of our business',
    },
    violation_of_law: { ja: '他の法令に違反することとなる場合', en: 'It would violate another law' },
  } satisfies LabelTable<Of<typeof refusalGrounds>>,
  alertStatus: {
    open: { ja: '未対応', en: 'Open' },
    acknowledged: { ja: '確認済み', en: 'Acknowledged' },
    resolved: { ja: '解決済み', en: 'Resolved' },
  } satisfies LabelTable<Of<typeof alertStatuses>>,
  incidentStatus: {
    open: { ja: '対応中', en: 'Open' },
    closed: { ja: '対応終了', en: 'Closed' },
  } satisfies LabelTable<IncidentRow['status']>,
};

export type LabelKind = keyof typeof labels;

/** A review or corrective action past its due date (shown instead of its status). */
export const overdueLabel: Label = labels.supervisionStatus.overdue;

/**
 * The label of a value in one language. A value the table does not know (a row written by
 * a newer version, a raw SQL result) is shown as it is rather than hidden.
 */
export function labelOf<V extends string>(table: LabelTable<V>, value: V | null | undefined, lang: Lang): string {
  if (!value) return '';
  return Object.hasOwn(table, value) ? table[value][lang] : value;
}
