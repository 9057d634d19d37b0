import type { Role, UserRow } from '../../../db/schema';
import { type ServiceContext, SYSTEM_ACTOR } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { decodeCursor } from '../../platform/cursor';
import { type Db, isUniqueViolation } from '../../platform/db';
import { newId } from '../../platform/ids';
import { keysetPage } from '../../platform/keyset';
import { hashPassword } from '../../platform/password';
import { fieldError, invalidFields, notFound, ProblemError } from '../../platform/problem';
import { passwordProblems } from './password-rules';
import { issueTokenRow } from './tokens';
import {
  alreadyBootstrapped,
  countUsers,
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
  active: u.active,
  /** Whether the user can sign in with a password (the hash itself never leaves the database). */
  hasPassword: u.passwordHash !== null,
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

/** How many users the list has (the pager's total). */
export const countAllUsers = (ctx: ServiceContext, role?: Role): Promise<number> => countUsers(ctx.db, role);

export const emailTaken = (email: string) =>
  new ProblemError(409, 'email-taken', `Another user already has the e-mail address ${email}.`, [
    fieldError('email', 'emailTaken'),
  ]);

export interface NewUserInput {
  name: string;
  email?: string | null;
  role: Role;
  /** An initial password (the rules of password-rules.ts apply); without one the user signs in by link, token or SSO. */
  password?: string | null;
  /** False creates the user deactivated. */
  active?: boolean;
}

async function newUserRow(ctx: ServiceContext, input: NewUserInput): Promise<UserRow> {
  const email = input.email ? input.email.toLowerCase() : null;
  if (input.password) {
    const problems = await passwordProblems('password', input.password, { name: input.name, email });
    if (problems.length) throw invalidFields(problems);
  }
  if (email && (await findUserIdByEmail(ctx.db, email))) throw emailTaken(email);
  const now = ctx.clock.now().toISOString();
  return {
    id: newId(),
    name: input.name,
    email,
    role: input.role,
    active: input.active ?? true,
    passwordHash: input.password ? await hashPassword(input.password) : null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

async function insertAudited(
  ctx: ServiceContext,
  row: UserRow,
  extra: Parameters<typeof writeAudited>[1],
  events: Parameters<typeof writeAudited>[2],
) {
  try {
    await writeAudited(ctx, [insertUser(ctx.db, row), ...extra], events);
  } catch (err) {
    if (row.email && isUniqueViolation(err, 'users.email')) throw emailTaken(row.email);
    throw err;
  }
}

/** Creates a user and issues its first API token (shown once). */
export async function createUser(ctx: ServiceContext, input: NewUserInput): Promise<{ user: UserView; token: string }> {
  const row = await newUserRow(ctx, input);
  const t = await issueTokenRow(ctx.db, { userId: row.id, kind: 'api', now: row.createdAt });
  const user = presentUser(row);
  await insertAudited(
    ctx,
    row,
    [t.insert],
    [
      { action: 'user.create', entityType: 'user', entityId: row.id, after: user },
      { action: 'token.issue', entityType: 'user', entityId: row.id, after: { tokenId: t.id, kind: 'api' } },
    ],
  );
  return { user, token: t.token };
}

/**
 * Creates a person who will sign in with a password (set now, or later from a one-time
 * link): no API token is issued, so none exists that nobody has seen.
 */
export async function createPerson(ctx: ServiceContext, input: NewUserInput): Promise<UserView> {
  const row = await newUserRow(ctx, input);
  const user = presentUser(row);
  await insertAudited(ctx, row, [], [{ action: 'user.create', entityType: 'user', entityId: row.id, after: user }]);
  return user;
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
    active: true,
    passwordHash: null,
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
