import type Database from 'better-sqlite3';

/** Statements kept per connection: every query text the app runs, with room to spare. */
const MAX_STATEMENTS = 512;

const renewers = new WeakMap<Database.Database, (sources: readonly string[]) => void>();

/**
 * Makes `sqlite.prepare()` hand out the statement it prepared for the same text before.
 * drizzle prepares every query anew at each run; the SQLite raw baseline of a list page
 * prepares once, and preparing a list query (joins, the supervision status CASE) costs
 * about as much as running it. A kept statement is handed out again only when it is not
 * busy (an open `.iterate()`), with better-sqlite3's row mode reset to plain objects
 * (drizzle switches it to arrays with `.raw()` for its own row mapping), so that each
 * caller finds it as `prepare()` would have made it. SQLite itself prepares a kept
 * statement again after a schema change.
 */
export function keepStatements(sqlite: Database.Database, max = MAX_STATEMENTS): void {
  const prepare = sqlite.prepare.bind(sqlite);
  const kept = new Map<string, Database.Statement>();
  const keep = (source: string, statement: Database.Statement) => {
    if (kept.size >= max) kept.delete(kept.keys().next().value as string);
    kept.set(source, statement);
  };
  renewers.set(sqlite, (sources) => {
    for (const source of sources) {
      if (kept.get(source)?.busy) continue;
      kept.delete(source);
      keep(source, prepare(source));
    }
  });
  sqlite.prepare = ((source: string) => {
    const statement = kept.get(source);
    if (statement && !statement.busy) {
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
      return statement;
    }
    const fresh = prepare(source);
    if (!statement) keep(source, fresh);
    return fresh;
  }) as typeof sqlite.prepare;
}

/**
 * Prepares these statements now and keeps them, in place of any kept before. A schema
 * change (new statistics from ANALYZE among them) makes SQLite prepare a kept statement
 * again at its next run; renewing them right after moves that cost off the next caller.
 * Does nothing on a connection without kept statements.
 */
export function renewKeptStatements(sqlite: Database.Database, sources: readonly string[]): void {
  renewers.get(sqlite)?.(sources);
}
