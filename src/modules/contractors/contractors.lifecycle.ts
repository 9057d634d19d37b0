import { and, eq, inArray, sql } from 'drizzle-orm';
import { type ContractorRow, contractors, reviews } from '../../../db/schema';
import { allowedTransitions, type ContractorStatus, canTransition, passingOutcomes } from '../../domain/supervision';
import type { RequestContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, staleWrite } from '../../platform/concurrency';
import { expectOneChange, isStaleWrite } from '../../platform/db';
import { notFound, ProblemError } from '../../platform/problem';
import { agreementsOf } from '../agreements/agreements.repo';
import { cancelReviews } from '../reviews/reviews.automation';
import { openReviewsOf, refreshNextReviewDue } from '../reviews/reviews.repo';
import { expectNextReviewDue, findContractor } from './contractors.repo';
import { type ContractorView, presentContractor } from './contractors.service';

/**
 * Lifecycle: proposed → approved → active ⇄ suspended, anything → terminated.
 * - approved needs a completed selection review that passed (APPI Art. 25 / PPC
 *   Guidelines §3-4-4 (1): select the contractor appropriately before entrusting data);
 * - terminated needs the return or deletion of the data recorded on every agreement
 *   (§3-4-4 (2): measures after the end of the contract); open reviews are cancelled.
 */
export async function transitionContractor(
  ctx: RequestContext,
  id: string,
  input: { to: ContractorStatus; reason?: string | null },
  ifMatch: string | undefined,
): Promise<ContractorView> {
  const current = await findContractor(ctx.db, id);
  if (!current) throw notFound('Contractor', id);
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
    const selection = await ctx.db
      .select({ id: reviews.id })
      .from(reviews)
      .where(
        and(
          eq(reviews.contractorId, id),
          eq(reviews.kind, 'selection'),
          eq(reviews.status, 'completed'),
          inArray(reviews.outcome, [...passingOutcomes]),
        ),
      )
      .limit(1)
      .get();
    if (!selection) {
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
  try {
    await writeAudited(
      ctx,
      [
        ctx.db
          .update(contractors)
          .set({ status: next.status, updatedAt: next.updatedAt, version: next.version })
          .where(sql`${contractors.id} = ${id} AND ${contractors.version} = ${current.version}`),
        expectOneChange(ctx.db),
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
  } catch (err) {
    if (isStaleWrite(err)) throw staleWrite();
    throw err;
  }
  return after;
}
