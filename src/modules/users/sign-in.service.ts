import type { Actor, AppDeps, RequestContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { sha256Hex } from '../../platform/crypto';
import type { Statement } from '../../platform/db';
import { decoyHash, hashPassword, needsRehash, verifyPassword } from '../../platform/password';
import { fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { revokeLinksOf } from './password-links.repo';
import { passwordProblems } from './password-rules';
import { chargeAttempt, settleSuccess } from './throttle.repo';
import { endSessionsOf, findUser, findUserByEmail, setPasswordHash } from './users.repo';

/**
 * Failed password attempts allowed per 15-minute window: per account (guessing one
 * person's password) and per client address (trying one password on many accounts).
 * OWASP suggests a handful per account; an office behind one address gets more room.
 */
export const ACCOUNT_ATTEMPTS = 5;
export const ADDRESS_ATTEMPTS = 20;

export type SignInResult =
  | { ok: true; actor: Actor }
  | { ok: false; reason: 'invalid' }
  | { ok: false; reason: 'throttled'; retryAfterSeconds: number };

/** Too many failed attempts: 429, with the seconds until the window ends (sent as Retry-After). */
export class TooManyAttempts extends ProblemError {
  constructor(readonly retryAfterSeconds: number) {
    super(
      429,
      'too-many-attempts',
      `Too many failed attempts; try again in ${Math.ceil(retryAfterSeconds / 60)} minutes.`,
    );
    this.name = 'TooManyAttempts';
  }
}

const accountKey = async (email: string) => `account:${await sha256Hex(email)}`;

/** The audit event of a successful sign-in, written as the user who signed in. */
export async function recordSignIn(
  deps: AppDeps,
  actor: Actor,
  method: 'password' | 'token' | 'oidc',
  extra: Statement[] = [],
) {
  await writeAudited({ ...deps, actor }, extra, [
    { action: 'user.sign_in', entityType: 'user', entityId: actor.id, after: { method } },
  ]);
}

/**
 * Signs in with e-mail address and password. The attempt is counted first (see
 * throttle.repo.ts); an unknown address, a user without a password and a deactivated one
 * all take the same time and get the same answer as a wrong password, so the form
 * reveals nothing about who has an account.
 */
export async function signInWithPassword(
  deps: AppDeps,
  input: { email: string; password: string; clientAddress: string | null },
): Promise<SignInResult> {
  const email = input.email.trim().toLowerCase();
  const account = await accountKey(email);
  const address = input.clientAddress ? `address:${input.clientAddress}` : null;
  const keys = [{ key: account, limit: ACCOUNT_ATTEMPTS }];
  if (address) keys.push({ key: address, limit: ADDRESS_ATTEMPTS });
  const charge = await chargeAttempt(deps.db, keys, deps.clock.now());
  if (!charge.allowed) return { ok: false, reason: 'throttled', retryAfterSeconds: charge.retryAfterSeconds };
  const user = email ? await findUserByEmail(deps.db, email) : null;
  const matches = await verifyPassword(input.password, user?.passwordHash ?? (await decoyHash()));
  if (!user?.passwordHash || !matches || !user.active) return { ok: false, reason: 'invalid' };
  // The account's count is forgotten; the address keeps its failures (signing in to one
  // account must not wipe out its guesses at others), without this attempt.
  await settleSuccess(deps.db, { clear: [account], refund: address ? [address] : [] });
  const actor: Actor = { id: user.id, name: user.name, role: user.role };
  const now = deps.clock.now().toISOString();
  const rehash = needsRehash(user.passwordHash)
    ? [setPasswordHash(deps.db, user.id, await hashPassword(input.password), now)]
    : [];
  await recordSignIn(deps, actor, 'password', rehash);
  return { ok: true, actor };
}

/**
 * Changes the signed-in user's own password. The current one is required when there is
 * one (a session left open must not be enough to take the account over), and its wrong
 * guesses are throttled like sign-ins. Every other session of the user ends; `keepSession`
 * (the id hash of the browser session making the change) stays signed in.
 */
export async function changeOwnPassword(
  ctx: RequestContext,
  input: { currentPassword?: string | null; newPassword: string },
  keepSession?: string,
): Promise<void> {
  const user = await findUser(ctx.db, ctx.actor.id);
  if (!user) throw new ProblemError(404, 'not-found', 'The signed-in user no longer exists.');
  const key = `password-change:${user.id}`;
  if (user.passwordHash) {
    if (!input.currentPassword) throw invalidFields([fieldError('currentPassword', 'required')]);
    const charge = await chargeAttempt(ctx.db, [{ key, limit: ACCOUNT_ATTEMPTS }], ctx.clock.now());
    if (!charge.allowed) throw new TooManyAttempts(charge.retryAfterSeconds);
    if (!(await verifyPassword(input.currentPassword, user.passwordHash))) {
      throw invalidFields([fieldError('currentPassword', 'currentPasswordWrong')]);
    }
    await settleSuccess(ctx.db, { clear: [key], refund: [] });
  }
  const problems = await passwordProblems('newPassword', input.newPassword, user);
  if (problems.length) throw invalidFields(problems);
  const now = ctx.clock.now().toISOString();
  await writeAudited(
    ctx,
    [
      setPasswordHash(ctx.db, user.id, await hashPassword(input.newPassword), now),
      revokeLinksOf(ctx.db, user.id, now),
      endSessionsOf(ctx.db, user.id, now, keepSession),
    ],
    [{ action: 'user.password_change', entityType: 'user', entityId: user.id, after: { via: 'self' } }],
  );
}
