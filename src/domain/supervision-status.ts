import { type SQL, sql } from 'drizzle-orm/sql';
import { addDays } from './calendar';
import type { ContractorStatus } from './supervision';

/**
 * A contractor's supervision status, from the due date of its next open review
 * (`contractors.next_review_due`), its lifecycle status and the organisation's "today". The
 * one definition: the TypeScript functions and the SQL fragments below say the same thing
 * and are tested against each other (tests/unit/supervision-status.test.ts).
 *
 * A contractor not yet selected (`proposed`: no selection review has passed yet, or none
 * was ever done) is never "on track" and never merely "nothing scheduled": until it is
 * selected (APPI Art. 25; PPC General Guidelines 通則編 3-4-4 (1)) its status is
 * `selection_pending`, unless a review of it is overdue or due soon, which says more.
 */
export const SUPERVISION_STATUSES = ['overdue', 'due_soon', 'on_track', 'none_scheduled', 'selection_pending'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];
/** What the schedule alone says, whatever the contractor's lifecycle status. */
export type ScheduleStatus = Exclude<SupervisionStatus, 'selection_pending'>;

/** The lifecycle status of a contractor not yet selected: approval needs a passing selection. */
export const NOT_YET_SELECTED: ContractorStatus = 'proposed';

/** The same as a SQL literal (a constant, not a bound value, so the planner sees it). */
const notYetSelectedSql = sql.raw(`'${NOT_YET_SELECTED}'`);

/** A review due within this many days is "due soon" (and raises `review_due_soon`). */
export const DUE_SOON_DAYS = 14;

/** The last date that still counts as due soon. */
export const dueSoonUntil = (today: string): string => addDays(today, DUE_SOON_DAYS);

/** The schedule alone: what the next open review's due date says. */
export function supervisionStatus(
  nextReviewDue: string | null,
  today: string,
  soon: string = dueSoonUntil(today),
): ScheduleStatus {
  if (nextReviewDue === null) return 'none_scheduled';
  if (nextReviewDue < today) return 'overdue';
  if (nextReviewDue <= soon) return 'due_soon';
  return 'on_track';
}

/** A contractor's supervision status: the schedule, and whether the contractor has been selected yet. */
export function supervisionStatusOf(
  contractor: { status: string; nextReviewDue: string | null },
  today: string,
  soon: string = dueSoonUntil(today),
): SupervisionStatus {
  const schedule = supervisionStatus(contractor.nextReviewDue, today, soon);
  if (contractor.status !== NOT_YET_SELECTED) return schedule;
  return schedule === 'overdue' || schedule === 'due_soon' ? schedule : 'selection_pending';
}

/** The schedule alone as a SQL `CASE` over a date column. */
export function supervisionStatusSql(nextReviewDue: SQL, today: string, soon: string = dueSoonUntil(today)): SQL {
  return sql`CASE WHEN ${nextReviewDue} IS NULL THEN 'none_scheduled' WHEN ${nextReviewDue} < ${today} THEN 'overdue'
    WHEN ${nextReviewDue} <= ${soon} THEN 'due_soon' ELSE 'on_track' END`;
}

/** `supervisionStatusOf` as a SQL `CASE` over the due-date and lifecycle-status columns (for counts by status). */
export function contractorSupervisionStatusSql(
  nextReviewDue: SQL,
  contractorStatus: SQL,
  today: string,
  soon: string = dueSoonUntil(today),
): SQL {
  return sql`CASE WHEN ${nextReviewDue} < ${today} THEN 'overdue' WHEN ${nextReviewDue} <= ${soon} THEN 'due_soon'
    WHEN ${contractorStatus} = ${notYetSelectedSql} THEN 'selection_pending'
    WHEN ${nextReviewDue} IS NULL THEN 'none_scheduled' ELSE 'on_track' END`;
}

/**
 * `supervisionStatusOf` as a condition that selects one status, written so that an index
 * serves it (a range or IS NULL on the date column, or the lifecycle status), never the CASE.
 */
export function supervisionStatusIs(
  status: SupervisionStatus,
  nextReviewDue: SQL,
  today: SQL | string,
  soon: SQL | string,
  contractorStatus: SQL,
): SQL {
  const selected = sql`${contractorStatus} <> ${notYetSelectedSql}`;
  switch (status) {
    case 'overdue':
      return sql`${nextReviewDue} < ${today}`;
    case 'due_soon':
      return sql`${nextReviewDue} >= ${today} AND ${nextReviewDue} <= ${soon}`;
    case 'on_track':
      return sql`${nextReviewDue} > ${soon} AND ${selected}`;
    case 'none_scheduled':
      return sql`${nextReviewDue} IS NULL AND ${selected}`;
    case 'selection_pending':
      return sql`${contractorStatus} = ${notYetSelectedSql} AND (${nextReviewDue} IS NULL OR ${nextReviewDue} > ${soon})`;
  }
}
