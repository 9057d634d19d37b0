import { addDays } from '../../domain/calendar';
import type { ServiceContext } from '../../platform/app-env';
import { presentAgreement } from '../agreements/agreements.service';
import { dashboardSummary, openReviewsBetween } from '../dashboard/dashboard.service';
import { presentIncident } from '../incidents/incidents.service';
import * as repo from './report.repo';

/** Rows per list of the report: a board reads the first ones; the CSV has them all. */
export const REPORT_ROWS = 200;
/** Agreements ending within this many days are listed; within the nearer window they are flagged. */
export const ENDING_DAYS = 90;
export const ENDING_SOON_DAYS = 60;

export interface ReportPeriod {
  from: string;
  to: string;
}

/** A list of the report: its first rows, and whether more follow. */
const capped = <T>(rows: T[]) => ({ rows: rows.slice(0, REPORT_ROWS), more: rows.length > REPORT_ROWS });

/**
 * The supervision report for the board or an auditor (APPI Art. 25: the supervision of
 * contractors, shown as it stands): the dashboard's figures by risk tier, what is overdue,
 * open incidents and their deadlines to the PPC, agreements with missing items or ending,
 * and the reviews completed in the period.
 */
export async function supervisionReport(ctx: ServiceContext, period: ReportPeriod) {
  const today = ctx.clock.today();
  const until = addDays(today, ENDING_DAYS);
  const soon = addDays(today, ENDING_SOON_DAYS);
  const more = REPORT_ROWS + 1;
  const [summary, overdueReviews, overdueFindings, incidents, gaps, ending, completed, byOutcome] = await Promise.all([
    dashboardSummary(ctx),
    openReviewsBetween(ctx, null, today, more),
    repo.overdueFindings(ctx.db, today, more),
    repo.openIncidents(ctx.db, more),
    repo.agreementsWithGaps(ctx.db, today, more),
    repo.agreementsEnding(ctx.db, today, until, more),
    repo.completedReviews(ctx.db, period.from, period.to, more),
    repo.completedByOutcome(ctx.db, period.from, period.to),
  ]);
  const agreement = (r: { agreement: Parameters<typeof presentAgreement>[0]; contractorName: string }) => ({
    ...presentAgreement(r.agreement, today),
    contractorName: r.contractorName,
  });
  return {
    today,
    period,
    summary,
    overdueReviews: capped(overdueReviews),
    overdueFindings: capped(overdueFindings),
    incidents: capped(
      incidents.map((r) => ({ ...presentIncident(r.incident, today), contractorName: r.contractorName })),
    ),
    agreementsWithGaps: capped(gaps.map(agreement)),
    agreementsEnding: {
      ...capped(
        ending.map((r) => {
          const a = agreement(r);
          const endsOn = (a.autoRenew ? a.noticeDeadline : a.endDate) ?? today;
          return { ...a, endsOn, withinSoon: endsOn <= soon };
        }),
      ),
      days: ENDING_DAYS,
      soonDays: ENDING_SOON_DAYS,
    },
    completed: {
      ...capped(completed),
      total: byOutcome.reduce((n, r) => n + Number(r.n), 0),
      byOutcome: Object.fromEntries(byOutcome.map((r) => [r.outcome ?? '', Number(r.n)])) as Record<string, number>,
    },
  };
}

export type SupervisionReport = Awaited<ReturnType<typeof supervisionReport>>;
