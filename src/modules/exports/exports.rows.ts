import type { Config } from '../../platform/config';
import { toCleanText } from '../../platform/text-output';
import { CSV_BOM, csvLines, protectCell } from '../csv/cells';
import { type CsvFormat, headerOf } from '../csv/csv-format';
import type { ExportFilter } from './exports.repo';
import { reviewColumns } from './reviews.columns';
import type { ReviewExportFilter } from './reviews.repo';
import { supervisionColumns } from './supervision.columns';

/**
 * The CSV bytes of the exports, page by page, from a database handle alone: the same
 * code runs on the request's side (Workers) and in Node's export threads, which is what
 * keeps the files byte for byte the same wherever they are read. Each file's rows are in
 * its own module (supervision.rows.ts, reviews.rows.ts), so that a thread loads only
 * what its file needs.
 */

/**
 * Rows per database read: small enough that one read holds its thread for only a few
 * milliseconds, large enough to be quick (on D1 each read is a round trip). Supervision
 * rows carry per-contractor subqueries, so their pages are smaller.
 */
export const EXPORT_PAGE_ROWS = 1000;
export const SUPERVISION_PAGE_ROWS = 250;
/**
 * Rows per read in Node's export threads, where a read costs no round trip. A page's rows
 * are still in use when the thread's young generation is next collected (the next page is
 * read while the server writes this one), so they move to its old generation, which only
 * a full collection empties: at 1,000 rows a page, `reviews.csv` grew the process by some
 * 90 MB at its peak, at 250 by some 55 MB, in the same time.
 */
export const THREAD_PAGE_ROWS = 250;

/** Everything an export's rows depend on, as plain data (it crosses to a worker thread). */
export type ExportRowsJob = SupervisionRowsJob | ReviewRowsJob;

export interface SupervisionRowsJob {
  file: 'supervision-status';
  filter: ExportFilter;
  format: CsvFormat;
  /** The organisation's date the export is as of (supervision status, days overdue). */
  today: string;
  reviewIntervals: Config['reviewIntervals'];
}

export interface ReviewRowsJob {
  file: 'reviews';
  filter: ReviewExportFilter;
  format: CsvFormat;
  today: string;
}

const encoder = new TextEncoder();
/**
 * One CSV cell from a stored value. Rows written before the text rules existed may hold
 * anything: NUL, other controls, bidi overrides and lone surrogates are removed and line
 * breaks become LF (papaparse then quotes the cell, so a line break stays inside it).
 * Formula protection comes last, so that a removed control cannot uncover a leading `=`.
 */
const cell = (v: unknown): string | number => {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  return protectCell(toCleanText(String(v)));
};

/** The first bytes of the file: UTF-8 BOM (so Excel reads Japanese text) and the header line. */
export function csvHead(job: ExportRowsJob): Uint8Array {
  const columns = job.file === 'reviews' ? reviewColumns : supervisionColumns;
  return encoder.encode(`${CSV_BOM}${csvLines([columns.map((c) => headerOf(c, job.format))])}`);
}

/** Reads keyset pages in id order until one comes back short; one CRLF-ended chunk per page. */
export async function* csvPages<R extends { id: string }>(
  readPage: (afterId: string | null) => Promise<R[]>,
  toCells: (row: R) => unknown[],
  pageRows: number,
): AsyncGenerator<Uint8Array> {
  let afterId: string | null = null;
  for (;;) {
    const rows = await readPage(afterId);
    if (rows.length) yield encoder.encode(csvLines(rows.map((r) => toCells(r).map(cell))));
    const last = rows.at(-1);
    if (!last || rows.length < pageRows) return;
    afterId = last.id;
  }
}
