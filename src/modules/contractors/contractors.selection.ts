import type { ContractorRow } from '../../../db/schema';
import { handledAbroad, type SelectionGap, selectionGaps } from '../../domain/selection';
import { passingOutcomes, type ReviewOutcome } from '../../domain/supervision';
import { NOT_YET_SELECTED } from '../../domain/supervision-status';
import type { ServiceContext } from '../../platform/app-env';
import { type FieldError, fieldError, ProblemError } from '../../platform/problem';
import { checklistOf } from '../reviews/reviews.present';
import { getReviewRow } from '../reviews/reviews.repo';
import { readSelectionCriteria } from '../settings/selection-criteria.service';
import { getContractorRow, latestSelectionReview, type SelectionReview } from './contractors.repo';

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

/** Where the contractor handles the data: its country, and where it stores or processes it when recorded. */
const placesOf = (row: ContractorRow): string[] => [row.country, ...(row.processingCountries ?? [])];

export interface SelectionState {
  latest: SelectionReview | null;
  /** The deciding review passed (its outcome). */
  passed: boolean;
  /**
   * What that review left unconfirmed or below the selection criteria (通則編 3-4-4 (1),
   * 10 別添; src/domain/selection.ts): each one stops approval, like a failed outcome.
   */
  gaps: SelectionGap[];
}

export async function selectionState(ctx: ServiceContext, row: ContractorRow): Promise<SelectionState> {
  const latest = await latestSelectionReview(ctx.db, row.id);
  if (!selectionPassed(latest) || latest === null) return { latest, passed: false, gaps: [] };
  const [review, criteria] = await Promise.all([getReviewRow(ctx.db, latest.id), readSelectionCriteria(ctx.db)]);
  const abroad = handledAbroad(placesOf(row));
  return { latest, passed: true, gaps: selectionGaps(checklistOf(review), { abroad, criteria: criteria.checklist }) };
}

/** The same by the contractor's id (a page that asks before approving). */
export const selectionStateOf = async (ctx: ServiceContext, contractorId: string) =>
  selectionState(ctx, await getContractorRow(ctx.db, contractorId));

/** Selected: the deciding review passed and confirmed every category it had to. */
export async function isSelected(ctx: ServiceContext, contractorId: string): Promise<boolean> {
  const state = await selectionStateOf(ctx, contractorId);
  return state.passed && state.gaps.length === 0;
}

/** Each gap as a field of the deciding review's checklist, in words (src/i18n/messages/reviews.ts). */
export const gapErrors = (gaps: readonly SelectionGap[]): FieldError[] =>
  gaps.map((g) => {
    const path = `checklist.${g.category}`;
    if (g.reason === 'below_criterion') {
      return fieldError(path, 'selectionBelowCriterion', {
        category: g.category,
        rating: g.rating,
        minimum: g.minimum ?? 'needs_improvement',
      });
    }
    return fieldError(path, g.reason === 'inadequate' ? 'selectionInadequate' : 'selectionNotAssessed', {
      category: g.category,
    });
  });

/**
 * 409 `selection-incomplete`: the selection review passed but left required categories
 * unconfirmed (or below the criteria); `errors` names each.
 */
export class SelectionIncomplete extends ProblemError {
  constructor(review: SelectionReview, gaps: readonly SelectionGap[]) {
    super(
      409,
      'selection-incomplete',
      `The selection review ${review.id} does not confirm every category approval needs: ${gaps.map((g) => `${g.category} (${g.reason === 'below_criterion' ? `below ${g.minimum}` : g.rating})`).join(', ')}. Record a new selection review that does.`,
      gapErrors(gaps),
    );
  }
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
  const state = await selectionState(ctx, await getContractorRow(ctx.db, contractor.id));
  if (state.latest === null) return 'selection';
  if (!state.passed) return 'follow_up';
  // Passed, but with categories still to confirm: a new selection review confirms them.
  return state.gaps.length ? 'selection' : 'periodic';
}
