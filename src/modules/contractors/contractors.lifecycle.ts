import type { ContractorRow } from '../../../db/schema';
import { allowedTransitions, type ContractorStatus, canTransition } from '../../domain/supervision';
import type { ServiceContext } from '../../platform/app-env';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { ProblemError } from '../../platform/problem';
import { agreementsOf } from '../agreements/agreements.repo';
import { cancelReviews } from '../reviews/reviews.automation';
import { findPassingSelection, openReviewsOf, refreshNextReviewDue } from '../reviews/reviews.repo';
import { type ContractorView, presentContractor } from './contractors.present';
import { contractorUpdate, expectNextReviewDue, getContractorRow } from './contractors.repo';

/**
 * Lifecycle: proposed → approved → active ⇄ suspended, anything → terminated.
 * - approved needs a completed selection review that passed (APPI Art. 25 / PPC
 *   Guidelines §3-4-4 (1): select the contractor appropriately before entrusting data);
 * - terminated needs the return or deletion of the data recorded on every agreement
 *   (the contract's measures after its end, JIS Q 15001:2017 A.3.4.3.4 h); APPI Art. 22:
 *   personal data no longer needed is deleted without delay); open reviews are cancelled.
 */
export async function transitionContractor(
  ctx: ServiceContext,
  id: string,
  input: { to: ContractorStatus; reason?: string | null },
  ifMatch: string | undefined,
): Promise<ContractorView> {
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
    if (!(await findPassingSelection(ctx.db, id))) {
      throw new ProblemError(
        409,
        'selection-required',
        'Approval needs a completed selection review with outcome satisfactory or minor_findings.',
      );
    }
  }
  const open = input.to === 'terminated' ? await openReviewsOf(ctx.db, id) : [];
  if (input.to === 'terminated') {
    const lacking = (await agreementsOf(ctx.db, id)).filter((a) => !a.dispositionMethod);
    if (lacking.length) {
      throw new ProblemError(
        409,
        'data-disposition-required',
        `Record the return or deletion of the data (dataDisposition) on every agreement first: ${lacking.map((a) => a.title).join(', ')}.`,
      );
    }
  }
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
    ],
  );
  return after;
}
