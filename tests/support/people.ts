import { expect } from 'vitest';
import { client } from './http';
import type { Target } from './target';
import { cookiesOf, ORIGIN, postLogin } from './web';

/** Passwords that pass every rule (long, not on the common list, not a name). */
export const PASSWORDS = {
  a: 'blue heron over the quiet canal',
  b: '委託先の監査は毎年六月末に行う',
  c: 'seven lanterns drift past midnight',
  d: 'granite kettle whistles at dawn',
} as const;

let counter = 0;

/** A person created through the API with a password; returns their id, e-mail and API client. */
export async function person(
  target: Target,
  overrides: { role?: string; password?: string; name?: string; email?: string; active?: boolean } = {},
) {
  counter++;
  const email = overrides.email ?? `person${counter}.${Date.now()}@example.co.jp`;
  const res = await client(target).post('/api/v1/users', {
    name: overrides.name ?? `利用者 ${counter}`,
    email,
    role: overrides.role ?? 'manager',
    password: overrides.password ?? PASSWORDS.a,
    ...(overrides.active !== undefined ? { active: overrides.active } : {}),
  });
  if (res.status !== 201) throw new Error(`person factory: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { user: { id: string; version: number }; token: string };
  return { id: body.user.id, email, token: body.token, api: client(target, body.token) };
}

export type Browserish = Awaited<ReturnType<typeof browserSession>>;

/**
 * A browser-like session after a response that set the session cookie: keeps the
 * cookie, reads the CSRF token from a page, posts forms as our pages would.
 */
export function browserSession(target: Target, signedIn: Response, lang = 'en') {
  const cookie = cookiesOf(signedIn).find((c) => c.startsWith('itaku_session=')) ?? '';
  expect(cookie, 'no session cookie').not.toBe('');
  const get = (path: string, headers: Record<string, string> = {}) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang, ...headers }, redirect: 'manual' });
  const csrf = async (path = '/') => /name="_csrf" value="([^"]+)"/.exec(await (await get(path)).text())?.[1] ?? '';
  const post = async (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    target.fetch(path, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': lang,
        origin: ORIGIN,
        ...headers,
      },
      body: new URLSearchParams({ _csrf: await csrf(), ...form }).toString(),
      redirect: 'manual',
    });
  return { cookie, get, post, csrf };
}

/** Signs in through the e-mail and password form; `headers` as for postLogin. */
export const passwordLogin = (
  target: Target,
  email: string,
  password: string,
  options: { lang?: string; headers?: Record<string, string | null> } = {},
) => postLogin(target, { email, password }, options);

/** Signed in with a password, as a browser session. */
export async function signedInWithPassword(target: Target, email: string, password: string, lang = 'en') {
  const res = await passwordLogin(target, email, password, { lang });
  expect(res.status, 'password sign-in').toBe(303);
  return browserSession(target, res, lang);
}

/** A fresh browser opening a page without a session (the password pages): its nonce cookie and form token. */
export async function openForm(target: Target, path: string, lang = 'en') {
  const res = await target.fetch(path, { headers: { 'accept-language': lang }, redirect: 'manual' });
  const html = await res.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
  const cookie = cookiesOf(res).find((c) => c.startsWith('itaku_login=')) ?? '';
  const post = (form: Record<string, string>, action = path.split('?')[0] ?? path) =>
    target.fetch(action, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': lang,
        origin: ORIGIN,
      },
      body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
      redirect: 'manual',
    });
  return { status: res.status, html, csrf, cookie, post };
}

/** The path and query of a sign-in link (`url` may name another origin: ITAKU_PUBLIC_URL). */
export const linkPath = (url: string) => {
  const u = new URL(url);
  return `${u.pathname}${u.search}`;
};

/** Issues a sign-in link for the user as the admin (API). */
export async function signInLink(target: Target, userId: string) {
  const res = await client(target).post(`/api/v1/users/${userId}/sign-in-link`);
  expect(res.status).toBe(201);
  return (await res.json()) as { url: string; expiresAt: string };
}

/** The current version of a user, as an If-Match value. */
export async function versionOf(target: Target, id: string): Promise<string> {
  const res = await client(target).get(`/api/v1/users/${id}`);
  return res.headers.get('etag') ?? '';
}
