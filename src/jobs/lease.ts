import { and, eq, lt, sql } from 'drizzle-orm';
import { jobLeases } from '../../db/schema';
import type { Db, Statement, StatementResult } from '../platform/db';

/**
 * A lease row per job: the first runner to insert it (or to take over an expired one)
 * holds it; the upsert's WHERE makes acquisition a single atomic statement on both
 * SQLite and D1, so two processes or two Workers invocations never run a job at once.
 * Its RETURNING row names the holder: `leaseTaken` reads it from the unit's results.
 */
export function takeLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Statement {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  return db
    .insert(jobLeases)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { holder: sql`excluded.holder`, expiresAt: sql`excluded.expires_at` },
      setWhere: lt(jobLeases.expiresAt, now.toISOString()),
    })
    .returning({ holder: jobLeases.holder });
}

/** Whether `takeLease`'s statement gave the lease to `holder` (no row: another holds it). */
export const leaseTaken = (result: StatementResult, holder: string): boolean =>
  (result as { holder: string }[] | undefined)?.[0]?.holder === holder;

export const releaseLease = (db: Db, name: string, holder: string): Statement =>
  db.delete(jobLeases).where(and(eq(jobLeases.name, name), eq(jobLeases.holder, holder)));
