import { and, asc, desc, eq, gt, lt, type SQL } from 'drizzle-orm';
import { type AuditRow, auditEvents } from '../../../db/schema';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Db } from '../../platform/db';
import { eventHash, GENESIS_HASH } from './audit.chain';

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
  limit: number;
  cursor?: string;
}

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function presentAuditEvent(row: AuditRow) {
  return {
    seq: row.seq,
    at: row.at,
    actor: row.actor,
    action: row.action,
    entityType: row.entityType,
    entityId: row.entityId,
    before: parseJson(row.before),
    after: parseJson(row.after),
    requestId: row.requestId,
    prevHash: row.prevHash,
    hash: row.hash,
  };
}

/** Newest first; the cursor is the last `seq` seen. */
export async function listAuditEvents(db: Db, f: AuditFilter) {
  const [afterSeq] = decodeCursor<[number]>(f.cursor, ['number']) ?? [];
  const where: SQL[] = [];
  if (f.entityType) where.push(eq(auditEvents.entityType, f.entityType));
  if (f.entityId) where.push(eq(auditEvents.entityId, f.entityId));
  if (f.actor) where.push(eq(auditEvents.actor, f.actor));
  if (afterSeq !== undefined) where.push(lt(auditEvents.seq, afterSeq));
  const rows = await db
    .select()
    .from(auditEvents)
    .where(and(...where))
    .orderBy(desc(auditEvents.seq))
    .limit(f.limit + 1)
    .all();
  const items = rows.slice(0, f.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentAuditEvent),
    nextCursor: rows.length > f.limit && last ? encodeCursor([last.seq]) : null,
  };
}

export interface VerifyResult {
  ok: boolean;
  count: number;
  firstBrokenSeq: number | null;
  headHash: string;
}

const PAGE = 1000;

/**
 * Walks the chain from seq 1: every row must follow its predecessor without a gap, link
 * to its hash, and hash to what it stores. Read in pages so a long chain never sits in
 * memory at once.
 */
export async function verifyAuditChain(db: Db): Promise<VerifyResult> {
  let expectedSeq = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let lastSeq = 0;
  for (;;) {
    const rows = await db
      .select()
      .from(auditEvents)
      .where(gt(auditEvents.seq, lastSeq))
      .orderBy(asc(auditEvents.seq))
      .limit(PAGE)
      .all();
    for (const row of rows) {
      count++;
      const recomputed = await eventHash(row);
      if (row.seq !== expectedSeq || row.prevHash !== prevHash || row.hash !== recomputed) {
        return {
          ok: false,
          count: await countAll(db),
          firstBrokenSeq: row.seq,
          headHash: prevHash,
        };
      }
      prevHash = row.hash;
      expectedSeq++;
      lastSeq = row.seq;
    }
    if (rows.length < PAGE) break;
  }
  return { ok: true, count, firstBrokenSeq: null, headHash: prevHash };
}

async function countAll(db: Db): Promise<number> {
  return db.$count(auditEvents);
}
