import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { findLiveSession, insertSession, revokeSession } from '../modules/users/sessions.repo';
import type { Actor, AppDeps, AppEnv } from '../platform/app-env';
import { SESSION_COOKIE } from '../platform/auth';
import { randomToken, sha256Hex } from '../platform/crypto';

const SESSION_HOURS = 12;

export interface WebSession {
  actor: Actor;
  csrf: string;
  idHash: string;
}

export type WebEnv = AppEnv & { Variables: AppEnv['Variables'] & { session: WebSession | null } };

/** Cookies are Secure when the browser talks HTTPS, directly or through a TLS-terminating proxy. */
export const secureCookies = (c: Context) =>
  new URL(c.req.url).protocol === 'https:' || c.req.header('x-forwarded-proto') === 'https';

/**
 * Signs a user in: a new random session id in an HttpOnly, SameSite=Strict cookie; only
 * its hash is stored. A session the browser already held is ended first, so an id that
 * existed before sign-in never becomes a signed-in one (session fixation, OWASP Session
 * Management Cheat Sheet).
 */
export async function startSession(c: Context<WebEnv>, deps: AppDeps, actor: Actor): Promise<void> {
  const previous = getCookie(c, SESSION_COOKIE);
  if (previous && previous.length < 200) await revokeSession(deps, await sha256Hex(previous));
  const id = randomToken('sess');
  const now = deps.clock.now();
  await insertSession(deps, {
    idHash: await sha256Hex(id),
    userId: actor.id,
    csrf: randomToken('csrf'),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
  });
  setCookie(c, SESSION_COOKIE, id, {
    httpOnly: true,
    sameSite: 'Strict',
    secure: secureCookies(c),
    path: '/',
    maxAge: SESSION_HOURS * 3600,
  });
}

export async function endSession(c: Context<WebEnv>, deps: AppDeps): Promise<void> {
  const session = c.get('session');
  if (session) await revokeSession(deps, session.idHash);
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies(c) });
}

/** Loads the session named by the cookie, if it is live; revoked tokens end sessions too. */
export const loadSession: MiddlewareHandler<WebEnv> = async (c, next) => {
  const id = getCookie(c, SESSION_COOKIE);
  let session: WebSession | null = null;
  if (id && id.length < 200) session = await findLiveSession(c.var.deps, await sha256Hex(id));
  c.set('session', session);
  if (session) c.set('actor', session.actor);
  await next();
};
