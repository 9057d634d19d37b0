import { addDays, daysBetween } from '../../domain/calendar';
import { assessRisk } from '../../domain/risk';
import type { ServiceContext } from '../../platform/app-env';
import { toCleanText } from '../../platform/text';
import { supervisionStatusOf } from '../contractors/contractors.present';
import { DUE_SOON_DAYS } from '../contractors/contractors.repo';
import { CSV_BOM, csvLines, protectCell } from '../csv/cells';
import { type CsvFormat, headerOf } from '../csv/csv-format';
import {
  type ExportFilter,
  type ReviewExportFilter,
  type ReviewExportRow,
  reviewsPage,
  reviewsWhere,
  type StatusRow,
  supervisionPage,
  supervisionWhere,
} from './exports.repo';
import { type ReviewLine, reviewColumns } from './reviews.columns';
import { type SupervisionLine, supervisionColumns } from './supervision.columns';

export type { ExportFilter } from './exports.repo';

/**
 * Rows per database read: small enough that one read holds the event loop for only a few
 * milliseconds (other requests are served between pages), large enough to be quick.
 * Supervision rows carry per-contractor subqueries, so their pages are smaller.
 */
export const EXPORT_PAGE_ROWS = 1000;
const SUPERVISION_PAGE_ROWS = 250;

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

/**
 * A CSV stream read in keyset pages: each pull reads the next page after yielding to the
 * event loop, so a long export neither holds the database connection nor blocks other
 * requests, and memory stays flat however many rows there are. UTF-8 with a BOM and
 * CRLF line ends, so Excel opens Japanese text correctly.
 */
function pagedCsv<R extends { id: string }>(
  header: string[],
  readPage: (afterId: string | null) => Promise<R[]>,
  toCells: (row: R) => unknown[],
  pageRows = EXPORT_PAGE_ROWS,
): ReadableStream<Uint8Array> {
  let afterId: string | null = null;
  let started = false;
  let done = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(`${CSV_BOM}${csvLines([header])}`));
        return;
      }
      if (done) return;
      await new Promise((resolve) => setTimeout(resolve, 0));
      const rows = await readPage(afterId);
      if (rows.length) controller.enqueue(encoder.encode(csvLines(rows.map((r) => toCells(r).map(cell)))));
      const last = rows.at(-1);
      if (!last || rows.length < pageRows) {
        done = true;
        controller.close();
      } else afterId = last.id;
    },
  });
}

/**
 * The supervision status of every contractor (filters as GET /contractors), one row
 * each. Its profile columns are the import columns, so the file imports back as it is.
 */
export function supervisionStatusCsv(
  ctx: ServiceContext,
  filter: ExportFilter,
  format: CsvFormat,
): ReadableStream<Uint8Array> {
  const today = ctx.clock.today();
  const soon = addDays(today, DUE_SOON_DAYS);
  const where = supervisionWhere(filter, today, soon);
  const line = (r: StatusRow): SupervisionLine => {
    const risk = assessRisk({
      handlesSpecialCare: !!r.handles_special_care,
      handlesPaymentData: !!r.handles_payment_data,
      subjectCount: r.subject_count,
      systemAccess: !!r.system_access,
      country: r.country,
      isSubContractor: r.parent_id !== null,
      processingCountries: JSON.parse(r.processing_countries) as string[],
    });
    const supervision = supervisionStatusOf({ status: r.status, nextReviewDue: r.next_review_due }, today, soon);
    return {
      ...r,
      categories: JSON.parse(r.data_categories) as string[],
      riskFactors: risk.factors,
      supervision,
      daysOverdue: supervision === 'overdue' && r.next_review_due ? daysBetween(r.next_review_due, today) : 0,
      reviewIntervalMonths: ctx.config.reviewIntervals[r.risk_tier],
    };
  };
  return pagedCsv<StatusRow>(
    supervisionColumns.map((c) => headerOf(c, format)),
    (afterId) => supervisionPage(ctx.db, where, today, afterId, SUPERVISION_PAGE_ROWS),
    (r) => {
      const l = line(r);
      return supervisionColumns.map((c) => c.value(l, format));
    },
    SUPERVISION_PAGE_ROWS,
  );
}

/** Every review, the supervision history for an auditor, in the order they were created. */
export function reviewsCsv(
  ctx: ServiceContext,
  filter: ReviewExportFilter,
  format: CsvFormat,
): ReadableStream<Uint8Array> {
  const today = ctx.clock.today();
  const where = reviewsWhere(filter);
  return pagedCsv<ReviewExportRow>(
    reviewColumns.map((c) => headerOf(c, format)),
    (afterId) => reviewsPage(ctx.db, where, afterId, EXPORT_PAGE_ROWS),
    (r) => {
      const l: ReviewLine = {
        ...r,
        overdue: (r.status === 'scheduled' || r.status === 'in_progress') && r.due_date < today,
      };
      return reviewColumns.map((c) => c.value(l, format));
    },
  );
}
