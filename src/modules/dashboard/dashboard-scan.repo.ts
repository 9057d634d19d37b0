import { sql } from 'drizzle-orm';
import { addDays } from '../../domain/calendar';
import { contractorSupervisionStatusSql } from '../../domain/supervision-status';
import type { Db } from '../../platform/db';
import type { SummaryDates } from './dashboard.repo';

/**
 * The summary's figures counted from the registry's tables themselves: the definition
 * the maintained counts of dashboard.repo.ts are checked against (tests, bench). Too slow
 * to serve (a scan of the open reviews and of every agreement per call).
 */
export async function summaryCountsByScan(db: Db, d: SummaryDates) {
  const { today, soon, monthStart, nextMonthStart, afterNextMonth } = d;
  const [byStatus, matrixRows, reviewRows, alertRows, agreementRows, incidentRows, findingRows] = await Promise.all([
    db.all<{ status: string; n: number }>(sql`SELECT status, count(*) AS n FROM contractors GROUP BY status`),
    db.all<{ tier: string; sup: string; n: number }>(sql`
      SELECT risk_tier AS tier,
        ${contractorSupervisionStatusSql(sql.raw('next_review_due'), sql.raw('status'), today, soon)} AS sup,
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
  return { byStatus, matrixRows, reviewRows, alertRows, agreementRows, incidentRows, findingRows };
}

/** Reviews due (not cancelled) and completed per month (`YYYY-MM`) in [from, to), from the reviews themselves. */
export async function reviewMonthsByScan(db: Db, from: string, to: string) {
  const [due, done] = await Promise.all([
    db.all<{ month: string; n: number }>(sql`
      SELECT substr(due_date, 1, 7) AS month, count(*) AS n FROM reviews
      WHERE due_date >= ${from} AND due_date < ${to} AND status <> 'cancelled' GROUP BY month`),
    db.all<{ month: string; n: number }>(sql`
      SELECT substr(completed_on, 1, 7) AS month, count(*) AS n FROM reviews
      WHERE status = 'completed' AND completed_on >= ${from} AND completed_on < ${to} GROUP BY month`),
  ]);
  return { due, done };
}
