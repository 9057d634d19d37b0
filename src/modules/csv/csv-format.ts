import { type Label, type LabelTable, labelOf } from '../../i18n/labels';
import type { Lang } from '../../i18n/language';

/**
 * How a CSV file is written. `lang` null is the machine format: the API's field names as
 * headers and its codes as values, unchanged for scripts. With a `lang` the headers are
 * that language's labels and so are the values (labels, not codes; `codes` keeps the
 * codes under localised headers).
 */
export interface CsvFormat {
  lang: Lang | null;
  codes: boolean;
  /** Machine format only: Japanese headers over code values (the older `headers=ja`). */
  jaHeaders?: boolean;
}

export const MACHINE_FORMAT: CsvFormat = { lang: null, codes: true };

/** One column of a CSV file: its field name, its header in both languages, its value. */
export interface CsvColumn<R> {
  field: string;
  header: Label;
  value: (row: R, format: CsvFormat) => unknown;
}

/** The header of a column in this format. */
export function headerOf(column: { field: string; header: Label }, format: CsvFormat): string {
  if (format.lang) return column.header[format.lang];
  return format.jaHeaders ? column.header.ja : column.field;
}

const yesNo: Record<Lang, [string, string]> = { ja: ['はい', 'いいえ'], en: ['Yes', 'No'] };

/** A code as its label, unless the format keeps codes. */
export function enumCell<V extends string>(table: LabelTable<V>, value: string | null, format: CsvFormat) {
  if (value === null || value === '') return null;
  return format.lang && !format.codes ? labelOf(table as LabelTable<string>, value, format.lang) : value;
}

/** A list of codes, `;` between them (as the import reads them back). */
export const listCell = <V extends string>(table: LabelTable<V>, values: readonly string[], format: CsvFormat) =>
  values.map((v) => enumCell(table, v, format)).join(';');

/** true/false for machines, はい/いいえ or Yes/No for people (the import reads all of them). */
export function boolCell(value: boolean, format: CsvFormat): string | boolean {
  if (!format.lang || format.codes) return value;
  const [yes, no] = yesNo[format.lang];
  return value ? yes : no;
}
