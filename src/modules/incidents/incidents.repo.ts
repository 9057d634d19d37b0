import { and, asc, count, eq, gt, inArray, isNull, lt, not, or, type SQL, sql } from 'drizzle-orm';
import { contractors, type IncidentRow, incidents } from '../../../db/schema';
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
  /** true: open, reportable, and a report to the PPC past its day without being made. */
  overdue?: boolean;
  /** Keyset position: the last row's id. */
  afterId?: string;
  limit: number;
}

/**
 * A report deadline passed without the report (APPI Art. 26, Rules Art. 8): the
 * preliminary one while neither report is made (a final report also answers it), or the
 * final one. The same condition as the sweep's `incident_report_due` at its critical level.
 */
const reportOverdue = (today: string) =>
  and(
    eq(incidents.status, 'open'),
    eq(incidents.reportable, true),
    or(
      and(
        isNull(incidents.preliminaryReportedOn),
        isNull(incidents.finalReportedOn),
        lt(incidents.preliminaryDueOn, today),
      ),
      and(isNull(incidents.finalReportedOn), lt(incidents.finalDueOn, today)),
    ),
  ) as SQL;

/** The filter's conditions, shared by the page and its count (the keyset position aside). */
function matching(f: Omit<IncidentFilter, 'afterId' | 'limit'>, today: string): SQL[] {
  const where: SQL[] = [];
  if (f.contractorId) where.push(eq(incidents.contractorId, f.contractorId));
  if (f.status) where.push(eq(incidents.status, f.status));
  if (f.reportable !== undefined) where.push(eq(incidents.reportable, f.reportable));
  if (f.overdue === true) where.push(reportOverdue(today));
  if (f.overdue === false) where.push(not(reportOverdue(today)));
  return where;
}

/** Incidents in list order, oldest first (by id). */
export async function incidentRows(db: Db, f: IncidentFilter, today: string): Promise<IncidentRow[]> {
  const where = matching(f, today);
  if (f.afterId) where.push(gt(incidents.id, f.afterId));
  return db
    .select()
    .from(incidents)
    .where(and(...where))
    .orderBy(asc(incidents.id))
    .limit(f.limit)
    .all();
}

/** How many incidents the filter matches in all, for "51–100 of 1,234" under a page. */
export async function countIncidentRows(
  db: Db,
  f: Omit<IncidentFilter, 'afterId' | 'limit'>,
  today: string,
): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(incidents)
    .where(and(...matching(f, today)))
    .get();
  return row?.n ?? 0;
}

/** The contractors that have incidents at all, at most `limit` (the contractor index answers it). */
export async function incidentContractors(db: Db, limit: number): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: contractors.id, name: contractors.name })
    .from(contractors)
    .where(inArray(contractors.id, db.selectDistinct({ id: incidents.contractorId }).from(incidents)))
    .limit(limit)
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

/**
 * Open reportable incidents whose final deadline may roll over `day`: counted from on or
 * before it and due on or after it (a closed day only moves a deadline that reaches it).
 */
export async function incidentsDueAcross(db: Db, day: string): Promise<IncidentRow[]> {
  return db
    .select()
    .from(incidents)
    .where(
      and(
        eq(incidents.status, 'open'),
        eq(incidents.reportable, true),
        sql`${incidents.finalDueOn} >= ${day}`,
        sql`${incidents.discoveredOn} <= ${day}`,
      ),
    )
    .all();
}

/** The latest final deadline of an open incident: a date in play for the holiday data. */
export async function latestOpenDeadline(db: Db): Promise<string | null> {
  const row = await db
    .select({ due: sql<string | null>`max(${incidents.finalDueOn})` })
    .from(incidents)
    .where(eq(incidents.status, 'open'))
    .get();
  return row?.due ?? null;
}
