import type Database from 'better-sqlite3';

/** Statements kept per connection: every query text the app runs, with room to spare. */
const MAX_STATEMENTS = 512;

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
  sqlite.prepare = ((source: string) => {
    const statement = kept.get(source);
    if (statement && !statement.busy) {
      if (statement.reader) statement.raw(false).pluck(false).expand(false);
      return statement;
    }
    const fresh = prepare(source);
    if (!statement) {
      if (kept.size >= max) kept.delete(kept.keys().next().value as string);
      kept.set(source, fresh);
    }
    return fresh;
  }) as typeof sqlite.prepare;
}
