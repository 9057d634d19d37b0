import type { ContractorRow, ReviewRow } from '../../../db/schema';
import { addMonths } from '../../domain/calendar';
import { CROSS_BORDER_CONFIRMATION_MONTHS, countsAsOwnSupervision } from '../../domain/supervision';
import type { ServiceContext } from '../../platform/app-env';
import type { AuditInput } from '../../platform/audit/writer';
import type { Statement } from '../../platform/db';
import { newId } from '../../platform/ids';
import { newReviewRow, presentReview } from './reviews.present';
import { insertReview, lastCompletedReview, openReviewsOf, refreshNextReviewDue, reviewUpdate } from './reviews.repo';

const tierRank = { low: 0, medium: 1, high: 2 } as const;

/** Cancels every open review of the contractor (termination, basis withdrawn …). */
export function cancelReviews(
  ctx: ServiceContext,
  open: readonly ReviewRow[],
  reason: string,
): { statements: Statement[]; events: AuditInput[] } {
  const now = ctx.clock.now().toISOString();
  const today = ctx.clock.today();
  const statements: Statement[] = [];
  const events: AuditInput[] = [];
  for (const r of open) {
    const next: ReviewRow = { ...r, status: 'cancelled', cancelReason: reason, updatedAt: now, version: r.version + 1 };
    statements.push(...reviewUpdate(ctx.db, r, next));
    events.push({
      action: 'review.cancel',
      entityType: 'review',
      entityId: r.id,
      before: presentReview(r, today),
      after: presentReview(next, today),
    });
  }
  return { statements, events };
}

/**
 * What a change of a contractor's profile means for its supervision, as statements for
 * the same unit as the change:
 * - with `equivalent_measures` there is always an open cross-border confirmation, due at
 *   most 12 months after the last one (APPI Enforcement Rules Art. 18(1)(i)); when that
 *   basis is withdrawn, the open confirmation is cancelled;
 * - when the risk tier rises, the next periodic review is pulled forward to the last
 *   completed review + the new, shorter interval, if that is earlier.
 *
 * `nextReviewDue` is the contractor's next review date once the unit has run (the
 * earliest due date of its open reviews, which the unit's last statement stores), so
 * that the contractor's own audit event records what is committed. For a contractor
 * not yet stored it is exact; for a stored one it rests on the open reviews read here,
 * so the unit should also verify it (`expectNextReviewDue()`).
 */
export async function supervisionFollowUps(
  ctx: ServiceContext,
  before: ContractorRow | null,
  after: ContractorRow,
): Promise<{ statements: Statement[]; events: AuditInput[]; nextReviewDue: string | null }> {
  const statements: Statement[] = [];
  const events: AuditInput[] = [];
  if (after.status === 'terminated') return { statements, events, nextReviewDue: after.nextReviewDue };
  const today = ctx.clock.today();
  const now = ctx.clock.now().toISOString();
  const open = before ? await openReviewsOf(ctx.db, after.id) : [];
  // Due dates of the open reviews as the unit leaves them, by review id.
  const due = new Map(open.filter((r) => countsAsOwnSupervision(r.kind)).map((r) => [r.id, r.dueDate]));

  const wantsConfirmation = after.crossBorderBasis === 'equivalent_measures';
  const openConfirmations = open.filter((r) => r.kind === 'cross_border_confirmation');
  if (wantsConfirmation && openConfirmations.length === 0) {
    const last = before ? await lastCompletedReview(ctx.db, after.id, { is: 'cross_border_confirmation' }) : null;
    const row = newReviewRow({
      id: newId(),
      contractorId: after.id,
      kind: 'cross_border_confirmation',
      dueDate: addMonths(last?.completedOn ?? today, CROSS_BORDER_CONFIRMATION_MONTHS),
      scheduledBy: 'system',
      now,
    });
    statements.push(insertReview(ctx.db, row));
    due.set(row.id, row.dueDate);
    events.push({
      action: 'review.schedule',
      entityType: 'review',
      entityId: row.id,
      after: presentReview(row, today),
    });
  }
  if (!wantsConfirmation && before?.crossBorderBasis === 'equivalent_measures' && openConfirmations.length) {
    const cancelled = cancelReviews(ctx, openConfirmations, 'cross-border basis is no longer equivalent_measures');
    for (const r of openConfirmations) due.delete(r.id);
    statements.push(...cancelled.statements);
    events.push(...cancelled.events);
  }

  if (before && tierRank[after.riskTier] > tierRank[before.riskTier]) {
    // Our own last review: a confirmation abroad or a parent's report does not restart the cycle.
    const last = await lastCompletedReview(ctx.db, after.id, { not: ['cross_border_confirmation', 'parent_report'] });
    if (last?.completedOn) {
      const pulled = addMonths(last.completedOn, ctx.config.reviewIntervals[after.riskTier]);
      for (const r of open.filter((o) => o.kind === 'periodic' && o.dueDate > pulled)) {
        const next: ReviewRow = { ...r, dueDate: pulled, updatedAt: now, version: r.version + 1 };
        statements.push(...reviewUpdate(ctx.db, r, next));
        due.set(r.id, pulled);
        events.push({
          action: 'review.reschedule',
          entityType: 'review',
          entityId: r.id,
          before: presentReview(r, today),
          after: presentReview(next, today),
        });
      }
    }
  }
  if (!statements.length) return { statements, events, nextReviewDue: after.nextReviewDue };
  statements.push(refreshNextReviewDue(ctx.db, after.id));
  const earliest = [...due.values()].sort()[0] ?? null;
  return { statements, events, nextReviewDue: earliest };
}
