import type { Role } from '../../../db/schema';
import type { Actor, ServiceContext } from '../../platform/app-env';
import { ProblemError } from '../../platform/problem';
import { findUserIdByEmail } from '../users/users.repo';
import { createPerson, getUser, type UserView } from '../users/users.service';
import type { SsoIdentity } from './sso.identity';
import { SsoRefusal } from './sso.refusal';

/**
 * Who a verified identity from the provider is in itaku: the user with that e-mail address
 * (addresses are stored lower-cased, so the match ignores case), else — when
 * ITAKU_OIDC_CREATE_ROLE is set — a new user with that role. The context's actor is itaku
 * itself: nobody is signed in yet, and the audit trail records the creation as the
 * system's, with the request that caused it.
 */
export async function userForIdentity(
  ctx: ServiceContext,
  identity: SsoIdentity,
  createRole: Exclude<Role, 'admin'> | null,
): Promise<Actor> {
  const user = (await userByEmail(ctx, identity.email)) ?? (await firstSignIn(ctx, identity, createRole));
  if (isDeactivated(user)) throw new SsoRefusal('user-inactive', identity.email);
  return { id: user.id, name: user.name, role: user.role };
}

async function userByEmail(ctx: ServiceContext, email: string): Promise<UserView | null> {
  const id = await findUserIdByEmail(ctx.db, email);
  return id ? getUser(ctx, id) : null;
}

async function firstSignIn(
  ctx: ServiceContext,
  identity: SsoIdentity,
  role: Exclude<Role, 'admin'> | null,
): Promise<UserView> {
  if (!role) throw new SsoRefusal('unknown-user', identity.email);
  try {
    // A person, not a machine: no API token is issued that nobody would ever see.
    return await createPerson(ctx, { name: identity.name, email: identity.email, role });
  } catch (err) {
    // The same person signing in twice at once (two tabs, a double click): the unique
    // e-mail address lets one creation through, and the other finds that user.
    if (err instanceof ProblemError && err.slug === 'email-taken') {
      const user = await userByEmail(ctx, identity.email);
      if (user) return user;
    }
    throw err;
  }
}

/**
 * Whether the user was deactivated. Read through `in`, as the user view carries `active`
 * only where deactivation exists; a user without the field is active.
 */
function isDeactivated(user: UserView): boolean {
  return 'active' in user && (user as { active?: unknown }).active === false;
}
