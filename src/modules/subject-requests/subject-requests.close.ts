import type { SubjectRequestRow, SubjectRequestTaskRow } from '../../../db/schema';
import { closingProblems } from '../../domain/subject-requests';
import type { ServiceContext } from '../../platform/app-env';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { type FieldError, fieldError, invalidFields, notFound, ProblemError } from '../../platform/problem';
import { allTasksAnswered, getSubjectRequestRow, requestUpdate, taskRowsOf, taskUpdate } from './subject-requests.repo';
import type { CloseSubjectRequestInput, PatchTaskInput } from './subject-requests.schemas';
import { presentSubjectRequest, requestClosed, type SubjectRequestView } from './subject-requests.service';

/** The dates of one contractor's part, in order: received → forwarded → answered, none in the future. */
function checkTask(r: SubjectRequestRow, t: SubjectRequestTaskRow, today: string): void {
  const errors: FieldError[] = [];
  for (const [path, value] of [
    ['forwardedOn', t.forwardedOn],
    ['answeredOn', t.answeredOn],
  ] as const) {
    if (value && value > today) errors.push(fieldError(path, 'notInFuture'));
    else if (value && value < r.receivedOn) errors.push(fieldError(path, 'srNotBeforeReceived'));
  }
  if (t.answeredOn && !t.forwardedOn) errors.push(fieldError('forwardedOn', 'srForwardFirst'));
  if (t.answeredOn && t.forwardedOn && t.answeredOn < t.forwardedOn && t.answeredOn >= r.receivedOn) {
    errors.push(fieldError('answeredOn', 'srNotBeforeForwarded'));
  }
  if (t.answeredOn && !t.outcome) errors.push(fieldError('outcome', 'srOutcomeWithAnswer'));
  if (t.outcome && !t.answeredOn) errors.push(fieldError('answeredOn', 'srAnswerWithOutcome'));
  if (t.outcome === 'not_done' && !t.note?.trim()) errors.push(fieldError('note', 'srNoteRequired'));
  if (errors.length) throw invalidFields(errors);
}

/**
 * Records one contractor's part: when the request was passed on to it and when and how it
 * answered. `If-Match` names the task's own version (tasks[].version), so two people
 * recording different contractors never collide; the response's ETag is the task's new
 * version.
 */
export async function patchTask(
  ctx: ServiceContext,
  id: string,
  contractorId: string,
  patch: PatchTaskInput,
  ifMatch: string | undefined,
): Promise<{ request: SubjectRequestView; taskVersion: number }> {
  const request = await getSubjectRequestRow(ctx.db, id);
  const tasks = await taskRowsOf(ctx.db, [id]);
  const current = tasks.find((t) => t.contractorId === contractorId);
  if (!current) throw notFound(`Task of subject request ${id} for contractor`, contractorId);
  checkIfMatch(ifMatch, current.version);
  if (request.status === 'closed') throw requestClosed();
  const pick = <K extends keyof PatchTaskInput>(k: K) => (patch[k] !== undefined ? (patch[k] ?? null) : current[k]);
  const { contractorName, ...row } = current;
  const next: SubjectRequestTaskRow = {
    ...row,
    forwardedOn: pick('forwardedOn'),
    answeredOn: pick('answeredOn'),
    outcome: pick('outcome'),
    note: pick('note'),
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const today = ctx.clock.today();
  checkTask(request, next, today);
  const nextTasks = tasks.map((t) => (t.contractorId === contractorId ? { ...next, contractorName } : t));
  const view = presentSubjectRequest(request, nextTasks, today);
  await commitVersioned(ctx, taskUpdate(ctx.db, row, next), [
    {
      action: 'subject_request.task',
      entityType: 'subject_request',
      entityId: id,
      before: { contractorId, ...presentTask(current) },
      after: { contractorId, ...presentTask(next) },
    },
  ]);
  return { request: view, taskVersion: next.version };
}

const presentTask = (t: SubjectRequestTaskRow) => ({
  forwardedOn: t.forwardedOn,
  answeredOn: t.answeredOn,
  outcome: t.outcome,
  note: t.note,
  version: t.version,
});

/** 409 naming each contractor still to answer, at `tasks.<contractorId>`. */
const openTasksProblem = (open: { contractorId: string; contractorName: string }[]) =>
  new ProblemError(
    409,
    'subject-request-open-tasks',
    `Every contractor must answer before the request is closed; still open: ${open.map((t) => t.contractorName).join(', ')}.`,
    open.map((t) => ({
      path: `tasks.${t.contractorId}`,
      message: `${t.contractorName} has not answered`,
      params: { contractor: t.contractorName },
    })),
  );

/**
 * Closes a request with its outcome. Every task must be answered (checked again inside the
 * unit, so a task reopened meanwhile stops it); a refusal in whole or part records one of
 * the grounds of APPI Art. 33(2) items 1–3 and the reason told to the person.
 */
export async function closeSubjectRequest(
  ctx: ServiceContext,
  id: string,
  input: CloseSubjectRequestInput,
): Promise<SubjectRequestView> {
  const current = await getSubjectRequestRow(ctx.db, id);
  if (current.status === 'closed') throw requestClosed();
  const problems = closingProblems(input);
  if (problems.length) {
    throw invalidFields(
      problems.map(([path, rule]) => fieldError(path, rule === 'required' ? 'required' : 'srNotRefusal')),
    );
  }
  const tasks = await taskRowsOf(ctx.db, [id]);
  const open = tasks.filter((t) => !t.answeredOn);
  if (open.length) throw openTasksProblem(open);
  const today = ctx.clock.today();
  const next: SubjectRequestRow = {
    ...current,
    status: 'closed',
    outcome: input.outcome,
    refusalGround: input.refusalGround ?? null,
    refusalReason: input.refusalReason?.trim() || null,
    closedOn: today,
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const after = presentSubjectRequest(next, tasks, today);
  try {
    await commitVersioned(ctx, requestUpdate(ctx.db, current, next, allTasksAnswered(id)), [
      {
        action: 'subject_request.close',
        entityType: 'subject_request',
        entityId: id,
        before: presentSubjectRequest(current, tasks, today),
        after,
      },
    ]);
  } catch (err) {
    // Lost a race: closed by someone else (409 as for a later close), or a task reopened.
    if (err instanceof ProblemError && err.status === 412) {
      const now = await getSubjectRequestRow(ctx.db, id);
      if (now.status === 'closed') throw requestClosed();
      const reopened = (await taskRowsOf(ctx.db, [id])).filter((t) => !t.answeredOn);
      if (reopened.length) throw openTasksProblem(reopened);
    }
    throw err;
  }
  return after;
}
