import { and, asc, eq, gt, inArray, isNull, ne } from 'drizzle-orm';
import { apiTokens, type Role, sessions, settings, type UserRow, users } from '../../../db/schema';
import type { Db, Statement } from '../../platform/db';

export async function findUser(db: Db, id: string): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.id, id)).get()) ?? null;
}

export async function findUserIdByEmail(db: Db, email: string): Promise<string | null> {
  const row = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  return row?.id ?? null;
}

/** The admin created first: the one the operator's recovery token is issued for. */
export async function findFirstAdmin(db: Db): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.role, 'admin')).orderBy(users.createdAt).limit(1).get()) ?? null;
}

export async function userNameRows(db: Db, ids: readonly string[]): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...ids]))
    .all();
}

/** In id order, `limit` rows after `afterId`. */
export async function usersPage(db: Db, q: { role?: Role; afterId?: string; limit: number }): Promise<UserRow[]> {
  return db
    .select()
    .from(users)
    .where(
      and(q.role ? eq(users.role, q.role) : undefined, q.afterId !== undefined ? gt(users.id, q.afterId) : undefined),
    )
    .orderBy(asc(users.id))
    .limit(q.limit)
    .all();
}

/** Whether an admin other than this user still holds a live API token (can sign in). */
export async function anotherAdminCanSignIn(db: Db, userId: string): Promise<boolean> {
  const other = await db
    .select({ id: users.id })
    .from(users)
    .innerJoin(apiTokens, eq(apiTokens.userId, users.id))
    .where(and(eq(users.role, 'admin'), ne(users.id, userId), eq(apiTokens.kind, 'api'), isNull(apiTokens.revokedAt)))
    .limit(1)
    .get();
  return other !== undefined;
}

/** Whether the first start already created the admin (or any user exists). */
export async function alreadyBootstrapped(db: Db): Promise<boolean> {
  const done = await db.select({ key: settings.key }).from(settings).where(eq(settings.key, 'bootstrap')).get();
  if (done) return true;
  return (await db.select({ id: users.id }).from(users).limit(1).get()) !== undefined;
}

export const insertUser = (db: Db, row: UserRow): Statement => db.insert(users).values(row);

/** Claims the one-time bootstrap: a second start racing this one fails on the key. */
export const markBootstrapped = (db: Db, now: string): Statement =>
  db.insert(settings).values({ key: 'bootstrap', value: now, updatedAt: now });

/**
 * Ends every live web session of the user. Sessions were opened with a token; once the
 * tokens are replaced or revoked, a session must not outlive them (a stolen browser stays
 * signed in otherwise).
 */
export const endSessionsOf = (db: Db, userId: string, now: string): Statement =>
  db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));
