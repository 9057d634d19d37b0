import { and, asc, count, desc, eq, inArray, isNull, lt, ne, not, type SQL, sql } from 'drizzle-orm';
import {
  contractors,
  documents,
  type OutboxRow,
  outbox,
  type QuestionnaireAnswerRow,
  type QuestionnaireRow,
  type QuestionnaireTemplateRow,
  questionnaireAnswers,
  questionnaires,
  questionnaireTemplates,
} from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';

/** Statuses in which the respondent may still change the answers. */
export const EDITABLE_STATUSES = ['sent', 'in_progress', 'returned'] as const;
/** Statuses in which the questionnaire is live (its link works, it blocks a second one for the review). */
export const LIVE_STATUSES = [...EDITABLE_STATUSES, 'submitted'] as const;

export type QuestionnaireListRow = QuestionnaireRow & { contractorName: string; answeredCount: number };

const answered = sql<number>`(SELECT count(*) FROM ${questionnaireAnswers} WHERE ${questionnaireAnswers.questionnaireId} = ${questionnaires.id} AND ${questionnaireAnswers.value} IS NOT NULL)`;

function listed(db: Db) {
  return db
    .select({ q: questionnaires, contractorName: contractors.name, answeredCount: answered })
    .from(questionnaires)
    .innerJoin(contractors, eq(contractors.id, questionnaires.contractorId));
}

const flatten = (r: { q: QuestionnaireRow; contractorName: string; answeredCount: number }): QuestionnaireListRow => ({
  ...r.q,
  contractorName: r.contractorName,
  answeredCount: Number(r.answeredCount),
});

export async function findQuestionnaire(db: Db, id: string): Promise<QuestionnaireListRow | null> {
  const row = await listed(db).where(eq(questionnaires.id, id)).get();
  return row ? flatten(row) : null;
}

export async function findByTokenHash(db: Db, tokenHash: string): Promise<QuestionnaireListRow | null> {
  const row = await listed(db).where(eq(questionnaires.tokenHash, tokenHash)).get();
  return row ? flatten(row) : null;
}

/** The review's questionnaire that is not revoked: at most one (questionnaires_live_review_uq). */
export async function findUnrevokedForReview(db: Db, reviewId: string): Promise<QuestionnaireListRow | null> {
  const row = await listed(db)
    .where(and(eq(questionnaires.reviewId, reviewId), ne(questionnaires.status, 'revoked')))
    .get();
  return row ? flatten(row) : null;
}

export interface QuestionnaireFilter {
  contractorId?: string;
  reviewId?: string;
  status?: QuestionnaireRow['status'];
  /** true: still awaiting answers and due before `today`. */
  overdue?: boolean;
  today?: string;
  /** Keyset position: the last row's (created_at, id); the list is newest first. */
  before?: [string, string];
  limit: number;
}

/** The filter's conditions, shared by the page and its count (the keyset position aside). */
function matching(f: Omit<QuestionnaireFilter, 'before' | 'limit'>): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  if (f.contractorId) where.push(eq(questionnaires.contractorId, f.contractorId));
  if (f.reviewId) where.push(eq(questionnaires.reviewId, f.reviewId));
  if (f.status) where.push(eq(questionnaires.status, f.status));
  if (f.overdue !== undefined && f.today) {
    const overdue = and(inArray(questionnaires.status, EDITABLE_STATUSES), lt(questionnaires.dueDate, f.today)) as SQL;
    where.push(f.overdue ? overdue : not(overdue));
  }
  return where;
}

/** How many questionnaires the filter matches in all, for "51–100 of 1,234" under a page. */
export async function countQuestionnaireRows(
  db: Db,
  f: Omit<QuestionnaireFilter, 'before' | 'limit'>,
): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(questionnaires)
    .where(and(...matching(f)))
    .get();
  return row?.n ?? 0;
}

/** The contractors that were sent questionnaires, at most `limit`, for a list's filter. */
export async function questionnaireContractors(db: Db, limit: number): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: contractors.id, name: contractors.name })
    .from(questionnaires)
    .innerJoin(contractors, eq(contractors.id, questionnaires.contractorId))
    .limit(limit)
    .all();
}

export async function questionnaireRows(db: Db, f: QuestionnaireFilter): Promise<QuestionnaireListRow[]> {
  const where = matching(f);
  if (f.before) where.push(sql`(${questionnaires.createdAt}, ${questionnaires.id}) < (${f.before[0]}, ${f.before[1]})`);
  const rows = await listed(db)
    .where(and(...where))
    .orderBy(desc(questionnaires.createdAt), desc(questionnaires.id))
    .limit(f.limit)
    .all();
  return rows.map(flatten);
}

/** The contractor's latest questionnaire before `createdAt` that was submitted or accepted. */
export async function previousAnswered(db: Db, q: QuestionnaireRow): Promise<QuestionnaireRow | null> {
  const row = await db
    .select()
    .from(questionnaires)
    .where(
      and(
        eq(questionnaires.contractorId, q.contractorId),
        inArray(questionnaires.status, ['submitted', 'accepted']),
        sql`(${questionnaires.createdAt}, ${questionnaires.id}) < (${q.createdAt}, ${q.id})`,
      ),
    )
    .orderBy(desc(questionnaires.createdAt), desc(questionnaires.id))
    .limit(1)
    .get();
  return row ?? null;
}

export const answersOf = async (db: Db, questionnaireId: string): Promise<QuestionnaireAnswerRow[]> =>
  await db
    .select()
    .from(questionnaireAnswers)
    .where(eq(questionnaireAnswers.questionnaireId, questionnaireId))
    .orderBy(asc(questionnaireAnswers.questionId))
    .all();

export const evidenceOf = (db: Db, questionnaireId: string) =>
  db
    .select({
      id: documents.id,
      questionId: documents.questionId,
      fileName: documents.fileName,
      size: documents.size,
      contentType: documents.contentType,
    })
    .from(documents)
    .where(and(eq(documents.questionnaireId, questionnaireId), isNull(documents.deletedAt)))
    .orderBy(asc(documents.id))
    .all();

export const insertQuestionnaire = (db: Db, row: QuestionnaireRow): Statement => db.insert(questionnaires).values(row);

export const insertOutbox = (db: Db, row: OutboxRow): Statement => db.insert(outbox).values(row);

/** A staff change of a questionnaire the caller read at `current.version`; the guard rolls back otherwise. */
export function questionnaireUpdate(db: Db, current: QuestionnaireRow, next: QuestionnaireRow): Statement[] {
  const { id: _id, ...values } = next;
  return [
    db
      .update(questionnaires)
      .set(values)
      .where(and(eq(questionnaires.id, current.id), eq(questionnaires.version, current.version))),
    expectOneChange(db),
  ];
}

/**
 * A respondent's change: goes through only while the questionnaire still takes answers
 * (so a save that arrives after the submit is refused), optionally only at `version`.
 */
export function respondentUpdate(
  db: Db,
  id: string,
  set: Partial<Pick<QuestionnaireRow, 'status' | 'submittedAt'>> & { updatedAt: string },
  version?: number,
): Statement[] {
  return [
    db
      .update(questionnaires)
      .set({ ...set, version: sql`${questionnaires.version} + 1` })
      .where(
        and(
          eq(questionnaires.id, id),
          inArray(questionnaires.status, [...EDITABLE_STATUSES]),
          version === undefined ? undefined : eq(questionnaires.version, version),
        ),
      ),
    expectOneChange(db),
  ];
}

/** Writes the respondent's value and comment, keeping the reviewer's comment. */
export const upsertAnswer = (
  db: Db,
  row: Pick<QuestionnaireAnswerRow, 'questionnaireId' | 'questionId' | 'value' | 'comment' | 'updatedAt'>,
): Statement =>
  db
    .insert(questionnaireAnswers)
    .values({ ...row, reviewerComment: null })
    .onConflictDoUpdate({
      target: [questionnaireAnswers.questionnaireId, questionnaireAnswers.questionId],
      set: { value: row.value, comment: row.comment, updatedAt: row.updatedAt },
    });

/** A new round of clarification: the earlier reviewer comments go, these take their place. */
export function reviewerComments(
  db: Db,
  questionnaireId: string,
  comments: readonly { questionId: string; comment: string }[],
  at: string,
): Statement[] {
  return [
    db
      .update(questionnaireAnswers)
      .set({ reviewerComment: null })
      .where(eq(questionnaireAnswers.questionnaireId, questionnaireId)),
    ...comments.map((c) =>
      db
        .insert(questionnaireAnswers)
        .values({
          questionnaireId,
          questionId: c.questionId,
          value: null,
          comment: null,
          reviewerComment: c.comment,
          updatedAt: at,
        })
        .onConflictDoUpdate({
          target: [questionnaireAnswers.questionnaireId, questionnaireAnswers.questionId],
          set: { reviewerComment: c.comment },
        }),
    ),
  ];
}

// Custom templates.

export const findTemplateRow = async (db: Db, id: string): Promise<QuestionnaireTemplateRow | null> =>
  (await db.select().from(questionnaireTemplates).where(eq(questionnaireTemplates.id, id)).get()) ?? null;

/** Custom templates by id after `afterId`; archived ones only when asked. */
export const templateRows = (db: Db, f: { afterId?: string; archived: boolean; limit: number }) =>
  db
    .select()
    .from(questionnaireTemplates)
    .where(
      and(
        f.afterId === undefined ? undefined : sql`${questionnaireTemplates.id} > ${f.afterId}`,
        f.archived ? undefined : isNull(questionnaireTemplates.archivedAt),
      ),
    )
    .orderBy(asc(questionnaireTemplates.id))
    .limit(f.limit)
    .all();

export const insertTemplate = (db: Db, row: QuestionnaireTemplateRow): Statement =>
  db.insert(questionnaireTemplates).values(row);

export function templateUpdate(db: Db, current: QuestionnaireTemplateRow, next: QuestionnaireTemplateRow): Statement[] {
  const { id: _id, ...values } = next;
  return [
    db
      .update(questionnaireTemplates)
      .set(values)
      .where(and(eq(questionnaireTemplates.id, current.id), eq(questionnaireTemplates.version, current.version))),
    expectOneChange(db),
  ];
}
