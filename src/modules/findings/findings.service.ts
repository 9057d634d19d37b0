import type { FindingRow } from '../../../db/schema';
import type { ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import { keysetPage } from '../../platform/keyset';
import { fieldError, invalidFields } from '../../platform/problem';
import { findContractor } from '../contractors/contractors.repo';
import { type FindingView, presentFinding } from '../reviews/reviews.present';
import { findReview } from '../reviews/reviews.repo';
import {
  countFindingRows,
  type FindingFilter,
  findingContractors,
  findingRows,
  findingUpdate,
  getFindingRow,
  insertFindings,
} from './findings.repo';
import { newFindingRow } from './findings.rows';
import type { CreateFindingInput, PatchFindingInput } from './findings.schemas';

export async function getFinding(ctx: ServiceContext, id: string): Promise<FindingView> {
  return presentFinding(await getFindingRow(ctx.db, id), ctx.clock.today());
}

export async function listFindings(
  ctx: ServiceContext,
  q: Omit<FindingFilter, 'after' | 'limit'> & { limit: number; cursor?: string },
) {
  const today = ctx.clock.today();
  const after = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const rows = await findingRows(ctx.db, { ...q, after, limit: q.limit + 1 }, today);
  return keysetPage(
    rows,
    q.limit,
    (r) => [r.dueDate, r.id],
    (r) => presentFinding(r, today),
  );
}

/** How many findings a list's filters match in all (its pages show "x–y of total"). */
export async function countFindings(ctx: ServiceContext, q: Omit<FindingFilter, 'after' | 'limit'>): Promise<number> {
  return countFindingRows(ctx.db, q, ctx.clock.today());
}

/** At most this many contractors are offered as a list's filter (a page, not a directory). */
export const FILTER_CONTRACTORS = 500;

/** The contractors with findings, by name: what a list of findings can be narrowed to. */
export async function contractorsWithFindings(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  const rows = await findingContractors(ctx.db, FILTER_CONTRACTORS);
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

/** A finding recorded on its own (outside a review completion), e.g. from a contractor's report. */
export async function createFinding(ctx: ServiceContext, input: CreateFindingInput): Promise<FindingView> {
  const contractor = await findContractor(ctx.db, input.contractorId);
  if (!contractor) {
    throw invalidFields([fieldError('contractorId', 'noSuchContractor', { id: input.contractorId })]);
  }
  if (input.reviewId) {
    const review = await findReview(ctx.db, input.reviewId);
    if (!review || review.contractorId !== contractor.id) {
      throw invalidFields([fieldError('reviewId', 'notReviewOfContractor')]);
    }
  }
  const row = newFindingRow(
    input,
    { contractorId: contractor.id, reviewId: input.reviewId ?? null },
    ctx.clock.now().toISOString(),
  );
  const view = presentFinding(row, ctx.clock.today());
  await writeAudited(
    ctx,
    [insertFindings(ctx.db, [row])],
    [{ action: 'finding.create', entityType: 'finding', entityId: row.id, after: view }],
  );
  return view;
}

/** Changes a finding; `resolvedOn` (or status resolved) closes it, status open reopens it. */
export async function patchFinding(
  ctx: ServiceContext,
  id: string,
  patch: PatchFindingInput,
  ifMatch: string | undefined,
): Promise<FindingView> {
  const current = await getFindingRow(ctx.db, id);
  checkIfMatch(ifMatch, current.version);
  const today = ctx.clock.today();
  let status = patch.status ?? (patch.resolvedOn ? 'resolved' : current.status);
  let resolvedOn = patch.resolvedOn !== undefined ? patch.resolvedOn : current.resolvedOn;
  if (patch.status === 'open' || (patch.resolvedOn === null && patch.status === undefined)) {
    status = 'open';
    resolvedOn = null;
  }
  if (status === 'resolved' && !resolvedOn) resolvedOn = today;
  if (resolvedOn && resolvedOn > today) throw invalidFields([fieldError('resolvedOn', 'notInFuture')]);
  const next: FindingRow = {
    ...current,
    severity: patch.severity ?? current.severity,
    category: patch.category ?? current.category,
    description: patch.description ?? current.description,
    dueDate: patch.dueDate ?? current.dueDate,
    resolutionNote: patch.resolutionNote !== undefined ? patch.resolutionNote : current.resolutionNote,
    status,
    resolvedOn,
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const after = presentFinding(next, today);
  await commitVersioned(ctx, findingUpdate(ctx.db, current, next), [
    { action: 'finding.update', entityType: 'finding', entityId: id, before: presentFinding(current, today), after },
  ]);
  return after;
}
