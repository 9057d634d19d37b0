import type { Target } from './target';

/** The origin tests/support/target.ts serves under: what a browser on its pages sends as Origin. */
export const ORIGIN = 'http://itaku.test';

/** The `name=value` part of every Set-Cookie header of a response. */
export const cookiesOf = (res: Response): string[] => res.headers.getSetCookie().map((c) => c.split(';')[0] ?? '');

/**
 * What a browser holds after opening the sign-in page: the nonce cookie it set, and the
 * form's CSRF token.
 */
export async function loginForm(target: Target, path = '/login', headers: Record<string, string> = {}) {
  const res = await target.fetch(path, { headers, redirect: 'manual' });
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
  const html = await res.text();
  const csrf = /<form method="post" action="\/login">\s*<input type="hidden" name="_csrf" value="([^"]+)"/.exec(
    html,
  )?.[1];
  const cookie = cookiesOf(res).find((c) => c.startsWith('itaku_login='));
  if (!csrf || !cookie) throw new Error('the sign-in page carries no CSRF token or cookie');
  return { csrf, cookie, html };
}

/**
 * Posts the sign-in form as a browser on our page would (same-origin Origin, the page's
 * token and cookie); `headers` and `form` override, a header given as null is left out.
 */
export async function postLogin(
  target: Target,
  form: Record<string, string>,
  options: { headers?: Record<string, string | null>; lang?: string } = {},
) {
  const lang = options.lang ?? 'en';
  const page = await loginForm(target, '/login', { 'accept-language': lang });
  const headers: Record<string, string | null> = {
    'content-type': 'application/x-www-form-urlencoded',
    'accept-language': lang,
    origin: ORIGIN,
    cookie: page.cookie,
    ...options.headers,
  };
  return target.fetch('/login', {
    method: 'POST',
    headers: Object.fromEntries(Object.entries(headers).filter((e): e is [string, string] => e[1] !== null)),
    body: new URLSearchParams({ _csrf: page.csrf, next: '/', ...form }).toString(),
    redirect: 'manual',
  });
}
