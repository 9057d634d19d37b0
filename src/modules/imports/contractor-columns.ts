import type { dataCategories } from '../../../db/schema';

/**
 * The contractor CSV columns: the API field names, and the Japanese headers accepted in
 * their place. Values may be English (API) values or the Japanese labels listed here.
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

const normalizeHeader = (h: string) =>
  h
    .normalize('NFKC')
    .trim()
    .replace(/^\uFEFF/, '')
    .toLowerCase();

const byHeader = new Map<string, string>();
for (const c of importColumns) {
  byHeader.set(normalizeHeader(c.field), c.field);
  for (const ja of c.ja) byHeader.set(normalizeHeader(ja), c.field);
}
const ignored = new Set<string>();
for (const c of exportOnlyColumns) {
  ignored.add(normalizeHeader(c.field));
  ignored.add(normalizeHeader(c.jaHeader));
}
ignored.add(normalizeHeader('parentId'));

/** The field a header names, `null` for an export-only column, `undefined` if unknown. */
export function fieldForHeader(header: string): string | null | undefined {
  const key = normalizeHeader(header);
  if (ignored.has(key)) return null;
  return byHeader.get(key);
}

const categoryLabels: Record<string, (typeof dataCategories)[number]> = {
  顧客: 'customers',
  取引先: 'business_partners',
  応募者: 'applicants',
  採用応募者: 'applicants',
  問合せ者: 'inquirers',
  問い合わせ者: 'inquirers',
  受託業務: 'commissioned_work',
  従業員: 'employees',
};

/** `customers;employees`, `顧客;従業員` (`;`, `；`, `、` or `,` between items). */
export function parseCategories(value: string): string[] {
  return value
    .normalize('NFKC')
    .split(/[;,、]/)
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => categoryLabels[v] ?? v.toLowerCase());
}

const yes = new Set(['true', '1', 'yes', 'y', 'はい', '有', 'あり', '○', '◯']);
const no = new Set(['false', '0', 'no', 'n', 'いいえ', '無', 'なし', '×', '']);

/** true/false, 1/0, yes/no, はい/いいえ; undefined when it is none of these. */
export function parseBoolean(value: string): boolean | undefined {
  const v = value.normalize('NFKC').trim().toLowerCase();
  if (yes.has(v)) return true;
  if (no.has(v)) return false;
  return undefined;
}

const enumLabels: Record<string, string> = {
  同意: 'consent',
  本人の同意: 'consent',
  相当措置: 'equivalent_measures',
  基準に適合する体制: 'equivalent_measures',
  高: 'high',
  中: 'medium',
  低: 'low',
};

export const parseEnum = (value: string): string => {
  const v = value.normalize('NFKC').trim();
  return enumLabels[v] ?? v.toLowerCase();
};

/** Whole numbers as people type them: full-width digits and thousands separators. */
export function parseCount(value: string): number | string {
  const v = value.normalize('NFKC').trim().replace(/[,，]/g, '');
  return /^\d+$/.test(v) ? Number(v) : value;
}
