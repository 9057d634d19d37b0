import { and, asc, eq, gt, inArray, lt, not, type SQL, sql } from 'drizzle-orm';
import { agreements, type FindingRow, findings, type ReviewRow, reviews } from '../../../db/schema';
import { nextReviewAfter } from '../../domain/supervision';
import type { AppDeps, RequestContext } from '../../platform/app-env';
import { type AuditInput, writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, staleWrite } from '../../platform/concurrency';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { isStaleWrite, type Statement } from '../../platform/db';
import { newId } from '../../platform/ids';
import { invalidFields, notFound, ProblemError } from '../../platform/problem';
import { findContractor } from '../contractors/contractors.repo';
import { newReviewRow, presentFinding, presentReview, type ReviewView } from './reviews.present';
import { findReview, OPEN_STATUSES, openReviewsOf, refreshNextReviewDue, reviewUpdate } from './reviews.repo';
import type { CompleteReviewInput, CreateReviewInput, NewFindingInput, PatchReviewInput } from './reviews.schemas';

type Deps = Pick<AppDeps, 'db' | 'clock' | 'config'>;

const closed = (row: ReviewRow) =>
  new ProblemError(409, 'review-closed', `This review is already ${row.status}; it cannot be changed any more.`);

export async function getReview(deps: Deps, id: string): Promise<ReviewView> {
  const row = await findReview(deps.db, id);
  if (!row) throw notFound('Review', id);
  return presentReview(row, deps.clock.today());
}

export async function listReviews(
  deps: Deps,
  q: {
    contractorId?: string;
    status?: ReviewRow['status'];
    kind?: ReviewRow['kind'];
    overdue?: boolean;
    dueBefore?: string;
    dueAfter?: string;
    limit: number;
    cursor?: string;
  },
) {
  const today = deps.clock.today();
  const after = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const where: (SQL | undefined)[] = [];
  if (q.contractorId) where.push(eq(reviews.contractorId, q.contractorId));
  if (q.status) where.push(eq(reviews.status, q.status));
  if (q.kind) where.push(eq(reviews.kind, q.kind));
  const overdue = and(inArray(reviews.status, [...OPEN_STATUSES]), lt(reviews.dueDate, today));
  if (q.overdue === true) where.push(overdue);
  if (q.overdue === false) where.push(not(overdue as SQL));
  if (q.dueBefore) where.push(lt(reviews.dueDate, q.dueBefore));
  if (q.dueAfter) where.push(gt(reviews.dueDate, q.dueAfter));
  if (after) where.push(sql`(${reviews.dueDate}, ${reviews.id}) > (${after[0]}, ${after[1]})`);
  const rows = await deps.db
    .select()
    .from(reviews)
    .where(and(...where))
    .orderBy(asc(reviews.dueDate), asc(reviews.id))
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => presentReview(r, today)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.dueDate, last.id]) : null,
  };
}

async function checkAgreementOf(deps: Deps, contractorId: string, agreementId: string | null | undefined) {
  if (!agreementId) return;
  const agreement = await deps.db.select().from(agreements).where(eq(agreements.id, agreementId)).get();
  if (!agreement || agreement.contractorId !== contractorId) {
    throw invalidFields([{ path: 'agreementId', message: 'is not an agreement of this contractor' }]);
  }
}

export async function scheduleReview(ctx: RequestContext, input: CreateReviewInput): Promise<ReviewView> {
  const contractor = await findContractor(ctx.db, input.contractorId);
  if (!contractor) {
    throw invalidFields([
      { path: 'contractorId', message: `contractor ${JSON.stringify(input.contractorId)} does not exist` },
    ]);
  }
  if (contractor.status === 'terminated') {
    throw new ProblemError(409, 'contractor-terminated', `${contractor.name} is terminated; it gets no new reviews.`);
  }
  await checkAgreementOf(ctx, contractor.id, input.agreementId);
  const row = newReviewRow({
    id: newId(),
    contractorId: contractor.id,
    agreementId: input.agreementId ?? null,
    kind: input.kind,
    dueDate: input.dueDate,
    assignee: input.assignee ?? null,
    scheduledBy: ctx.actor.id,
    now: ctx.clock.now().toISOString(),
  });
  const view = presentReview(row, ctx.clock.today());
  await writeAudited(
    ctx,
    [ctx.db.insert(reviews).values(row), refreshNextReviewDue(ctx.db, contractor.id)],
    [{ action: 'review.schedule', entityType: 'review', entityId: row.id, after: view }],
  );
  return view;
}

async function commitReviewChange(ctx: RequestContext, statements: Statement[], events: AuditInput[]) {
  try {
    await writeAudited(ctx, statements, events);
  } catch (err) {
    if (isStaleWrite(err)) throw staleWrite();
    throw err;
  }
}

export async function patchReview(
  ctx: RequestContext,
  id: string,
  patch: PatchReviewInput,
  ifMatch: string | undefined,
): Promise<ReviewView> {
  const current = await findReview(ctx.db, id);
  if (!current) throw notFound('Review', id);
  checkIfMatch(ifMatch, current.version);
  if (!(OPEN_STATUSES as readonly string[]).includes(current.status)) throw closed(current);
  if (patch.agreementId !== undefined) await checkAgreementOf(ctx, current.contractorId, patch.agreementId);
  const next: ReviewRow = {
    ...current,
    dueDate: patch.dueDate ?? current.dueDate,
    assignee: patch.assignee !== undefined ? patch.assignee : current.assignee,
    status: patch.status ?? current.status,
    agreementId: patch.agreementId !== undefined ? patch.agreementId : current.agreementId,
    notes: patch.notes !== undefined ? patch.notes : current.notes,
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const today = ctx.clock.today();
  const after = presentReview(next, today);
  await commitReviewChange(
    ctx,
    [...reviewUpdate(ctx.db, current, next), refreshNextReviewDue(ctx.db, current.contractorId)],
    [{ action: 'review.update', entityType: 'review', entityId: id, before: presentReview(current, today), after }],
  );
  return after;
}

export async function cancelReview(ctx: RequestContext, id: string, reason: string): Promise<ReviewView> {
  const current = await findReview(ctx.db, id);
  if (!current) throw notFound('Review', id);
  if (!(OPEN_STATUSES as readonly string[]).includes(current.status)) throw closed(current);
  const next: ReviewRow = {
    ...current,
    status: 'cancelled',
    cancelReason: reason,
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const today = ctx.clock.today();
  const after = presentReview(next, today);
  await commitReviewChange(
    ctx,
    [...reviewUpdate(ctx.db, current, next), refreshNextReviewDue(ctx.db, current.contractorId)],
    [{ action: 'review.cancel', entityType: 'review', entityId: id, before: presentReview(current, today), after }],
  );
  return after;
}

export function newFindingRow(
  f: NewFindingInput,
  owner: { contractorId: string; reviewId: string | null },
  now: string,
): FindingRow {
  return {
    id: newId(),
    reviewId: owner.reviewId,
    contractorId: owner.contractorId,
    severity: f.severity,
    category: f.category,
    description: f.description,
    dueDate: f.dueDate,
    status: 'open',
    resolvedOn: null,
    resolutionNote: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/**
 * Records the outcome and, in the same unit, the findings and the next review: a
 * follow-up within a month after a failing outcome, else the next periodic review (or
 * the next cross-border confirmation). An open review of that kind already scheduled is
 * kept instead of adding a second one. Terminated contractors get none.
 */
export async function completeReview(ctx: RequestContext, id: string, input: CompleteReviewInput) {
  const current = await findReview(ctx.db, id);
  if (!current) throw notFound('Review', id);
  if (!(OPEN_STATUSES as readonly string[]).includes(current.status)) throw closed(current);
  const today = ctx.clock.today();
  if (input.completedOn > today) throw invalidFields([{ path: 'completedOn', message: 'must not be in the future' }]);
  const contractor = await findContractor(ctx.db, current.contractorId);
  if (!contractor) throw notFound('Contractor', current.contractorId);

  const now = ctx.clock.now().toISOString();
  const done: ReviewRow = {
    ...current,
    status: 'completed',
    completedOn: input.completedOn,
    outcome: input.outcome,
    checklistOrganizational: input.checklist.organizational,
    checklistHuman: input.checklist.human,
    checklistPhysical: input.checklist.physical,
    checklistTechnical: input.checklist.technical,
    notes: input.notes ?? current.notes,
    updatedAt: now,
    version: current.version + 1,
  };
  const newFindings = input.findings.map((f) =>
    newFindingRow(f, { contractorId: contractor.id, reviewId: current.id }, now),
  );

  let next: ReviewRow | null = null;
  let nextIsNew = false;
  const plan = nextReviewAfter(
    { kind: current.kind, outcome: input.outcome, completedOn: input.completedOn },
    ctx.config.reviewIntervals[contractor.riskTier],
  );
  const wanted =
    contractor.status !== 'terminated' &&
    (plan.kind !== 'cross_border_confirmation' || contractor.crossBorderBasis === 'equivalent_measures');
  if (wanted) {
    const existing =
      plan.kind === 'follow_up'
        ? undefined
        : (await openReviewsOf(ctx.db, contractor.id)).find((r) => r.kind === plan.kind && r.id !== current.id);
    next =
      existing ??
      newReviewRow({
        id: newId(),
        contractorId: contractor.id,
        agreementId: current.agreementId,
        kind: plan.kind,
        dueDate: plan.dueDate,
        scheduledBy: 'system',
        now,
      });
    nextIsNew = existing === undefined;
  }

  const statements: Statement[] = [...reviewUpdate(ctx.db, current, done)];
  if (newFindings.length) statements.push(ctx.db.insert(findings).values(newFindings));
  if (next && nextIsNew) statements.push(ctx.db.insert(reviews).values(next));
  statements.push(refreshNextReviewDue(ctx.db, contractor.id));

  const review = presentReview(done, today);
  const findingViews = newFindings.map((f) => presentFinding(f, today));
  const nextView = next ? presentReview(next, today) : null;
  const events: AuditInput[] = [
    {
      action: 'review.complete',
      entityType: 'review',
      entityId: id,
      before: presentReview(current, today),
      after: review,
    },
    ...findingViews.map((f) => ({ action: 'finding.create', entityType: 'finding', entityId: f.id, after: f })),
  ];
  if (nextView && nextIsNew) {
    events.push({ action: 'review.schedule', entityType: 'review', entityId: nextView.id, after: nextView });
  }
  await commitReviewChange(ctx, statements, events);
  return { review, findings: findingViews, nextReview: nextView };
}
