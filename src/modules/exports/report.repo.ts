import { and, asc, desc, eq, gt, gte, isNull, lt, lte, or, sql } from 'drizzle-orm';
import { agreements, contractors, findings, incidents, reviews } from '../../../db/schema';
import type { Db } from '../../platform/db';

/**
 * The board report's reads: each list is one indexed query, earliest (or latest) first,
 * at most `limit` rows; the report says when a list goes on in the CSV.
 */

const inForce = (today: string) => or(isNull(agreements.terminatedOn), gt(agreements.terminatedOn, today));

/** Corrective actions still open after their due date, the longest overdue first. */
export function overdueFindings(db: Db, today: string, limit: number) {
  return db
    .select({
      id: findings.id,
      contractorId: findings.contractorId,
      contractorName: contractors.name,
      severity: findings.severity,
      category: findings.category,
      description: findings.description,
      dueDate: findings.dueDate,
    })
    .from(findings)
    .innerJoin(contractors, eq(contractors.id, findings.contractorId))
    .where(and(eq(findings.status, 'open'), lt(findings.dueDate, today)))
    .orderBy(asc(findings.dueDate), asc(findings.id))
    .limit(limit)
    .all();
}

/** Open incidents, the earliest discovered first, with their contractor's name. */
export function openIncidents(db: Db, limit: number) {
  return db
    .select({ incident: incidents, contractorName: contractors.name })
    .from(incidents)
    .innerJoin(contractors, eq(contractors.id, incidents.contractorId))
    .where(eq(incidents.status, 'open'))
    .orderBy(asc(incidents.discoveredOn), asc(incidents.id))
    .limit(limit)
    .all();
}

/** Agreements not terminated that lack one of the contract items, the most missing first. */
export function agreementsWithGaps(db: Db, today: string, limit: number) {
  return db
    .select({ agreement: agreements, contractorName: contractors.name })
    .from(agreements)
    .innerJoin(contractors, eq(contractors.id, agreements.contractorId))
    .where(and(gt(agreements.missingClauseCount, 0), inForce(today)))
    .orderBy(desc(agreements.missingClauseCount), asc(agreements.id))
    .limit(limit)
    .all();
}

/**
 * Agreements in force that end by `until`: a fixed term ending, or an auto-renewing one
 * whose notice deadline (the last day to refuse the renewal) falls in the window.
 */
export function agreementsEnding(db: Db, today: string, until: string, limit: number) {
  const fixedEnd = and(eq(agreements.autoRenew, false), gte(agreements.endDate, today), lte(agreements.endDate, until));
  const notice = and(
    eq(agreements.autoRenew, true),
    gte(agreements.noticeDeadline, today),
    lte(agreements.noticeDeadline, until),
  );
  return db
    .select({ agreement: agreements, contractorName: contractors.name })
    .from(agreements)
    .innerJoin(contractors, eq(contractors.id, agreements.contractorId))
    .where(and(or(fixedEnd, notice), inForce(today)))
    .orderBy(sql`CASE WHEN ${agreements.autoRenew} THEN ${agreements.noticeDeadline} ELSE ${agreements.endDate} END`)
    .limit(limit)
    .all();
}

const completedIn = (from: string, to: string) =>
  and(eq(reviews.status, 'completed'), gte(reviews.completedOn, from), lte(reviews.completedOn, to));

/** Reviews completed in [from, to], the latest first. */
export function completedReviews(db: Db, from: string, to: string, limit: number) {
  return db
    .select({
      id: reviews.id,
      contractorId: reviews.contractorId,
      contractorName: contractors.name,
      kind: reviews.kind,
      dueDate: reviews.dueDate,
      completedOn: reviews.completedOn,
      outcome: reviews.outcome,
      assignee: reviews.assignee,
    })
    .from(reviews)
    .innerJoin(contractors, eq(contractors.id, reviews.contractorId))
    .where(completedIn(from, to))
    .orderBy(desc(reviews.completedOn), asc(reviews.id))
    .limit(limit)
    .all();
}

/** How many reviews were completed in [from, to], by outcome. */
export function completedByOutcome(db: Db, from: string, to: string) {
  return db
    .select({ outcome: reviews.outcome, n: sql<number>`count(*)` })
    .from(reviews)
    .where(completedIn(from, to))
    .groupBy(reviews.outcome)
    .all();
}
