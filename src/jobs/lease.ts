import { and, eq, lt, sql } from 'drizzle-orm';
import { jobLeases } from '../../db/schema';
import type { Db } from '../platform/db';

/**
 * A lease row per job: the first runner to insert it (or to take over an expired one)
 * holds it; the upsert's WHERE makes acquisition a single atomic statement on both
 * SQLite and D1, so two processes or two Workers invocations never run a job at once.
 */
export async function acquireLease(db: Db, name: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
  const expiresAt = new Date(now.getTime() + ttlMs).toISOString();
  const rows = await db
    .insert(jobLeases)
    .values({ name, holder, expiresAt })
    .onConflictDoUpdate({
      target: jobLeases.name,
      set: { holder: sql`excluded.holder`, expiresAt: sql`excluded.expires_at` },
      setWhere: lt(jobLeases.expiresAt, now.toISOString()),
    })
    .returning({ holder: jobLeases.holder })
    .all();
  return rows[0]?.holder === holder;
}

export async function releaseLease(db: Db, name: string, holder: string): Promise<void> {
  await db.delete(jobLeases).where(and(eq(jobLeases.name, name), eq(jobLeases.holder, holder)));
}
