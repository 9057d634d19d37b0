import Papa from 'papaparse';
import { type FieldError, rowError } from '../../platform/problem';
import { issueCode } from '../../platform/router';
import { checkProfile, type Profile, profileFromInput } from '../contractors/contractors.profile';
import { CreateContractorSchema } from '../contractors/contractors.schemas';
import { unprotectCell } from '../csv/cells';
import { fieldForHeader, parseBoolean, parseCategories, parseCount, parseEnum } from './csv-fields';

export const MAX_IMPORT_ROWS = 20_000;

/** One refused cell, row or column: `row` 0 is the header, `field` the column. */
export type ImportError = Omit<FieldError, 'path'> & { row: number; field: string };

/** A data row that passed the field rules: its profile, and the parent it names. */
export interface Parsed {
  row: number;
  profile: Profile;
  parentName: string | null;
}

/** One data row → the API's create body, with values as people type them in Excel. */
function toBody(record: Record<string, string>) {
  const body: Record<string, unknown> = {};
  for (const [field, raw] of Object.entries(record)) {
    const value = unprotectCell(raw).trim();
    switch (field) {
      case 'dataCategories':
        body[field] = parseCategories(value);
        break;
      case 'handlesSpecialCare':
      case 'handlesPaymentData':
      case 'systemAccess':
        body[field] = parseBoolean(value) ?? value;
        break;
      case 'subjectCount':
        if (value !== '') body[field] = parseCount(value);
        break;
      case 'crossBorderBasis':
      case 'riskTierOverride':
        body[field] = value === '' ? null : parseEnum(value);
        break;
      case 'country':
        if (value !== '') body[field] = value.normalize('NFKC').toUpperCase();
        break;
      case 'corporateNumber':
      case 'nameKana':
      case 'contactName':
      case 'contactEmail':
      case 'services':
      case 'riskOverrideReason':
        body[field] = value === '' ? null : value;
        break;
      default:
        body[field] = value;
    }
  }
  return body;
}

/**
 * The file's header and rows, each row checked with the registry's field rules exactly as
 * for POST /contractors; every error goes to `errors`. `rows` is null when the file as a
 * whole cannot be read (no header, too many rows, unknown or repeated columns): then the
 * rows are not checked further.
 */
export function parseFile(text: string, errors: ImportError[]): { rows: Parsed[] | null; dataRows: number } {
  const parsed = Papa.parse<string[]>(text, { skipEmptyLines: 'greedy', delimiter: ',' });
  for (const e of parsed.errors) {
    errors.push(rowError(Math.max(0, e.row ?? 0), '(file)', 'csvSyntax', { detail: e.message }));
  }
  const [header, ...data] = parsed.data;
  if (!header) {
    errors.push(rowError(0, '(file)', 'fileEmpty'));
    return { rows: null, dataRows: 0 };
  }
  if (data.length > MAX_IMPORT_ROWS) {
    errors.push(rowError(0, '(file)', 'tooManyRows', { max: MAX_IMPORT_ROWS }));
    return { rows: null, dataRows: data.length };
  }
  const fields: (string | null)[] = header.map((h) => {
    const f = fieldForHeader(h);
    if (f === undefined && h.trim() !== '') errors.push(rowError(0, h, 'notAColumn'));
    return f ?? null;
  });
  for (const required of ['name', 'dataCategories']) {
    if (!fields.includes(required)) errors.push(rowError(0, required, 'columnRequired'));
  }
  const seen = new Set<string>();
  fields.forEach((f, i) => {
    if (f && seen.has(f)) errors.push(rowError(0, header[i] ?? f, 'columnTwice'));
    if (f) seen.add(f);
  });
  if (errors.length) return { rows: null, dataRows: data.length };

  // Row shape and the registry's field rules, exactly as for POST /contractors.
  const rows: Parsed[] = [];
  data.forEach((cells, index) => {
    const row = index + 1;
    if (cells.length !== header.length) {
      errors.push(rowError(row, '(row)', 'cellCount', { cells: cells.length, header: header.length }));
      return;
    }
    const record: Record<string, string> = {};
    fields.forEach((f, i) => {
      if (f) record[f] = cells[i] ?? '';
    });
    const { parentName = '', ...body } = toBody(record) as Record<string, unknown> & { parentName?: string };
    const shape = CreateContractorSchema.safeParse(body);
    if (!shape.success) {
      for (const issue of shape.error.issues) {
        errors.push({ row, field: String(issue.path[0] ?? '(row)'), message: issue.message, ...issueCode(issue) });
      }
      return;
    }
    const input = shape.data;
    const checked = checkProfile(profileFromInput({ ...input, parentId: null }));
    for (const { path, ...e } of checked.errors) errors.push({ row, field: path, ...e });
    if (!checked.errors.length) rows.push({ row, profile: checked.profile, parentName: String(parentName) || null });
  });

  return { rows, dataRows: data.length };
}
