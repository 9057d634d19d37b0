import { and, asc, count, eq, inArray, lt, not, type SQL, sql } from 'drizzle-orm';
import { contractors, type FindingRow, findings } from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';
import { notFound } from '../../platform/problem';

export async function findFinding(db: Db, id: string): Promise<FindingRow | null> {
  return (await db.select().from(findings).where(eq(findings.id, id)).get()) ?? null;
}

export async function getFindingRow(db: Db, id: string): Promise<FindingRow> {
  const row = await findFinding(db, id);
  if (!row) throw notFound('Finding', id);
  return row;
}

export interface FindingFilter {
  contractorId?: string;
  reviewId?: string;
  status?: FindingRow['status'];
  severity?: FindingRow['severity'];
  overdue?: boolean;
  /** Keyset position: the last row's (due_date, id). */
  after?: [string, string];
  limit: number;
}

/** The filter's conditions, shared by the page and its count (the keyset position aside). */
function matching(f: Omit<FindingFilter, 'after' | 'limit'>, today: string): (SQL | undefined)[] {
  const where: (SQL | undefined)[] = [];
  if (f.contractorId) where.push(eq(findings.contractorId, f.contractorId));
  if (f.reviewId) where.push(eq(findings.reviewId, f.reviewId));
  if (f.status) where.push(eq(findings.status, f.status));
  if (f.severity) where.push(eq(findings.severity, f.severity));
  const overdue = and(eq(findings.status, 'open'), lt(findings.dueDate, today)) as SQL;
  if (f.overdue === true) where.push(overdue);
  if (f.overdue === false) where.push(not(overdue));
  return where;
}

/** Findings in list order, earliest due first (due_date, id). */
export async function findingRows(db: Db, f: FindingFilter, today: string): Promise<FindingRow[]> {
  const where = matching(f, today);
  const after = f.after;
  if (after) where.push(sql`(${findings.dueDate}, ${findings.id}) > (${after[0]}, ${after[1]})`);
  return db
    .select()
    .from(findings)
    .where(and(...where))
    .orderBy(asc(findings.dueDate), asc(findings.id))
    .limit(f.limit)
    .all();
}

/** How many findings the filter matches in all, for "51–100 of 1,234" under a page. */
export async function countFindingRows(
  db: Db,
  f: Omit<FindingFilter, 'after' | 'limit'>,
  today: string,
): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(findings)
    .where(and(...matching(f, today)))
    .get();
  return row?.n ?? 0;
}

/** The contractors that have findings at all, at most `limit` (the contractor index answers it). */
export async function findingContractors(db: Db, limit: number): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: contractors.id, name: contractors.name })
    .from(contractors)
    .where(inArray(contractors.id, db.selectDistinct({ id: findings.contractorId }).from(findings)))
    .limit(limit)
    .all();
}

export const insertFindings = (db: Db, rows: FindingRow[]): Statement => db.insert(findings).values(rows);

/** A versioned update of one finding, followed by its guard. */
export function findingUpdate(db: Db, current: FindingRow, next: FindingRow): Statement[] {
  const { id: _id, createdAt: _c, ...changes } = next;
  return [
    db
      .update(findings)
      .set(changes)
      .where(sql`${findings.id} = ${current.id} AND ${findings.version} = ${current.version}`),
    expectOneChange(db),
  ];
}
