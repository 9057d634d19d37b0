import type { QuestionnaireRow } from '../../../db/schema';
import { addDays } from '../../domain/calendar';
import { type QuestionnaireScore, scoreQuestionnaire } from '../../domain/questionnaire/scoring';
import { copyTemplate, questionCount, templateQuestions } from '../../domain/questionnaire/template';
import type { ServiceContext } from '../../platform/app-env';
import { startOfDay } from '../audit/audit.period';
import {
  answersOf,
  EDITABLE_STATUSES,
  evidenceOf,
  previousAnswered,
  type QuestionnaireListRow,
} from './questionnaires.repo';

/** The link works until the end of this many days after the due date (in ITAKU_TIMEZONE). */
export const EXPIRY_DAYS_AFTER_DUE = 30;

/** The last instant of a civil date in the zone, as RFC 3339. */
export const endOfDay = (date: string, timeZone: string): string =>
  new Date(Date.parse(startOfDay(addDays(date, 1), timeZone)) - 1).toISOString();

export const defaultExpiry = (dueDate: string, timeZone: string): string =>
  endOfDay(addDays(dueDate, EXPIRY_DAYS_AFTER_DUE), timeZone);

export const isExpired = (row: Pick<QuestionnaireRow, 'expiresAt'>, now: Date): boolean =>
  now.toISOString() > row.expiresAt;

const awaitingAnswers = (status: QuestionnaireRow['status']) =>
  (EDITABLE_STATUSES as readonly string[]).includes(status);

export function presentQuestionnaire(row: QuestionnaireListRow, now: Date, today: string) {
  return {
    id: row.id,
    reviewId: row.reviewId,
    contractorId: row.contractorId,
    contractorName: row.contractorName,
    templateId: row.templateId,
    templateVersion: row.templateVersion,
    templateName: row.template.name,
    language: row.language,
    recipientName: row.recipientName,
    recipientEmail: row.recipientEmail,
    dueDate: row.dueDate,
    expiresAt: row.expiresAt,
    status: row.status,
    overdue: awaitingAnswers(row.status) && row.dueDate < today,
    expired: isExpired(row, now),
    sentAt: row.sentAt,
    submittedAt: row.submittedAt,
    returnedAt: row.returnedAt,
    acceptedAt: row.acceptedAt,
    revokedAt: row.revokedAt,
    answeredCount: row.answeredCount,
    questionCount: questionCount(row.template),
    version: row.version,
  };
}
export type QuestionnaireView = ReturnType<typeof presentQuestionnaire>;

export const viewOf = (ctx: ServiceContext, row: QuestionnaireListRow): QuestionnaireView =>
  presentQuestionnaire(row, ctx.clock.now(), ctx.clock.today());

export interface QuestionnaireDetail extends QuestionnaireView, QuestionnaireScore {
  template: ReturnType<typeof copyTemplate>;
  answers: {
    questionId: string;
    value: string | null;
    comment: string | null;
    reviewerComment: string | null;
    documentIds: string[];
  }[];
  previous: {
    id: string;
    sentAt: string;
    answers: { questionId: string; value: string | null; comment: string | null }[];
  } | null;
}

/** Answers in the template's order; a question with only evidence (or a reviewer's comment) is listed too. */
export async function questionnaireDetail(
  ctx: ServiceContext,
  row: QuestionnaireListRow,
): Promise<QuestionnaireDetail> {
  const [answers, evidence, previous] = await Promise.all([
    answersOf(ctx.db, row.id),
    evidenceOf(ctx.db, row.id),
    previousAnswered(ctx.db, row),
  ]);
  const byQuestion = new Map(answers.map((a) => [a.questionId, a]));
  const order = templateQuestions(row.template).map((q) => q.id);
  const listed = order.filter((id) => byQuestion.has(id) || evidence.some((d) => d.questionId === id));
  const previousAnswers = previous ? await answersOf(ctx.db, previous.id) : [];
  return {
    ...viewOf(ctx, row),
    template: copyTemplate(row.template),
    answers: listed.map((questionId) => {
      const a = byQuestion.get(questionId);
      return {
        questionId,
        value: a?.value ?? null,
        comment: a?.comment ?? null,
        reviewerComment: a?.reviewerComment ?? null,
        documentIds: evidence.filter((d) => d.questionId === questionId).map((d) => d.id),
      };
    }),
    ...scoreQuestionnaire(row.template, new Map(answers.map((a) => [a.questionId, a.value]))),
    previous: previous
      ? {
          id: previous.id,
          sentAt: previous.sentAt,
          answers: previousAnswers
            .filter((a) => a.value !== null || a.comment !== null)
            .map((a) => ({ questionId: a.questionId, value: a.value, comment: a.comment })),
        }
      : null,
  };
}
