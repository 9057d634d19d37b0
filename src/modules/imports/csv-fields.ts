import type { dataCategories } from '../../../db/schema';
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
