import { and, asc, count, eq, gt, gte, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import { contractors, type DocumentRow, documents } from '../../../db/schema';
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
  questionnaireId?: string;
  expiringWithinDays?: number;
  /** By validity on `today`: expired before it, expiring within EXPIRING_DAYS, valid after. */
  status?: 'valid' | 'expiring' | 'expired';
  afterId?: string;
  limit: number;
}

/** A certificate is "expiring" this many days before its validUntil. */
export const EXPIRING_DAYS = 60;

/** The filter's conditions, shared by the page and its count (the keyset position aside). */
function matching(f: Omit<DocumentFilter, 'afterId' | 'limit'>, today: string): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [isNull(documents.deletedAt)];
  if (f.contractorId) where.push(eq(documents.contractorId, f.contractorId));
  if (f.kind) where.push(eq(documents.kind, f.kind));
  if (f.questionnaireId) where.push(eq(documents.questionnaireId, f.questionnaireId));
  if (f.expiringWithinDays !== undefined) {
    where.push(gte(documents.validUntil, today), lte(documents.validUntil, addDays(today, f.expiringWithinDays)));
  }
  const soon = addDays(today, EXPIRING_DAYS);
  if (f.status === 'expired') where.push(lt(documents.validUntil, today));
  if (f.status === 'expiring') where.push(gte(documents.validUntil, today), lte(documents.validUntil, soon));
  if (f.status === 'valid') where.push(gt(documents.validUntil, soon));
  return where;
}

/** How many documents the filter matches in all, for "51–100 of 1,234" under a page. */
export async function countDocumentRows(db: Db, f: Omit<DocumentFilter, 'afterId' | 'limit'>, today: string) {
  const row = await db
    .select({ n: count() })
    .from(documents)
    .where(and(...matching(f, today)))
    .get();
  return row?.n ?? 0;
}

/** The contractors that have documents, at most `limit`, for a list's filter. */
export async function documentContractors(db: Db, limit: number): Promise<{ id: string; name: string }[]> {
  return db
    .selectDistinct({ id: contractors.id, name: contractors.name })
    .from(documents)
    .innerJoin(contractors, eq(contractors.id, documents.contractorId))
    .where(isNull(documents.deletedAt))
    .limit(limit)
    .all();
}

/** Documents in list order (by id, oldest first), deleted ones left out. */
export async function documentRows(db: Db, f: DocumentFilter, today: string): Promise<DocumentRow[]> {
  const where = matching(f, today);
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

/** The contractor's certificates of these kinds valid on `today`, longest-valid first. */
export async function validCertificates(
  db: Db,
  contractorId: string,
  kinds: readonly DocumentRow['kind'][],
  today: string,
): Promise<DocumentRow[]> {
  return db
    .select()
    .from(documents)
    .where(
      and(
        eq(documents.contractorId, contractorId),
        inArray(documents.kind, [...kinds]),
        isNull(documents.deletedAt),
        gte(documents.validUntil, today),
      ),
    )
    .orderBy(sql`${documents.validUntil} DESC`)
    .all();
}
