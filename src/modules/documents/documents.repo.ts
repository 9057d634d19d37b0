import { and, asc, eq, gt, gte, isNull, lte, type SQL, sql } from 'drizzle-orm';
import { type DocumentRow, documents } from '../../../db/schema';
import { addDays } from '../../domain/calendar';
import { type Db, expectOneChange, type Statement } from '../../platform/db';
import { notFound } from '../../platform/problem';

/** A document that has not been deleted; a deleted one is kept only for the trail and retention. */
export async function getDocumentRow(db: Db, id: string): Promise<DocumentRow> {
  const row = await db
    .select()
    .from(documents)
    .where(and(eq(documents.id, id), isNull(documents.deletedAt)))
    .get();
  if (!row) throw notFound('Document', id);
  return row;
}

export interface DocumentFilter {
  contractorId?: string;
  kind?: DocumentRow['kind'];
  expiringWithinDays?: number;
  afterId?: string;
  limit: number;
}

/** Documents in list order (by id, oldest first), deleted ones left out. */
export async function documentRows(db: Db, f: DocumentFilter, today: string): Promise<DocumentRow[]> {
  const where: (SQL | undefined)[] = [isNull(documents.deletedAt)];
  if (f.contractorId) where.push(eq(documents.contractorId, f.contractorId));
  if (f.kind) where.push(eq(documents.kind, f.kind));
  if (f.expiringWithinDays !== undefined) {
    where.push(gte(documents.validUntil, today), lte(documents.validUntil, addDays(today, f.expiringWithinDays)));
  }
  if (f.afterId !== undefined) where.push(gt(documents.id, f.afterId));
  return db
    .select()
    .from(documents)
    .where(and(...where))
    .orderBy(asc(documents.id))
    .limit(f.limit)
    .all();
}

export const insertDocument = (db: Db, row: DocumentRow): Statement => db.insert(documents).values(row);

/** Marks the document deleted, unless someone else did first (the guard then rolls back). */
export function documentDeletion(db: Db, current: DocumentRow, at: string, by: string): Statement[] {
  return [
    db
      .update(documents)
      .set({ deletedAt: at, deletedBy: by, version: current.version + 1 })
      .where(
        sql`${documents.id} = ${current.id} AND ${documents.version} = ${current.version} AND ${documents.deletedAt} IS NULL`,
      ),
    expectOneChange(db),
  ];
}
