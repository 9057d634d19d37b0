import type { Actor, RequestContext, ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { isStaleWrite } from '../../platform/db';
import { ProblemError } from '../../platform/problem';
import { issueTokenRow, revokeLiveTokens } from './tokens';
import { anotherAdminCanSignIn, endSessionsOf, findFirstAdmin, requireAnotherAdmin } from './users.repo';
import { getUser } from './users.service';

function mayManageTokens(actor: Actor, userId: string): void {
  if (actor.role !== 'admin' && actor.id !== userId) {
    throw new ProblemError(
      403,
      'forbidden',
      `Only an admin may manage the tokens of another user; your token has the role ${actor.role}.`,
    );
  }
}

/** Issues a new API token, revokes the user's previous ones and ends their web sessions, in the same unit. */
export async function rotateToken(ctx: RequestContext, userId: string): Promise<{ token: string }> {
  mayManageTokens(ctx.actor, userId);
  if (!(await getUser(ctx, userId)).active) {
    throw new ProblemError(409, 'conflict', 'This user is deactivated; a token issued now would not work.');
  }
  const now = ctx.clock.now().toISOString();
  const t = await issueTokenRow(ctx.db, { userId, kind: 'api', now });
  await writeAudited(
    ctx,
    [revokeLiveTokens(ctx.db, userId, now, 'api'), t.insert, endSessionsOf(ctx.db, userId, now)],
    [{ action: 'token.rotate', entityType: 'user', entityId: userId, after: { tokenId: t.id, kind: 'api' } }],
  );
  return { token: t.token };
}

/**
 * Revokes every token of the user (API and calendar feed) and ends their web sessions.
 * Refused for an admin without a password when no other active admin can sign in: nobody
 * could manage users afterwards. The rule is checked inside the unit, so two admins
 * revoking each other's tokens at once cannot both succeed.
 */
export async function revokeTokens(ctx: RequestContext, userId: string): Promise<void> {
  mayManageTokens(ctx.actor, userId);
  const user = await getUser(ctx, userId);
  const lastWayIn = user.role === 'admin' && user.active && !user.hasPassword;
  const refused = () =>
    new ProblemError(
      409,
      'conflict',
      'This is the last admin with a valid token; revoking would lock everyone out. Rotate the token instead.',
    );
  if (lastWayIn && !(await anotherAdminCanSignIn(ctx.db, userId))) throw refused();
  const now = ctx.clock.now().toISOString();
  try {
    await writeAudited(
      ctx,
      [
        ...(lastWayIn ? requireAnotherAdmin(ctx.db, userId) : []),
        revokeLiveTokens(ctx.db, userId, now),
        endSessionsOf(ctx.db, userId, now),
      ],
      [{ action: 'token.revoke_all', entityType: 'user', entityId: userId, after: { revokedAt: now } }],
    );
  } catch (err) {
    if (isStaleWrite(err)) throw refused();
    throw err;
  }
}

/**
 * Lost-token recovery by the operator (`npm run cli -- admin-token`): a further API token
 * for the first admin, leaving their other tokens as they are. Null before the first start.
 */
export async function issueRecoveryToken(ctx: ServiceContext): Promise<{ adminName: string; token: string } | null> {
  const admin = await findFirstAdmin(ctx.db);
  if (!admin) return null;
  const t = await issueTokenRow(ctx.db, { userId: admin.id, kind: 'api', now: ctx.clock.now().toISOString() });
  await writeAudited(
    ctx,
    [t.insert],
    [
      {
        action: 'token.issue',
        entityType: 'user',
        entityId: admin.id,
        after: { tokenId: t.id, kind: 'api', via: 'cli' },
      },
    ],
  );
  return { adminName: admin.name, token: t.token };
}
