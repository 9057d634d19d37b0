import { sql } from 'drizzle-orm';
import { addDays, addMonths } from '../../domain/calendar';
import type { AppDeps } from '../../platform/app-env';
import { DUE_SOON_DAYS } from '../contractors/contractors.repo';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

const tiers = ['high', 'medium', 'low'] as const;
const supervision = ['overdue', 'due_soon', 'on_track', 'none_scheduled'] as const;
const statuses = ['proposed', 'approved', 'active', 'suspended', 'terminated'] as const;
const severities = ['info', 'warning', 'critical'] as const;

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/**
 * Supervision status at a glance: each figure is one aggregate over an index, so the
 * summary stays fast at 100,000 contractors. Terminated contractors are left out of the
 * tier × supervision matrix: they are no longer supervised.
 */
export async function dashboardSummary(deps: Deps) {
  const today = deps.clock.today();
  const soon = addDays(today, DUE_SOON_DAYS);
  const monthStart = `${today.slice(0, 8)}01`;
  const nextMonthStart = addMonths(monthStart, 1);
  const afterNextMonth = addMonths(monthStart, 2);
  const db = deps.db;

  const [byStatus, matrixRows, reviewRows, alertRows, agreementRows, incidentRows, findingRows] = await Promise.all([
    db.all<{ status: string; n: number }>(sql`SELECT status, count(*) AS n FROM contractors GROUP BY status`),
    db.all<{ tier: string; sup: string; n: number }>(sql`
      SELECT risk_tier AS tier,
        CASE WHEN next_review_due IS NULL THEN 'none_scheduled' WHEN next_review_due < ${today} THEN 'overdue'
             WHEN next_review_due <= ${soon} THEN 'due_soon' ELSE 'on_track' END AS sup,
        count(*) AS n
      FROM contractors WHERE status <> 'terminated' GROUP BY tier, sup`),
    db.all<{ overdue: number; due_soon: number; this_month: number; next_month: number }>(sql`
      SELECT
        sum(due_date < ${today}) AS overdue,
        sum(due_date >= ${today} AND due_date <= ${soon}) AS due_soon,
        sum(due_date >= ${monthStart} AND due_date < ${nextMonthStart}) AS this_month,
        sum(due_date >= ${nextMonthStart} AND due_date < ${afterNextMonth}) AS next_month
      FROM reviews WHERE status IN ('scheduled', 'in_progress')`),
    db.all<{ severity: string; n: number }>(
      sql`SELECT severity, count(*) AS n FROM alerts WHERE status <> 'resolved' GROUP BY severity`,
    ),
    db.all<{ expiring: number; with_gaps: number }>(sql`
      SELECT
        sum(auto_renew = 0 AND end_date >= ${today} AND end_date <= ${addDays(today, 60)}) AS expiring,
        sum(missing_clause_count > 0) AS with_gaps
      FROM agreements WHERE terminated_on IS NULL OR terminated_on > ${today}`),
    db.all<{ open: number; reportable: number; next_deadline: string | null }>(sql`
      SELECT count(*) AS open, sum(reportable) AS reportable,
        min(CASE WHEN preliminary_reported_on IS NULL AND final_reported_on IS NULL THEN preliminary_due_on
                 WHEN final_reported_on IS NULL THEN final_due_on END) AS next_deadline
      FROM incidents WHERE status = 'open'`),
    db.all<{ overdue: number }>(
      sql`SELECT count(*) AS overdue FROM findings WHERE status = 'open' AND due_date < ${today}`,
    ),
  ]);

  const contractorsByStatus = zeros(statuses);
  for (const r of byStatus) contractorsByStatus[r.status as (typeof statuses)[number]] = r.n;
  const matrix = Object.fromEntries(tiers.map((t) => [t, zeros(supervision)])) as Record<
    (typeof tiers)[number],
    Record<(typeof supervision)[number], number>
  >;
  for (const r of matrixRows) matrix[r.tier as (typeof tiers)[number]][r.sup as (typeof supervision)[number]] = r.n;
  const openAlerts = zeros(severities);
  for (const r of alertRows) openAlerts[r.severity as (typeof severities)[number]] = r.n;
  const rv = reviewRows[0];
  const ag = agreementRows[0];
  const inc = incidentRows[0];
  return {
    today,
    contractors: { byStatus: contractorsByStatus, total: byStatus.reduce((s, r) => s + r.n, 0) },
    supervision: matrix,
    reviews: {
      overdue: rv?.overdue ?? 0,
      dueSoon: rv?.due_soon ?? 0,
      thisMonth: rv?.this_month ?? 0,
      nextMonth: rv?.next_month ?? 0,
    },
    findings: { overdue: findingRows[0]?.overdue ?? 0 },
    openAlerts: { ...openAlerts, total: alertRows.reduce((s, r) => s + r.n, 0) },
    agreements: { expiringWithin60Days: ag?.expiring ?? 0, withGaps: ag?.with_gaps ?? 0 },
    incidents: { open: inc?.open ?? 0, reportable: inc?.reportable ?? 0, nextDeadline: inc?.next_deadline ?? null },
  };
}

/** Reviews due and completed per month over the last 12 months (for the dashboard chart). */
export async function reviewsPerMonth(deps: Deps) {
  const today = deps.clock.today();
  const thisMonth = `${today.slice(0, 8)}01`;
  const from = addMonths(thisMonth, -11);
  const to = addMonths(thisMonth, 1);
  const [due, done] = await Promise.all([
    deps.db.all<{ month: string; n: number }>(sql`
      SELECT substr(due_date, 1, 7) AS month, count(*) AS n FROM reviews
      WHERE due_date >= ${from} AND due_date < ${to} AND status <> 'cancelled' GROUP BY month`),
    deps.db.all<{ month: string; n: number }>(sql`
      SELECT substr(completed_on, 1, 7) AS month, count(*) AS n FROM reviews
      WHERE status = 'completed' AND completed_on >= ${from} AND completed_on < ${to} GROUP BY month`),
  ]);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(from, i).slice(0, 7));
  const dueBy = new Map(due.map((r) => [r.month, r.n]));
  const doneBy = new Map(done.map((r) => [r.month, r.n]));
  return months.map((month) => ({ month, due: dueBy.get(month) ?? 0, completed: doneBy.get(month) ?? 0 }));
}

export interface DueReview {
  id: string;
  contractor_id: string;
  contractor_name: string;
  kind: string;
  due_date: string;
  assignee: string | null;
}

/** The open reviews in a due-date window, earliest first (at most `limit`). */
export async function openReviewsBetween(deps: Deps, from: string | null, to: string, limit = 10) {
  return deps.db.all<DueReview>(sql`
    SELECT r.id, r.contractor_id, c.name AS contractor_name, r.kind, r.due_date, r.assignee
    FROM reviews r JOIN contractors c ON c.id = r.contractor_id
    WHERE r.status IN ('scheduled', 'in_progress') AND r.due_date < ${to}
      ${from ? sql`AND r.due_date >= ${from}` : sql``}
    ORDER BY r.due_date, r.id LIMIT ${limit}`);
}

/** Agreements ending within 60 days, and agreements in force with missing clauses. */
export async function agreementWatchlist(deps: Deps, limit = 10) {
  const today = deps.clock.today();
  const [expiring, gaps] = await Promise.all([
    deps.db.all<{ id: string; contractor_id: string; contractor_name: string; title: string; end_date: string }>(sql`
      SELECT g.id, g.contractor_id, c.name AS contractor_name, g.title, g.end_date
      FROM agreements g JOIN contractors c ON c.id = g.contractor_id
      WHERE g.auto_renew = 0 AND g.end_date >= ${today} AND g.end_date <= ${addDays(today, 60)}
        AND (g.terminated_on IS NULL OR g.terminated_on > ${today})
      ORDER BY g.end_date LIMIT ${limit}`),
    deps.db.all<{ id: string; contractor_id: string; contractor_name: string; title: string; missing: number }>(sql`
      SELECT g.id, g.contractor_id, c.name AS contractor_name, g.title, g.missing_clause_count AS missing
      FROM agreements g JOIN contractors c ON c.id = g.contractor_id
      WHERE g.missing_clause_count > 0 AND (g.terminated_on IS NULL OR g.terminated_on > ${today})
      ORDER BY g.missing_clause_count DESC, g.id LIMIT ${limit}`),
  ]);
  return { expiring, gaps };
}
