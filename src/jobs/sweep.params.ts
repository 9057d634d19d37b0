import { type SQL, sql } from 'drizzle-orm';
import { addDays, addMonths } from '../domain/calendar';
import { openReviewSql } from '../domain/open-review';
import { dueSoonUntil } from '../domain/supervision-status';

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
}

/** The dates every condition is judged against, from the organisation's today. */
export const sweepParams = (today: string): SweepParams => ({
  today,
  soon: dueSoonUntil(today),
  month: addDays(today, 30),
  expiring: addDays(today, 60),
  reportWarn: addDays(today, 2),
  privacyMarkRenewal: addMonths(today, 8),
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
}

export const openReview = openReviewSql(sql.raw('r.status'));
export const liveContractor = sql.raw(`c.status <> 'terminated'`);
export const agreementInForce = (p: SweepParams) => sql`(g.terminated_on IS NULL OR g.terminated_on > ${p.today})`;
