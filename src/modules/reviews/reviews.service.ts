import type { FindingRow, ReviewRow } from '../../../db/schema';
import { reviewsAfter } from '../../domain/supervision';
import type { ServiceContext } from '../../platform/app-env';
import { type AuditInput, writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import type { Statement } from '../../platform/db';
import { newId } from '../../platform/ids';
import { keysetPage } from '../../platform/keyset';
import { fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { findAgreement } from '../agreements/agreements.repo';
import { findContractor, getContractorRow } from '../contractors/contractors.repo';
import { insertFindings } from '../findings/findings.repo';
import { newFindingRow } from '../findings/findings.rows';
import { checklistColumns, newReviewRow, presentFinding, presentReview, type ReviewView } from './reviews.present';
import {
  getReviewRow,
  insertReview,
  OPEN_STATUSES,
  openReviewsOf,
  type ReviewFilter,
  refreshNextReviewDue,
  reviewRows,
  reviewUpdate,
} from './reviews.repo';
import type { CompleteReviewInput, CreateReviewInput, PatchReviewInput } from './reviews.schemas';

/** D1 binds at most 100 values in one statement. */
const MAX_BOUND_VALUES = 100;

/**
 * The findings of a completion as INSERTs of as many rows as D1 binds in one statement
 * (a completion may carry up to 100 findings; one INSERT of them all would be refused).
 */
function findingInserts(ctx: ServiceContext, rows: FindingRow[]): Statement[] {
  const first = rows[0];
  if (!first) return [];
  const perStatement = Math.max(1, Math.floor(MAX_BOUND_VALUES / Object.keys(first).length));
  const statements: Statement[] = [];
  for (let i = 0; i < rows.length; i += perStatement) {
    statements.push(insertFindings(ctx.db, rows.slice(i, i + perStatement)));
  }
  return statements;
}

const closed = (row: ReviewRow) =>
  new ProblemError(409, 'review-closed', `This review is already ${row.status}; it cannot be changed any more.`);

export async function getReview(ctx: ServiceContext, id: string): Promise<ReviewView> {
  return presentReview(await getReviewRow(ctx.db, id), ctx.clock.today());
}

export async function listReviews(
  ctx: ServiceContext,
  q: Omit<ReviewFilter, 'after' | 'limit'> & { limit: number; cursor?: string },
) {
  const today = ctx.clock.today();
  const after = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const rows = await reviewRows(ctx.db, { ...q, after, limit: q.limit + 1 }, today);
  return keysetPage(
    rows,
    q.limit,
    (r) => [r.dueDate, r.id],
    (r) => presentReview(r, today),
  );
}

async function checkAgreementOf(ctx: ServiceContext, contractorId: string, agreementId: string | null | undefined) {
  if (!agreementId) return;
  const agreement = await findAgreement(ctx.db, agreementId);
  if (!agreement || agreement.contractorId !== contractorId) {
    throw invalidFields([fieldError('agreementId', 'notAgreementOfContractor')]);
  }
}

export async function scheduleReview(ctx: ServiceContext, input: CreateReviewInput): Promise<ReviewView> {
  const contractor = await findContractor(ctx.db, input.contractorId);
  if (!contractor) {
    throw invalidFields([fieldError('contractorId', 'noSuchContractor', { id: input.contractorId })]);
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
    [insertReview(ctx.db, row), refreshNextReviewDue(ctx.db, contractor.id)],
    [{ action: 'review.schedule', entityType: 'review', entityId: row.id, after: view }],
  );
  return view;
}

export async function patchReview(
  ctx: ServiceContext,
  id: string,
  patch: PatchReviewInput,
  ifMatch: string | undefined,
): Promise<ReviewView> {
  const current = await getReviewRow(ctx.db, id);
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
  await commitVersioned(
    ctx,
    [...reviewUpdate(ctx.db, current, next), refreshNextReviewDue(ctx.db, current.contractorId)],
    [{ action: 'review.update', entityType: 'review', entityId: id, before: presentReview(current, today), after }],
  );
  return after;
}

/** `ifMatch`, when given, must name the version the canceller saw (a page, or an API client that read it). */
export async function cancelReview(
  ctx: ServiceContext,
  id: string,
  reason: string,
  ifMatch?: string,
): Promise<ReviewView> {
  const current = await getReviewRow(ctx.db, id);
  checkIfMatch(ifMatch, current.version);
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
  await commitVersioned(
    ctx,
    [...reviewUpdate(ctx.db, current, next), refreshNextReviewDue(ctx.db, current.contractorId)],
    [{ action: 'review.cancel', entityType: 'review', entityId: id, before: presentReview(current, today), after }],
  );
  return after;
}

/**
 * Records the outcome and, in the same unit, the findings and the next reviews
 * (`reviewsAfter`): a follow-up within a month after a failing outcome, the next periodic
 * review after a passing one, and after any cross-border confirmation the next one within
 * 12 months. An open review of that kind already scheduled is kept instead of adding a
 * second one. Terminated contractors get none.
 */
export async function completeReview(ctx: ServiceContext, id: string, input: CompleteReviewInput) {
  const current = await getReviewRow(ctx.db, id);
  if (!(OPEN_STATUSES as readonly string[]).includes(current.status)) throw closed(current);
  const today = ctx.clock.today();
  if (input.completedOn > today) throw invalidFields([fieldError('completedOn', 'notInFuture')]);
  const contractor = await getContractorRow(ctx.db, current.contractorId);

  const now = ctx.clock.now().toISOString();
  const done: ReviewRow = {
    ...current,
    status: 'completed',
    completedOn: input.completedOn,
    outcome: input.outcome,
    ...checklistColumns(input.checklist),
    notes: input.notes ?? current.notes,
    updatedAt: now,
    version: current.version + 1,
  };
  const newFindings = input.findings.map((f) =>
    newFindingRow(f, { contractorId: contractor.id, reviewId: current.id }, now),
  );

  // What the completion schedules, each kept when one of its kind is already open.
  const open = await openReviewsOf(ctx.db, contractor.id);
  const planned: { row: ReviewRow; isNew: boolean }[] = [];
  const plans = reviewsAfter(
    { kind: current.kind, outcome: input.outcome, completedOn: input.completedOn },
    ctx.config.reviewIntervals[contractor.riskTier],
  );
  for (const plan of contractor.status === 'terminated' ? [] : plans) {
    if (plan.kind === 'cross_border_confirmation' && contractor.crossBorderBasis !== 'equivalent_measures') continue;
    const existing =
      plan.kind === 'follow_up' ? undefined : open.find((r) => r.kind === plan.kind && r.id !== current.id);
    const row =
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
    planned.push({ row, isNew: existing === undefined });
  }

  const statements: Statement[] = [...reviewUpdate(ctx.db, current, done)];
  statements.push(...findingInserts(ctx, newFindings));
  for (const p of planned) if (p.isNew) statements.push(insertReview(ctx.db, p.row));
  statements.push(refreshNextReviewDue(ctx.db, contractor.id));

  const review = presentReview(done, today);
  const findingViews = newFindings.map((f) => presentFinding(f, today));
  const nextViews = planned.map((p) => presentReview(p.row, today));
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
  planned.forEach((p, i) => {
    const after = nextViews[i];
    if (p.isNew && after) events.push({ action: 'review.schedule', entityType: 'review', entityId: after.id, after });
  });
  await commitVersioned(ctx, statements, events);
  return { review, findings: findingViews, nextReview: nextViews[0] ?? null, nextReviews: nextViews };
}
