import type { ContractorRow } from '../../../db/schema';
import { allowedTransitions, type ContractorStatus, canTransition } from '../../domain/supervision';
import type { ServiceContext } from '../../platform/app-env';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { cancelReviews } from '../reviews/reviews.automation';
import { openReviewsOf, refreshNextReviewDue } from '../reviews/reviews.repo';
import { expectChainTerminated } from './contractors.chain.repo';
import { agreementsLackingDisposition, chainTermination } from './contractors.chain-end';
import { type ContractorView, presentContractor } from './contractors.present';
import { contractorUpdate, expectNextReviewDue, getContractorRow } from './contractors.repo';
import { SelectionIncomplete, selectionState } from './contractors.selection';

export { agreementsLackingDisposition };

/**
 * Lifecycle: proposed → approved → active ⇄ suspended, anything → terminated.
 * - approved needs the contractor selected (APPI Art. 25; PPC General Guidelines 通則編
 *   3-4-4 (1): choose the contractor appropriately before entrusting data): its latest
 *   selection review passed, or the follow-up review after a failed selection did, since
 *   a passing follow-up confirms the findings were corrected (409 `selection-required`);
 *   and that review confirmed each measure of 通則編 10 (別添) the guideline requires, at
 *   or above the company's selection criteria (409 `selection-incomplete`, naming each
 *   category; src/domain/selection.ts);
 * - terminated needs the return or deletion of the data recorded on every agreement
 *   (the contract's measures after its end, JIS Q 15001:2017 A.3.4.3.4 h); APPI Art. 22:
 *   personal data no longer needed is deleted without delay); open reviews are cancelled;
 *   and the sub-contractors below ended first, or (`cascade`) with it in the same unit
 *   (src/modules/contractors/contractors.chain-end.ts).
 */
export async function transitionContractor(
  ctx: ServiceContext,
  id: string,
  input: { to: ContractorStatus; reason?: string | null; cascade?: boolean },
  ifMatch: string | undefined,
): Promise<ContractorView> {
  if (input.cascade !== undefined && input.to !== 'terminated') {
    throw invalidFields([fieldError('cascade', 'cascadeOnlyTerminated')]);
  }
  const current = await getContractorRow(ctx.db, id);
  checkIfMatch(ifMatch, current.version);
  if (!canTransition(current.status, input.to)) {
    const allowed = allowedTransitions(current.status);
    throw new ProblemError(
      409,
      'invalid-transition',
      `A ${current.status} contractor cannot become ${input.to}; allowed: ${allowed.length ? allowed.join(', ') : 'none'}.`,
    );
  }
  if (input.to === 'approved') {
    const selection = await selectionState(ctx, current);
    if (!selection.passed || selection.latest === null) {
      throw new ProblemError(
        409,
        'selection-required',
        'Approval needs a completed selection review with outcome satisfactory or minor_findings, or, after a failed selection, a follow-up review that passed.',
      );
    }
    if (selection.gaps.length) throw new SelectionIncomplete(selection.latest, selection.gaps);
  }
  const open = input.to === 'terminated' ? await openReviewsOf(ctx.db, id) : [];
  if (input.to === 'terminated') {
    const lacking = await agreementsLackingDisposition(ctx, id);
    if (lacking.length) {
      throw new ProblemError(
        409,
        'data-disposition-required',
        `Record the return or deletion of the data (dataDisposition) on every agreement first: ${lacking.map((a) => a.title).join(', ')}.`,
      );
    }
  }
  const chain =
    input.to === 'terminated'
      ? await chainTermination(ctx, id, { cascade: input.cascade === true, reason: input.reason })
      : { statements: [], events: [] };
  const next: ContractorRow = {
    ...current,
    status: input.to,
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const cancelled = cancelReviews(ctx, open, 'contractor terminated');
  // With every open review cancelled, nothing is due any more.
  if (open.length) next.nextReviewDue = null;
  const before = presentContractor(current, ctx);
  const after = presentContractor(next, ctx);
  await commitVersioned(
    ctx,
    [
      ...contractorUpdate(ctx.db, id, current.version, {
        status: next.status,
        updatedAt: next.updatedAt,
        version: next.version,
      }),
      ...cancelled.statements,
      ...(open.length ? [refreshNextReviewDue(ctx.db, id)] : []),
      ...expectNextReviewDue(ctx.db, id, next.nextReviewDue),
      ...chain.statements,
      // A sub-contractor placed below meanwhile would outlive the chain: the unit is then stale.
      ...(input.to === 'terminated' ? expectChainTerminated(ctx.db, id) : []),
    ],
    [
      {
        action: 'contractor.transition',
        entityType: 'contractor',
        entityId: id,
        before,
        after: { ...after, reason: input.reason ?? null },
      },
      ...cancelled.events,
      ...chain.events,
    ],
  );
  return after;
}
