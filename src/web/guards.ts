import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Role } from '../../db/schema';
import type { AppEnv } from '../platform/app-env';
import { timingSafeEqual } from '../platform/crypto';
import { ProblemError } from '../platform/problem';
import { type FormValues, readForm } from './forms';
import { csrfRefused, forbidden } from './refusals';
import type { WebEnv } from './session';
import type { WebContext } from './web-context';

/** The largest form the web UI accepts; no form of ours comes near it. */
export const MAX_FORM_BYTES = 1024 * 1024;

/**
 * Refuses a form body over the limit before it is buffered: at once when Content-Length
 * says so, else while a chunked body streams in (the reading stops at the limit). The
 * 413 is rendered as a page by the web error handler.
 */
export const formBodyLimit: MiddlewareHandler = bodyLimit({
  maxSize: MAX_FORM_BYTES,
  onError: () => {
    throw new ProblemError(413, 'payload-too-large', `The form exceeds the limit of ${MAX_FORM_BYTES} bytes.`);
  },
});

/**
 * The origins this server answers as: the request's own, the same host under the scheme a
 * TLS-terminating proxy reports (X-Forwarded-Proto), and ITAKU_PUBLIC_URL. A forged
 * request cannot use the forwarded variant: a browser sends the attacker page's Origin.
 */
function ownOrigins<E extends AppEnv>(c: Context<E>): Set<string> {
  const url = new URL(c.req.url);
  const origins = new Set([url.origin]);
  const proto = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim();
  if (proto === 'https' || proto === 'http') origins.add(`${proto}://${url.host}`);
  const publicUrl = c.var.deps.config.publicUrl;
  if (publicUrl) {
    try {
      origins.add(new URL(publicUrl).origin);
    } catch {
      // config.ts has already validated it; an unparsable one adds nothing.
    }
  }
  return origins;
}

/**
 * Whether a POST comes from one of our own pages: its Origin, or when a browser sent none,
 * its Referer, names this server. `required` refuses a request that carries neither
 * (the sign-in form, which no session cookie protects).
 */
export function fromOwnPage<E extends AppEnv>(c: Context<E>, required: boolean): boolean {
  const origin = c.req.header('origin');
  if (origin !== undefined) return ownOrigins(c).has(origin);
  const referer = c.req.header('referer');
  if (referer === undefined) return !required;
  try {
    return ownOrigins(c).has(new URL(referer).origin);
  } catch {
    return false;
  }
}

/** Longest `next` path followed after sign-in; a longer one is nobody's bookmark. */
const MAX_NEXT = 2048;

/**
 * Where to go after sign-in: only an absolute path on this site. Refused (→ `/`): other
 * schemes and hosts, protocol-relative `//host`, and `/\host`, `/%5Chost`, `/%2Fhost`,
 * which browsers read as another host; and any control character or space, because
 * browsers drop TAB and newlines inside URLs (`/\t/host` becomes `//host`).
 */
export function safeNext(next: string | undefined): string {
  if (!next || next.length > MAX_NEXT || !next.startsWith('/')) return '/';
  for (let i = 0; i < next.length; i++) {
    const code = next.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return '/';
  }
  if (/^\/(\/|\\|%2f|%5c)/i.test(next)) return '/';
  // Belt and braces: whatever a URL parser makes of it must stay on this origin.
  const base = 'http://itaku.invalid';
  try {
    return new URL(next, base).origin === base ? next : '/';
  } catch {
    return '/';
  }
}

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

/** Whether the signed-in user holds one of the roles (an admin may do everything). */
export const may = (c: WebContext, roles: Role[]): boolean => {
  const role = c.get('session')?.actor.role;
  return role === 'admin' || (role !== undefined && roles.includes(role));
};

/** Guards a form POST: a live session, its CSRF token, and the role; returns the form, or the refusal page. */
export async function guardedForm(c: WebContext, roles: Role[]): Promise<FormValues | Response> {
  const values = await readForm(c);
  if (!validCsrf(c, values._csrf)) return csrfRefused(c);
  if (!may(c, roles)) return forbidden(c);
  return values;
}
