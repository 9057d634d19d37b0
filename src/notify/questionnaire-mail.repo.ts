import { eq } from 'drizzle-orm';
import { contractors, type QuestionnaireRow, questionnaires } from '../../db/schema';
import type { Db } from '../platform/db';

export type MailQuestionnaire = Pick<
  QuestionnaireRow,
  'id' | 'language' | 'recipientName' | 'dueDate' | 'expiresAt' | 'status' | 'tokenHash' | 'tokenSealed'
> & { contractorName: string };

/** What an invitation or a reminder is written from, read at delivery time. */
export async function questionnaireForMail(db: Db, id: string): Promise<MailQuestionnaire | null> {
  const row = await db
    .select({
      id: questionnaires.id,
      language: questionnaires.language,
      recipientName: questionnaires.recipientName,
      dueDate: questionnaires.dueDate,
      expiresAt: questionnaires.expiresAt,
      status: questionnaires.status,
      tokenHash: questionnaires.tokenHash,
      tokenSealed: questionnaires.tokenSealed,
      contractorName: contractors.name,
    })
    .from(questionnaires)
    .innerJoin(contractors, eq(contractors.id, questionnaires.contractorId))
    .where(eq(questionnaires.id, id))
    .get();
  return row ?? null;
}
