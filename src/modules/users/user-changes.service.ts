import type { Role, UserRow } from '../../../db/schema';
import type { ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, staleWrite } from '../../platform/concurrency';
import { isStaleWrite, isUniqueViolation, type Statement } from '../../platform/db';
import { fieldError, notFound, ProblemError } from '../../platform/problem';
import { revokeLinksOf } from './password-links.repo';
import { revokeLiveTokens } from './tokens';
import { anotherAdminCanSignInSql, endSessionsOf, findUser, findUserIdByEmail, userUpdate } from './users.repo';
import { emailTaken, presentUser, type UserView } from './users.service';

export interface UserPatch {
  name?: string;
  email?: string | null;
  role?: Role;
  active?: boolean;
}

const isActiveAdmin = (u: Pick<UserRow, 'role' | 'active'>) => u.role === 'admin' && u.active;

export const lastAdmin = (path: 'role' | 'active') =>
  new ProblemError(
    409,
    'conflict',
    'This is the last active admin who can sign in; make another user an admin first, or nobody could manage users.',
    [fieldError(path, 'lastAdmin')],
  );

/**
 * Changes a user's name, e-mail address, role or whether they are active (admin only).
 * Deactivating revokes their tokens and sign-in links and ends their sessions in the same
 * unit (reactivating brings none of them back). The last active admin who can sign in
 * can be neither demoted nor deactivated: that rule is a condition of the UPDATE itself,
 * so two admins demoting each other at once cannot both succeed.
 */
export async function patchUser(
  ctx: ServiceContext,
  id: string,
  patch: UserPatch,
  ifMatch: string | undefined,
): Promise<UserView> {
  const current = await findUser(ctx.db, id);
  if (!current) throw notFound('User', id);
  checkIfMatch(ifMatch, current.version);
  const now = ctx.clock.now().toISOString();
  const email = patch.email === undefined ? current.email : patch.email ? patch.email.toLowerCase() : null;
  const next: UserRow = {
    ...current,
    name: patch.name ?? current.name,
    email,
    role: patch.role ?? current.role,
    active: patch.active ?? current.active,
    updatedAt: now,
    version: current.version + 1,
  };
  if (email && email !== current.email && (await findUserIdByEmail(ctx.db, email))) throw emailTaken(email);
  const losesAdmin = isActiveAdmin(current) && !isActiveAdmin(next);
  const deactivated = current.active && !next.active;
  const statements: Statement[] = [
    ...userUpdate(ctx.db, current, next, losesAdmin ? anotherAdminCanSignInSql(id) : undefined),
    ...(deactivated
      ? [revokeLiveTokens(ctx.db, id, now), revokeLinksOf(ctx.db, id, now), endSessionsOf(ctx.db, id, now)]
      : []),
  ];
  const action = deactivated ? 'user.deactivate' : !current.active && next.active ? 'user.reactivate' : 'user.update';
  const after = presentUser(next);
  try {
    await writeAudited(ctx, statements, [
      { action, entityType: 'user', entityId: id, before: presentUser(current), after },
    ]);
  } catch (err) {
    if (email && isUniqueViolation(err, 'users.email')) throw emailTaken(email);
    if (!isStaleWrite(err)) throw err;
    // Either someone changed the user first, or the last-admin condition failed.
    const reread = await findUser(ctx.db, id);
    if (!losesAdmin || !reread || reread.version !== current.version) throw staleWrite();
    throw lastAdmin(current.active && !next.active ? 'active' : 'role');
  }
  return after;
}
