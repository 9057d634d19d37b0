import type { Role, UserRow } from '../../../db/schema';
import { type ServiceContext, SYSTEM_ACTOR } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { decodeCursor } from '../../platform/cursor';
import { type Db, isUniqueViolation } from '../../platform/db';
import { newId } from '../../platform/ids';
import { keysetPage } from '../../platform/keyset';
import { fieldError, notFound, ProblemError } from '../../platform/problem';
import { issueTokenRow } from './tokens';
import {
  alreadyBootstrapped,
  findUser,
  findUserIdByEmail,
  insertUser,
  markBootstrapped,
  userNameRows,
  usersPage,
} from './users.repo';

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

export async function getUser(ctx: ServiceContext, id: string): Promise<UserView> {
  const row = await findUser(ctx.db, id);
  if (!row) throw notFound('User', id);
  return presentUser(row);
}

/** Display names of the given users (audit histories show who acted). Takes the database itself, as the web pages call it. */
export async function userNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await userNameRows(db, ids);
  return new Map(rows.map((r) => [r.id, r.name]));
}

export async function listUsers(ctx: ServiceContext, q: { role?: Role; limit: number; cursor?: string }) {
  const [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const rows = await usersPage(ctx.db, { role: q.role, afterId, limit: q.limit + 1 });
  return keysetPage(rows, q.limit, (u) => [u.id], presentUser);
}

const emailTaken = (email: string) =>
  new ProblemError(409, 'email-taken', `Another user already has the e-mail address ${email}.`, [
    fieldError('email', 'emailTaken'),
  ]);

export async function createUser(
  ctx: ServiceContext,
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
  if (row.email && (await findUserIdByEmail(ctx.db, row.email))) throw emailTaken(row.email);
  const t = await issueTokenRow(ctx.db, { userId: row.id, kind: 'api', now });
  const user = presentUser(row);
  try {
    await writeAudited(
      ctx,
      [insertUser(ctx.db, row), t.insert],
      [
        { action: 'user.create', entityType: 'user', entityId: row.id, after: user },
        { action: 'token.issue', entityType: 'user', entityId: row.id, after: { tokenId: t.id, kind: 'api' } },
      ],
    );
  } catch (err) {
    if (row.email && isUniqueViolation(err, 'users.email')) throw emailTaken(row.email);
    throw err;
  }
  return { user, token: t.token };
}

/**
 * First start on an empty database: create the admin. The `bootstrap` settings key is
 * written in the same unit, so two processes starting at once cannot both create one.
 * Returns the token when an admin was created (generated ones must be shown once).
 * Called by the entry points with their dependencies; itaku itself acts.
 */
export async function bootstrapAdmin(
  deps: Pick<ServiceContext, 'db' | 'clock' | 'audit'>,
  presetToken: string | undefined,
): Promise<{ token: string; generated: boolean } | null> {
  if (await alreadyBootstrapped(deps.db)) return null;
  const now = deps.clock.now().toISOString();
  const user: UserRow = {
    id: newId(),
    name: 'Administrator',
    email: null,
    role: 'admin',
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const t = await issueTokenRow(deps.db, { userId: user.id, kind: 'api', now, token: presetToken });
  try {
    await writeAudited(
      { ...deps, actor: SYSTEM_ACTOR },
      [markBootstrapped(deps.db, now), insertUser(deps.db, user), t.insert],
      [{ action: 'user.bootstrap', entityType: 'user', entityId: user.id, after: presentUser(user) }],
    );
  } catch (err) {
    if (isUniqueViolation(err, 'settings.key')) return null;
    throw err;
  }
  return { token: t.token, generated: presetToken === undefined };
}
