import type { dataCategories } from '../../../db/schema';
import { type LabelTable, labels } from '../../i18n/labels';
import { exportOnlyColumns, importColumns } from '../csv/contractor-columns';

/** Import headers and values as people type them in Excel, → the API's fields and values. */
const normalizeHeader = (h: string) =>
  h
    .normalize('NFKC')
    .trim()
    .replace(/^\uFEFF/, '')
    .toLowerCase();

const byHeader = new Map<string, string>();
for (const c of importColumns) {
  for (const h of [c.field, c.header.en, c.header.ja, ...c.ja]) byHeader.set(normalizeHeader(h), c.field);
}
const ignored = new Set<string>();
for (const c of exportOnlyColumns) {
  for (const h of [c.field, c.header.en, c.header.ja]) ignored.add(normalizeHeader(h));
}
ignored.add(normalizeHeader('parentId'));

/** The field a header names, `null` for an export-only column, `undefined` if unknown. */
export function fieldForHeader(header: string): string | null | undefined {
  const key = normalizeHeader(header);
  if (ignored.has(key)) return null;
  return byHeader.get(key);
}

const labelKey = (v: string) => v.normalize('NFKC').trim().toLowerCase();

/** Every label of a table, in both languages (as localised exports write them) → its code. */
function codesByLabel<V extends string>(table: LabelTable<V>, extra: Record<string, V> = {}): Record<string, V> {
  const byLabel: Record<string, V> = {};
  for (const [code, label] of Object.entries(table) as [V, { ja: string; en: string }][]) {
    byLabel[labelKey(label.ja)] = code;
    byLabel[labelKey(label.en)] = code;
  }
  for (const [alias, code] of Object.entries(extra)) byLabel[labelKey(alias)] = code;
  return byLabel;
}

const categoryLabels = codesByLabel<(typeof dataCategories)[number]>(labels.dataCategory, {
  採用応募者: 'applicants',
  問い合わせ者: 'inquirers',
});

/** `customers;employees`, `顧客;従業員` (`;`, `；`, `、` or `,` between items). */
export function parseCategories(value: string): string[] {
  return value
    .normalize('NFKC')
    .split(/[;,、]/)
    .map((v) => v.trim())
    .filter(Boolean)
    .map((v) => categoryLabels[labelKey(v)] ?? v.toLowerCase());
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
  ...codesByLabel(labels.crossBorderBasis, {
    同意: 'consent',
    相当措置: 'equivalent_measures',
    基準に適合する体制: 'equivalent_measures',
  }),
  ...codesByLabel(labels.riskTier),
};

/** A cross-border basis or risk tier: the code, or its label in either language. */
export const parseEnum = (value: string): string => {
  const v = labelKey(value);
  return enumLabels[v] ?? v;
};

/** Whole numbers as people type them: full-width digits and thousands separators. */
export function parseCount(value: string): number | string {
  const v = value.normalize('NFKC').trim().replace(/[,，]/g, '');
  return /^\d+$/.test(v) ? Number(v) : value;
}
