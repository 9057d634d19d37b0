import { and, eq, gt, isNull } from 'drizzle-orm';
import type { Context, MiddlewareHandler } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { sessions, users } from '../../db/schema';
import type { Actor, AppDeps, AppEnv } from '../platform/app-env';
import { randomToken, sha256Hex, timingSafeEqual } from '../platform/crypto';
import { fromOwnPage } from './guards';

export const SESSION_COOKIE = 'itaku_session';
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

/** Signs a user in: a random session id in an HttpOnly, SameSite=Strict cookie; only its hash is stored. */
export async function startSession(c: Context<WebEnv>, deps: AppDeps, actor: Actor): Promise<void> {
  const id = randomToken('sess');
  const now = deps.clock.now();
  await deps.db.insert(sessions).values({
    idHash: await sha256Hex(id),
    userId: actor.id,
    csrfToken: randomToken('csrf'),
    createdAt: now.toISOString(),
    expiresAt: new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString(),
    revokedAt: null,
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
  if (session) {
    await deps.db
      .update(sessions)
      .set({ revokedAt: deps.clock.now().toISOString() })
      .where(eq(sessions.idHash, session.idHash));
  }
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: secureCookies(c) });
}

/** Loads the session named by the cookie, if it is live; revoked tokens end sessions too. */
export const loadSession: MiddlewareHandler<WebEnv> = async (c, next) => {
  const id = getCookie(c, SESSION_COOKIE);
  let session: WebSession | null = null;
  if (id && id.length < 200) {
    const deps = c.var.deps;
    const row = await deps.db
      .select({ idHash: sessions.idHash, csrf: sessions.csrfToken, id: users.id, name: users.name, role: users.role })
      .from(sessions)
      .innerJoin(users, eq(users.id, sessions.userId))
      .where(
        and(
          eq(sessions.idHash, await sha256Hex(id)),
          isNull(sessions.revokedAt),
          gt(sessions.expiresAt, deps.clock.now().toISOString()),
        ),
      )
      .get();
    if (row) session = { actor: { id: row.id, name: row.name, role: row.role }, csrf: row.csrf, idHash: row.idHash };
  }
  c.set('session', session);
  if (session) c.set('actor', session.actor);
  await next();
};

/**
 * Every form carries the session's CSRF token; a POST without it, or whose Origin (else
 * Referer) names another site, is refused. SameSite=Strict cookies already keep other
 * sites out; this is the second lock. (The sign-in form has its own: login-csrf.ts.)
 */
export function validCsrf(c: Context<WebEnv>, submitted: unknown): boolean {
  const session = c.get('session');
  if (!session || typeof submitted !== 'string' || !fromOwnPage(c, false)) return false;
  return timingSafeEqual(submitted, session.csrf);
}
