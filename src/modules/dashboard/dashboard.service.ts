import { addDays, addMonths } from '../../domain/calendar';
import { SUPERVISION_STATUSES } from '../../domain/supervision-status';
import type { ServiceContext } from '../../platform/app-env';
import { DUE_SOON_DAYS } from '../contractors/contractors.repo';
import * as repo from './dashboard.repo';

export type { DueReview } from './dashboard.repo';

const tiers = ['high', 'medium', 'low'] as const;
const supervision = SUPERVISION_STATUSES;
const statuses = ['proposed', 'approved', 'active', 'suspended', 'terminated'] as const;
const severities = ['info', 'warning', 'critical'] as const;

const zeros = <K extends string>(keys: readonly K[]) =>
  Object.fromEntries(keys.map((k) => [k, 0])) as Record<K, number>;

/** Where the summary's figures come from: the maintained counts, or the scan that defines them. */
export type SummaryCounts = typeof repo.summaryCounts;

/**
 * Supervision status at a glance, from the counts kept in the unit of every write
 * (dashboard.repo.ts), so the summary stays fast at 100,000 contractors and 1M reviews;
 * `counts` is the scan of the tables (dashboard-scan.repo.ts) where they are checked.
 * Terminated contractors are left out of the tier × supervision matrix: they are no
 * longer supervised. Contractors not yet selected have their own column
 * (`selection_pending`), so "nothing scheduled" and "on track" count only contractors that
 * passed selection (src/domain/supervision-status.ts).
 */
export async function dashboardSummary(ctx: ServiceContext, counts: SummaryCounts = repo.summaryCounts) {
  const today = ctx.clock.today();
  const soon = addDays(today, DUE_SOON_DAYS);
  const monthStart = `${today.slice(0, 8)}01`;
  const nextMonthStart = addMonths(monthStart, 1);
  const afterNextMonth = addMonths(monthStart, 2);
  const { byStatus, matrixRows, reviewRows, alertRows, agreementRows, incidentRows, findingRows } = await counts(
    ctx.db,
    { today, soon, monthStart, nextMonthStart, afterNextMonth },
  );

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
export async function reviewsPerMonth(ctx: ServiceContext, monthly: typeof repo.reviewMonths = repo.reviewMonths) {
  const today = ctx.clock.today();
  const thisMonth = `${today.slice(0, 8)}01`;
  const from = addMonths(thisMonth, -11);
  const to = addMonths(thisMonth, 1);
  const { due, done } = await monthly(ctx.db, from, to);
  const months = Array.from({ length: 12 }, (_, i) => addMonths(from, i).slice(0, 7));
  const dueBy = new Map(due.map((r) => [r.month, r.n]));
  const doneBy = new Map(done.map((r) => [r.month, r.n]));
  return months.map((month) => ({ month, due: dueBy.get(month) ?? 0, completed: doneBy.get(month) ?? 0 }));
}

/** The open reviews in a due-date window, earliest first (at most `limit`). */
export async function openReviewsBetween(ctx: ServiceContext, from: string | null, to: string, limit = 10) {
  return repo.openReviewsBetween(ctx.db, from, to, limit);
}

/** Agreements ending within 60 days, and agreements in force with missing clauses. */
export async function agreementWatchlist(ctx: ServiceContext, limit = 10) {
  return repo.agreementWatchlist(ctx.db, ctx.clock.today(), limit);
}
