import { inArray, sql } from 'drizzle-orm';
import { contractors, writeGuard } from '../../../db/schema';
import type { Db, Statement } from '../../platform/db';

/** Names per guard statement: D1 binds at most 100 parameters to one statement. */
export const NAMES_PER_GUARD = 90;

/**
 * A statement of the import's unit that aborts it when a contractor with one of `names`
 * (rows without a corporate number, which no unique index protects) was registered after
 * the checks: it writes 0 into `write_guard`, whose CHECK rolls the whole unit back.
 * Placed before the unit's inserts, it sees only what others committed, so two imports
 * of the same file at once register its rows once.
 */
export function namesStillFree(db: Db, names: readonly string[]): Statement {
  const taken = sql`(SELECT CASE WHEN EXISTS (SELECT 1 FROM ${contractors} WHERE ${inArray(contractors.name, [...names])})
    THEN 0 ELSE 1 END)`;
  return db
    .insert(writeGuard)
    .values({ id: 1, changed: taken })
    .onConflictDoUpdate({ target: writeGuard.id, set: { changed: sql`excluded.changed` } });
}
