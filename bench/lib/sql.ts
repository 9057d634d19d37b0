import Database from 'better-sqlite3';
import { is, SQL } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type { Db, Statement } from '../../src/platform/db';

/**
 * The app's own SQL, taken from the functions that build it rather than copied here, so
 * a baseline always runs exactly the statements the app runs (minus the app around them).
 */
const dialect = new SQLiteSyncDialect();

export interface RawQuery {
  sql: string;
  params: unknown[];
}

export const toQuery = (q: SQL): RawQuery => {
  const { sql, params } = dialect.sqlToQuery(q);
  return { sql, params };
};

/**
 * A stand-in for drizzle's `db` that records the SQL handed to `all()` and returns it:
 * `db.all(sql)` in a service gives `[]` rows (so the service completes), and a deferred
 * rawStatement() (src/platform/db.ts) gives back its SQL when its `all()` is called.
 */
export function capturingDb(): { db: Db; captured: SQL[] } {
  const captured: SQL[] = [];
  const fake = {
    all(q: SQL) {
      captured.push(q);
      return [];
    },
  };
  return { db: fake as unknown as Db, captured };
}

/** The SQL of a statement built by rawStatement() on a capturingDb(). */
export function sqlOf(statement: Statement, captured: SQL[]): SQL {
  (statement as unknown as { all(): unknown }).all();
  const q = captured.pop();
  if (!q || !is(q, SQL)) throw new Error('not a raw statement: src/platform/db.ts rawStatement() changed?');
  return q;
}

/** A raw prepared statement run with better-sqlite3: the bare cost of the SQL. */
export function prepare(sqlite: Database.Database, q: RawQuery) {
  const stmt = sqlite.prepare(q.sql);
  return {
    run: () => stmt.run(q.params).changes,
    all: () => stmt.all(q.params),
  };
}

export interface Plan {
  /** Every step of EXPLAIN QUERY PLAN on one line, nested steps after their parent. */
  line: string;
  /** Tables (by alias) read by a full scan: no index, every row. */
  fullScans: string[];
}

export function explain(sqlite: Database.Database, q: RawQuery): Plan {
  const rows = sqlite.prepare(`EXPLAIN QUERY PLAN ${q.sql}`).all(q.params) as { detail: string }[];
  const scanned = rows.map((r) => /^SCAN ([\w"]+)$/.exec(r.detail)?.[1]).filter((t): t is string => !!t);
  const fullScans = [...new Set(scanned)];
  return { line: rows.map((r) => r.detail).join('; '), fullScans };
}

/** A raw better-sqlite3 connection with the pragmas of src/platform/node-sqlite.ts, without drizzle. */
export function openRaw(path: string): Database.Database {
  const sqlite = new Database(path, { fileMustExist: true });
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  return sqlite;
}
