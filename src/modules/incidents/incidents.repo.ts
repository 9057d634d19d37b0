import { and, asc, eq, gt, type SQL, sql } from 'drizzle-orm';
import { type IncidentRow, incidents } from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';
import { notFound } from '../../platform/problem';

export async function findIncident(db: Db, id: string): Promise<IncidentRow | null> {
  return (await db.select().from(incidents).where(eq(incidents.id, id)).get()) ?? null;
}

export async function getIncidentRow(db: Db, id: string): Promise<IncidentRow> {
  const row = await findIncident(db, id);
  if (!row) throw notFound('Incident', id);
  return row;
}

export interface IncidentFilter {
  contractorId?: string;
  status?: 'open' | 'closed';
  reportable?: boolean;
  /** Keyset position: the last row's id. */
  afterId?: string;
  limit: number;
}

/** Incidents in list order, oldest first (by id). */
export async function incidentRows(db: Db, f: IncidentFilter): Promise<IncidentRow[]> {
  const where: SQL[] = [];
  if (f.contractorId) where.push(eq(incidents.contractorId, f.contractorId));
  if (f.status) where.push(eq(incidents.status, f.status));
  if (f.reportable !== undefined) where.push(eq(incidents.reportable, f.reportable));
  if (f.afterId) where.push(gt(incidents.id, f.afterId));
  return db
    .select()
    .from(incidents)
    .where(and(...where))
    .orderBy(asc(incidents.id))
    .limit(f.limit)
    .all();
}

export const insertIncident = (db: Db, row: IncidentRow): Statement => db.insert(incidents).values(row);

/** A versioned update of one incident, followed by its guard. */
export function incidentUpdate(db: Db, current: IncidentRow, next: IncidentRow): Statement[] {
  const { id: _id, createdAt: _c, ...changes } = next;
  return [
    db
      .update(incidents)
      .set(changes)
      .where(sql`${incidents.id} = ${current.id} AND ${incidents.version} = ${current.version}`),
    expectOneChange(db),
  ];
}
