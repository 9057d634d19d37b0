import type { PasswordLinkRow } from '../../../db/schema';
import { type AppDeps, type RequestContext, type ServiceContext, SYSTEM_ACTOR } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { randomToken, sha256Hex } from '../../platform/crypto';
import { isStaleWrite } from '../../platform/db';
import { newId } from '../../platform/ids';
import type { Mailer } from '../../platform/mailer';
import { hashPassword } from '../../platform/password';
import { invalidFields, ProblemError } from '../../platform/problem';
import { consumeLink, findLinkByHash, insertLink, revokeLinksOf } from './password-links.repo';
import { passwordProblems } from './password-rules';
import { chargeAttempt } from './throttle.repo';
import { endSessionsOf, findUser, findUserByEmail, setPasswordHash } from './users.repo';
import { getUser } from './users.service';

/**
 * One-time links to set a password: `/password/set?token=…`. The token is 32 random
 * bytes; only its SHA-256 is stored. An admin's link lasts 72 hours (it is handed on by
 * the admin); an e-mailed one, requested by whoever typed the address, 2 hours.
 */
export const ADMIN_LINK_HOURS = 72;
export const EMAIL_LINK_HOURS = 2;
/** Reset e-mails per address per throttle window: enough for a lost one, too few to flood a mailbox. */
const RESET_MAILS_PER_WINDOW = 3;
/** Reset requests per client address per window (someone trying address after address). */
const RESETS_PER_CLIENT = 10;

export type LinkState = 'valid' | 'expired' | 'used' | 'unknown';

const TOKEN = /^pwl_[A-Za-z0-9_-]{43}$/;

export const linkUrl = (baseUrl: string, token: string) =>
  `${baseUrl.replace(/\/$/, '')}/password/set?token=${encodeURIComponent(token)}`;

async function newLink(ctx: ServiceContext, userId: string, hours: number) {
  const token = randomToken('pwl');
  const now = ctx.clock.now();
  const row: PasswordLinkRow = {
    id: newId(),
    userId,
    tokenHash: await sha256Hex(token),
    createdAt: now.toISOString(),
    createdBy: ctx.actor.id,
    expiresAt: new Date(now.getTime() + hours * 3_600_000).toISOString(),
    usedAt: null,
    revokedAt: null,
  };
  return { token, row, statements: [revokeLinksOf(ctx.db, userId, row.createdAt), insertLink(ctx.db, row)] };
}

/** An admin issues a link for a user (to set a first password, or reset a forgotten one); older links stop working. */
export async function issueSignInLink(
  ctx: RequestContext,
  userId: string,
  baseUrl: string,
): Promise<{ url: string; expiresAt: string }> {
  const user = await getUser(ctx, userId);
  if (!user.active) {
    throw new ProblemError(409, 'conflict', 'This user is deactivated; reactivate them before issuing a sign-in link.');
  }
  const link = await newLink(ctx, userId, ADMIN_LINK_HOURS);
  await writeAudited(ctx, link.statements, [
    {
      action: 'user.sign_in_link',
      entityType: 'user',
      entityId: userId,
      after: { linkId: link.row.id, expiresAt: link.row.expiresAt },
    },
  ]);
  return { url: linkUrl(baseUrl, link.token), expiresAt: link.row.expiresAt };
}

/**
 * "Forgot password": when an active user has this address, a link is e-mailed to it.
 * Whoever asks learns nothing: the answer is the same whether the address is known, and
 * everything after the request (the look-up, the link, the e-mail) happens after the
 * response, so that not even its timing differs. Needs an SMTP transport (Node).
 */
export async function requestPasswordReset(
  deps: AppDeps,
  request: { email: string; clientAddress: string | null },
  baseUrl: string,
  compose: (url: string, expiresAt: string) => { subject: string; text: string; html: string },
): Promise<void> {
  const mailer = deps.mailer;
  if (!mailer) return;
  const work = sendResetLink(deps, mailer, request, baseUrl, compose).catch((err) => {
    deps.logger.error('password reset e-mail failed', { error: err instanceof Error ? err.message : String(err) });
  });
  if (deps.background) deps.background(work);
  else await work;
}

async function sendResetLink(
  deps: AppDeps,
  mailer: Mailer,
  request: { email: string; clientAddress: string | null },
  baseUrl: string,
  compose: (url: string, expiresAt: string) => { subject: string; text: string; html: string },
): Promise<void> {
  const address = request.email.trim().toLowerCase();
  const keys = [{ key: `reset:${await sha256Hex(address)}`, limit: RESET_MAILS_PER_WINDOW }];
  if (request.clientAddress) keys.push({ key: `reset-from:${request.clientAddress}`, limit: RESETS_PER_CLIENT });
  if (!(await chargeAttempt(deps.db, keys, deps.clock.now())).allowed) return;
  const user = await findUserByEmail(deps.db, address);
  if (!user?.active || !user.email) return;
  const ctx = { ...deps, actor: SYSTEM_ACTOR };
  const link = await newLink(ctx, user.id, EMAIL_LINK_HOURS);
  await writeAudited(ctx, link.statements, [
    {
      action: 'user.password_reset_request',
      entityType: 'user',
      entityId: user.id,
      after: { linkId: link.row.id, expiresAt: link.row.expiresAt },
    },
  ]);
  await mailer.send({ to: user.email, ...compose(linkUrl(baseUrl, link.token), link.row.expiresAt) });
}

async function linkOf(deps: Pick<AppDeps, 'db'>, token: string): Promise<PasswordLinkRow | null> {
  return TOKEN.test(token) ? findLinkByHash(deps.db, await sha256Hex(token)) : null;
}

function stateOf(link: PasswordLinkRow | null, now: string): LinkState {
  if (!link) return 'unknown';
  if (link.usedAt || link.revokedAt) return 'used';
  return link.expiresAt <= now ? 'expired' : 'valid';
}

/** What the link page says before anything is typed: whether the link still works, and for whom. */
export async function inspectLink(
  deps: AppDeps,
  token: string,
): Promise<{ state: LinkState; name?: string; email?: string | null }> {
  const link = await linkOf(deps, token);
  const state = stateOf(link, deps.clock.now().toISOString());
  if (state !== 'valid' || !link) return { state };
  const user = await findUser(deps.db, link.userId);
  if (!user?.active) return { state: 'used' };
  return { state, name: user.name, email: user.email };
}

/**
 * Sets the password from a link and uses the link up, in one unit: of two uses at once
 * exactly one wins. Every session of the user ends (a password reset means the old one
 * may be known to someone); their other links are revoked.
 */
export async function setPasswordWithLink(
  deps: AppDeps,
  token: string,
  password: string,
): Promise<{ ok: true; userId: string } | { ok: false; state: Exclude<LinkState, 'valid'> }> {
  const link = await linkOf(deps, token);
  const now = deps.clock.now().toISOString();
  const state = stateOf(link, now);
  if (state !== 'valid' || !link) return { ok: false, state: state === 'valid' ? 'unknown' : state };
  const user = await findUser(deps.db, link.userId);
  if (!user?.active) return { ok: false, state: 'used' };
  const problems = await passwordProblems('password', password, user);
  if (problems.length) throw invalidFields(problems);
  const hash = await hashPassword(password);
  try {
    await writeAudited(
      { ...deps, actor: { id: user.id } },
      [
        ...consumeLink(deps.db, link.id, now),
        setPasswordHash(deps.db, user.id, hash, now),
        revokeLinksOf(deps.db, user.id, now),
        endSessionsOf(deps.db, user.id, now),
      ],
      [{ action: 'user.password_set', entityType: 'user', entityId: user.id, after: { via: 'link', linkId: link.id } }],
    );
  } catch (err) {
    if (!isStaleWrite(err)) throw err;
    const again = stateOf(await linkOf(deps, token), deps.clock.now().toISOString());
    return { ok: false, state: again === 'valid' ? 'used' : again };
  }
  return { ok: true, userId: user.id };
}
