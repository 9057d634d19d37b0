import type { SweepDeps } from '../../src/jobs/sweep';
import type { Clock } from '../../src/platform/clock';
import { parseConfig } from '../../src/platform/config';
import { createLogger } from '../../src/platform/logger';
import { nodeAuditTrail } from '../../src/platform/node-audit-key';
import { type NodeCheckpointer, nodeCheckpointer } from '../../src/platform/node-checkpointer';
import { openSqlite } from '../../src/platform/node-sqlite';
import { BENCH_AUDIT_KEY } from '../seed';

/**
 * The app's own dependencies for in-process work (the sweep), opened as src/cli.ts opens
 * them: same pragmas and migrations, a silent logger. `close()` folds the WAL back into
 * the file so that a copy of it, or the next process, sees everything.
 */
export async function appDeps(
  path: string,
  clock: Clock,
  options: { sealInBackground?: boolean; checkpointInBackground?: boolean } = {},
) {
  const { db, sqlite } = openSqlite(path);
  const config = parseConfig({ ITAKU_DB_PATH: path, ITAKU_AUDIT_KEY: BENCH_AUDIT_KEY });
  const logger = createLogger('silent');
  // With `checkpointInBackground`, as in the server: no commit checkpoints, a thread does.
  const checkpointer: NodeCheckpointer | undefined = options.checkpointInBackground
    ? nodeCheckpointer({
        sqlite,
        dbPath: path,
        entry: new URL('../../src/node-checkpoint-worker.ts', import.meta.url),
        logger,
      })
    : undefined;
  // With `sealInBackground`, as in the server (src/node.ts): the audit seal runs right after
  // the commit, and the sweep's upkeep after its answer, without holding up the caller;
  // await `settled()` before `close()`.
  const pending = new Set<Promise<unknown>>();
  const background = (work: Promise<unknown>) => {
    pending.add(work);
    void work.finally(() => pending.delete(work));
  };
  const audit = await nodeAuditTrail(db, config, clock, logger, options.sealInBackground ? background : undefined);
  // The same hook carries the sweep's after-answer upkeep (statistics, the next run's statements).
  const deps: SweepDeps = { db, clock, config, logger, audit, ...(options.sealInBackground ? { background } : {}) };
  return {
    deps,
    sqlite,
    /** Waits for the audit seals and the sweep's upkeep still running. */
    settled: () => Promise.allSettled([...pending]),
    /**
     * Waits until the checkpoint thread has copied what the last unit wrote, as the
     * server's timer has it copied within a second: the next measurement then does not
     * share the disk and the second core with it.
     */
    quiet: async () => {
      await checkpointer?.tick();
    },
    close: async () => {
      await checkpointer?.close();
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    },
  };
}
