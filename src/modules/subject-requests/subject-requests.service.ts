import type { SubjectRequestRow } from '../../../db/schema';
import { dueOnOf } from '../../domain/subject-requests';
import type { ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, staleWrite } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import { isStaleWrite } from '../../platform/db';
import { newId } from '../../platform/ids';
import { keysetPage } from '../../platform/keyset';
import { fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { contractorNames } from '../contractors/contractors.repo';
import { readSubjectRequestTarget } from '../settings/subject-request-target.service';
import {
  contractorsWithTasks,
  countSubjectRequestRows,
  deleteTasks,
  getSubjectRequestRow,
  holderIds,
  insertSubjectRequest,
  openTasks,
  requestUpdate,
  type SubjectRequestFilter,
  subjectRequestRows,
  type TaskRow,
  taskRowsOf,
} from './subject-requests.repo';
import type { CreateSubjectRequestInput, PatchSubjectRequestInput, TaskOutcome } from './subject-requests.schemas';

export function presentSubjectRequest(r: SubjectRequestRow, tasks: readonly TaskRow[], today: string) {
  return {
    id: r.id,
    kind: r.kind,
    receivedOn: r.receivedOn,
    dataCategories: r.dataCategories as CreateSubjectRequestInput['dataCategories'],
    reference: r.reference,
    status: r.status,
    dueOn: r.dueOn,
    overdue: r.status === 'open' && r.dueOn < today,
    tasks: tasks
      .filter((t) => t.requestId === r.id)
      .map((t) => ({
        contractorId: t.contractorId,
        contractorName: t.contractorName,
        forwardedOn: t.forwardedOn,
        answeredOn: t.answeredOn,
        outcome: t.outcome as TaskOutcome | null,
        note: t.note,
        version: t.version,
      })),
    outcome: r.outcome,
    refusalGround: r.refusalGround,
    refusalReason: r.refusalReason,
    closedOn: r.closedOn,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}
export type SubjectRequestView = ReturnType<typeof presentSubjectRequest>;

export async function getSubjectRequest(ctx: ServiceContext, id: string): Promise<SubjectRequestView> {
  const row = await getSubjectRequestRow(ctx.db, id);
  return presentSubjectRequest(row, await taskRowsOf(ctx.db, [id]), ctx.clock.today());
}

type ListFilter = Omit<SubjectRequestFilter, 'after' | 'limit'>;

export async function listSubjectRequests(ctx: ServiceContext, q: ListFilter & { limit: number; cursor?: string }) {
  const after = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const today = ctx.clock.today();
  const rows = await subjectRequestRows(ctx.db, { ...q, after, limit: q.limit + 1 }, today);
  const tasks = await taskRowsOf(
    ctx.db,
    rows.slice(0, q.limit).map((r) => r.id),
  );
  return keysetPage(
    rows,
    q.limit,
    (r) => [r.dueOn, r.id],
    (r) => presentSubjectRequest(r, tasks, today),
  );
}

/** How many requests a list's filters match in all (its pages show "x–y of total"). */
export const countSubjectRequests = (ctx: ServiceContext, q: ListFilter) =>
  countSubjectRequestRows(ctx.db, q, ctx.clock.today());

/** The contractors with tasks, by name: what a list of requests can be narrowed to (at most 500). */
export async function contractorsWithRequests(ctx: ServiceContext) {
  const rows = await contractorsWithTasks(ctx.db, 500);
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

function checkReceived(receivedOn: string, today: string) {
  if (receivedOn > today) throw invalidFields([fieldError('receivedOn', 'notInFuture')]);
}

/** The tasks the unit opened, as the view shows them (the guard made them exactly `ids`). */
async function namedTasks(ctx: ServiceContext, requestId: string, ids: readonly string[], at: string) {
  const name = await contractorNames(ctx.db, ids);
  const tasks = ids.map(
    (contractorId): TaskRow => ({
      requestId,
      contractorId,
      contractorName: name.get(contractorId) ?? contractorId,
      forwardedOn: null,
      answeredOn: null,
      outcome: null,
      note: null,
      updatedAt: at,
      version: 1,
    }),
  );
  return tasks.sort(
    (a, b) => a.contractorName.localeCompare(b.contractorName, 'ja') || a.contractorId.localeCompare(b.contractorId),
  );
}

/** Retries a unit whose task guard found the holders changed between reading and writing. */
async function withFreshHolders<T>(attempt: () => Promise<T>): Promise<T> {
  for (let tries = 1; ; tries++) {
    try {
      return await attempt();
    } catch (err) {
      if (!isStaleWrite(err) || tries >= 3) throw isStaleWrite(err) ? staleWrite() : err;
    }
  }
}

/**
 * Records a request and, in the same unit, opens one task per contractor holding any of
 * its categories on the day it was received (see holdersOf()); due on receipt + the
 * internal target (「遅滞なく」, APPI Art. 33(2), 34(2), 35(2)/(4)/(6): no fixed number).
 */
export async function createSubjectRequest(
  ctx: ServiceContext,
  input: CreateSubjectRequestInput,
): Promise<SubjectRequestView> {
  const today = ctx.clock.today();
  checkReceived(input.receivedOn, today);
  const { targetDays } = await readSubjectRequestTarget(ctx.db);
  const categories = [...new Set(input.dataCategories)];
  return withFreshHolders(async () => {
    const now = ctx.clock.now().toISOString();
    const row: SubjectRequestRow = {
      id: newId(),
      kind: input.kind,
      receivedOn: input.receivedOn,
      dataCategories: categories,
      reference: input.reference,
      status: 'open',
      dueOn: dueOnOf(input.receivedOn, targetDays),
      outcome: null,
      refusalGround: null,
      refusalReason: null,
      closedOn: null,
      createdBy: ctx.actor.id,
      createdAt: now,
      updatedAt: now,
      version: 1,
    };
    const expected = await holderIds(ctx.db, categories, row.receivedOn);
    const view = presentSubjectRequest(row, await namedTasks(ctx, row.id, expected, now), today);
    await writeAudited(
      ctx,
      [insertSubjectRequest(ctx.db, row), ...openTasks(ctx.db, row.id, categories, row.receivedOn, expected, now)],
      [{ action: 'subject_request.create', entityType: 'subject_request', entityId: row.id, after: view }],
    );
    return view;
  });
}

export const requestClosed = () => new ProblemError(409, 'conflict', 'This subject request is closed.');

/**
 * Corrects the reference at any time while open; the day of receipt and the categories
 * only while nothing has been forwarded yet (no contractor was asked about them), the
 * tasks then derived again in the same unit and the due date moved with the receipt.
 */
export async function patchSubjectRequest(
  ctx: ServiceContext,
  id: string,
  patch: PatchSubjectRequestInput,
  ifMatch: string | undefined,
): Promise<SubjectRequestView> {
  const today = ctx.clock.today();
  const first = await getSubjectRequestRow(ctx.db, id);
  checkIfMatch(ifMatch, first.version);
  if (first.status === 'closed') throw requestClosed();
  return withFreshHolders(async () => {
    const current = await getSubjectRequestRow(ctx.db, id);
    if (current.version !== first.version) throw staleWrite();
    const tasks = await taskRowsOf(ctx.db, [id]);
    const categories = patch.dataCategories ? [...new Set(patch.dataCategories)] : current.dataCategories;
    const receivedOn = patch.receivedOn ?? current.receivedOn;
    const rederive =
      receivedOn !== current.receivedOn ||
      categories.length !== current.dataCategories.length ||
      categories.some((c) => !current.dataCategories.includes(c));
    if (rederive && tasks.some((t) => t.forwardedOn || t.answeredOn)) {
      const path = patch.dataCategories ? 'dataCategories' : 'receivedOn';
      throw new ProblemError(
        409,
        'conflict',
        'The request was forwarded to a contractor: its scope can no longer change.',
        [fieldError(path, 'srTasksUnderway')],
      );
    }
    checkReceived(receivedOn, today);
    const now = ctx.clock.now().toISOString();
    const { targetDays } = await readSubjectRequestTarget(ctx.db);
    const next: SubjectRequestRow = {
      ...current,
      reference: patch.reference ?? current.reference,
      receivedOn,
      dataCategories: categories,
      dueOn: receivedOn !== current.receivedOn ? dueOnOf(receivedOn, targetDays) : current.dueOn,
      updatedAt: now,
      version: current.version + 1,
    };
    const statements = requestUpdate(ctx.db, current, next);
    let nextTasks: TaskRow[] = tasks;
    if (rederive) {
      const expected = await holderIds(ctx.db, categories, receivedOn);
      nextTasks = await namedTasks(ctx, id, expected, now);
      statements.push(deleteTasks(ctx.db, id), ...openTasks(ctx.db, id, categories, receivedOn, expected, now));
    }
    const after = presentSubjectRequest(next, nextTasks, today);
    try {
      await writeAudited(ctx, statements, [
        {
          action: 'subject_request.update',
          entityType: 'subject_request',
          entityId: id,
          before: presentSubjectRequest(current, tasks, today),
          after,
        },
      ]);
    } catch (err) {
      // Someone else saved first: 412. Otherwise the holders changed meanwhile: derive again.
      if (isStaleWrite(err) && (await getSubjectRequestRow(ctx.db, id)).version !== current.version) throw staleWrite();
      throw err;
    }
    return after;
  });
}
