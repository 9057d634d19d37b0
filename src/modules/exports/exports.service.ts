import { addDays, daysBetween } from '../../domain/calendar';
import { assessRisk } from '../../domain/risk';
import type { ServiceContext } from '../../platform/app-env';
import { toCleanText } from '../../platform/text';
import { supervisionStatus } from '../contractors/contractors.present';
import { DUE_SOON_DAYS } from '../contractors/contractors.repo';
import { CSV_BOM, csvLines, protectCell } from '../csv/cells';
import { exportOnlyColumns, importColumns } from '../csv/contractor-columns';
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
  headers: 'en' | 'ja',
): ReadableStream<Uint8Array> {
  const today = ctx.clock.today();
  const soon = addDays(today, DUE_SOON_DAYS);
  const columns = [...importColumns, ...exportOnlyColumns];
  const header = columns.map((c) => (headers === 'ja' ? c.jaHeader : c.field));
  const where = supervisionWhere(filter, today, soon);

  return pagedCsv<StatusRow>(
    header,
    (afterId) => supervisionPage(ctx.db, where, today, afterId, SUPERVISION_PAGE_ROWS),
    (r) => {
      const categories = JSON.parse(r.data_categories) as string[];
      const risk = assessRisk({
        handlesSpecialCare: !!r.handles_special_care,
        handlesPaymentData: !!r.handles_payment_data,
        subjectCount: r.subject_count,
        systemAccess: !!r.system_access,
        country: r.country,
        isSubContractor: r.parent_id !== null,
      });
      const sup = supervisionStatus(r.next_review_due, today);
      return [
        r.name,
        r.name_kana,
        r.corporate_number,
        r.country,
        r.contact_name,
        r.contact_email,
        r.services,
        categories.join(';'),
        !!r.handles_special_care,
        !!r.handles_payment_data,
        r.subject_count,
        !!r.system_access,
        r.parent_name,
        r.cross_border_basis,
        r.risk_tier_override,
        r.risk_override_reason,
        r.id,
        r.status,
        r.risk_tier,
        risk.factors.join(';'),
        ctx.config.reviewIntervals[r.risk_tier],
        sup,
        r.next_review_due,
        sup === 'overdue' && r.next_review_due ? daysBetween(r.next_review_due, today) : 0,
        r.last_outcome,
        r.last_completed_on,
        r.open_findings,
        r.agreement_gaps,
        r.open_alerts,
      ];
    },
    SUPERVISION_PAGE_ROWS,
  );
}

const reviewColumns = [
  ['id', 'ID'],
  ['contractorId', '委託先ID'],
  ['contractorName', '委託先名'],
  ['kind', '種別'],
  ['dueDate', '期限'],
  ['status', 'ステータス'],
  ['overdue', '期限超過'],
  ['assignee', '担当者'],
  ['completedOn', '実施日'],
  ['outcome', '結果'],
  ['organizational', '組織的安全管理措置'],
  ['human', '人的安全管理措置'],
  ['physical', '物理的安全管理措置'],
  ['technical', '技術的安全管理措置'],
  ['notes', '所見'],
  ['cancelReason', '中止理由'],
] as const;

/** Every review, the supervision history for an auditor, in the order they were created. */
export function reviewsCsv(
  ctx: ServiceContext,
  filter: ReviewExportFilter,
  headers: 'en' | 'ja',
): ReadableStream<Uint8Array> {
  const today = ctx.clock.today();
  const where = reviewsWhere(filter);
  return pagedCsv<ReviewExportRow>(
    reviewColumns.map(([en, ja]) => (headers === 'ja' ? ja : en)),
    (afterId) => reviewsPage(ctx.db, where, afterId, EXPORT_PAGE_ROWS),
    (r) => [
      r.id,
      r.contractor_id,
      r.contractor_name,
      r.kind,
      r.due_date,
      r.status,
      (r.status === 'scheduled' || r.status === 'in_progress') && r.due_date < today,
      r.assignee,
      r.completed_on,
      r.outcome,
      r.checklist_organizational,
      r.checklist_human,
      r.checklist_physical,
      r.checklist_technical,
      r.notes,
      r.cancel_reason,
    ],
  );
}
