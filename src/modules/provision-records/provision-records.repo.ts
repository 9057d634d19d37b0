import { and, asc, count, eq, getTableColumns, inArray, type SQL, sql } from 'drizzle-orm';
import { contractors, type ProvisionRecordRow, provisionRecords } from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';
import { notFound } from '../../platform/problem';
import type { ProvisionFilter } from './provision-records.schemas';

export type ProvisionRecordWithName = ProvisionRecordRow & { contractorName: string };

const withName = { ...getTableColumns(provisionRecords), contractorName: contractors.name };

export async function findProvisionRecord(db: Db, id: string): Promise<ProvisionRecordWithName | null> {
  const row = await db
    .select(withName)
    .from(provisionRecords)
    .innerJoin(contractors, eq(contractors.id, provisionRecords.contractorId))
    .where(eq(provisionRecords.id, id))
    .get();
  return row ?? null;
}

export async function getProvisionRecordRow(db: Db, id: string): Promise<ProvisionRecordWithName> {
  const row = await findProvisionRecord(db, id);
  if (!row) throw notFound('Provision record', id);
  return row;
}

/** The filter's conditions, shared by a page and its count. A period overlaps [from, to]. */
function matching(f: ProvisionFilter): (SQL | undefined)[] {
  const p = provisionRecords;
  const where: (SQL | undefined)[] = [];
  if (f.contractorId) where.push(eq(p.contractorId, f.contractorId));
  if (f.country) where.push(eq(p.country, f.country));
  if (f.dataCategory) {
    where.push(sql`EXISTS (SELECT 1 FROM json_each(${p.dataCategories}) e WHERE e.value = ${f.dataCategory})`);
  }
  if (f.from) where.push(sql`coalesce(${p.providedUntil}, ${p.providedFrom}) >= ${f.from}`);
  if (f.to) where.push(sql`${p.providedFrom} <= ${f.to}`);
  if (f.retainedOn) where.push(sql`${p.retainUntil} >= ${f.retainedOn}`);
  return where;
}

/** Records in list order, earliest provision first (provided_from, id). */
export async function provisionRecordRows(
  db: Db,
  f: ProvisionFilter & { after?: [string, string]; limit: number },
): Promise<ProvisionRecordWithName[]> {
  const where = matching(f);
  if (f.after) {
    where.push(sql`(${provisionRecords.providedFrom}, ${provisionRecords.id}) > (${f.after[0]}, ${f.after[1]})`);
  }
  return db
    .select(withName)
    .from(provisionRecords)
    .innerJoin(contractors, eq(contractors.id, provisionRecords.contractorId))
    .where(and(...where))
    .orderBy(asc(provisionRecords.providedFrom), asc(provisionRecords.id))
    .limit(f.limit)
    .all();
}

export async function countProvisionRecords(db: Db, f: ProvisionFilter): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(provisionRecords)
    .where(and(...matching(f)))
    .get();
  return row?.n ?? 0;
}

export const insertProvisionRecord = (db: Db, row: ProvisionRecordRow): Statement =>
  db.insert(provisionRecords).values(row);

/** A versioned update of one record, followed by its guard. */
export function provisionRecordUpdate(db: Db, current: ProvisionRecordRow, next: ProvisionRecordRow): Statement[] {
  const { id: _id, createdAt: _c, createdBy: _b, ...changes } = next;
  return [
    db
      .update(provisionRecords)
      .set(changes)
      .where(sql`${provisionRecords.id} = ${current.id} AND ${provisionRecords.version} = ${current.version}`),
    expectOneChange(db),
  ];
}

/** The contractors that have records, by name, at most `limit`: what the list can be narrowed to. */
export async function contractorsWithRecords(db: Db, limit: number): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: contractors.id, name: contractors.name })
    .from(contractors)
    .where(inArray(contractors.id, db.selectDistinct({ id: provisionRecords.contractorId }).from(provisionRecords)))
    .orderBy(asc(contractors.name))
    .limit(limit)
    .all();
}

/** Live contractors that may have records (consent, or something outside Japan), at most `limit`. */
export async function recordableContractorRows(db: Db, limit: number) {
  return db
    .select({
      id: contractors.id,
      name: contractors.name,
      country: contractors.country,
      crossBorderBasis: contractors.crossBorderBasis,
      processingCountries: contractors.processingCountries,
    })
    .from(contractors)
    .where(
      sql`${contractors.status} <> 'terminated' AND (${contractors.crossBorderBasis} = 'consent'
        OR ${contractors.country} <> 'JP' OR ${contractors.processingCountries} <> '[]')`,
    )
    .orderBy(asc(contractors.name))
    .limit(limit)
    .all();
}
