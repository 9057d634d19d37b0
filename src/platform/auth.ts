import type { Context, MiddlewareHandler } from 'hono';
import { getCookie } from 'hono/cookie';
import type { Role } from '../../db/schema';
import type { Actor, AppEnv } from './app-env';
import { ProblemError } from './problem';

export type AuthLookup = (token: string) => Promise<Actor | undefined>;

const BEARER = /^Bearer\s+([\x21-\x7e]{1,512})\s*$/i;

/** The browser session's cookie (HttpOnly, SameSite=Strict; set by the sign-in page). */
export const SESSION_COOKIE = 'itaku_session';

/**
 * A signed-in browser may read the API (download links on pages point at it), never
 * write to it: SameSite=Strict keeps other sites' requests from carrying the cookie, and
 * writes still need a bearer token, so no API write can be forged from a page.
 */
async function sessionActor(c: Context<AppEnv>): Promise<Actor | undefined> {
  if (c.req.method !== 'GET' && c.req.method !== 'HEAD') return undefined;
  const id = getCookie(c, SESSION_COOKIE);
  return id && id.length < 200 ? c.get('sessionLookup')(id) : undefined;
}

/** The one 401 of every token check: it says how to authenticate, never which tokens exist. */
export function unauthorized(c: Context, detail: string): ProblemError {
  c.header('WWW-Authenticate', 'Bearer realm="itaku"');
  return new ProblemError(401, 'unauthorized', detail);
}

/**
 * Resolves `Authorization: Bearer <token>` to the acting user through the lookup the app
 * prepared once (`authLookup`). Every failure is the same 401 so that callers learn
 * nothing about which tokens exist.
 */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const header = c.req.header('authorization');
  const match = header ? BEARER.exec(header) : null;
  const actor = match?.[1] ? await c.get('authLookup')(match[1]) : header ? undefined : await sessionActor(c);
  if (!actor) {
    throw unauthorized(c, header ? 'The bearer token is unknown or revoked.' : 'Send Authorization: Bearer <token>.');
  }
  c.set('actor', actor);
  await next();
};

export function requireRole(allowed: readonly Role[] | 'any'): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const actor = c.get('actor');
    if (allowed !== 'any' && !allowed.includes(actor.role)) {
      throw new ProblemError(
        403,
        'forbidden',
        `This needs the role ${allowed.join(' or ')}; your token has the role ${actor.role}.`,
      );
    }
    await next();
  };
}
