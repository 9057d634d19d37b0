import type { ServiceContext } from '../../platform/app-env';
import { decodeCursor } from '../../platform/cursor';
import { keysetPage } from '../../platform/keyset';
import { notFound } from '../../platform/problem';
import { type QuestionnaireDetail, questionnaireDetail, viewOf } from './questionnaires.present';
import {
  countQuestionnaireRows,
  findQuestionnaire,
  findUnrevokedForReview,
  type QuestionnaireFilter,
  type QuestionnaireListRow,
  questionnaireContractors,
  questionnaireRows,
} from './questionnaires.repo';

/** What compliance reads of questionnaires: lists, counts and one questionnaire whole. */
export async function getQuestionnaireRow(ctx: ServiceContext, id: string): Promise<QuestionnaireListRow> {
  const row = await findQuestionnaire(ctx.db, id);
  if (!row) throw notFound('Questionnaire', id);
  return row;
}

export async function listQuestionnaires(
  ctx: ServiceContext,
  q: Omit<QuestionnaireFilter, 'before' | 'limit' | 'today'> & { limit: number; cursor?: string },
) {
  const before = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const rows = await questionnaireRows(ctx.db, { ...q, today: ctx.clock.today(), before, limit: q.limit + 1 });
  return keysetPage(
    rows,
    q.limit,
    (r) => [r.createdAt, r.id],
    (r) => viewOf(ctx, r),
  );
}

export async function countQuestionnaires(
  ctx: ServiceContext,
  q: Omit<QuestionnaireFilter, 'before' | 'limit' | 'today'>,
): Promise<number> {
  return countQuestionnaireRows(ctx.db, { ...q, today: ctx.clock.today() });
}

/** The contractors a list of questionnaires can be filtered by, in Japanese order. */
export async function contractorsWithQuestionnaires(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  const rows = await questionnaireContractors(ctx.db, 1000);
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

export async function getQuestionnaire(ctx: ServiceContext, id: string): Promise<QuestionnaireDetail> {
  return questionnaireDetail(ctx, await getQuestionnaireRow(ctx, id));
}

/** The review's questionnaire that is live or accepted (a revoked one is history only). */
export async function findQuestionnaireForReview(
  ctx: ServiceContext,
  reviewId: string,
): Promise<QuestionnaireDetail | null> {
  const row = await findUnrevokedForReview(ctx.db, reviewId);
  return row ? questionnaireDetail(ctx, row) : null;
}
