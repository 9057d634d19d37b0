import type { QuestionnaireRow } from '../../../db/schema';
import { isCivilDate } from '../../domain/calendar';
import {
  copyTemplate,
  type TemplateQuestion,
  templateQuestions,
  yesPartlyNoValues,
} from '../../domain/questionnaire/template';
import type { ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { sha256Hex } from '../../platform/crypto';
import { isStaleWrite } from '../../platform/db';
import { type FieldError, fieldError, ProblemError } from '../../platform/problem';
import { fieldErrors } from '../../platform/router';
import { multiLineText } from '../../platform/text';
import { type DocumentView, uploadDocument } from '../documents/documents.service';
import { TooManyAttempts } from '../users/sign-in.service';
import { chargeAttempt, settleSuccess } from '../users/throttle.repo';
import { isExpired } from './questionnaires.present';
import { linkGone, linkNotFound, questionnaireProblem, submittedAlready } from './questionnaires.problems';
import {
  answersOf,
  EDITABLE_STATUSES,
  evidenceOf,
  findByTokenHash,
  findQuestionnaire,
  type QuestionnaireListRow,
  respondentUpdate,
  upsertAnswer,
} from './questionnaires.repo';
import type { SaveAnswersInput } from './respond.schemas';

/**
 * The contractor's side: no itaku account, the link's token is the key. Every verb first
 * finds the questionnaire by the token's SHA-256, counting the lookup against the client's
 * address first so that at most ATTEMPTS_PER_ADDRESS guesses per window reach the lookup
 * even when they arrive at once (OWASP Authentication Cheat Sheet); a lookup that finds
 * its questionnaire takes its count back, so a contractor answering is never held up.
 */
export const ATTEMPTS_PER_ADDRESS = 20;

const editable = (status: QuestionnaireRow['status']) => (EDITABLE_STATUSES as readonly string[]).includes(status);

/** The questionnaire the token opens, live or read-only; 404 unknown, 410 revoked or expired, 429 throttled. */
async function open(ctx: ServiceContext, token: string, clientAddress: string | null): Promise<QuestionnaireListRow> {
  const key = `respond:${clientAddress ?? 'unknown'}`;
  const charge = await chargeAttempt(ctx.db, [{ key, limit: ATTEMPTS_PER_ADDRESS }], ctx.clock.now());
  if (!charge.allowed) throw new TooManyAttempts(charge.retryAfterSeconds);
  const row = token.length <= 128 ? await findByTokenHash(ctx.db, await sha256Hex(token)) : null;
  if (!row) throw linkNotFound();
  await settleSuccess(ctx.db, { clear: [], refund: [key] });
  return usable(row, ctx.clock.now());
}

function usable(row: QuestionnaireListRow, now: Date): QuestionnaireListRow {
  if (row.status === 'revoked' || isExpired(row, now)) throw linkGone(row.language);
  return row;
}

/** The questionnaire again after a unit refused by its guard: why it no longer takes answers. */
async function refusal(ctx: ServiceContext, id: string): Promise<ProblemError> {
  const row = await findQuestionnaire(ctx.db, id);
  if (!row || row.status === 'revoked' || isExpired(row, ctx.clock.now())) return linkGone(row?.language);
  return submittedAlready();
}

/** Writes as the respondent of this one questionnaire. */
const asRespondent = (ctx: ServiceContext, row: QuestionnaireRow) => ({
  ...ctx,
  actor: { id: `respondent:${row.id}` },
});

export async function respondentView(ctx: ServiceContext, row: QuestionnaireListRow) {
  const [answers, evidence] = await Promise.all([answersOf(ctx.db, row.id), evidenceOf(ctx.db, row.id)]);
  const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
  return {
    questionnaireId: row.id,
    language: row.language,
    contractorName: row.contractorName,
    organizationName: ctx.config.organizationName ?? null,
    recipientName: row.recipientName,
    dueDate: row.dueDate,
    expiresAt: row.expiresAt,
    status: row.status,
    readOnly: !editable(row.status),
    template: copyTemplate(row.template),
    answers: templateQuestions(row.template)
      .filter((q) => byQuestion.has(q.id) || evidence.some((d) => d.questionId === q.id))
      .map((q) => {
        const a = byQuestion.get(q.id);
        return {
          questionId: q.id,
          value: a?.value ?? null,
          comment: a?.comment ?? null,
          reviewerComment: a?.reviewerComment ?? null,
          documents: evidence
            .filter((d) => d.questionId === q.id)
            .map((d) => ({ id: d.id, fileName: d.fileName, size: d.size, contentType: d.contentType })),
        };
      }),
  };
}
export type RespondentView = Awaited<ReturnType<typeof respondentView>>;

export async function openForRespondent(
  ctx: ServiceContext,
  token: string,
  clientAddress: string | null,
): Promise<RespondentView> {
  return respondentView(ctx, await open(ctx, token, clientAddress));
}

const semantic = (errors: FieldError[]) =>
  new ProblemError(422, 'validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);

const TEXT = multiLineText({ max: 4000 });

/** A value as its question's type takes it; null clears the answer. */
function valueErrors(q: TemplateQuestion, value: string | null, path: string): FieldError[] {
  if (value === null) return [];
  switch (q.type) {
    case 'yes_partly_no':
      return (yesPartlyNoValues as readonly string[]).includes(value) ? [] : [fieldError(path, 'answerChoice')];
    case 'date':
      return isCivilDate(value) ? [] : [fieldError(path, 'civilDate')];
    case 'file':
      return [fieldError(path, 'answerByFile')];
    case 'text': {
      const parsed = TEXT.safeParse(value);
      return parsed.success ? [] : fieldErrors(parsed.error.issues).map((e) => ({ ...e, path }));
    }
  }
}

/** A form's empty field clears the answer, as null does. */
const blank = (v: string | null) => (v === null || v.trim() === '' ? null : v);

/** A draft: the answers given replace those questions' answers; the others stay. */
export async function saveAnswers(
  ctx: ServiceContext,
  token: string,
  clientAddress: string | null,
  input: SaveAnswersInput,
): Promise<RespondentView> {
  const row = await open(ctx, token, clientAddress);
  if (!editable(row.status)) throw submittedAlready();
  const questions = new Map(templateQuestions(row.template).map((q) => [q.id, q]));
  const current = new Map((await answersOf(ctx.db, row.id)).map((a) => [a.questionId, a]));
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  const answers = input.answers.map((a, i) => {
    const q = questions.get(a.questionId);
    if (!q) errors.push(fieldError(`answers.${i}.questionId`, 'noSuchQuestion', { id: a.questionId }));
    else if (seen.has(a.questionId))
      errors.push(fieldError(`answers.${i}.questionId`, 'duplicateId', { id: a.questionId }));
    seen.add(a.questionId);
    const before = current.get(a.questionId);
    const value = a.value === undefined ? (before?.value ?? null) : blank(a.value);
    const comment = a.comment === undefined ? (before?.comment ?? null) : blank(a.comment);
    if (q && a.value !== undefined) errors.push(...valueErrors(q, value, `answers.${i}.value`));
    // Text is kept as the rules clean it (CRLF as LF, trimmed).
    const cleaned = q?.type === 'text' && value ? TEXT.safeParse(value) : null;
    return { questionId: a.questionId, value: cleaned?.success ? cleaned.data : value, comment };
  });
  if (errors.length) throw semantic(errors);
  const at = ctx.clock.now().toISOString();
  try {
    await writeAudited(
      asRespondent(ctx, row),
      [
        ...respondentUpdate(ctx.db, row.id, { status: 'in_progress', updatedAt: at }),
        ...answers.map((a) => upsertAnswer(ctx.db, { questionnaireId: row.id, ...a, updatedAt: at })),
      ],
      [{ action: 'questionnaire.answer', entityType: 'questionnaire', entityId: row.id, after: { answers } }],
    );
  } catch (err) {
    if (isStaleWrite(err)) throw await refusal(ctx, row.id);
    throw err;
  }
  return respondentView(ctx, { ...row, status: 'in_progress' });
}

/** Evidence for one question, stored like any document and tied to the answer. */
export async function attachEvidence(
  ctx: ServiceContext,
  token: string,
  clientAddress: string | null,
  questionId: string,
  file: File,
): Promise<DocumentView> {
  const row = await open(ctx, token, clientAddress);
  if (!editable(row.status)) throw submittedAlready();
  if (!templateQuestions(row.template).some((q) => q.id === questionId)) {
    throw semantic([fieldError('questionId', 'noSuchQuestion', { id: questionId })]);
  }
  const at = ctx.clock.now().toISOString();
  try {
    return await uploadDocument(
      asRespondent(ctx, row),
      { file, contractorId: row.contractorId, kind: 'other', reviewId: row.reviewId },
      {
        questionnaireId: row.id,
        questionId,
        statements: respondentUpdate(ctx.db, row.id, { status: 'in_progress', updatedAt: at }),
        events: [
          {
            action: 'questionnaire.attach',
            entityType: 'questionnaire',
            entityId: row.id,
            after: { questionId },
          },
        ],
      },
    );
  } catch (err) {
    if (isStaleWrite(err)) throw await refusal(ctx, row.id);
    throw err;
  }
}

/** Required questions still without an answer (or, for a file question, without evidence). */
async function missing(ctx: ServiceContext, row: QuestionnaireRow): Promise<FieldError[]> {
  const [answers, evidence] = await Promise.all([answersOf(ctx.db, row.id), evidenceOf(ctx.db, row.id)]);
  const answered = new Set(answers.filter((a) => a.value !== null).map((a) => a.questionId));
  const attached = new Set(evidence.map((d) => d.questionId));
  return templateQuestions(row.template)
    .filter((q) => q.required && !(q.type === 'file' ? attached.has(q.id) : answered.has(q.id)))
    .map((q) => fieldError(`answers.${q.id}`, q.type === 'file' ? 'evidenceRequired' : 'answerRequired'));
}

/**
 * Submits at the version whose answers were checked: a save that lands in between makes
 * the unit fail, and the check runs again on the new answers. After it, the link is read-only.
 */
export async function submitQuestionnaire(
  ctx: ServiceContext,
  token: string,
  clientAddress: string | null,
): Promise<RespondentView> {
  let row = await open(ctx, token, clientAddress);
  for (let attempt = 0; ; attempt++) {
    if (!editable(row.status)) throw submittedAlready();
    const errors = await missing(ctx, row);
    if (errors.length) {
      throw questionnaireProblem(
        422,
        'questionnaire-incomplete',
        `${errors.length} required question(s) are unanswered.`,
        errors,
      );
    }
    const at = ctx.clock.now().toISOString();
    try {
      await writeAudited(
        asRespondent(ctx, row),
        respondentUpdate(ctx.db, row.id, { status: 'submitted', submittedAt: at, updatedAt: at }, row.version),
        [{ action: 'questionnaire.submit', entityType: 'questionnaire', entityId: row.id, after: { submittedAt: at } }],
      );
      return respondentView(ctx, { ...row, status: 'submitted', submittedAt: at, version: row.version + 1 });
    } catch (err) {
      if (!isStaleWrite(err)) throw err;
      if (attempt >= 4) throw new ProblemError(409, 'conflict', 'The answers kept changing meanwhile; submit again.');
      const again = await findQuestionnaire(ctx.db, row.id);
      if (!again) throw linkGone();
      row = usable(again, ctx.clock.now());
    }
  }
}
