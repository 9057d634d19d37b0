import type { SweepDeps } from '../../src/jobs/sweep';
import type { Clock } from '../../src/platform/clock';
import { parseConfig } from '../../src/platform/config';
import { createLogger } from '../../src/platform/logger';
import { nodeAuditTrail } from '../../src/platform/node-audit-key';
import { openSqlite } from '../../src/platform/node-sqlite';
import { BENCH_AUDIT_KEY } from '../seed';

/**
 * The app's own dependencies for in-process work (the sweep), opened as src/cli.ts opens
 * them: same pragmas and migrations, a silent logger. `close()` folds the WAL back into
 * the file so that a copy of it, or the next process, sees everything.
 */
export async function appDeps(path: string, clock: Clock) {
  const { db, sqlite } = openSqlite(path);
  const config = parseConfig({ ITAKU_DB_PATH: path, ITAKU_AUDIT_KEY: BENCH_AUDIT_KEY });
  const logger = createLogger('silent');
  const deps: SweepDeps = { db, clock, config, logger, audit: await nodeAuditTrail(db, config, clock, logger) };
  return {
    deps,
    sqlite,
    close: () => {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    },
  };
}
