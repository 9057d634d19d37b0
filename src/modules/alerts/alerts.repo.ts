import { and, desc, eq, or, sql } from 'drizzle-orm';
import { type AlertRow, alerts, contractors } from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';

export async function findAlert(db: Db, id: string): Promise<AlertRow | null> {
  return (await db.select().from(alerts).where(eq(alerts.id, id)).get()) ?? null;
}

export interface AlertFilter {
  status?: AlertRow['status'];
  kind?: AlertRow['kind'];
  contractorId?: string;
  severity?: AlertRow['severity'];
}

/** Newest first, `limit` rows before `before` (raised at, id). */
export async function alertsPage(
  db: Db,
  f: AlertFilter & { before?: [raisedAt: string, id: string]; limit: number },
): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(
      and(
        f.status ? eq(alerts.status, f.status) : undefined,
        f.kind ? eq(alerts.kind, f.kind) : undefined,
        f.contractorId ? eq(alerts.contractorId, f.contractorId) : undefined,
        f.severity ? eq(alerts.severity, f.severity) : undefined,
        f.before ? sql`(${alerts.raisedAt}, ${alerts.id}) < (${f.before[0]}, ${f.before[1]})` : undefined,
      ),
    )
    .orderBy(desc(alerts.raisedAt), desc(alerts.id))
    .limit(f.limit)
    .all();
}

/** The UPDATE of a versioned change and its guard: the unit fails when `current` is stale. */
export function updateAlertVersioned(db: Db, current: AlertRow, next: AlertRow): Statement[] {
  const { id: _id, ...changes } = next;
  return [
    db.update(alerts).set(changes).where(sql`${alerts.id} = ${current.id} AND ${alerts.version} = ${current.version}`),
    expectOneChange(db),
  ];
}

/**
 * The alerts a sweep raised or escalated, with their contractor's name, for the e-mail
 * digest: escalations only, or raised and escalated ones.
 */
export async function alertsOfRun(db: Db, runId: string, only: 'escalated' | 'raised-or-escalated') {
  return db
    .select({
      id: alerts.id,
      kind: alerts.kind,
      severity: alerts.severity,
      dueDate: alerts.dueDate,
      message: alerts.message,
      escalatedRun: alerts.escalatedRun,
      contractorId: alerts.contractorId,
      contractorName: contractors.name,
    })
    .from(alerts)
    .innerJoin(contractors, eq(contractors.id, alerts.contractorId))
    .where(
      only === 'escalated'
        ? eq(alerts.escalatedRun, runId)
        : or(eq(alerts.raisedRun, runId), eq(alerts.escalatedRun, runId)),
    )
    .orderBy(alerts.severity, alerts.dueDate)
    .all();
}
