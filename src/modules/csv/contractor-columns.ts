import type { Label } from '../../i18n/labels';

/**
 * The contractor CSV columns, the same for imports, templates and exports: the API field
 * names, their headers in both languages, and the further Japanese headers accepted in
 * their place. Values may be the API's codes or their labels in either language
 * (src/modules/imports/csv-fields.ts reads both).
 */
export interface ColumnSpec {
  field: string;
  /** Japanese headers the import accepts besides the field name and `header`. */
  ja: string[];
  /** The header localised exports and templates write. */
  header: Label;
  example: [string, string];
}

/** `header.ja` under its older name, for the callers that read it so. */
type WithJaHeader<T extends { header: Label }> = T & { jaHeader: string };
const withJaHeader = <T extends { header: Label }>(c: T): WithJaHeader<T> => ({ ...c, jaHeader: c.header.ja });

export const importColumns: WithJaHeader<ColumnSpec>[] = (
  [
    {
      field: 'name',
      ja: ['名称', '委託先名', '会社名'],
      header: { en: 'Name', ja: '名称' },
      example: ['株式会社サンプル物流', 'サンプル配送有限会社'],
    },
    {
      field: 'nameKana',
      ja: ['名称カナ', 'フリガナ', 'カナ'],
      header: { en: 'Name (kana)', ja: 'フリガナ' },
      example: ['カブシキガイシャサンプルブツリュウ', 'サンプルハイソウ'],
    },
    {
      field: 'corporateNumber',
      ja: ['法人番号'],
      header: { en: 'Corporate number', ja: '法人番号' },
      example: ['7010705000725', ''],
    },
    {
      field: 'country',
      ja: ['国', '所在国', '国コード'],
      header: { en: 'Country', ja: '所在国' },
      example: ['JP', 'JP'],
    },
    {
      field: 'contactName',
      ja: ['担当者', '担当者名'],
      header: { en: 'Contact person', ja: '担当者' },
      example: ['鈴木 一郎', ''],
    },
    {
      field: 'contactEmail',
      ja: ['担当者メール', 'メールアドレス', 'メール'],
      header: { en: 'Contact e-mail', ja: 'メールアドレス' },
      example: ['suzuki@example.co.jp', ''],
    },
    {
      field: 'services',
      ja: ['委託業務', '業務内容'],
      header: { en: 'Services', ja: '委託業務' },
      example: ['配送業務', '配送業務（再委託）'],
    },
    {
      field: 'dataCategories',
      ja: ['データ区分', '取扱データ', '個人情報の区分'],
      header: { en: 'Data categories', ja: '取扱データ' },
      example: ['customers;employees', 'customers'],
    },
    {
      field: 'handlesSpecialCare',
      ja: ['要配慮個人情報'],
      header: { en: 'Special-care personal information', ja: '要配慮個人情報' },
      example: ['false', 'いいえ'],
    },
    {
      field: 'handlesPaymentData',
      ja: ['決済情報', '支払情報'],
      header: { en: 'Payment data', ja: '決済情報' },
      example: ['false', 'いいえ'],
    },
    {
      field: 'subjectCount',
      ja: ['本人数', '人数', '件数'],
      header: { en: 'Number of data subjects', ja: '本人数' },
      example: ['150000', '20000'],
    },
    {
      field: 'systemAccess',
      ja: ['システムアクセス', '当社システムへのアクセス'],
      header: { en: 'Access to our systems', ja: 'システムアクセス' },
      example: ['true', 'はい'],
    },
    {
      field: 'parentName',
      ja: ['親委託先', '再委託元', '委託元'],
      header: { en: 'Parent contractor (re-consignment)', ja: '再委託元' },
      example: ['', '株式会社サンプル物流'],
    },
    {
      field: 'crossBorderBasis',
      ja: ['越境移転の根拠', '外国移転の根拠'],
      header: { en: 'Cross-border basis (APPI Art. 28)', ja: '外国移転の根拠' },
      example: ['', ''],
    },
    {
      field: 'riskTierOverride',
      ja: ['リスク区分（手動）', 'リスク上書き'],
      header: { en: 'Manual risk tier', ja: 'リスク区分（手動）' },
      example: ['', ''],
    },
    {
      field: 'riskOverrideReason',
      ja: ['上書き理由'],
      header: { en: 'Reason for the manual tier', ja: '上書き理由' },
      example: ['', ''],
    },
  ] satisfies ColumnSpec[]
).map(withJaHeader);

/**
 * Columns that exports add and imports ignore: they are derived or assigned by itaku, so
 * an exported file can be imported back as it is.
 */
export const exportOnlyColumns: { field: string; header: Label }[] = [
  { field: 'id', header: { en: 'ID', ja: 'ID' } },
  { field: 'status', header: { en: 'Status', ja: 'ステータス' } },
  { field: 'riskTier', header: { en: 'Risk tier', ja: 'リスク区分' } },
  { field: 'riskFactors', header: { en: 'Risk factors', ja: 'リスク要因' } },
  { field: 'reviewIntervalMonths', header: { en: 'Review interval (months)', ja: '評価間隔（月）' } },
  { field: 'supervisionStatus', header: { en: 'Supervision status', ja: '監督状況' } },
  { field: 'nextReviewDue', header: { en: 'Next review due', ja: '次回評価期限' } },
  { field: 'daysOverdue', header: { en: 'Days overdue', ja: '超過日数' } },
  { field: 'lastReviewOutcome', header: { en: 'Last review outcome', ja: '前回評価結果' } },
  { field: 'lastReviewCompletedOn', header: { en: 'Last review completed on', ja: '前回評価日' } },
  { field: 'openFindings', header: { en: 'Open findings', ja: '未是正の指摘' } },
  { field: 'agreementGaps', header: { en: 'Missing agreement clauses', ja: '契約の不足条項' } },
  { field: 'openAlerts', header: { en: 'Open alerts', ja: '未対応アラート' } },
];
