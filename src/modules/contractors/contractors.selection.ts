import { passingOutcomes, type ReviewOutcome } from '../../domain/supervision';
import { NOT_YET_SELECTED } from '../../domain/supervision-status';
import type { ServiceContext } from '../../platform/app-env';
import { latestSelectionReview, type SelectionReview } from './contractors.repo';

/**
 * Whether a contractor has been selected, i.e. may be approved. APPI Art. 25 and the PPC
 * General Guidelines (通則編) 3-4-4 (1) ask that a contractor be chosen appropriately, its
 * safety management confirmed, before personal data is entrusted to it. What decides is
 * the latest such confirmation: the latest completed selection review, or the follow-up
 * review a failed selection scheduled. A follow-up that passes shows the findings were
 * corrected, so it counts as the passing selection; a new selection review counts too.
 */
export const selectionPassed = (latest: Pick<SelectionReview, 'outcome'> | null): boolean =>
  latest !== null && passingOutcomes.includes(latest.outcome as ReviewOutcome);

export async function isSelected(ctx: ServiceContext, contractorId: string): Promise<boolean> {
  return selectionPassed(await latestSelectionReview(ctx.db, contractorId));
}

/** The review that decides selection, if any has been completed. */
export const selectionReviewOf = (ctx: ServiceContext, contractorId: string) =>
  latestSelectionReview(ctx.db, contractorId);

/**
 * The kind a new review of the contractor should default to: a contractor not yet selected
 * gets its selection review first, and after a failed selection the follow-up that can
 * clear it; a selected one its periodic review.
 */
export async function suggestedReviewKind(
  ctx: ServiceContext,
  contractor: { id: string; status: string },
): Promise<'selection' | 'follow_up' | 'periodic'> {
  if (contractor.status !== NOT_YET_SELECTED) return 'periodic';
  const latest = await latestSelectionReview(ctx.db, contractor.id);
  if (latest === null) return 'selection';
  return selectionPassed(latest) ? 'periodic' : 'follow_up';
}
