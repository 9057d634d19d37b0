import { and, eq, gt, isNull, sql } from 'drizzle-orm';
import { type PasswordLinkRow, passwordLinks, users } from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';

export async function findLinkByHash(db: Db, tokenHash: string): Promise<PasswordLinkRow | null> {
  return (await db.select().from(passwordLinks).where(eq(passwordLinks.tokenHash, tokenHash)).get()) ?? null;
}

export const insertLink = (db: Db, row: PasswordLinkRow): Statement => db.insert(passwordLinks).values(row);

/** Revokes the user's links not yet used: a newer link, a new password or a deactivation replaces them. */
export const revokeLinksOf = (db: Db, userId: string, now: string): Statement =>
  db
    .update(passwordLinks)
    .set({ revokedAt: now })
    .where(and(eq(passwordLinks.userId, userId), isNull(passwordLinks.usedAt), isNull(passwordLinks.revokedAt)));

/**
 * Uses the link: only while it is unused, unrevoked, unexpired and its user active. The
 * guard after it aborts the unit otherwise, so of two uses at once exactly one commits
 * (the database runs the units one after the other, and the second finds it used).
 */
export const consumeLink = (db: Db, id: string, now: string): Statement[] => [
  db
    .update(passwordLinks)
    .set({ usedAt: now })
    .where(
      and(
        eq(passwordLinks.id, id),
        isNull(passwordLinks.usedAt),
        isNull(passwordLinks.revokedAt),
        gt(passwordLinks.expiresAt, now),
        sql`exists (select 1 from ${users} where ${users.id} = ${passwordLinks.userId} and ${users.active} = 1)`,
      ),
    ),
  expectOneChange(db),
];
