import { sql } from 'drizzle-orm';
import { addDays } from '../../domain/calendar';
import { contractorSupervisionStatusSql } from '../../domain/supervision-status';
import type { Db } from '../../platform/db';

/** The dates the summary counts by. */
export interface SummaryDates {
  today: string;
  soon: string;
  monthStart: string;
  nextMonthStart: string;
  afterNextMonth: string;
}

/** A count table's date column with '' read back as the NULL it stands for (the migration's keys cannot be NULL). */
const nullable = (column: string) => sql.raw(`nullif(${column}, '')`);

/**
 * The summary's figures, from the counts that triggers keep in the unit of every write
 * (db/migrations/0017_dashboard_counts.sql; its tables are reached only here, through
 * `sql`): each figure that depends on "today" is a sum over a few thousand date rows, with
 * the very predicates the scan of the tables uses (dashboard-scan.repo.ts), so the
 * summary stays fast at 100,000 contractors and 1M reviews.
 */
export async function summaryCounts(db: Db, d: SummaryDates) {
  const { today, soon, monthStart, nextMonthStart, afterNextMonth } = d;
  const due = sql.raw('day');
  const endDate = nullable('fixed_end_date');
  const terminatedOn = nullable('terminated_on');
  const [byStatus, matrixRows, reviewRows, alertRows, agreementRows, incidentRows, findingRows] = await Promise.all([
    db.all<{ status: string; n: number }>(
      sql`SELECT status, sum(n) AS n FROM dashboard_contractor_counts GROUP BY status`,
    ),
    db.all<{ tier: string; sup: string; n: number }>(sql`
      SELECT risk_tier AS tier,
        ${contractorSupervisionStatusSql(nullable('next_review_due'), sql.raw('status'), today, soon)} AS sup,
        sum(n) AS n
      FROM dashboard_contractor_counts WHERE status <> 'terminated' GROUP BY tier, sup`),
    db.all<{ overdue: number; due_soon: number; this_month: number; next_month: number }>(sql`
      SELECT
        sum(open_n * (${due} < ${today})) AS overdue,
        sum(open_n * (${due} >= ${today} AND ${due} <= ${soon})) AS due_soon,
        sum(open_n * (${due} >= ${monthStart} AND ${due} < ${nextMonthStart})) AS this_month,
        sum(open_n * (${due} >= ${nextMonthStart} AND ${due} < ${afterNextMonth})) AS next_month
      FROM dashboard_review_days WHERE open_n > 0`),
    // alerts_unresolved_severity_idx (a count table's triggers would slow the sweep's writes),
    // grouped by its leading rank (one rank per severity) so that no sort is needed.
    db.all<{ severity: string; n: number }>(
      sql`SELECT severity, count(*) AS n FROM alerts WHERE status <> 'resolved'
        GROUP BY CASE severity WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END`,
    ),
    db.all<{ expiring: number; with_gaps: number }>(sql`
      SELECT
        sum(n * (${endDate} >= ${today} AND ${endDate} <= ${addDays(today, 60)})) AS expiring,
        sum(n * has_gaps) AS with_gaps
      FROM dashboard_agreement_counts WHERE ${terminatedOn} IS NULL OR ${terminatedOn} > ${today}`),
    // Open incidents are few (an index range), so they are counted where they are.
    db.all<{ open: number; reportable: number; next_deadline: string | null }>(sql`
      SELECT count(*) AS open, sum(reportable) AS reportable,
        min(CASE WHEN preliminary_reported_on IS NULL AND final_reported_on IS NULL THEN preliminary_due_on
                 WHEN final_reported_on IS NULL THEN final_due_on END) AS next_deadline
      FROM incidents WHERE status = 'open'`),
    db.all<{ overdue: number }>(
      sql`SELECT coalesce(sum(n), 0) AS overdue FROM dashboard_finding_days WHERE due_date < ${today}`,
    ),
  ]);
  return { byStatus, matrixRows, reviewRows, alertRows, agreementRows, incidentRows, findingRows };
}

/** Reviews due (not cancelled) and completed per month (`YYYY-MM`) in [from, to), from the daily counts. */
export async function reviewMonths(db: Db, from: string, to: string) {
  const [due, done] = await Promise.all([
    db.all<{ month: string; n: number }>(sql`
      SELECT substr(day, 1, 7) AS month, sum(due_n) AS n FROM dashboard_review_days
      WHERE day >= ${from} AND day < ${to} AND due_n > 0 GROUP BY month`),
    db.all<{ month: string; n: number }>(sql`
      SELECT substr(day, 1, 7) AS month, sum(done_n) AS n FROM dashboard_review_days
      WHERE day >= ${from} AND day < ${to} AND done_n > 0 GROUP BY month`),
  ]);
  return { due, done };
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
export async function openReviewsBetween(db: Db, from: string | null, to: string, limit = 10) {
  return db.all<DueReview>(sql`
    SELECT r.id, r.contractor_id, c.name AS contractor_name, r.kind, r.due_date, r.assignee
    FROM reviews r JOIN contractors c ON c.id = r.contractor_id
    WHERE r.status IN ('scheduled', 'in_progress') AND r.due_date < ${to}
      ${from ? sql`AND r.due_date >= ${from}` : sql``}
    ORDER BY r.due_date, r.id LIMIT ${limit}`);
}

/** Agreements ending within 60 days, and agreements in force with missing clauses. */
export async function agreementWatchlist(db: Db, today: string, limit = 10) {
  const [expiring, gaps] = await Promise.all([
    db.all<{ id: string; contractor_id: string; contractor_name: string; title: string; end_date: string }>(sql`
      SELECT g.id, g.contractor_id, c.name AS contractor_name, g.title, g.end_date
      FROM agreements g JOIN contractors c ON c.id = g.contractor_id
      WHERE g.auto_renew = 0 AND g.end_date >= ${today} AND g.end_date <= ${addDays(today, 60)}
        AND (g.terminated_on IS NULL OR g.terminated_on > ${today})
      ORDER BY g.end_date LIMIT ${limit}`),
    db.all<{ id: string; contractor_id: string; contractor_name: string; title: string; missing: number }>(sql`
      SELECT g.id, g.contractor_id, c.name AS contractor_name, g.title, g.missing_clause_count AS missing
      FROM agreements g JOIN contractors c ON c.id = g.contractor_id
      WHERE g.missing_clause_count > 0 AND (g.terminated_on IS NULL OR g.terminated_on > ${today})
      ORDER BY g.missing_clause_count DESC, g.id LIMIT ${limit}`),
  ]);
  return { expiring, gaps };
}
