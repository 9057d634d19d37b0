import { and, asc, count, eq, gt, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { type Role, sessions, settings, type UserRow, users } from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';

export async function findUser(db: Db, id: string): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.id, id)).get()) ?? null;
}

export async function findUserIdByEmail(db: Db, email: string): Promise<string | null> {
  const row = await db.select({ id: users.id }).from(users).where(eq(users.email, email)).get();
  return row?.id ?? null;
}

/** The user with this (lower-cased) e-mail address, for signing in with a password. */
export async function findUserByEmail(db: Db, email: string): Promise<UserRow | null> {
  return (await db.select().from(users).where(eq(users.email, email)).get()) ?? null;
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

export async function countUsers(db: Db, role?: Role): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(users)
    .where(role ? eq(users.role, role) : undefined)
    .get();
  return row?.n ?? 0;
}

/**
 * Whether an active admin other than `userId` can still sign in: with a live API token or
 * a password. As SQL, so that a write can carry it as its own condition: checked inside
 * the unit, two admins demoting each other at once cannot both succeed.
 */
export const anotherAdminCanSignInSql = (userId: string): SQL => sql`exists (
  select 1 from users other
  where other.role = 'admin' and other.active = 1 and other.id <> ${userId}
    and (other.password_hash is not null or exists (
      select 1 from api_tokens t where t.user_id = other.id and t.kind = 'api' and t.revoked_at is null)))`;

export async function anotherAdminCanSignIn(db: Db, userId: string): Promise<boolean> {
  const row = await db.select({ id: users.id }).from(users).where(anotherAdminCanSignInSql(userId)).limit(1).get();
  return row !== undefined;
}

/**
 * Aborts the unit (see `expectOneChange`) unless another admin can still sign in when it
 * commits: put before the statements that take `userId`'s admin rights or sign-in away.
 */
export const requireAnotherAdmin = (db: Db, userId: string): Statement[] => [
  db
    .update(users)
    .set({ updatedAt: sql`${users.updatedAt}` })
    .where(and(eq(users.id, userId), anotherAdminCanSignInSql(userId))),
  expectOneChange(db),
];

/** The versioned UPDATE of a user and its guard; `extra` joins the condition (the last-admin rule). */
export function userUpdate(db: Db, current: UserRow, next: UserRow, extra?: SQL): Statement[] {
  const { id: _id, createdAt: _c, passwordHash: _p, ...changes } = next;
  return [
    db
      .update(users)
      .set(changes)
      .where(and(eq(users.id, current.id), eq(users.version, current.version), extra)),
    expectOneChange(db),
  ];
}

/** A new password hash; not a change of the user's record (no new version): an edit form open elsewhere stays valid. */
export const setPasswordHash = (db: Db, userId: string, hash: string, now: string): Statement =>
  db.update(users).set({ passwordHash: hash, updatedAt: now }).where(eq(users.id, userId));

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
 * Ends every live web session of the user (but `except`, the id hash of the session making
 * the change). When tokens are replaced or revoked, or the password changes, a session
 * must not outlive them: a stolen browser would stay signed in otherwise.
 */
export const endSessionsOf = (db: Db, userId: string, now: string, except?: string): Statement =>
  db
    .update(sessions)
    .set({ revokedAt: now })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        except !== undefined ? ne(sessions.idHash, except) : undefined,
      ),
    );
