import { copyFileSync, cpSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { openRaw } from './sql';
import { d1ObjectDir, type WorkerBuild } from './worker-build';

/** The tables whose row counts must match between the seeded file and what the worker's D1 sees. */
export const COUNTED = ['contractors', 'agreements', 'reviews', 'findings', 'alerts', 'audit_events'] as const;
export type Counts = Record<(typeof COUNTED)[number], number>;

export function countRows(path: string): Counts {
  const db = openRaw(path);
  try {
    return Object.fromEntries(
      COUNTED.map((t) => [t, (db.prepare(`SELECT count(*) AS n FROM "${t}"`).get() as { n: number }).n]),
    ) as Counts;
  } finally {
    db.close();
  }
}

/**
 * A local D1 persistence folder holding exactly the rows of the SQLite file `seeded`:
 * the migrated template is copied and its database file replaced by the seeded one,
 * which has the same schema (both runtimes apply db/migrations), plus wrangler's own
 * `d1_migrations` record, so that `wrangler d1 migrations apply` would find nothing to do.
 * A file copy takes a second where replaying 100k+ INSERTs through `wrangler d1 execute`
 * takes minutes. `seeded` must be checkpointed (every writer in the bench does so).
 */
export function d1FromSqlite(build: WorkerBuild, seeded: string, persist: string): string {
  cpSync(build.d1Template, persist, { recursive: true });
  const file = join(d1ObjectDir(persist), build.d1File);
  for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true });
  copyFileSync(seeded, file);
  const db = openRaw(file);
  try {
    db.prepare('ATTACH DATABASE ? AS template').run(join(d1ObjectDir(build.d1Template), build.d1File));
    const { sql } = db
      .prepare("SELECT sql FROM template.sqlite_master WHERE type = 'table' AND name = 'd1_migrations'")
      .get() as { sql: string };
    db.exec('DROP TABLE IF EXISTS main.d1_migrations');
    db.exec(sql);
    db.exec('INSERT INTO main.d1_migrations SELECT * FROM template.d1_migrations');
    db.exec('DETACH DATABASE template');
    db.pragma('wal_checkpoint(TRUNCATE)');
  } finally {
    db.close();
  }
  return file;
}

/** Open alerts as (kind, subject) pairs, sorted: what two sweeps on the same data must agree on. */
export function openAlerts(path: string): string[] {
  const db = openRaw(path);
  try {
    const rows = db
      .prepare("SELECT kind || ' ' || subject_id AS k FROM alerts WHERE status <> 'resolved' ORDER BY kind, subject_id")
      .all() as { k: string }[];
    return rows.map((r) => r.k);
  } finally {
    db.close();
  }
}
