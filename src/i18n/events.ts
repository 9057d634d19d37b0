import { contractorEvents } from './events/contractors';
import { fieldLabels } from './events/field-labels';
import { holidayEvents } from './events/holidays';
import { incidentEvents } from './events/incidents';
import { provisionRecordEvents } from './events/provision-records';
import { questionnaireEvents } from './events/questionnaires';
import { settingEntityLabel, settingsEvents } from './events/settings';
import { subjectRequestEvents } from './events/subject-requests';
import { type Label, labels } from './labels';
import type { Lang } from './language';

/**
 * What each audit event means, in words: the audit trail and a contractor's history show
 * these instead of the stored action codes. Every action the code writes has its label
 * here (tests/unit/events.test.ts reads the sources to hold that); an action missing here
 * (one from a newer version) is shown as its code rather than hidden.
 */
export const eventLabels: Record<string, Label> = {
  ...questionnaireEvents,
  ...settingsEvents,
  ...holidayEvents,
  ...provisionRecordEvents,
  ...subjectRequestEvents,
  ...incidentEvents,
  ...contractorEvents,
  'contractor.create': { ja: '委託先を登録', en: 'Contractor registered' },
  'contractor.import': { ja: 'CSVから委託先を登録', en: 'Contractor imported from CSV' },
  'contractor.update': { ja: '委託先の情報を変更', en: 'Contractor details changed' },
  'contractor.transition': { ja: '委託先のステータスを変更', en: 'Contractor status changed' },
  'agreement.create': { ja: '委託契約を登録', en: 'Agreement recorded' },
  'document.upload': { ja: '証憑・認証書類を登録', en: 'Document uploaded' },
  'document.delete': { ja: '証憑・認証書類を削除', en: 'Document deleted' },
  'agreement.update': { ja: '委託契約を変更', en: 'Agreement changed' },
  'review.schedule': { ja: '評価・監査を予定', en: 'Review scheduled' },
  'review.update': { ja: '評価・監査を変更', en: 'Review changed' },
  'review.reschedule': { ja: '評価・監査の期限を変更', en: 'Review rescheduled' },
  'review.complete': { ja: '評価・監査を完了', en: 'Review completed' },
  'review.cancel': { ja: '評価・監査を中止', en: 'Review cancelled' },
  'finding.create': { ja: '指摘事項を記録', en: 'Finding recorded' },
  'finding.update': { ja: '指摘事項を更新', en: 'Finding updated' },
  'incident.create': { ja: 'インシデントを記録', en: 'Incident recorded' },
  'incident.update': { ja: 'インシデントの記録を更新', en: 'Incident record updated' },
  'incident.close': { ja: 'インシデントの対応を終了', en: 'Incident closed' },
  'alert.acknowledge': { ja: 'アラートを確認', en: 'Alert acknowledged' },
  'alert.resolve': { ja: 'アラートを解決', en: 'Alert resolved' },
  'user.bootstrap': { ja: '最初の管理者を作成', en: 'First administrator created' },
  'user.create': { ja: '利用者を作成', en: 'User created' },
  'user.update': { ja: '利用者の情報を変更', en: 'User details changed' },
  'user.deactivate': { ja: '利用者を無効化', en: 'User deactivated' },
  'user.reactivate': { ja: '利用者を再び有効化', en: 'User reactivated' },
  'user.sign_in': { ja: 'サインイン', en: 'Signed in' },
  'user.sign_in_link': { ja: 'パスワード設定用リンクを発行', en: 'Sign-in link issued' },
  'user.password_reset_request': { ja: 'パスワードの再設定を依頼', en: 'Password reset requested' },
  'user.password_set': { ja: 'パスワードを設定', en: 'Password set' },
  'user.password_change': { ja: 'パスワードを変更', en: 'Password changed' },
  'token.issue': { ja: 'トークンを発行', en: 'Token issued' },
  'token.rotate': { ja: 'トークンを再発行', en: 'Token rotated' },
  'token.revoke': { ja: 'トークンを失効', en: 'Token revoked' },
  'token.revoke_all': { ja: 'すべてのトークンを失効', en: 'All tokens revoked' },
  'webhook.create': { ja: 'Webhookを登録', en: 'Webhook created' },
  'webhook.delete': { ja: 'Webhookを削除', en: 'Webhook deleted' },
  'webhook.secret_encrypted': { ja: 'Webhookの署名鍵を暗号化', en: 'Webhook secret encrypted' },
  'sweep.run': { ja: '定期チェックを実行', en: 'Sweep run' },
  'audit.checkpoint': { ja: '監査ログのチェックポイントを記録', en: 'Audit checkpoint recorded' },
  'audit.key_registered': { ja: '監査ログの鍵を登録', en: 'Audit key registered' },
  'audit.triggers_restored': { ja: '監査ログの保護を復元', en: 'Audit protection restored' },
};

/** An audit action in words, in the reader's language; the code itself when unknown. */
export function eventLabel(action: string, lang: Lang): string {
  return Object.hasOwn(eventLabels, action) ? (eventLabels[action]?.[lang] ?? action) : action;
}

/** The kinds of thing an audit event is about (its `entityType`). */
export const entityTypeLabels: Record<string, Label> = {
  setting: settingEntityLabel,
  provision_record: { ja: '第三者提供記録', en: 'Provision record' },
  subject_request: { ja: '開示等の請求', en: 'Subject request' },
  questionnaire: { ja: 'チェックシート', en: 'Questionnaire' },
  questionnaire_template: { ja: 'チェックシートのテンプレート', en: 'Questionnaire template' },
  document: { ja: '証憑・認証書類', en: 'Document' },
  extra_holiday: { ja: '休業日', en: 'Closed day' },
  contractor: { ja: '委託先', en: 'Contractor' },
  agreement: { ja: '委託契約', en: 'Agreement' },
  review: { ja: '評価・監査', en: 'Review' },
  finding: { ja: '指摘事項', en: 'Finding' },
  incident: { ja: 'インシデント', en: 'Incident' },
  alert: { ja: 'アラート', en: 'Alert' },
  user: { ja: '利用者', en: 'User' },
  webhook: { ja: 'Webhook', en: 'Webhook' },
  job_run: { ja: 'ジョブの実行', en: 'Job run' },
  audit: { ja: '監査ログ', en: 'Audit trail' },
};

/** Who acted when nobody signed in did: scheduled jobs, start-up, operator commands. */
export const systemActorLabel: Label = { ja: 'システム（itaku）', en: 'itaku (system)' };

type Table = Record<string, Label>;

/** Values that have no table of their own in labels.ts but appear in audited records. */
const incidentReport: Table = {
  preliminary: { ja: '速報', en: 'Preliminary report' },
  final: { ja: '確報', en: 'Final report' },
};
// APPI Enforcement Rules Art. 7: the situations that make a leak reportable.
const reportableReason: Table = {
  special_care_data: { ja: '要配慮個人情報', en: 'Special-care data' },
  financial_harm: { ja: '財産的被害のおそれ', en: 'Possible financial harm' },
  wrongful_act: { ja: '不正の目的によるおそれ', en: 'Wrongful act' },
  over_1000_people: { ja: '1,000人を超える', en: 'More than 1,000 people' },
};
const incidentFactor: Table = {
  specialCare: reportableReason.special_care_data as Label,
  financialHarm: reportableReason.financial_harm as Label,
  wrongfulAct: reportableReason.wrongful_act as Label,
  overThousand: reportableReason.over_1000_people as Label,
  highlyEncrypted: { ja: '高度な暗号化等の措置', en: 'Highly encrypted' },
};
const signInMethod: Table = {
  password: { ja: 'パスワード', en: 'Password' },
  token: { ja: 'APIトークン', en: 'API token' },
  oidc: { ja: 'シングルサインオン', en: 'Single sign-on' },
};
const via: Table = {
  link: { ja: 'ワンタイムリンク', en: 'One-time link' },
  self: { ja: '本人が変更', en: 'By the user' },
  cli: { ja: 'コマンド', en: 'Command line' },
};
const checkpointTrigger: Table = {
  sweep: { ja: '定期チェック', en: 'Sweep' },
  api: { ja: 'API', en: 'API' },
  web: { ja: '画面から', en: 'From the web page' },
};

/** Where one entity names a field differently from the others. */
const entityFieldLabels: Record<string, Table> = {
  user: { name: { ja: '氏名', en: 'Name' } },
  finding: { dueDate: { ja: '是正期限', en: 'Correct by' } },
  alert: { dueDate: { ja: '対象の日付', en: 'Date' } },
};

/** The sub-fields of nested records: a table whose keys are the sub-field names. */
const nestedLabels: Record<string, Table> = {
  checklist: labels.checklistCategory,
  clauses: labels.clause,
  factors: incidentFactor,
  dataDisposition: {
    method: { ja: '方法', en: 'Method' },
    confirmedOn: { ja: '確認日', en: 'Confirmed on' },
    evidence: { ja: '根拠', en: 'Evidence' },
  },
  nextDeadline: {
    report: { ja: '報告', en: 'Report' },
    dueOn: { ja: '期限', en: 'Due' },
    overdue: { ja: '期限超過', en: 'Overdue' },
  },
};

/**
 * Enum values by field: `entity.field` first, then the field alone; `*` stands for every
 * sub-field of a nested record.
 */
const valueTables: Record<string, Table> = {
  'contractor.status': labels.contractorStatus,
  'agreement.status': labels.agreementStatus,
  'review.status': labels.reviewStatus,
  'finding.status': labels.findingStatus,
  'alert.status': labels.alertStatus,
  'incident.status': labels.incidentStatus,
  'review.kind': labels.reviewKind,
  'alert.kind': labels.alertKind,
  'user.kind': labels.tokenKind,
  'finding.severity': labels.findingSeverity,
  'alert.severity': labels.severity,
  'finding.category': labels.findingCategory,
  'webhook.events': labels.alertKind,
  'audit.trigger': checkpointTrigger,
  'user.method': signInMethod,
  'user.via': via,
  dataCategories: labels.dataCategory,
  crossBorderBasis: labels.crossBorderBasis,
  riskTier: labels.riskTier,
  computedRiskTier: labels.riskTier,
  riskTierOverride: labels.riskTier,
  riskFactors: labels.riskFactor,
  supervisionStatus: labels.supervisionStatus,
  reconsignment: labels.reconsignment,
  missingClauses: labels.clause,
  outcome: labels.reviewOutcome,
  'checklist.*': labels.checklistRating,
  'dataDisposition.method': labels.dispositionMethod,
  'nextDeadline.report': incidentReport,
  reportableReasons: reportableReason,
  role: labels.role,
};

const lookup = (table: Table | undefined, key: string): Label | undefined =>
  table && Object.hasOwn(table, key) ? table[key] : undefined;

/**
 * The name of a field of an audited record (`checklist.human` for a nested one), in both
 * languages; the path itself when no name is known (a field added later).
 */
export function auditFieldLabel(entityType: string, path: string): Label {
  const own = lookup(entityFieldLabels[entityType], path) ?? lookup(fieldLabels, path);
  if (own) return own;
  const [parent = path, child = ''] = path.split('.', 2);
  const outer = lookup(fieldLabels, parent);
  const inner = lookup(nestedLabels[parent], child);
  if (outer && inner) return { ja: `${outer.ja}：${inner.ja}`, en: `${outer.en}: ${inner.en}` };
  return { ja: path, en: path };
}

/** The labels of a field's enum values, when it has them. */
export function auditValueTable(entityType: string, path: string): Table | undefined {
  const parent = path.split('.', 1)[0] ?? path;
  return valueTables[`${entityType}.${path}`] ?? valueTables[path] ?? valueTables[`${parent}.*`];
}
