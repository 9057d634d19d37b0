import { and, gt, inArray, lte, sql } from 'drizzle-orm';
import { signInThrottle } from '../../../db/schema';
import { atomic, type Db } from '../../platform/db';

/**
 * Failed password attempts, counted in the database so that the limit holds across
 * processes and isolates (OWASP Authentication Cheat Sheet: throttle per account and per
 * client address). Each key has a fixed window that starts at its first failure.
 */
export const THROTTLE_WINDOW_MS = 15 * 60_000;

export interface ThrottleKey {
  key: string;
  /** Attempts allowed per window; the next one is refused unchecked. */
  limit: number;
}

export type Charge = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/**
 * Counts one attempt against every key before the password is looked at, and says
 * whether it may be checked. Counting first is what makes the limit hold under parallel
 * attempts: the database serialises the increments, so at most `limit` attempts per
 * window ever reach the check. A success then settles its keys (`settleSuccess`).
 * Windows that ended are deleted in the same unit, so the table holds only live ones.
 */
export async function chargeAttempt(db: Db, keys: readonly ThrottleKey[], now: Date): Promise<Charge> {
  if (keys.length === 0) return { allowed: true };
  const at = now.toISOString();
  const ended = new Date(now.getTime() - THROTTLE_WINDOW_MS).toISOString();
  const results = await atomic(db, [
    db.delete(signInThrottle).where(lte(signInThrottle.windowStart, ended)),
    ...keys.map((k) =>
      db
        .insert(signInThrottle)
        .values({ key: k.key, failures: 1, windowStart: at })
        .onConflictDoUpdate({ target: signInThrottle.key, set: { failures: sql`${signInThrottle.failures} + 1` } })
        .returning({ failures: signInThrottle.failures, windowStart: signInThrottle.windowStart }),
    ),
  ]);
  let retryAfterMs = 0;
  keys.forEach((k, i) => {
    const row = (results[i + 1] as { failures: number; windowStart: string }[] | undefined)?.[0];
    if (row && row.failures > k.limit) {
      const ends = Date.parse(row.windowStart) + THROTTLE_WINDOW_MS;
      retryAfterMs = Math.max(retryAfterMs, ends - now.getTime());
    }
  });
  return retryAfterMs > 0
    ? { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil(retryAfterMs / 1000)) }
    : { allowed: true };
}

/**
 * After a successful sign-in: forgets the account's failures (`clear`), and takes back
 * the attempt counted against the others (`refund`, the client address), so that only
 * failures count there: an office signing in from behind one address is never held up.
 */
export async function settleSuccess(db: Db, keys: { clear: string[]; refund: string[] }): Promise<void> {
  await atomic(db, [
    ...(keys.clear.length ? [db.delete(signInThrottle).where(inArray(signInThrottle.key, keys.clear))] : []),
    ...(keys.refund.length
      ? [
          db
            .update(signInThrottle)
            .set({ failures: sql`${signInThrottle.failures} - 1` })
            .where(and(inArray(signInThrottle.key, keys.refund), gt(signInThrottle.failures, 0))),
        ]
      : []),
  ]);
}
