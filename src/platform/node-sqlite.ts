import { chmodSync, existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import * as schema from '../../db/schema';
import type { Db } from './db';
import { keepStatements } from './node-statement-cache';

declare global {
  interface ImportMeta {
    /** Set by the build (scripts/build.mjs): db/migrations as seen from the bundled module. */
    itakuMigrations?: string;
  }
}

export const MIGRATIONS_DIR = fileURLToPath(
  new URL(import.meta.itakuMigrations ?? '../../db/migrations', import.meta.url),
);

/**
 * Opens (creating the directory if needed) and migrates the embedded database. WAL lets
 * readers run beside the writer; busy_timeout makes a second process wait for the write
 * lock instead of failing at once.
 */
export function openSqlite(
  path: string,
  options: {
    /** Called with every statement the connection runs, values filled in (tests read query plans). */
    trace?: (sql: string) => void;
  } = {},
): {
  db: Db;
  sqlite: Database.Database;
} {
  const created = path !== ':memory:' && !existsSync(path);
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new Database(path, options.trace ? { verbose: (sql) => options.trace?.(String(sql)) } : {});
  // Personal data: a new database file (and so its WAL and shared-memory files, which
  // SQLite creates with the same mode) is readable by its owner only.
  if (created) chmodSync(path, 0o600);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Up to 32 MiB of pages kept in the process (SQLite's default is 2 MiB): list pages and
  // search read the same index pages again and again. Grown on use, not at start.
  sqlite.pragma('cache_size = -32768');
  keepStatements(sqlite);
  const db = drizzle(sqlite, { schema });
  migrate(db, { migrationsFolder: MIGRATIONS_DIR });
  // Table statistics let the planner choose the narrowest index; cheap when nothing changed.
  sqlite.pragma('optimize=0x10002');
  return { db: db as unknown as Db, sqlite };
}
