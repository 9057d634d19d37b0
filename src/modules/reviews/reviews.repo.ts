import { and, desc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm';
import { contractors, type ReviewRow, reviews } from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';

export const OPEN_STATUSES = ['scheduled', 'in_progress'] as const;

export async function findReview(db: Db, id: string): Promise<ReviewRow | undefined> {
  return db.select().from(reviews).where(eq(reviews.id, id)).get();
}

export async function openReviewsOf(db: Db, contractorId: string): Promise<ReviewRow[]> {
  return db
    .select()
    .from(reviews)
    .where(and(eq(reviews.contractorId, contractorId), inArray(reviews.status, [...OPEN_STATUSES])))
    .orderBy(reviews.dueDate)
    .all();
}

/** The latest completed review of the contractor, optionally of one kind (or excluding one). */
export async function lastCompletedReview(
  db: Db,
  contractorId: string,
  kind?: { is?: ReviewRow['kind']; not?: ReviewRow['kind'] },
): Promise<ReviewRow | undefined> {
  return db
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews.contractorId, contractorId),
        eq(reviews.status, 'completed'),
        isNotNull(reviews.completedOn),
        kind?.is ? eq(reviews.kind, kind.is) : undefined,
        kind?.not ? ne(reviews.kind, kind.not) : undefined,
      ),
    )
    .orderBy(desc(reviews.completedOn))
    .limit(1)
    .get();
}

/**
 * Keeps `contractors.next_review_due` equal to the earliest open review's due date. It
 * runs last in every unit that changes reviews, so it sees that unit's own writes.
 */
export function refreshNextReviewDue(db: Db, contractorId: string): Statement {
  return db
    .update(contractors)
    .set({
      nextReviewDue: sql`(SELECT MIN(${reviews.dueDate}) FROM ${reviews} WHERE ${reviews.contractorId} = ${contractorId} AND ${reviews.status} IN ('scheduled', 'in_progress'))`,
    })
    .where(eq(contractors.id, contractorId));
}

/** A versioned update of one review inside a larger unit, followed by its guard. */
export function reviewUpdate(db: Db, current: ReviewRow, next: ReviewRow): Statement[] {
  const { id: _id, createdAt: _c, ...changes } = next;
  return [
    db
      .update(reviews)
      .set(changes)
      .where(sql`${reviews.id} = ${current.id} AND ${reviews.version} = ${current.version}`),
    expectOneChange(db),
  ];
}
