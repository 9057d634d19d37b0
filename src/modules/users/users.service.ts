import { and, asc, eq, gt, inArray, isNull, ne, type SQL, sql } from 'drizzle-orm';
import { apiTokens, type Role, sessions, settings, type UserRow, users } from '../../../db/schema';
import type { Actor, AppDeps, RequestContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { randomToken, sha256Hex } from '../../platform/crypto';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { type Db, isUniqueViolation } from '../../platform/db';
import { newId } from '../../platform/ids';
import { notFound, ProblemError } from '../../platform/problem';

export const presentUser = (u: UserRow) => ({
  id: u.id,
  name: u.name,
  email: u.email,
  role: u.role,
  createdAt: u.createdAt,
  updatedAt: u.updatedAt,
  version: u.version,
});
export type UserView = ReturnType<typeof presentUser>;

export async function getUser(db: Db, id: string): Promise<UserView> {
  const row = await db.select().from(users).where(eq(users.id, id)).get();
  if (!row) throw notFound('User', id);
  return presentUser(row);
}

/** Display names of the given users (audit histories show who acted). */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(inArray(users.id, [...ids]))
    .all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listUsers(db: Db, q: { role?: Role; limit: number; cursor?: string }) {
  const [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const where: SQL[] = [];
  if (q.role) where.push(eq(users.role, q.role));
  if (afterId !== undefined) where.push(gt(users.id, afterId));
  const rows = await db
    .select()
    .from(users)
    .where(and(...where))
    .orderBy(asc(users.id))
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentUser),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.id]) : null,
  };
}

type WriteCtx = Pick<RequestContext, 'db' | 'clock' | 'requestId' | 'audit'> & {
  actor: Pick<Actor, 'id'>;
};

async function tokenRow(db: Db, userId: string, now: string) {
  const token = randomToken();
  const id = newId();
  return {
    token,
    id,
    insert: db.insert(apiTokens).values({
      id,
      userId,
      kind: 'api',
      tokenHash: await sha256Hex(token),
      createdAt: now,
    }),
  };
}

export async function createUser(
  ctx: WriteCtx,
  input: { name: string; email?: string | null; role: Role },
): Promise<{ user: UserView; token: string }> {
  const now = ctx.clock.now().toISOString();
  const row: UserRow = {
    id: newId(),
    name: input.name,
    email: input.email ? input.email.toLowerCase() : null,
    role: input.role,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  if (row.email) {
    const taken = await ctx.db.select({ id: users.id }).from(users).where(eq(users.email, row.email)).get();
    if (taken) throw emailTaken(row.email);
  }
  const t = await tokenRow(ctx.db, row.id, now);
  const user = presentUser(row);
  try {
    await writeAudited(
      ctx,
      [ctx.db.insert(users).values(row), t.insert],
      [
        {
          action: 'user.create',
          entityType: 'user',
          entityId: row.id,
          after: user,
        },
        {
          action: 'token.issue',
          entityType: 'user',
          entityId: row.id,
          after: { tokenId: t.id, kind: 'api' },
        },
      ],
    );
  } catch (err) {
    if (row.email && isUniqueViolation(err, 'users.email')) throw emailTaken(row.email);
    throw err;
  }
  return { user, token: t.token };
}

const emailTaken = (email: string) =>
  new ProblemError(409, 'email-taken', `Another user already has the e-mail address ${email}.`, [
    { path: 'email', message: 'is already used by another user' },
  ]);

function mayManageTokens(actor: Actor, userId: string): void {
  if (actor.role !== 'admin' && actor.id !== userId) {
    throw new ProblemError(
      403,
      'forbidden',
      `Only an admin may manage the tokens of another user; your token has the role ${actor.role}.`,
    );
  }
}

/**
 * Ends every live web session of the user. Sessions were opened with a token; once the
 * tokens are replaced or revoked, a session must not outlive them (a stolen browser stays
 * signed in otherwise).
 */
const endSessionsOf = (db: Db, userId: string, now: string) =>
  db
    .update(sessions)
    .set({ revokedAt: now })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt)));

/** Issues a new API token, revokes the user's previous ones and ends their web sessions, in the same unit. */
export async function rotateToken(ctx: RequestContext, userId: string): Promise<{ token: string }> {
  mayManageTokens(ctx.actor, userId);
  await getUser(ctx.db, userId);
  const now = ctx.clock.now().toISOString();
  const t = await tokenRow(ctx.db, userId, now);
  await writeAudited(
    ctx,
    [
      ctx.db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.userId, userId), eq(apiTokens.kind, 'api'), isNull(apiTokens.revokedAt))),
      t.insert,
      endSessionsOf(ctx.db, userId, now),
    ],
    [
      {
        action: 'token.rotate',
        entityType: 'user',
        entityId: userId,
        after: { tokenId: t.id, kind: 'api' },
      },
    ],
  );
  return { token: t.token };
}

/**
 * Revokes every token of the user (API and calendar feed) and ends their web sessions. Refused for the last admin who
 * can still sign in: nobody could manage users afterwards.
 */
export async function revokeTokens(ctx: RequestContext, userId: string): Promise<void> {
  mayManageTokens(ctx.actor, userId);
  const user = await getUser(ctx.db, userId);
  if (user.role === 'admin') {
    const otherAdmin = await ctx.db
      .select({ id: users.id })
      .from(users)
      .innerJoin(apiTokens, eq(apiTokens.userId, users.id))
      .where(and(eq(users.role, 'admin'), ne(users.id, userId), eq(apiTokens.kind, 'api'), isNull(apiTokens.revokedAt)))
      .limit(1)
      .get();
    if (!otherAdmin) {
      throw new ProblemError(
        409,
        'conflict',
        'This is the last admin with a valid token; revoking would lock everyone out. Rotate the token instead.',
      );
    }
  }
  const now = ctx.clock.now().toISOString();
  await writeAudited(
    ctx,
    [
      ctx.db
        .update(apiTokens)
        .set({ revokedAt: now })
        .where(and(eq(apiTokens.userId, userId), isNull(apiTokens.revokedAt))),
      endSessionsOf(ctx.db, userId, now),
    ],
    [
      {
        action: 'token.revoke_all',
        entityType: 'user',
        entityId: userId,
        after: { revokedAt: now },
      },
    ],
  );
}

/** Prepared once per app, on first use: the hot path of every request. */
export function tokenLookup(db: Db): (token: string) => Promise<Actor | undefined> {
  let query: ReturnType<typeof prepareLookup> | undefined;
  // token → hash only: revocation is still checked in the database on every request.
  const hashes = new Map<string, string>();
  return async (token) => {
    query ??= prepareLookup(db);
    let hash = hashes.get(token);
    if (hash === undefined) {
      hash = await sha256Hex(token);
      if (hashes.size >= 1000) hashes.clear();
      hashes.set(token, hash);
    }
    return (await query.get({ hash })) ?? undefined;
  };
}

function prepareLookup(db: Db) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(eq(apiTokens.tokenHash, sql.placeholder('hash')), eq(apiTokens.kind, 'api'), isNull(apiTokens.revokedAt)),
    )
    .prepare();
}

/**
 * First start on an empty database: create the admin. The `bootstrap` settings key is
 * written in the same unit, so two processes starting at once cannot both create one.
 * Returns the token when an admin was created (generated ones must be shown once).
 */
export async function bootstrapAdmin(
  deps: Pick<AppDeps, 'db' | 'clock' | 'audit'>,
  presetToken: string | undefined,
): Promise<{ token: string; generated: boolean } | null> {
  const existing = await deps.db
    .select({ key: settings.key })
    .from(settings)
    .where(eq(settings.key, 'bootstrap'))
    .get();
  if (existing) return null;
  const anyUser = await deps.db.select({ id: users.id }).from(users).limit(1).get();
  if (anyUser) return null;
  const now = deps.clock.now().toISOString();
  const id = newId();
  const token = presetToken ?? randomToken();
  const user: UserRow = {
    id,
    name: 'Administrator',
    email: null,
    role: 'admin',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  try {
    await writeAudited(
      { db: deps.db, clock: deps.clock, audit: deps.audit, actor: { id: 'system' } },
      [
        deps.db.insert(settings).values({ key: 'bootstrap', value: now, updatedAt: now }),
        deps.db.insert(users).values(user),
        deps.db.insert(apiTokens).values({
          id: newId(),
          userId: id,
          kind: 'api',
          tokenHash: await sha256Hex(token),
          createdAt: now,
        }),
      ],
      [
        {
          action: 'user.bootstrap',
          entityType: 'user',
          entityId: id,
          after: presentUser(user),
        },
      ],
    );
  } catch (err) {
    if (isUniqueViolation(err, 'settings.key')) return null;
    throw err;
  }
  return { token, generated: presetToken === undefined };
}
