import { type SQL, sql } from 'drizzle-orm';
import { addDays, addMonths } from '../domain/calendar';
import { openReviewSql } from '../domain/open-review';
import { DUE_WARN_DAYS } from '../domain/subject-requests';
import { dueSoonUntil } from '../domain/supervision-status';
import { REMINDER_LEAD_DAYS } from '../notify/questionnaire-outbox';

/**
 * The alert conditions, each as state ("due before today and not done"), never as
 * "due equals today + N", so a day the sweep did not run is caught up on the next run.
 * Each condition is a FROM … WHERE over indexed columns that yields one row per
 * subject; the sweep raises an alert for subjects without an unresolved one, and
 * resolves unresolved alerts whose subject no longer matches.
 */
export interface SweepParams {
  today: string;
  /** today + 14: reviews due soon. */
  soon: string;
  /** today + 30: notice deadlines and cross-border confirmations. */
  month: string;
  /** today + 60: agreements expiring. */
  expiring: string;
  /** today + 2: incident reports warn this many days ahead. */
  reportWarn: string;
  /** today + 8 months: a Privacy Mark's renewal application window opens. */
  privacyMarkRenewal: string;
  /** today + 3: requests from individuals warn this many days ahead. */
  requestWarn: string;
  /** today + 7: questionnaire reminders start this many days before the due date. */
  reminderLeadEnd: string;
}

/** The dates every condition is judged against, from the organisation's today. */
export const sweepParams = (today: string): SweepParams => ({
  today,
  soon: dueSoonUntil(today),
  month: addDays(today, 30),
  expiring: addDays(today, 60),
  reportWarn: addDays(today, 2),
  privacyMarkRenewal: addMonths(today, 8),
  requestWarn: addDays(today, DUE_WARN_DAYS),
  reminderLeadEnd: addDays(today, REMINDER_LEAD_DAYS),
});

export interface AlertCondition {
  kind: string;
  subjectType:
    | 'review'
    | 'contractor'
    | 'agreement'
    | 'finding'
    | 'incident'
    | 'document'
    | 'questionnaire'
    | 'subject_request';
  /** FROM … WHERE …, with the subject aliased so that `subject` names its id. */
  source: (p: SweepParams) => SQL;
  subject: SQL;
  contractor: SQL;
  due: SQL;
  severity: (p: SweepParams) => SQL;
  message: SQL;
  /**
   * For a run after an earlier one (src/jobs/sweep.statements.ts): a predicate over the
   * source's aliases, true at least for every subject the calendar may have moved INTO the
   * condition between the earlier run's day (`from`) and this run's (`to`). Absent: only a
   * write moves a subject in, and writes are listed in sweep_changes.
   */
  enters?: (from: SweepParams, to: SweepParams) => SQL;
  /** Likewise, a `SELECT … AS id` of at least every subject the calendar may have moved OUT. */
  leaves?: (from: SweepParams, to: SweepParams) => SQL;
  /** Checked in full at every run: the tables are small, or the subject is not one contractor's. */
  full?: true;
}

/**
 * Between two runs' days `a` and `b`, a comparison of `column` with one of the day's dates
 * (`pick`) can only have changed for the values in between: `column < date` (or `>=`) for
 * a ≤ value < b, `column <= date` (or `>`) for a < value ≤ b. On the same day, for none.
 */
export const passed = (column: string, a: SweepParams, b: SweepParams, pick: keyof SweepParams) =>
  sql`(${sql.raw(column)} >= ${a[pick]} AND ${sql.raw(column)} < ${b[pick]})`;
export const reached = (column: string, a: SweepParams, b: SweepParams, pick: keyof SweepParams) =>
  sql`(${sql.raw(column)} > ${a[pick]} AND ${sql.raw(column)} <= ${b[pick]})`;

export const openReview = openReviewSql(sql.raw('r.status'));
export const liveContractor = sql.raw(`c.status <> 'terminated'`);
export const agreementInForce = (p: SweepParams) => sql`(g.terminated_on IS NULL OR g.terminated_on > ${p.today})`;
