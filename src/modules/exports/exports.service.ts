import { sql } from 'drizzle-orm';
import Papa from 'papaparse';
import { addDays, daysBetween } from '../../domain/calendar';
import { assessRisk } from '../../domain/risk';
import { escapeLike, normalizeForSearch } from '../../domain/search-text';
import type { AppDeps } from '../../platform/app-env';
import { toCleanText } from '../../platform/text';
import { DUE_SOON_DAYS } from '../contractors/contractors.repo';
import { supervisionStatus } from '../contractors/contractors.service';
import { exportOnlyColumns, importColumns } from '../imports/contractor-columns';
import { protectCell } from '../imports/csv-text';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

/**
 * Rows per database read: small enough that one read holds the event loop for only a few
 * milliseconds (other requests are served between pages), large enough to be quick.
 * Supervision rows carry per-contractor subqueries, so their pages are smaller.
 */
export const EXPORT_PAGE_ROWS = 1000;
const SUPERVISION_PAGE_ROWS = 250;

const encoder = new TextEncoder();
const csvLines = (rows: unknown[][]) => `${Papa.unparse(rows, { newline: '\r\n' })}\r\n`;
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
        controller.enqueue(encoder.encode(`\uFEFF${csvLines([header])}`));
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

export interface ExportFilter {
  status?: string;
  riskTier?: string;
  supervisionStatus?: 'on_track' | 'due_soon' | 'overdue' | 'none_scheduled';
  q?: string;
  parentId?: string;
}

interface StatusRow {
  id: string;
  name: string;
  name_kana: string | null;
  corporate_number: string | null;
  country: string;
  contact_name: string | null;
  contact_email: string | null;
  services: string | null;
  data_categories: string;
  handles_special_care: number;
  handles_payment_data: number;
  subject_count: number;
  system_access: number;
  parent_name: string | null;
  parent_id: string | null;
  cross_border_basis: string | null;
  risk_tier_override: string | null;
  risk_override_reason: string | null;
  status: string;
  risk_tier: 'high' | 'medium' | 'low';
  next_review_due: string | null;
  last_outcome: string | null;
  last_completed_on: string | null;
  open_findings: number;
  agreement_gaps: number;
  open_alerts: number;
}

/**
 * The supervision status of every contractor (filters as GET /contractors), one row
 * each. Its profile columns are the import columns, so the file imports back as it is.
 */
export function supervisionStatusCsv(
  deps: Deps,
  filter: ExportFilter,
  headers: 'en' | 'ja',
): ReadableStream<Uint8Array> {
  const today = deps.clock.today();
  const soon = addDays(today, DUE_SOON_DAYS);
  const columns = [...importColumns, ...exportOnlyColumns];
  const header = columns.map((c) => (headers === 'ja' ? c.jaHeader : c.field));
  const conditions = [sql`1 = 1`];
  if (filter.status) conditions.push(sql`c.status = ${filter.status}`);
  if (filter.riskTier) conditions.push(sql`c.risk_tier = ${filter.riskTier}`);
  if (filter.parentId) conditions.push(sql`c.parent_id = ${filter.parentId}`);
  if (filter.q) conditions.push(sql`c.search_text LIKE ${`%${escapeLike(normalizeForSearch(filter.q))}%`} ESCAPE '\\'`);
  if (filter.supervisionStatus === 'overdue') conditions.push(sql`c.next_review_due < ${today}`);
  if (filter.supervisionStatus === 'due_soon') conditions.push(sql`c.next_review_due BETWEEN ${today} AND ${soon}`);
  if (filter.supervisionStatus === 'on_track') conditions.push(sql`c.next_review_due > ${soon}`);
  if (filter.supervisionStatus === 'none_scheduled') conditions.push(sql`c.next_review_due IS NULL`);
  const where = sql.join(conditions, sql` AND `);

  return pagedCsv<StatusRow>(
    header,
    async (afterId) =>
      await deps.db.all<StatusRow>(sql`
        SELECT c.id, c.name, c.name_kana, c.corporate_number, c.country, c.contact_name, c.contact_email, c.services,
          c.data_categories, c.handles_special_care, c.handles_payment_data, c.subject_count, c.system_access,
          p.name AS parent_name, c.parent_id, c.cross_border_basis, c.risk_tier_override, c.risk_override_reason,
          c.status, c.risk_tier, c.next_review_due,
          (SELECT r.outcome FROM reviews r WHERE r.contractor_id = c.id AND r.status = 'completed'
            ORDER BY r.completed_on DESC LIMIT 1) AS last_outcome,
          (SELECT max(r.completed_on) FROM reviews r WHERE r.contractor_id = c.id AND r.status = 'completed') AS last_completed_on,
          (SELECT count(*) FROM findings f WHERE f.contractor_id = c.id AND f.status = 'open') AS open_findings,
          (SELECT coalesce(sum(g.missing_clause_count), 0) FROM agreements g WHERE g.contractor_id = c.id
            AND (g.terminated_on IS NULL OR g.terminated_on > ${today})) AS agreement_gaps,
          (SELECT count(*) FROM alerts a WHERE a.contractor_id = c.id AND a.status <> 'resolved') AS open_alerts
        FROM contractors c LEFT JOIN contractors p ON p.id = c.parent_id
        WHERE ${where} AND c.id > ${afterId ?? ''}
        ORDER BY c.id LIMIT ${SUPERVISION_PAGE_ROWS}`),
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
        deps.config.reviewIntervals[r.risk_tier],
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

interface ReviewExportRow {
  id: string;
  contractor_id: string;
  contractor_name: string;
  kind: string;
  due_date: string;
  status: string;
  assignee: string | null;
  completed_on: string | null;
  outcome: string | null;
  checklist_organizational: string;
  checklist_human: string;
  checklist_physical: string;
  checklist_technical: string;
  notes: string | null;
  cancel_reason: string | null;
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
  deps: Deps,
  filter: { contractorId?: string; status?: string; kind?: string },
  headers: 'en' | 'ja',
): ReadableStream<Uint8Array> {
  const today = deps.clock.today();
  const conditions = [sql`1 = 1`];
  if (filter.contractorId) conditions.push(sql`r.contractor_id = ${filter.contractorId}`);
  if (filter.status) conditions.push(sql`r.status = ${filter.status}`);
  if (filter.kind) conditions.push(sql`r.kind = ${filter.kind}`);
  const where = sql.join(conditions, sql` AND `);
  return pagedCsv<ReviewExportRow>(
    reviewColumns.map(([en, ja]) => (headers === 'ja' ? ja : en)),
    async (afterId) =>
      await deps.db.all<ReviewExportRow>(sql`
        SELECT r.id, r.contractor_id, c.name AS contractor_name, r.kind, r.due_date, r.status, r.assignee,
          r.completed_on, r.outcome, r.checklist_organizational, r.checklist_human, r.checklist_physical,
          r.checklist_technical, r.notes, r.cancel_reason
        FROM reviews r JOIN contractors c ON c.id = r.contractor_id
        WHERE ${where} AND r.id > ${afterId ?? ''}
        ORDER BY r.id LIMIT ${EXPORT_PAGE_ROWS}`),
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
