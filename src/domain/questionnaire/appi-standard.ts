import { type Localized, type QuestionDraft, type QuestionnaireTemplate, section, type Weight } from './template';

/**
 * The built-in self-assessment sheet sent to contractors once a year. Its sections follow
 * the PPC General Guidelines (通則編) 10 別添「講ずべき安全管理措置の内容」, which the
 * principal must see its contractor keep (APPI Art. 25; the guidelines §3-4-4 ask the
 * principal to check the contractor's handling regularly), plus the terms of the
 * consignment itself and the certificates the contractor holds. A weight of 3 marks what
 * the guideline says must be done (「講じなければならない」); 2 its examples of how; 1 good practice.
 */

const l = (ja: string, en: string): Localized => ({ ja, en });

/** A yes / partly / no / not applicable question, required unless told. */
const ask = (id: string, weight: Weight, text: Localized, evidence?: Localized, required = true): QuestionDraft => ({
  id,
  text,
  type: 'yes_partly_no',
  required,
  weight,
  ...(evidence ? { evidence } : {}),
});
const write = (id: string, weight: Weight, text: Localized, required: boolean): QuestionDraft => ({
  id,
  text,
  type: 'text',
  required,
  weight,
});
const date = (id: string, text: Localized): QuestionDraft => ({ id, text, type: 'date', required: false, weight: 1 });
const attach = (id: string, text: Localized, evidence: Localized): QuestionDraft => ({
  id,
  text,
  type: 'file',
  required: false,
  weight: 1,
  evidence,
});

// 別添 10-1: a basic policy is "important" (重要である) rather than mandatory.
const basicPolicy = section('10-1', l('基本方針の策定', 'Basic policy'), 'basicPolicy', [
  ask(
    '10-1-1',
    2,
    l(
      '個人データの適正な取扱いの確保について組織として取り組むための基本方針（事業者の名称、関係法令・ガイドライン等の遵守、安全管理措置に関する事項、質問及び苦情処理の窓口等）を策定していますか。',
      'Have you adopted a basic policy for the proper handling of personal data as an organisation (your name, compliance with the applicable laws and guidelines, the safety-management measures, a contact point for questions and complaints, etc.)?',
    ),
    l('基本方針（個人情報保護方針等）の写し', 'A copy of the basic policy (privacy policy or similar)'),
  ),
  ask(
    '10-1-2',
    1,
    l('基本方針を従業者に周知していますか。', 'Have you made the basic policy known to your staff?'),
    undefined,
    false,
  ),
]);

// 別添 10-2: rules for each stage of the data's life 「規律を整備しなければならない」.
const handlingRules = section(
  '10-2',
  l('個人データの取扱いに係る規律の整備', 'Rules for handling personal data'),
  'handlingRules',
  [
    ask(
      '10-2-1',
      3,
      l(
        '個人データの取得、利用、保存、提供、削除・廃棄等の段階ごとに、取扱方法、責任者・担当者及びその任務等を定めた取扱規程を策定していますか。',
        'Have you drawn up handling rules that set out, for each stage (acquisition, use, storage, provision, deletion and disposal), how personal data is handled and who is responsible for it and with what duties?',
      ),
      l('取扱規程の写し（該当箇所）', 'A copy of the handling rules (the relevant parts)'),
    ),
    ask(
      '10-2-2',
      2,
      l(
        '取扱規程に、組織的・人的・物理的・技術的安全管理措置の内容を織り込んでいますか。',
        'Do the handling rules include the organisational, human, physical and technical safety-management measures?',
      ),
    ),
    date('10-2-3', l('取扱規程の最終改訂日をご記入ください。', 'When were the handling rules last revised?')),
  ],
);

// 別添 10-3 (1)–(5): organisational measures 「講じなければならない」.
const organizational = section(
  '10-3',
  l('組織的安全管理措置', 'Organisational safety-management measures'),
  'organizational',
  [
    // (1) 組織体制の整備
    ask(
      '10-3-1',
      3,
      l(
        '個人データの取扱いに関する責任者を定めていますか。',
        'Have you appointed a person responsible for the handling of personal data?',
      ),
      l('体制図、責任者の任命記録', 'An organisation chart; the record of the appointment'),
    ),
    ask(
      '10-3-2',
      3,
      l(
        '個人データを取り扱う従業者及びその役割、並びに従業者が取り扱う個人データの範囲を明確にしていますか。',
        'Have you defined which staff handle personal data, their roles, and the scope of the personal data each of them handles?',
      ),
    ),
    // (2) 個人データの取扱いに係る規律に従った運用
    ask(
      '10-3-3',
      3,
      l(
        '取扱規程に従って個人データを取り扱い、その運用状況を確認できるよう記録（システムログ、利用実績等）していますか。',
        'Do you handle personal data according to the handling rules, and keep records (system logs, usage records, etc.) that show it is done so?',
      ),
      l('運用記録、システムログの例', 'Operating records; sample system logs'),
    ),
    // (3) 個人データの取扱状況を確認する手段の整備
    ask(
      '10-3-4',
      3,
      l(
        '個人データの取扱状況を確認するための台帳等（個人データの項目、責任者・取扱部署、利用目的、アクセス権を有する者等）を整備していますか。',
        'Do you keep a register or similar means of checking how personal data is handled (the data items, the responsible person and department, the purpose of use, who has access, etc.)?',
      ),
      l('個人データ取扱台帳', 'The personal data register'),
    ),
    // (4) 漏えい等事案に対応する体制の整備
    ask(
      '10-3-5',
      3,
      l(
        '漏えい等事案の発生又は兆候を把握した場合の報告連絡体制及び対応手順を定めていますか。',
        'Have you set out the reporting lines and the procedure to follow when a leak or similar incident, or a sign of one, is found?',
      ),
      l('事故対応手順書、緊急連絡体制図', 'The incident response procedure; the emergency contact chart'),
    ),
    // (5) 取扱状況の把握及び安全管理措置の見直し
    ask(
      '10-3-6',
      3,
      l(
        '個人データの取扱状況について、定期的に自ら点検を行い、又は他部署等による監査を実施していますか。',
        'Do you regularly check the handling of personal data yourselves, or have it audited by another department or an outside party?',
      ),
      l('直近の点検結果又は監査報告書', 'The latest self-check results or audit report'),
    ),
    date(
      '10-3-7',
      l('直近の点検又は監査の実施日をご記入ください。', 'When was the latest self-check or audit carried out?'),
    ),
    ask(
      '10-3-8',
      2,
      l(
        '点検・監査の結果を踏まえ、安全管理措置の評価、見直し及び改善に取り組んでいますか。',
        'Do you evaluate, review and improve the safety-management measures in the light of the checks and audits?',
      ),
    ),
  ],
);

// 別添 10-4: staff are told and trained 「適切な教育を行わなければならない」 (and supervised, Art. 24);
// confidentiality in the rules of employment is the guideline's example.
const human = section('10-4', l('人的安全管理措置', 'Human safety-management measures'), 'human', [
  // 従業者の教育
  ask(
    '10-4-1',
    3,
    l(
      '個人データを取り扱う従業者に対し、個人データの適正な取扱いに関する研修を定期的に実施していますか。',
      'Do you regularly train the staff who handle personal data in its proper handling?',
    ),
    l('研修資料、受講記録', 'Training material; attendance records'),
  ),
  date('10-4-2', l('直近の研修の実施日をご記入ください。', 'When was the latest training held?')),
  // 秘密保持
  ask(
    '10-4-3',
    3,
    l(
      '個人データについての秘密保持に関する事項を就業規則等に盛り込み、又は従業者から秘密保持誓約書等を取得していますか。',
      'Have you written confidentiality of personal data into the rules of employment or similar, or obtained confidentiality undertakings from your staff?',
    ),
    l(
      '就業規則の該当条項、秘密保持誓約書のひな形',
      'The relevant article of the rules of employment; the template undertaking',
    ),
  ),
  ask(
    '10-4-4',
    2,
    l(
      '派遣社員など雇用関係にない従業者についても、同等の教育及び秘密保持の措置を講じていますか。',
      'Do you apply the same training and confidentiality measures to staff who are not your employees, such as agency workers?',
    ),
  ),
]);

// 別添 10-5 (1)–(4): physical measures 「講じなければならない」.
const physical = section('10-5', l('物理的安全管理措置', 'Physical safety-management measures'), 'physical', [
  // (1) 個人データを取り扱う区域の管理
  ask(
    '10-5-1',
    3,
    l(
      '個人データを取り扱う重要な情報システムを管理する区域（管理区域）について、入退室管理（ICカード、入退室記録等）及び持ち込む機器等の制限を行っていますか。',
      'For the areas where the important systems handling personal data are kept (controlled areas), do you control entry and exit (access cards, entry logs, etc.) and restrict the devices brought in?',
    ),
    l('入退室記録、入退室管理規程', 'Entry and exit logs; the entry control rules'),
  ),
  ask(
    '10-5-2',
    2,
    l(
      '個人データを取り扱う事務を実施する区域（取扱区域）について、間仕切り等の設置、座席配置の工夫、覗き込みの防止等により、権限を有しない者による閲覧を防止していますか。',
      'In the areas where personal data is worked on (handling areas), do you keep unauthorised people from seeing it, by partitions, seating layout, privacy screens, etc.?',
    ),
  ),
  // (2) 機器及び電子媒体等の盗難等の防止
  ask(
    '10-5-3',
    3,
    l(
      '個人データを取り扱う機器、電子媒体及び書類等を、施錠できるキャビネット・書庫等に保管し、又はセキュリティワイヤー等により固定していますか。',
      'Do you keep the devices, electronic media and papers holding personal data in lockable cabinets or storerooms, or secure them with security cables or similar?',
    ),
  ),
  // (3) 電子媒体等を持ち運ぶ場合の漏えい等の防止
  ask(
    '10-5-4',
    3,
    l(
      '個人データが記録された電子媒体又は書類等を持ち運ぶ場合、暗号化、パスワードによる保護、封緘、追跡可能な移送手段の利用等により、容易に個人データが判明しないよう措置を講じていますか。',
      'When electronic media or papers holding personal data are carried, do you keep the data from being easily read, by encryption, password protection, sealing, a traceable means of transport, etc.?',
    ),
  ),
  // (4) 個人データの削除及び機器、電子媒体等の廃棄
  ask(
    '10-5-5',
    3,
    l(
      '個人データの削除又は個人データが記録された機器・電子媒体等の廃棄を、復元不可能な手段（専用のデータ削除ソフトウェアの利用、物理的な破壊等）で行っていますか。',
      'Do you delete personal data, and dispose of devices and media holding it, by means that make it unrecoverable (dedicated erasure software, physical destruction, etc.)?',
    ),
  ),
  ask(
    '10-5-6',
    2,
    l(
      '削除又は廃棄を行った記録を保存していますか。廃棄を外部に委託した場合は、証明書等により確実に行われたことを確認していますか。',
      'Do you keep a record of each deletion or disposal, and, where disposal is outsourced, confirm by a certificate or similar that it was done?',
    ),
    l('削除・廃棄記録、廃棄証明書', 'Deletion and disposal records; certificates of disposal'),
  ),
]);

// 別添 10-6 (1)–(4): technical measures 「講じなければならない」.
const technical = section('10-6', l('技術的安全管理措置', 'Technical safety-management measures'), 'technical', [
  // (1) アクセス制御
  ask(
    '10-6-1',
    3,
    l(
      '個人データを取り扱う情報システム及び従業者を限定し、アクセス権限を業務上必要な範囲に設定していますか。',
      'Do you limit the systems and the staff that handle personal data, and grant access only as far as the work requires?',
    ),
    l('アクセス権限の一覧', 'The list of access rights'),
  ),
  ask(
    '10-6-2',
    2,
    l(
      'アクセス権限を定期的に見直し、異動・退職した従業者のアカウントを速やかに削除していますか。',
      'Do you review access rights regularly and promptly remove the accounts of staff who have moved or left?',
    ),
  ),
  // (2) アクセス者の識別と認証
  ask(
    '10-6-3',
    3,
    l(
      '情報システムを使用する従業者が正当なアクセス権を有する者であることを、ユーザーID、パスワード、多要素認証等により識別し、認証していますか。',
      'Do you identify and authenticate the staff using the systems as holders of a legitimate access right, by user ID, password, multi-factor authentication, etc.?',
    ),
  ),
  // (3) 外部からの不正アクセス等の防止
  ask(
    '10-6-4',
    3,
    l(
      '情報システムと外部ネットワークとの接続箇所にファイアウォール等を設置し、不正アクセスを遮断していますか。',
      'Have you placed firewalls or similar where the systems connect to outside networks, to block unauthorised access?',
    ),
  ),
  ask(
    '10-6-5',
    3,
    l(
      'セキュリティ対策ソフトウェア等（ウイルス対策ソフトウェア等）を導入し、OS・アプリケーションを最新の状態に保っていますか。',
      'Have you installed security software (anti-virus or similar), and do you keep operating systems and applications up to date?',
    ),
  ),
  ask(
    '10-6-6',
    2,
    l(
      'ログ等の定期的な分析により、不正アクセス等を検知していますか。',
      'Do you detect unauthorised access by analysing logs and the like regularly?',
    ),
  ),
  // (4) 情報システムの使用に伴う漏えい等の防止
  ask(
    '10-6-7',
    2,
    l(
      '情報システムの設計時に安全性を確保し、脆弱性診断等により継続的に見直していますか。',
      'Do you build security into the systems from their design and keep reviewing it, e.g. by vulnerability assessments?',
    ),
    l('直近の脆弱性診断報告書', 'The latest vulnerability assessment report'),
  ),
  ask(
    '10-6-8',
    2,
    l(
      '個人データを含む通信の経路又は内容を暗号化し、移送する個人データをパスワード等により保護していますか。',
      'Do you encrypt the channel or the content of communications carrying personal data, and protect personal data in transfer by password or similar?',
    ),
  ),
]);

// 別添 10-7: handling personal data abroad 「当該外国の個人情報の保護に関する制度等を把握した上で…講じなければならない」.
const externalEnvironment = section(
  '10-7',
  l('外的環境の把握', 'Understanding the external environment'),
  'externalEnvironment',
  [
    write(
      '10-7-1',
      2,
      l(
        '個人データを保存又は取り扱う国・地域をすべてご記入ください（外国のデータセンター・クラウドサービス、外国の拠点又は再委託先によるものを含みます。日本国内のみの場合は「日本のみ」とご記入ください）。',
        'List every country or region where the personal data is stored or handled (including data centres or cloud services abroad, and your offices or sub-contractors abroad; write "Japan only" if it stays in Japan).',
      ),
      true,
    ),
    ask(
      '10-7-2',
      3,
      l(
        '外国において個人データを取り扱う場合、当該外国の個人情報の保護に関する制度等を把握した上で、安全管理措置を講じていますか（外国で取り扱わない場合は「該当なし」を選択してください）。',
        'Where personal data is handled in a foreign country, do you take the safety-management measures with an understanding of that country’s personal information protection regime? (Choose "not applicable" if it is not handled abroad.)',
      ),
      l('当該外国の制度の調査記録', 'The record of your study of that country’s regime'),
    ),
    write(
      '10-7-3',
      1,
      l(
        'クラウドサービスを利用している場合、その提供事業者名とデータの保存場所（国・地域）をご記入ください。',
        'If you use cloud services, name their providers and where (country or region) they store the data.',
      ),
      false,
    ),
  ],
);

// The consignment itself: what the principal's supervision covers (guidelines §3-4-4;
// prior report or approval of a re-consignment, also §3-4-4; a contractor's notice of a leak to the principal, Art. 26(1)
// and Enforcement Rules Art. 9; return or deletion at the end, JIS Q 15001 A.3.4.3.4).
const consignment = section('consignment', l('委託に関する事項', 'The consignment'), 'consignment', [
  write(
    'consignment-1',
    2,
    l(
      '本委託業務に係る個人データの取扱いの再委託の有無をご記入ください。再委託がある場合は、再委託先の名称、所在地及び再委託する業務の内容をご記入ください（再委託がない場合は「なし」とご記入ください）。',
      'Do you re-consign any of the handling of personal data under this consignment? If so, give each sub-contractor’s name, address and the work re-consigned (write "none" if there is no re-consignment).',
    ),
    true,
  ),
  ask(
    'consignment-2',
    3,
    l(
      '再委託を行う場合は、事前に当社の書面による承認を得ることとしていますか。',
      'Before any re-consignment, do you obtain our prior written approval?',
    ),
  ),
  ask(
    'consignment-3',
    3,
    l(
      '再委託先を選定する際、再委託先の安全管理措置が貴社と同等以上であることを確認していますか。',
      'When choosing a sub-contractor, do you confirm that its safety-management measures are at least equal to yours?',
    ),
    l('再委託先の評価記録', 'The record of the sub-contractor’s assessment'),
  ),
  ask(
    'consignment-4',
    3,
    l(
      '再委託先との契約に安全管理措置、秘密保持、さらなる再委託の条件等を定め、再委託先における取扱状況を定期的に確認していますか。',
      'Does your contract with each sub-contractor set out the safety-management measures, confidentiality and the conditions for further re-consignment, and do you check its handling regularly?',
    ),
    l('再委託契約書の該当条項、再委託先の点検記録', 'The relevant clauses of the sub-contract; records of your checks'),
  ),
  ask(
    'consignment-5',
    3,
    l(
      '漏えい等事案が発生し、又は発生したおそれがあることを把握した場合、直ちに当社へ報告する体制を整えていますか。',
      'Are you set up to report to us at once when you learn that a leak or similar incident has occurred or may have occurred?',
    ),
  ),
  write(
    'consignment-6',
    3,
    l(
      '漏えい等事案を把握してから当社へ第一報を行うまでの期限（何日以内か）をご記入ください（例：把握後1日以内）。',
      'Within how many days of learning of a leak or similar incident do you send us the first report? (e.g. within 1 day)',
    ),
    true,
  ),
  ask(
    'consignment-7',
    3,
    l(
      '委託された個人データを、委託された業務の遂行に必要な範囲内でのみ取り扱い、それ以外の目的に利用しないことを徹底していますか。',
      'Do you make sure that the personal data entrusted to you is handled only as far as the consigned work requires and used for no other purpose?',
    ),
  ),
  ask(
    'consignment-8',
    3,
    l(
      '契約終了時又は当社の求めがあった場合に、委託された個人データ（複製物を含みます）を返却又は削除し、その旨を証明する書面を提出できますか。',
      'At the end of the contract, or when we ask, will you return or delete the personal data entrusted to you (copies included) and give us a written certificate of it?',
    ),
    l('削除証明書・返却確認書のひな形', 'The template certificate of deletion or return'),
  ),
  ask(
    'consignment-9',
    3,
    l(
      '当社による監査（立入りによるものを含みます）及び個人データの取扱状況に関する報告の求めに協力いただけますか。',
      'Will you cooperate with our audits (on-site ones included) and with our requests for reports on how the personal data is handled?',
    ),
  ),
  ask(
    'consignment-10',
    1,
    l(
      '合併・事業譲渡等の組織の変更、又は個人データの取扱いに重大な変更がある場合、事前に当社へ通知することとしていますか。',
      'Do you notify us in advance of any change to your organisation (merger, transfer of business, etc.) or any material change in the handling of personal data?',
    ),
    undefined,
    false,
  ),
  ask(
    'consignment-11',
    1,
    l('プライバシーマークの付与を受けていますか。', 'Have you been granted the PrivacyMark?'),
    undefined,
    false,
  ),
  attach(
    'consignment-12',
    l('プライバシーマーク登録証の写しを添付してください。', 'Attach a copy of your PrivacyMark certificate.'),
    l('有効期間が分かる登録証等の写し', 'A copy showing the period of validity'),
  ),
  ask(
    'consignment-13',
    1,
    l(
      '本委託業務を含む範囲で、ISMS（ISO/IEC 27001）認証を取得していますか（認証範囲に本委託業務が含まれない場合は「一部」を選択してください）。',
      'Do you hold ISMS (ISO/IEC 27001) certification covering the consigned work? (Choose "partly" if its scope does not include the consigned work.)',
    ),
    undefined,
    false,
  ),
  attach(
    'consignment-14',
    l(
      'ISMS 認証登録証（認証範囲が分かるもの）の写しを添付してください。',
      'Attach a copy of your ISMS certificate, showing its scope.',
    ),
    l('認証範囲及び有効期限が分かる登録証の写し', 'A copy showing the scope and expiry date'),
  ),
  ask(
    'consignment-15',
    1,
    l(
      'ISO/IEC 27701（プライバシー情報マネジメントシステム）認証を取得していますか。',
      'Do you hold ISO/IEC 27701 (privacy information management system) certification?',
    ),
    undefined,
    false,
  ),
  attach(
    'consignment-16',
    l('ISO/IEC 27701 認証登録証の写しを添付してください。', 'Attach a copy of your ISO/IEC 27701 certificate.'),
    l('認証範囲及び有効期限が分かる登録証の写し', 'A copy showing the scope and expiry date'),
  ),
]);

export const APPI_STANDARD_ID = 'appi-standard';

export const appiStandard: QuestionnaireTemplate = {
  id: APPI_STANDARD_ID,
  name: l('委託先チェックシート（個人情報保護法 標準）', 'Contractor self-assessment (APPI standard)'),
  version: 1,
  sections: [basicPolicy, handlingRules, organizational, human, physical, technical, externalEnvironment, consignment],
};

export const builtInTemplates: readonly QuestionnaireTemplate[] = [appiStandard];
