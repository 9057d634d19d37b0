import { type SQL, sql } from 'drizzle-orm';
import { addDays } from './calendar';

/**
 * A contractor's supervision status, from the due date of its next open review
 * (`contractors.next_review_due`) and the organisation's "today". The one definition: the
 * TypeScript function and the SQL fragments below say the same thing and are tested
 * against each other (tests/unit/supervision-status.test.ts).
 */
export const SUPERVISION_STATUSES = ['overdue', 'due_soon', 'on_track', 'none_scheduled'] as const;
export type SupervisionStatus = (typeof SUPERVISION_STATUSES)[number];

/** A review due within this many days is "due soon" (and raises `review_due_soon`). */
export const DUE_SOON_DAYS = 14;

/** The last date that still counts as due soon. */
export const dueSoonUntil = (today: string): string => addDays(today, DUE_SOON_DAYS);

export function supervisionStatus(
  nextReviewDue: string | null,
  today: string,
  soon: string = dueSoonUntil(today),
): SupervisionStatus {
  if (nextReviewDue === null) return 'none_scheduled';
  if (nextReviewDue < today) return 'overdue';
  if (nextReviewDue <= soon) return 'due_soon';
  return 'on_track';
}

/** The same as a SQL `CASE` over a date column (for counts by status). */
export function supervisionStatusSql(nextReviewDue: SQL, today: string, soon: string = dueSoonUntil(today)): SQL {
  return sql`CASE WHEN ${nextReviewDue} IS NULL THEN 'none_scheduled' WHEN ${nextReviewDue} < ${today} THEN 'overdue'
    WHEN ${nextReviewDue} <= ${soon} THEN 'due_soon' ELSE 'on_track' END`;
}

/**
 * The same as a condition that selects one status, written so that an index on the date
 * column serves it (a range or IS NULL, never the CASE).
 */
export function supervisionStatusIs(
  status: SupervisionStatus,
  nextReviewDue: SQL,
  today: SQL | string,
  soon: SQL | string,
): SQL {
  switch (status) {
    case 'overdue':
      return sql`${nextReviewDue} < ${today}`;
    case 'due_soon':
      return sql`${nextReviewDue} >= ${today} AND ${nextReviewDue} <= ${soon}`;
    case 'on_track':
      return sql`${nextReviewDue} > ${soon}`;
    case 'none_scheduled':
      return sql`${nextReviewDue} IS NULL`;
  }
}
