import { asc, desc, sql } from 'drizzle-orm';
import { auditEvents, auditSeals } from '../../../db/schema';
import type { Clock } from '../clock';
import { atomic, type Db, isUniqueViolation, jsonRowsWriter, stablePlaceholder } from '../db';
import type { Keys } from '../keys';
import type { Logger } from '../logger';
import { GENESIS_HASH, sealHash } from './chain';
import type { AuditTrail } from './trail';

/** Events sealed per unit; a longer backlog (an upgrade, a catch-up) takes several. */
const SEAL_PAGE = 200;
const insertSeals = jsonRowsWriter(
  (rows) => sql`INSERT INTO audit_seals (seq, prev_hash, hash, sealed_at)
    SELECT e.value ->> '$[0]', e.value ->> '$[1]', e.value ->> '$[2]', e.value ->> '$[3]' FROM json_each(${rows}) AS e`,
);
/** Another process (or isolate) sealing the same rows makes ours conflict: re-read and go on. */
const MAX_CONFLICTS = 8;

export interface SealerDeps {
  db: Db;
  keys: Keys;
  clock: Pick<Clock, 'now'>;
  logger: Logger;
  /**
   * Keeps the sealing going after the write's response (Node: tracked for shutdown). Without
   * it (Workers), a write waits for its seal.
   */
  background?: (work: Promise<unknown>) => void;
}

/** The sealed head: the last seal, or the genesis before the first one. */
export async function sealedHead(db: Db): Promise<{ seq: number; hash: string }> {
  const head = await db
    .select({ seq: auditSeals.seq, hash: auditSeals.hash })
    .from(auditSeals)
    .orderBy(desc(auditSeals.seq))
    .limit(1)
    .get();
  return head ?? { seq: 0, hash: GENESIS_HASH };
}

/**
 * One pass: chains every committed event after the sealed head, page by page, each page
 * in one atomic unit. The seal's primary key is the event's `seq`, so two sealers racing
 * (two processes on one file, two Workers isolates) conflict instead of forking; the
 * loser re-reads the head and carries on from there.
 */
/**
 * A LIMIT written into the text: a bound `LIMIT ?` makes SQLite prepare the statement
 * again at every run (see stablePlaceholder), ~8 µs each time on this hot path.
 */
const literal = (n: number) => sql.raw(String(Math.trunc(n))) as unknown as number;

/** The two reads of every pass, prepared once per database handle (a write's hot path). */
function sealerQueries(db: Db) {
  return {
    head: db
      .select({ seq: auditSeals.seq, hash: auditSeals.hash })
      .from(auditSeals)
      .orderBy(desc(auditSeals.seq))
      .limit(literal(1))
      .prepare(),
    unsealed: db
      .select()
      .from(auditEvents)
      .where(sql`${auditEvents.seq} > ${stablePlaceholder('after')}`)
      .orderBy(asc(auditEvents.seq))
      .limit(literal(SEAL_PAGE))
      .prepare(),
  };
}

async function sealPass(deps: SealerDeps, q: ReturnType<typeof sealerQueries>): Promise<number> {
  let sealed = 0;
  let conflicts = 0;
  for (;;) {
    const head = (await q.head.get()) ?? { seq: 0, hash: GENESIS_HASH };
    const events = await q.unsealed.all({ after: head.seq });
    if (events.length === 0) return sealed;
    if ((events[0]?.seq ?? 0) !== head.seq + 1) {
      // Positions are dense (the database assigns them in commit order), so a gap means
      // rows were removed before they were sealed: seal on, and verify reports the gap.
      deps.logger.error('audit events are missing before they were sealed', {
        afterSeq: head.seq,
        nextSeq: events[0]?.seq,
      });
    }
    const sealedAt = deps.clock.now().toISOString();
    const seals: (typeof auditSeals.$inferInsert)[] = [];
    let prevHash = head.hash;
    for (const e of events) {
      const hash = await sealHash(deps.keys, e, prevHash);
      seals.push({ seq: e.seq, prevHash, hash, sealedAt });
      prevHash = hash;
    }
    try {
      await atomic(
        deps.db,
        insertSeals(
          deps.db,
          seals.map((s) => [s.seq, s.prevHash, s.hash, s.sealedAt]),
        ),
      );
    } catch (err) {
      if (!isUniqueViolation(err, 'audit_seals.seq') || ++conflicts > MAX_CONFLICTS) throw err;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * conflicts));
      continue;
    }
    sealed += seals.length;
    if (events.length < SEAL_PAGE) return sealed;
  }
}

const nextTurn: (fn: () => void) => void =
  typeof setImmediate === 'function' ? (fn) => setImmediate(fn) : (fn) => setTimeout(fn, 0);

/**
 * The audit trail's sealer for one database handle. Passes never overlap in this
 * process: a write that commits while a pass runs waits for the next pass, which starts
 * as soon as the running one ends and serves every write that asked meanwhile.
 */
export function createAuditTrail(deps: SealerDeps): AuditTrail {
  let running: Promise<number> | undefined;
  let queued: Promise<number> | undefined;
  let queries: ReturnType<typeof sealerQueries> | undefined;
  /** A pass asked for after commits, not started yet. */
  let pending: Promise<void> | undefined;
  const seal = (): Promise<number> => {
    if (!running) {
      queries ??= sealerQueries(deps.db);
      running = sealPass(deps, queries).finally(() => {
        running = undefined;
      });
      return running;
    }
    queued ??= running
      .catch(() => 0)
      .then(() => {
        queued = undefined;
        return seal();
      });
    return queued;
  };
  const sealQuietly = () =>
    seal().then(
      () => undefined,
      (err: unknown) => {
        // The write itself has committed: its events stay unsealed until the next pass
        // (the next write, or the scheduled catch-up), and verify counts them meanwhile.
        deps.logger.error('sealing the audit trail failed', { error: String(err) });
      },
    );
  return {
    keys: deps.keys,
    seal,
    afterCommit() {
      // Where the runtime can keep work going after the response, the write need not wait,
      // and the pass starts once the writes that committed in this turn of the event loop
      // have answered: under load one pass (one unit, one commit) seals several writes.
      if (deps.background) {
        if (!pending) {
          pending = new Promise<void>((resolve) => nextTurn(resolve)).then(() => {
            pending = undefined;
            return sealQuietly();
          });
          deps.background(pending);
        }
        return Promise.resolve();
      }
      return sealQuietly();
    },
    async settled() {
      while (pending || running || queued) await (pending ?? queued ?? running)?.catch(() => 0);
    },
  };
}
