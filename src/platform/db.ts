import { fillPlaceholders, type SQL, sql } from 'drizzle-orm';
import type { BatchItem } from 'drizzle-orm/batch';
import { type BaseSQLiteDatabase, SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import type * as schema from '../../db/schema';
import { writeGuard } from '../../db/schema';
import { renewKeptStatements } from './node-statement-cache';

/**
 * The drizzle type both drivers satisfy: better-sqlite3 ('sync') on Node and D1
 * ('async') on Workers. Code is written against it and awaits every query.
 */
// biome-ignore lint/suspicious/noExplicitAny: run results differ per driver; see changesOf()
export type Db = BaseSQLiteDatabase<'sync' | 'async', any, typeof schema>;

export type Statement = BatchItem<'sqlite'>;

/** A statement's result inside `atomic()`: rows when it has RETURNING, else the run info. */
export type StatementResult = unknown;

interface BatchCapable {
  batch(items: readonly Statement[]): Promise<unknown[]>;
}

interface SyncRunnable {
  all(): unknown;
  run(): unknown;
  config?: { returning?: unknown };
}

/**
 * A named placeholder for prepared queries whose value the SQLite query planner does not
 * read. SQLite re-prepares a statement whenever a new value is bound to a parameter that
 * may shape its plan: the count of `LIMIT ?`, a `LIKE ?` pattern, or a comparison on an
 * index that ANALYZE has sampled (sqlite_stat4, which `PRAGMA optimize` fills). A prepared
 * query binds its values on every run, so each run would pay for parsing and planning the
 * statement again, often more than running it. Written `+?`, the same value is bound but
 * as an expression the planner does not evaluate; the `+` is on the value, not on the
 * column, so indexes are used as before (tests/e2e/query-plans.test.ts).
 */
export const stablePlaceholder = (name: string): SQL => sql`+${sql.placeholder(name)}`;

/**
 * Runs the statements as one atomic unit on either driver.
 *
 * D1 has no interactive transactions, so callers compute everything first and hand over
 * the finished statements: D1 runs them with `batch()` (atomic), better-sqlite3 inside a
 * synchronous transaction on its single connection. Races are guarded by unique
 * constraints and `WHERE version = ?` conditions, never by reads inside the unit.
 */
export async function atomic(db: Db, statements: readonly Statement[]): Promise<StatementResult[]> {
  if (statements.length === 0) return [];
  const batchable = db as unknown as Partial<BatchCapable>;
  if (typeof batchable.batch === 'function') {
    return batchable.batch(statements);
  }
  return syncUnit(db)(statements);
}

/**
 * better-sqlite3's own transaction (BEGIN … COMMIT, as drizzle's runs it), made once per
 * handle: drizzle's would first build a transaction object with a query builder per table.
 */
const syncUnit = perHandle((db) => {
  const client = (db as unknown as { $client: { transaction<A, T>(fn: (a: A) => T): (a: A) => T } }).$client;
  return client.transaction((statements: readonly Statement[]) =>
    statements.map((statement) => {
      const q = statement as unknown as SyncRunnable;
      return q.config?.returning ? q.all() : q.run();
    }),
  ) as (statements: readonly Statement[]) => StatementResult[];
});

/** Rows changed by a non-RETURNING statement, whichever driver ran it. */
export function changesOf(result: StatementResult): number {
  const r = result as { changes?: number; meta?: { changes?: number } } | undefined;
  return r?.changes ?? r?.meta?.changes ?? 0;
}

/**
 * The SQLite error behind a failed query: better-sqlite3 throws it directly, drizzle on
 * D1 wraps it (`DrizzleQueryError` with the D1 error in `cause`).
 */
export function rootCauseMessage(err: unknown): string {
  let current: unknown = err;
  const messages: string[] = [];
  for (let depth = 0; current && depth < 5; depth++) {
    if (current instanceof Error) messages.push(current.message);
    current = (current as { cause?: unknown }).cause;
  }
  return messages.join(' | ');
}

/** True when the error is a UNIQUE violation, optionally on a given `table.column`. */
export function isUniqueViolation(err: unknown, column?: string): boolean {
  const message = rootCauseMessage(err);
  if (!/UNIQUE constraint failed/i.test(message)) return false;
  return column === undefined || message.includes(column);
}

/**
 * Put right after a versioned `UPDATE … WHERE id = ? AND version = ?` in a unit: it
 * aborts the whole unit unless that UPDATE changed exactly one row (see `write_guard`).
 */
export function expectOneChange(db: Db): Statement {
  return db
    .insert(writeGuard)
    .values({ id: 1, changed: sql`changes()` })
    .onConflictDoUpdate({ target: writeGuard.id, set: { changed: sql`excluded.changed` } });
}

/** The unit was rolled back by `expectOneChange()`: someone else changed the row first. */
export const isStaleWrite = (err: unknown): boolean => rootCauseMessage(err).includes('write_guard_one_row_changed');

/**
 * A raw SQL statement usable inside `atomic()`, whose result is its rows: end it with
 * `RETURNING …` to count what it changed. drizzle's `db.all(sql)` is lazy on D1 but runs
 * at once on better-sqlite3, which would put it outside the transaction; this defers it
 * until `atomic()` runs the unit. (D1's session cannot batch `db.run(sql)`; a statement
 * without RETURNING gives no rows there. On better-sqlite3 it must be `run()`: pass
 * `returning: false`.)
 */
export function rawStatement(db: Db, query: SQL, options: { returning?: boolean } = {}): Statement {
  const returning = options.returning ?? true;
  if (typeof (db as unknown as Partial<BatchCapable>).batch === 'function') {
    // drizzle 0.45's D1 batch binds parameters on `stmt`, which a raw query lacks; give
    // it one prepared on the same client.
    const raw = db.all(query) as unknown as { getQuery(): { sql: string }; stmt?: unknown };
    const client = (db as unknown as { $client: { prepare(sql: string): unknown } }).$client;
    raw.stmt = client.prepare(raw.getQuery().sql);
    return raw as unknown as Statement;
  }
  return { all: () => db.all(query), run: () => db.run(query), config: { returning } } as unknown as Statement;
}

interface PreparedRaw {
  all(...params: unknown[]): unknown[];
  run(...params: unknown[]): unknown;
}
interface SqliteClient {
  prepare(sql: string): PreparedRaw;
}

/** True on D1, whose units are `batch()`es; false on better-sqlite3. */
export const isBatchDriver = (db: Db): boolean => typeof (db as unknown as Partial<BatchCapable>).batch === 'function';

/** Values written `+?`: bound, but never read by the planner (see `stablePlaceholder`). */
class StableParamDialect extends SQLiteSyncDialect {
  override escapeParam(): string {
    return '+?';
  }
}
const stableDialect = new StableParamDialect();

/** A query's text and parameters, `sql.placeholder()`s left for `preparedStatement` to fill. */
export type CompiledQuery = { sql: string; params: unknown[] };
export const compileStable = (query: SQL): CompiledQuery => stableDialect.sqlToQuery(query);

/**
 * A compiled query for `atomic()` on better-sqlite3, run again and again with new values
 * (the sweep's): prepared once per connection and kept (src/platform/node-statement-cache.ts).
 * Its values are bound as `+?`, so new dates never make SQLite plan it again.
 */
export function preparedStatement(
  db: Db,
  query: CompiledQuery,
  values: Record<string, unknown>,
  returning: boolean,
): Statement {
  const statement = (db as unknown as { $client: SqliteClient }).$client.prepare(query.sql);
  const params = fillPlaceholders(query.params, values);
  return {
    all: () => statement.all(...params),
    run: () => statement.run(...params),
    config: { returning },
  } as unknown as Statement;
}

/**
 * New planner statistics where tables changed, on a sample (`PRAGMA optimize` with an
 * analysis limit). True when better-sqlite3's connection took new ones (its kept statements
 * will be prepared again); D1 answers false, as it keeps no statements here.
 */
export async function refreshStatistics(db: Db): Promise<boolean> {
  if (isBatchDriver(db)) {
    await db.run(sql`PRAGMA analysis_limit = 1000`);
    await db.run(sql`PRAGMA optimize`);
    return false;
  }
  const client = (db as unknown as { $client: Parameters<typeof renewKeptStatements>[0] }).$client;
  client.pragma('analysis_limit = 1000');
  // The default mask (0xfffe) with its report-only bit: the ANALYZEs it would run, if any.
  if ((client.pragma('optimize = 0xffff') as unknown[]).length === 0) return false;
  client.pragma('optimize');
  return true;
}

/**
 * Prepares compiled queries ahead of the run that needs them, in place of any kept ones
 * (better-sqlite3; see renewKeptStatements). D1 prepares on its side: nothing to do.
 */
export function prepareAhead(db: Db, queries: readonly CompiledQuery[]): void {
  if (isBatchDriver(db)) return;
  const client = (db as unknown as { $client: Parameters<typeof renewKeptStatements>[0] }).$client;
  renewKeptStatements(
    client,
    queries.map((q) => q.sql),
  );
}

/**
 * Something built once per database handle (one per app on both runtimes), on first use:
 * the prepared queries of hot paths. drizzle builds a query's SQL anew at every call;
 * prepared, a call only binds its values.
 */
export function perHandle<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}

/** A JSON array of rows stays far below D1's 2 MB limit on one value. */
const JSON_ROWS_BYTES = 512 * 1024;

/**
 * Writes whose rows travel as one JSON array (the template reads it with `json_each`):
 * the same SQL text however many rows, so better-sqlite3 prepares it once, and one bound
 * value, far below D1's 100 parameters per statement. Rows go in order, one statement
 * per ~512 KB of JSON.
 */
export function jsonRowsWriter(template: (rows: SQL) => SQL): (db: Db, rows: readonly unknown[][]) => Statement[] {
  const compiled = compileStable(template(sql`${sql.placeholder('rows')}`));
  const statementOf = (db: Db, json: string) =>
    isBatchDriver(db)
      ? rawStatement(db, template(sql`${json}`), { returning: false })
      : preparedStatement(db, compiled, { rows: json }, false);
  return (db, rows) => {
    const statements: Statement[] = [];
    let chunk: string[] = [];
    let bytes = 0;
    for (const row of rows) {
      const json = JSON.stringify(row);
      if (chunk.length > 0 && bytes + json.length > JSON_ROWS_BYTES) {
        statements.push(statementOf(db, `[${chunk.join(',')}]`));
        chunk = [];
        bytes = 0;
      }
      chunk.push(json);
      bytes += json.length + 1;
    }
    if (chunk.length > 0) statements.push(statementOf(db, `[${chunk.join(',')}]`));
    return statements;
  };
}

/** Rows returned by a RETURNING statement in `atomic()`, or the changes of a plain one. */
export function affectedRows(result: StatementResult): number {
  return Array.isArray(result) ? result.length : changesOf(result);
}
