/**
 * The contractor CSV columns, the same for imports, templates and exports: the API field
 * names, and the Japanese headers accepted in their place. Values may be English (API)
 * values or the Japanese labels the import understands (src/modules/imports/csv-fields.ts).
 */
export interface ColumnSpec {
  field: string;
  ja: string[];
  /** The header Japanese exports and templates use. */
  jaHeader: string;
  example: [string, string];
}

export const importColumns: ColumnSpec[] = [
  {
    field: 'name',
    ja: ['名称', '委託先名', '会社名'],
    jaHeader: '名称',
    example: ['株式会社サンプル物流', 'サンプル配送有限会社'],
  },
  {
    field: 'nameKana',
    ja: ['名称カナ', 'フリガナ', 'カナ'],
    jaHeader: 'フリガナ',
    example: ['カブシキガイシャサンプルブツリュウ', 'サンプルハイソウ'],
  },
  { field: 'corporateNumber', ja: ['法人番号'], jaHeader: '法人番号', example: ['7010705000725', ''] },
  { field: 'country', ja: ['国', '所在国', '国コード'], jaHeader: '所在国', example: ['JP', 'JP'] },
  { field: 'contactName', ja: ['担当者', '担当者名'], jaHeader: '担当者', example: ['鈴木 一郎', ''] },
  {
    field: 'contactEmail',
    ja: ['担当者メール', 'メールアドレス', 'メール'],
    jaHeader: 'メールアドレス',
    example: ['suzuki@example.co.jp', ''],
  },
  {
    field: 'services',
    ja: ['委託業務', '業務内容'],
    jaHeader: '委託業務',
    example: ['配送業務', '配送業務（再委託）'],
  },
  {
    field: 'dataCategories',
    ja: ['データ区分', '取扱データ', '個人情報の区分'],
    jaHeader: '取扱データ',
    example: ['customers;employees', 'customers'],
  },
  { field: 'handlesSpecialCare', ja: ['要配慮個人情報'], jaHeader: '要配慮個人情報', example: ['false', 'いいえ'] },
  { field: 'handlesPaymentData', ja: ['決済情報', '支払情報'], jaHeader: '決済情報', example: ['false', 'いいえ'] },
  { field: 'subjectCount', ja: ['本人数', '人数', '件数'], jaHeader: '本人数', example: ['150000', '20000'] },
  {
    field: 'systemAccess',
    ja: ['システムアクセス', '当社システムへのアクセス'],
    jaHeader: 'システムアクセス',
    example: ['true', 'はい'],
  },
  {
    field: 'parentName',
    ja: ['親委託先', '再委託元', '委託元'],
    jaHeader: '再委託元',
    example: ['', '株式会社サンプル物流'],
  },
  {
    field: 'crossBorderBasis',
    ja: ['越境移転の根拠', '外国移転の根拠'],
    jaHeader: '外国移転の根拠',
    example: ['', ''],
  },
  {
    field: 'riskTierOverride',
    ja: ['リスク区分（手動）', 'リスク上書き'],
    jaHeader: 'リスク区分（手動）',
    example: ['', ''],
  },
  { field: 'riskOverrideReason', ja: ['上書き理由'], jaHeader: '上書き理由', example: ['', ''] },
];

/**
 * Columns that exports add and imports ignore: they are derived or assigned by itaku, so
 * an exported file can be imported back as it is.
 */
export const exportOnlyColumns: { field: string; jaHeader: string }[] = [
  { field: 'id', jaHeader: 'ID' },
  { field: 'status', jaHeader: 'ステータス' },
  { field: 'riskTier', jaHeader: 'リスク区分' },
  { field: 'riskFactors', jaHeader: 'リスク要因' },
  { field: 'reviewIntervalMonths', jaHeader: '評価間隔（月）' },
  { field: 'supervisionStatus', jaHeader: '監督状況' },
  { field: 'nextReviewDue', jaHeader: '次回評価期限' },
  { field: 'daysOverdue', jaHeader: '超過日数' },
  { field: 'lastReviewOutcome', jaHeader: '前回評価結果' },
  { field: 'lastReviewCompletedOn', jaHeader: '前回評価日' },
  { field: 'openFindings', jaHeader: '未是正の指摘' },
  { field: 'agreementGaps', jaHeader: '契約の不足条項' },
  { field: 'openAlerts', jaHeader: '未対応アラート' },
];
