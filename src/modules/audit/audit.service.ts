import type { AuditRow, AuditSealRow } from '../../../db/schema';
import type { ServiceContext } from '../../platform/app-env';
import { GENESIS_HASH, sealHash } from '../../platform/audit/chain';
import { decodeCursor } from '../../platform/cursor';
import type { Db } from '../../platform/db';
import { keysetPage } from '../../platform/keyset';
import { ProblemError } from '../../platform/problem';
import { type AuditEventsFilter, auditEventsPage, chainCounts, chainPage, countAuditEvents } from './audit.repo';

/**
 * Events about these entities name people (e-mail addresses) and the network
 * (webhook URLs): only admins read them.
 */
export const ADMIN_ONLY_ENTITY_TYPES = ['user', 'webhook'] as const;

export interface AuditFilter {
  entityType?: string;
  entityId?: string;
  actor?: string;
  action?: string;
  /** Instants (RFC 3339 UTC): at or after `since`, before `until` (audit.period.ts). */
  since?: string;
  until?: string;
  limit: number;
  cursor?: string;
}

const parseJson = (text: string | null): unknown => (text === null ? null : JSON.parse(text));

export function presentAuditEvent(row: AuditRow, seal: Pick<AuditSealRow, 'prevHash' | 'hash'> | null) {
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
    sealed: seal !== null,
    prevHash: seal?.prevHash ?? null,
    hash: seal?.hash ?? null,
  };
}
export type AuditEventView = ReturnType<typeof presentAuditEvent>;

/** What a viewer may read: non-admins never see user and webhook events, nor ask for them. */
function visibleTo(f: Omit<AuditFilter, 'limit' | 'cursor'>, viewer: { isAdmin: boolean }): AuditEventsFilter {
  const restricted = (ADMIN_ONLY_ENTITY_TYPES as readonly string[]).includes(f.entityType ?? '');
  if (restricted && !viewer.isAdmin) {
    throw new ProblemError(403, 'forbidden', `Audit events about ${f.entityType} entities are readable by admins only`);
  }
  return {
    entityType: f.entityType,
    excludedTypes: viewer.isAdmin ? undefined : ADMIN_ONLY_ENTITY_TYPES,
    entityId: f.entityId,
    actor: f.actor,
    action: f.action,
    since: f.since,
    until: f.until,
  };
}

/**
 * Newest first; the cursor is the last `seq` seen. Non-admins never see user and webhook
 * events. Takes the database itself, as the web pages call it.
 */
export async function listAuditEvents(db: Db, f: AuditFilter, viewer: { isAdmin: boolean }) {
  const where = visibleTo(f, viewer);
  const [beforeSeq] = decodeCursor<[number]>(f.cursor, ['number']) ?? [];
  const rows = await auditEventsPage(db, { ...where, beforeSeq, limit: f.limit + 1 });
  return keysetPage(
    rows,
    f.limit,
    (r) => [r.event.seq],
    (r) => presentAuditEvent(r.event, r.seal?.hash ? r.seal : null),
  );
}

/** How many events the same filter finds, for the total under a page of them. */
export async function countVisibleAuditEvents(
  db: Db,
  f: Omit<AuditFilter, 'limit' | 'cursor'>,
  viewer: { isAdmin: boolean },
): Promise<number> {
  return countAuditEvents(db, visibleTo(f, viewer));
}

export interface Checkpoint {
  seq: number;
  hash: string;
}

export interface VerifyResult {
  ok: boolean;
  /** Events in the log. */
  count: number;
  /** Events sealed into the keyed chain. */
  sealed: number;
  /** Committed events the sealer has not chained yet (normally 0, briefly more under load). */
  unsealed: number;
  firstBrokenSeq: number | null;
  /** The last verified seal (seq 0 and the genesis hash for an empty chain). */
  headSeq: number;
  headHash: string;
  /** The checkpoint asked about, and whether the chain still holds it. */
  checkpoint?: { seq: number; hash: string; ok: boolean };
}

/** `<seq>:<hash>` as printed by the digest, the checkpoint API and the CLI. */
export function parseCheckpoint(text: string): Checkpoint | null {
  const m = /^(\d{1,15}):([0-9a-f]{64})$/i.exec(text.trim());
  return m ? { seq: Number(m[1]), hash: (m[2] ?? '').toLowerCase() } : null;
}

const PAGE = 1000;

/**
 * Walks the log from seq 1 with its seals: positions must follow each other without a gap,
 * each seal must link to its predecessor and be the keyed hash of its event, and once an
 * event is unsealed no later one may be sealed. A checkpoint held elsewhere must still be
 * in the chain with the same hash: that catches what no chain can show by itself, the
 * removal of the newest rows (and with them their seals).
 */
export async function verifyAuditChain(ctx: ServiceContext, checkpoint?: Checkpoint): Promise<VerifyResult> {
  const { keys } = ctx.audit;
  let expected = 1;
  let prevHash = GENESIS_HASH;
  let count = 0;
  let sealed = 0;
  let unsealed = 0;
  let broken: number | null = null;
  let checkpointHash: string | null = null;
  let lastSeq = 0;
  const { events, seals } = await chainCounts(ctx.db);
  for (;;) {
    const rows = await chainPage(ctx.db, lastSeq, PAGE);
    for (const { event, seal } of rows) {
      if (!event) continue;
      count++;
      lastSeq = event.seq;
      if (broken !== null) continue;
      if (event.seq !== expected) {
        broken = expected; // an event (and its place) was removed
        continue;
      }
      expected++;
      if (!seal) {
        unsealed++;
        continue;
      }
      if (unsealed > 0) {
        broken = event.seq - unsealed; // sealed after an unsealed one: the order was tampered with
        continue;
      }
      if (seal.prevHash !== prevHash || seal.hash !== (await sealHash(keys, event, prevHash))) {
        broken = event.seq;
        continue;
      }
      prevHash = seal.hash;
      sealed++;
      if (checkpoint && event.seq === checkpoint.seq) checkpointHash = seal.hash;
    }
    if (rows.length < PAGE) break;
  }
  // Seals whose event is gone (the newest events removed, their seals left behind).
  if (broken === null && seals > sealed) broken = sealed + unsealed + 1;
  if (broken === null && events !== count) broken = count + 1;
  const result: VerifyResult = {
    ok: broken === null,
    count,
    sealed,
    unsealed,
    firstBrokenSeq: broken,
    headSeq: sealed,
    headHash: prevHash,
  };
  if (checkpoint) {
    const held = checkpointHash !== null && checkpointHash === checkpoint.hash;
    result.checkpoint = { ...checkpoint, ok: held };
    if (!held) {
      result.ok = false;
      // Truncated below the checkpoint, or rewritten at or before it.
      result.firstBrokenSeq ??= Math.min(checkpoint.seq, sealed + 1);
    }
  }
  return result;
}

/**
 * Verifies the chain as it stands, against a checkpoint when one is given. Waits for this
 * process's sealing in flight, but starts none: events whose seals were removed must show
 * as unsealed here.
 */
export async function verifyAuditTrail(ctx: ServiceContext, checkpoint?: string): Promise<VerifyResult> {
  await ctx.audit.settled();
  const held = checkpoint ? (parseCheckpoint(checkpoint) ?? undefined) : undefined;
  return verifyAuditChain(ctx, held);
}
