import { parseConfig } from '../../src/config';
import type { SweepDeps } from '../../src/jobs/sweep';
import type { Clock } from '../../src/platform/clock';
import { createLogger } from '../../src/platform/logger';
import { openSqlite } from '../../src/platform/node-sqlite';

/**
 * The app's own dependencies for in-process work (the sweep), opened as src/cli.ts opens
 * them: same pragmas and migrations, a silent logger. `close()` folds the WAL back into
 * the file so that a copy of it, or the next process, sees everything.
 */
export function appDeps(path: string, clock: Clock) {
  const { db, sqlite } = openSqlite(path);
  const deps: SweepDeps = {
    db,
    clock,
    config: parseConfig({ ITAKU_DB_PATH: path }),
    logger: createLogger('silent'),
  };
  return {
    deps,
    sqlite,
    close: () => {
      sqlite.pragma('wal_checkpoint(TRUNCATE)');
      sqlite.close();
    },
  };
}
