import { type ContractorRow, type ReviewRow, reviews } from '../../../db/schema';
import type { AppDeps } from '../../app-env';
import { addMonths } from '../../domain/calendar';
import { CROSS_BORDER_CONFIRMATION_MONTHS } from '../../domain/supervision';
import type { Statement } from '../../platform/db';
import { newId } from '../../platform/ids';
import type { AuditInput } from '../audit/audit.writer';
import { newReviewRow, presentReview } from './reviews.present';
import { lastCompletedReview, openReviewsOf, refreshNextReviewDue, reviewUpdate } from './reviews.repo';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

const tierRank = { low: 0, medium: 1, high: 2 } as const;

/** Cancels every open review of the contractor (termination, basis withdrawn …). */
export function cancelReviews(
  deps: Deps,
  open: readonly ReviewRow[],
  reason: string,
): { statements: Statement[]; events: AuditInput[] } {
  const now = deps.clock.now().toISOString();
  const today = deps.clock.today();
  const statements: Statement[] = [];
  const events: AuditInput[] = [];
  for (const r of open) {
    const next: ReviewRow = { ...r, status: 'cancelled', cancelReason: reason, updatedAt: now, version: r.version + 1 };
    statements.push(...reviewUpdate(deps.db, r, next));
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
 */
export async function supervisionFollowUps(
  deps: Deps,
  before: ContractorRow | null,
  after: ContractorRow,
): Promise<{ statements: Statement[]; events: AuditInput[] }> {
  const statements: Statement[] = [];
  const events: AuditInput[] = [];
  if (after.status === 'terminated') return { statements, events };
  const today = deps.clock.today();
  const now = deps.clock.now().toISOString();
  const open = before ? await openReviewsOf(deps.db, after.id) : [];

  const wantsConfirmation = after.crossBorderBasis === 'equivalent_measures';
  const openConfirmations = open.filter((r) => r.kind === 'cross_border_confirmation');
  if (wantsConfirmation && openConfirmations.length === 0) {
    const last = before ? await lastCompletedReview(deps.db, after.id, { is: 'cross_border_confirmation' }) : undefined;
    const row = newReviewRow({
      id: newId(),
      contractorId: after.id,
      kind: 'cross_border_confirmation',
      dueDate: addMonths(last?.completedOn ?? today, CROSS_BORDER_CONFIRMATION_MONTHS),
      scheduledBy: 'system',
      now,
    });
    statements.push(deps.db.insert(reviews).values(row));
    events.push({
      action: 'review.schedule',
      entityType: 'review',
      entityId: row.id,
      after: presentReview(row, today),
    });
  }
  if (!wantsConfirmation && before?.crossBorderBasis === 'equivalent_measures' && openConfirmations.length) {
    const cancelled = cancelReviews(deps, openConfirmations, 'cross-border basis is no longer equivalent_measures');
    statements.push(...cancelled.statements);
    events.push(...cancelled.events);
  }

  if (before && tierRank[after.riskTier] > tierRank[before.riskTier]) {
    const last = await lastCompletedReview(deps.db, after.id, { not: 'cross_border_confirmation' });
    if (last?.completedOn) {
      const due = addMonths(last.completedOn, deps.config.reviewIntervals[after.riskTier]);
      for (const r of open.filter((o) => o.kind === 'periodic' && o.dueDate > due)) {
        const next: ReviewRow = { ...r, dueDate: due, updatedAt: now, version: r.version + 1 };
        statements.push(...reviewUpdate(deps.db, r, next));
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
  if (statements.length) statements.push(refreshNextReviewDue(deps.db, after.id));
  return { statements, events };
}
