import { and, asc, eq, lt, not, type SQL, sql } from 'drizzle-orm';
import { type FindingRow, findings } from '../../../db/schema';
import type { AppDeps, RequestContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, staleWrite } from '../../platform/concurrency';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { expectOneChange, isStaleWrite } from '../../platform/db';
import { invalidFields, notFound } from '../../platform/problem';
import { findContractor } from '../contractors/contractors.repo';
import { type FindingView, presentFinding } from '../reviews/reviews.present';
import { findReview } from '../reviews/reviews.repo';
import { newFindingRow } from '../reviews/reviews.service';
import type { CreateFindingInput, PatchFindingInput } from './findings.schemas';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

async function findFinding(deps: Deps, id: string): Promise<FindingRow> {
  const row = await deps.db.select().from(findings).where(eq(findings.id, id)).get();
  if (!row) throw notFound('Finding', id);
  return row;
}

export async function getFinding(deps: Deps, id: string): Promise<FindingView> {
  return presentFinding(await findFinding(deps, id), deps.clock.today());
}

export async function listFindings(
  deps: Deps,
  q: {
    contractorId?: string;
    reviewId?: string;
    status?: FindingRow['status'];
    overdue?: boolean;
    limit: number;
    cursor?: string;
  },
) {
  const today = deps.clock.today();
  const after = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const where: (SQL | undefined)[] = [];
  if (q.contractorId) where.push(eq(findings.contractorId, q.contractorId));
  if (q.reviewId) where.push(eq(findings.reviewId, q.reviewId));
  if (q.status) where.push(eq(findings.status, q.status));
  const overdue = and(eq(findings.status, 'open'), lt(findings.dueDate, today)) as SQL;
  if (q.overdue === true) where.push(overdue);
  if (q.overdue === false) where.push(not(overdue));
  if (after) where.push(sql`(${findings.dueDate}, ${findings.id}) > (${after[0]}, ${after[1]})`);
  const rows = await deps.db
    .select()
    .from(findings)
    .where(and(...where))
    .orderBy(asc(findings.dueDate), asc(findings.id))
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => presentFinding(r, today)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.dueDate, last.id]) : null,
  };
}

/** A finding recorded on its own (outside a review completion), e.g. from a contractor's report. */
export async function createFinding(ctx: RequestContext, input: CreateFindingInput): Promise<FindingView> {
  const contractor = await findContractor(ctx.db, input.contractorId);
  if (!contractor) {
    throw invalidFields([
      { path: 'contractorId', message: `contractor ${JSON.stringify(input.contractorId)} does not exist` },
    ]);
  }
  if (input.reviewId) {
    const review = await findReview(ctx.db, input.reviewId);
    if (!review || review.contractorId !== contractor.id) {
      throw invalidFields([{ path: 'reviewId', message: 'is not a review of this contractor' }]);
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
    [ctx.db.insert(findings).values(row)],
    [{ action: 'finding.create', entityType: 'finding', entityId: row.id, after: view }],
  );
  return view;
}

/** Changes a finding; `resolvedOn` (or status resolved) closes it, status open reopens it. */
export async function patchFinding(
  ctx: RequestContext,
  id: string,
  patch: PatchFindingInput,
  ifMatch: string | undefined,
): Promise<FindingView> {
  const current = await findFinding(ctx, id);
  checkIfMatch(ifMatch, current.version);
  const today = ctx.clock.today();
  let status = patch.status ?? (patch.resolvedOn ? 'resolved' : current.status);
  let resolvedOn = patch.resolvedOn !== undefined ? patch.resolvedOn : current.resolvedOn;
  if (patch.status === 'open' || (patch.resolvedOn === null && patch.status === undefined)) {
    status = 'open';
    resolvedOn = null;
  }
  if (status === 'resolved' && !resolvedOn) resolvedOn = today;
  if (resolvedOn && resolvedOn > today)
    throw invalidFields([{ path: 'resolvedOn', message: 'must not be in the future' }]);
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
  const { id: _id, createdAt: _c, ...changes } = next;
  const after = presentFinding(next, today);
  try {
    await writeAudited(
      ctx,
      [
        ctx.db
          .update(findings)
          .set(changes)
          .where(sql`${findings.id} = ${id} AND ${findings.version} = ${current.version}`),
        expectOneChange(ctx.db),
      ],
      [
        {
          action: 'finding.update',
          entityType: 'finding',
          entityId: id,
          before: presentFinding(current, today),
          after,
        },
      ],
    );
  } catch (err) {
    if (isStaleWrite(err)) throw staleWrite();
    throw err;
  }
  return after;
}
