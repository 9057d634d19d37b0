import type { ContractorRow } from '../../../db/schema';
import { type ChainBlocker, chainTerminationBlockers } from '../../domain/reconsignment';
import type { ServiceContext } from '../../platform/app-env';
import type { AuditInput } from '../../platform/audit/writer';
import type { Statement } from '../../platform/db';
import { type FieldError, fieldError, ProblemError } from '../../platform/problem';
import { agreementsOf } from '../agreements/agreements.repo';
import { cancelReviews } from '../reviews/reviews.automation';
import { openReviewsOf, refreshNextReviewDue } from '../reviews/reviews.repo';
import { presentContractor } from './contractors.present';
import { contractorUpdate, descendantsOf, expectNextReviewDue, getContractorRow } from './contractors.repo';

/**
 * Ending a re-consignment chain (src/domain/reconsignment.ts): a contractor is terminated
 * alone only when every sub-contractor below it already is, with the data of its
 * agreements returned or deleted (409 `sub-contractors-active`); with `cascade` the ones
 * still running are terminated in the same unit, each needing that disposition
 * (409 `data-disposition-required`, naming each).
 */

/** The contractor's agreements with no return or deletion of the data recorded: they stop termination. */
export async function agreementsLackingDisposition(
  ctx: ServiceContext,
  contractorId: string,
): Promise<{ id: string; title: string }[]> {
  const all = await agreementsOf(ctx.db, contractorId);
  return all.filter((a) => !a.dispositionMethod).map((a) => ({ id: a.id, title: a.title }));
}

/** Every sub-contractor below, depth first, with what stops terminating it (for the API and the confirmation page). */
export async function subContractorsOf(ctx: ServiceContext, id: string) {
  const below = await descendantsOf(ctx.db, id);
  return Promise.all(
    below.map(async (m) => ({
      id: m.id,
      name: m.name,
      status: m.status,
      depth: m.depth,
      lackingDisposition: (await agreementsLackingDisposition(ctx, m.id)).map((a) => a.title),
    })),
  );
}
export type SubContractorState = Awaited<ReturnType<typeof subContractorsOf>>[number];

/** Each blocker as a field of the request: `subContractors.<id>`, shown next to it on the confirmation page. */
export const blockerErrors = (blockers: readonly ChainBlocker[]): FieldError[] =>
  blockers.map((b) =>
    b.reason === 'not_terminated'
      ? fieldError(`subContractors.${b.id}`, 'subContractorNotTerminated', { name: b.name })
      : fieldError(`subContractors.${b.id}`, 'subContractorDisposition', {
          name: b.name,
          agreements: b.agreements.join(', '),
        }),
  );

/**
 * The statements and events that terminate every running sub-contractor below `rootId`
 * with it, or the 409 that explains why the chain cannot end. Each sub-contractor is a
 * versioned update: one changed concurrently makes the whole unit a 412.
 */
export async function chainTermination(
  ctx: ServiceContext,
  rootId: string,
  input: { cascade: boolean; reason?: string | null },
): Promise<{ statements: Statement[]; events: AuditInput[] }> {
  const below = await subContractorsOf(ctx, rootId);
  const blockers = chainTerminationBlockers(below, input.cascade);
  if (blockers.length && !input.cascade) {
    throw new ProblemError(
      409,
      'sub-contractors-active',
      `Terminate the sub-contractors first, each with the return or deletion of its data recorded, or terminate the chain (cascade: true): ${blockers.map((b) => b.name).join(', ')}.`,
      blockerErrors(blockers),
    );
  }
  if (blockers.length) {
    throw new ProblemError(
      409,
      'data-disposition-required',
      `Record the return or deletion of the data on every agreement of the sub-contractors first: ${blockers.map((b) => `${b.name} (${b.agreements.join(', ')})`).join('; ')}.`,
      blockerErrors(blockers),
    );
  }
  const statements: Statement[] = [];
  const events: AuditInput[] = [];
  const now = ctx.clock.now().toISOString();
  for (const member of below.filter((m) => m.status !== 'terminated')) {
    const current: ContractorRow = await getContractorRow(ctx.db, member.id);
    const open = await openReviewsOf(ctx.db, member.id);
    const next: ContractorRow = {
      ...current,
      status: 'terminated',
      updatedAt: now,
      version: current.version + 1,
      nextReviewDue: open.length ? null : current.nextReviewDue,
    };
    const cancelled = cancelReviews(ctx, open, 'contractor terminated');
    statements.push(
      ...contractorUpdate(ctx.db, member.id, current.version, {
        status: next.status,
        updatedAt: next.updatedAt,
        version: next.version,
      }),
      ...cancelled.statements,
      ...(open.length ? [refreshNextReviewDue(ctx.db, member.id)] : []),
      ...expectNextReviewDue(ctx.db, member.id, next.nextReviewDue),
    );
    events.push(
      {
        action: 'contractor.transition',
        entityType: 'contractor',
        entityId: member.id,
        before: presentContractor(current, ctx),
        after: { ...presentContractor(next, ctx), reason: input.reason ?? null, terminatedWithChainOf: rootId },
      },
      ...cancelled.events,
    );
  }
  return { statements, events };
}
