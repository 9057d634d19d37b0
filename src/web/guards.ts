import type { Context, MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../platform/app-env';
import { ProblemError } from '../platform/problem';

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
