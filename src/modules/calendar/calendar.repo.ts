import { and, asc, eq, gt, isNotNull, isNull, ne, or, sql } from 'drizzle-orm';
import { agreements, contractors, incidents, reviews } from '../../../db/schema';
import type { Db } from '../../platform/db';
import { agreementDateColumns } from '../agreements/agreements.repo';

/**
 * The rows behind the calendar feed, read in keyset pages so that no query returns an
 * unbounded result. Each reader follows an index (see db/schema.ts):
 * - open reviews, one status at a time: `reviews_status_due_idx (status, due_date, id)`;
 * - open reportable incidents: `incidents_status_idx (status, reportable, id)`;
 * - auto-renewing agreements: `agreements_current_end_idx (auto_renew, current_end_date)`,
 *   in order of their stored current end date (ties sorted within the page's range only).
 */

export const OPEN_REVIEW_STATUSES = ['in_progress', 'scheduled'] as const;
type OpenReviewStatus = (typeof OPEN_REVIEW_STATUSES)[number];

export async function openReviewsPage(
  db: Db,
  q: { status: OpenReviewStatus; contractorId?: string; after?: { dueDate: string; id: string }; limit: number },
) {
  return db
    .select({
      id: reviews.id,
      contractorId: reviews.contractorId,
      contractorName: contractors.name,
      kind: reviews.kind,
      dueDate: reviews.dueDate,
      status: reviews.status,
      assignee: reviews.assignee,
      updatedAt: reviews.updatedAt,
      version: reviews.version,
    })
    .from(reviews)
    .innerJoin(contractors, eq(contractors.id, reviews.contractorId))
    .where(
      and(
        eq(reviews.status, q.status),
        q.contractorId ? eq(reviews.contractorId, q.contractorId) : undefined,
        q.after ? sql`(${reviews.dueDate}, ${reviews.id}) > (${q.after.dueDate}, ${q.after.id})` : undefined,
      ),
    )
    .orderBy(asc(reviews.dueDate), asc(reviews.id))
    .limit(q.limit)
    .all();
}
export type OpenReviewRow = Awaited<ReturnType<typeof openReviewsPage>>[number];

/** Open, reportable incidents; which of their reports are still due is decided by the caller. */
export async function reportableIncidentsPage(db: Db, q: { contractorId?: string; afterId?: string; limit: number }) {
  return db
    .select({
      id: incidents.id,
      contractorId: incidents.contractorId,
      contractorName: contractors.name,
      summary: incidents.summary,
      discoveredOn: incidents.discoveredOn,
      preliminaryDueOn: incidents.preliminaryDueOn,
      finalDueOn: incidents.finalDueOn,
      preliminaryReportedOn: incidents.preliminaryReportedOn,
      finalReportedOn: incidents.finalReportedOn,
      updatedAt: incidents.updatedAt,
      version: incidents.version,
    })
    .from(incidents)
    .innerJoin(contractors, eq(contractors.id, incidents.contractorId))
    .where(
      and(
        eq(incidents.status, 'open'),
        eq(incidents.reportable, true),
        q.contractorId ? eq(incidents.contractorId, q.contractorId) : undefined,
        q.afterId ? gt(incidents.id, q.afterId) : undefined,
      ),
    )
    .orderBy(asc(incidents.id))
    .limit(q.limit)
    .all();
}
export type ReportableIncidentRow = Awaited<ReturnType<typeof reportableIncidentsPage>>[number];

/**
 * Auto-renewing agreements with a notice period, in force (not terminated as of today)
 * at a contractor that is not terminated: the same set the sweep's
 * `agreement_notice_due` alert looks at.
 */
export async function renewingAgreementsPage(
  db: Db,
  q: { today: string; contractorId?: string; after?: { currentEndDate: string; id: string }; limit: number },
) {
  return db
    .select({
      id: agreements.id,
      contractorId: agreements.contractorId,
      contractorName: contractors.name,
      title: agreements.title,
      reference: agreements.reference,
      ...agreementDateColumns,
      storedEndDate: agreements.currentEndDate,
      updatedAt: agreements.updatedAt,
      version: agreements.version,
    })
    .from(agreements)
    .innerJoin(contractors, eq(contractors.id, agreements.contractorId))
    .where(
      and(
        eq(agreements.autoRenew, true),
        isNotNull(agreements.noticeDeadline),
        isNotNull(agreements.currentEndDate),
        or(isNull(agreements.terminatedOn), gt(agreements.terminatedOn, q.today)),
        ne(contractors.status, 'terminated'),
        q.contractorId ? eq(agreements.contractorId, q.contractorId) : undefined,
        q.after
          ? sql`(${agreements.currentEndDate}, ${agreements.id}) > (${q.after.currentEndDate}, ${q.after.id})`
          : undefined,
      ),
    )
    .orderBy(asc(agreements.currentEndDate), asc(agreements.id))
    .limit(q.limit)
    .all();
}
export type RenewingAgreementRow = Awaited<ReturnType<typeof renewingAgreementsPage>>[number];
