import { sql } from 'drizzle-orm';
import type { AppDeps } from '../../app-env';
import { addDays, addMonths } from '../../domain/calendar';
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
