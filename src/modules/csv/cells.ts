import Papa from 'papaparse';

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Spreadsheet formula injection: a cell starting with = + - @ is run as a formula by
 * Excel. Exports prefix such cells with an apostrophe; imports remove it again, so a
 * value survives the round trip unchanged.
 */
export const protectCell = (value: string): string => (FORMULA_START.test(value) ? `'${value}` : value);
export const unprotectCell = (value: string): string =>
  value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;

/** Put before the first line: with it, Excel opens UTF-8 Japanese text correctly. */
export const CSV_BOM = '\uFEFF';

/** CSV lines with CRLF line ends, as Excel writes them, the last one ended too. */
export const csvLines = (rows: unknown[][]): string => `${Papa.unparse(rows, { newline: '\r\n' })}\r\n`;
