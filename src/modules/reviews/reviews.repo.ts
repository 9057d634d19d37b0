import { and, asc, desc, eq, gt, inArray, isNotNull, lt, not, notInArray, type SQL, sql } from 'drizzle-orm';
import { contractors, findings, type ReviewRow, reviews } from '../../../db/schema';
import { PARENT_REPORT, passingOutcomes } from '../../domain/supervision';
import { type Db, expectOneChange, type Statement } from '../../platform/db';
import { notFound } from '../../platform/problem';

export const OPEN_STATUSES = ['scheduled', 'in_progress'] as const;

export async function findReview(db: Db, id: string): Promise<ReviewRow | null> {
  return (await db.select().from(reviews).where(eq(reviews.id, id)).get()) ?? null;
}

export async function getReviewRow(db: Db, id: string): Promise<ReviewRow> {
  const row = await findReview(db, id);
  if (!row) throw notFound('Review', id);
  return row;
}

export interface ReviewFilter {
  contractorId?: string;
  status?: ReviewRow['status'];
  kind?: ReviewRow['kind'];
  overdue?: boolean;
  dueBefore?: string;
  dueAfter?: string;
  /** Keyset position: the last row's (due_date, id). */
  after?: [string, string];
  limit: number;
}

/** Reviews in list order, earliest due first (due_date, id). */
export async function reviewRows(db: Db, f: ReviewFilter, today: string): Promise<ReviewRow[]> {
  const where: (SQL | undefined)[] = [];
  if (f.contractorId) where.push(eq(reviews.contractorId, f.contractorId));
  if (f.status) where.push(eq(reviews.status, f.status));
  if (f.kind) where.push(eq(reviews.kind, f.kind));
  const overdue = and(inArray(reviews.status, [...OPEN_STATUSES]), lt(reviews.dueDate, today));
  if (f.overdue === true) where.push(overdue);
  if (f.overdue === false) where.push(not(overdue as SQL));
  if (f.dueBefore) where.push(lt(reviews.dueDate, f.dueBefore));
  if (f.dueAfter) where.push(gt(reviews.dueDate, f.dueAfter));
  const after = f.after;
  if (after) where.push(sql`(${reviews.dueDate}, ${reviews.id}) > (${after[0]}, ${after[1]})`);
  return db
    .select()
    .from(reviews)
    .where(and(...where))
    .orderBy(asc(reviews.dueDate), asc(reviews.id))
    .limit(f.limit)
    .all();
}

/** The first of the contractor's reviews that meet `conditions`, if any: enough to tell whether one exists. */
async function findReviewWhere(db: Db, contractorId: string, ...conditions: SQL[]): Promise<{ id: string } | null> {
  const row = await db
    .select({ id: reviews.id })
    .from(reviews)
    .where(and(eq(reviews.contractorId, contractorId), ...conditions))
    .limit(1)
    .get();
  return row ?? null;
}

/** A completed selection review of the contractor that passed, if any. */
export const findPassingSelection = (db: Db, contractorId: string) =>
  findReviewWhere(
    db,
    contractorId,
    eq(reviews.kind, 'selection'),
    eq(reviews.status, 'completed'),
    inArray(reviews.outcome, [...passingOutcomes]),
  );

/** An open follow-up review of the contractor due on or before `due`, if any. */
export const findOpenFollowUpBy = (db: Db, contractorId: string, due: string) =>
  findReviewWhere(
    db,
    contractorId,
    eq(reviews.kind, 'follow_up'),
    inArray(reviews.status, ['scheduled', 'in_progress']),
    sql`${reviews.dueDate} <= ${due}`,
  );

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
  kind?: { is?: ReviewRow['kind']; not?: ReviewRow['kind'][] },
): Promise<ReviewRow | null> {
  const row = await db
    .select()
    .from(reviews)
    .where(
      and(
        eq(reviews.contractorId, contractorId),
        eq(reviews.status, 'completed'),
        isNotNull(reviews.completedOn),
        kind?.is ? eq(reviews.kind, kind.is) : undefined,
        kind?.not ? notInArray(reviews.kind, kind.not) : undefined,
      ),
    )
    .orderBy(desc(reviews.completedOn))
    .limit(1)
    .get();
  return row ?? null;
}

/**
 * Keeps `contractors.next_review_due` equal to the earliest open review's due date. It
 * runs last in every unit that changes reviews, so it sees that unit's own writes. A
 * parent's report is not our own supervision of the contractor (`countsAsOwnSupervision`).
 */
export function refreshNextReviewDue(db: Db, contractorId: string): Statement {
  return db
    .update(contractors)
    .set({
      nextReviewDue: sql`(SELECT MIN(${reviews.dueDate}) FROM ${reviews} WHERE ${reviews.contractorId} = ${contractorId} AND ${reviews.status} IN ('scheduled', 'in_progress') AND ${reviews.kind} <> ${PARENT_REPORT})`,
    })
    .where(eq(contractors.id, contractorId));
}

export const insertReview = (db: Db, row: ReviewRow): Statement => db.insert(reviews).values(row);

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

/** How many findings a review has (over findings_review_idx): the total its pages show. */
export async function countFindingsOfReview(db: Db, reviewId: string): Promise<number> {
  const row = await db.select({ n: sql<number>`count(*)` }).from(findings).where(eq(findings.reviewId, reviewId)).get();
  return row?.n ?? 0;
}
