import { and, asc, desc, eq, gt, gte, lt, notInArray } from 'drizzle-orm';
import { type AuditRow, type AuditSealRow, auditCheckpoints, auditEvents, auditSeals } from '../../../db/schema';
import type { Db, Statement } from '../../platform/db';

export type CheckpointRow = typeof auditCheckpoints.$inferSelect;

export interface AuditEventsFilter {
  entityType?: string;
  /** Left out unless `entityType` names one of them. */
  excludedTypes?: readonly string[];
  entityId?: string;
  actor?: string;
  action?: string;
  /** Events at or after this instant (RFC 3339 UTC). */
  since?: string;
  /** Events before this instant. */
  until?: string;
}

const eventsWhere = (f: AuditEventsFilter & { beforeSeq?: number }) =>
  and(
    f.entityType
      ? eq(auditEvents.entityType, f.entityType)
      : f.excludedTypes
        ? notInArray(auditEvents.entityType, [...f.excludedTypes])
        : undefined,
    f.entityId ? eq(auditEvents.entityId, f.entityId) : undefined,
    f.actor ? eq(auditEvents.actor, f.actor) : undefined,
    f.action ? eq(auditEvents.action, f.action) : undefined,
    f.since ? gte(auditEvents.at, f.since) : undefined,
    f.until ? lt(auditEvents.at, f.until) : undefined,
    f.beforeSeq !== undefined ? lt(auditEvents.seq, f.beforeSeq) : undefined,
  );

/** Newest first, `limit` events below `beforeSeq`, each with its seal when it has one. */
export async function auditEventsPage(db: Db, f: AuditEventsFilter & { beforeSeq?: number; limit: number }) {
  return db
    .select({ event: auditEvents, seal: { prevHash: auditSeals.prevHash, hash: auditSeals.hash } })
    .from(auditEvents)
    .leftJoin(auditSeals, eq(auditSeals.seq, auditEvents.seq))
    .where(eventsWhere(f))
    .orderBy(desc(auditEvents.seq))
    .limit(f.limit)
    .all();
}

/** How many events the filter matches, for "x–y of total" under a page of them. */
export async function countAuditEvents(db: Db, f: AuditEventsFilter): Promise<number> {
  return db.$count(auditEvents, eventsWhere(f));
}

/** Oldest first from `afterSeq`, each event with its full seal row (or null). */
export async function chainPage(
  db: Db,
  afterSeq: number,
  limit: number,
): Promise<{ event: AuditRow | null; seal: AuditSealRow | null }[]> {
  return db
    .select({ event: auditEvents, seal: auditSeals })
    .from(auditEvents)
    .leftJoin(auditSeals, eq(auditSeals.seq, auditEvents.seq))
    .where(gt(auditEvents.seq, afterSeq))
    .orderBy(asc(auditEvents.seq))
    .limit(limit)
    .all();
}

export async function chainCounts(db: Db): Promise<{ events: number; seals: number }> {
  return { events: await db.$count(auditEvents), seals: await db.$count(auditSeals) };
}

export async function findCheckpoint(db: Db, seq: number): Promise<CheckpointRow | null> {
  return (await db.select().from(auditCheckpoints).where(eq(auditCheckpoints.seq, seq)).get()) ?? null;
}

/** A checkpoint another sweep or request recorded first is kept as it is. */
export const insertCheckpoint = (db: Db, row: CheckpointRow): Statement =>
  db.insert(auditCheckpoints).values(row).onConflictDoNothing();

export const countCheckpoints = (db: Db): Promise<number> => db.$count(auditCheckpoints);

/** Newest first, `limit` checkpoints below `beforeSeq`. */
export async function checkpointsPage(db: Db, q: { beforeSeq?: number; limit: number }): Promise<CheckpointRow[]> {
  return db
    .select()
    .from(auditCheckpoints)
    .where(q.beforeSeq === undefined ? undefined : lt(auditCheckpoints.seq, q.beforeSeq))
    .orderBy(desc(auditCheckpoints.seq))
    .limit(q.limit)
    .all();
}
