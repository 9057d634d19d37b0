import { type SQL, sql } from 'drizzle-orm';

/**
 * An open review: scheduled or in progress, i.e. supervision still to be done. The one
 * definition of it, as a TypeScript predicate and as SQL (tested against each other in
 * tests/unit/supervision-status.test.ts). A review is overdue when it is open and its due
 * date is before today in the organisation's time zone.
 */
export const OPEN_REVIEW_STATUSES = ['scheduled', 'in_progress'] as const;
export type OpenReviewStatus = (typeof OPEN_REVIEW_STATUSES)[number];

export const isOpenReview = (r: { status: string }): boolean =>
  (OPEN_REVIEW_STATUSES as readonly string[]).includes(r.status);

export const isOverdueReview = (r: { status: string; dueDate: string }, today: string): boolean =>
  isOpenReview(r) && r.dueDate < today;

/** `status IN ('scheduled', 'in_progress')` over the given status column. */
export const openReviewSql = (status: SQL): SQL => sql`${status} IN ('scheduled', 'in_progress')`;
