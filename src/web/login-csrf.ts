import type { Context } from 'hono';
import { getCookie, setCookie } from 'hono/cookie';
import type { AppEnv } from '../platform/app-env';
import { randomToken, timingSafeEqual } from '../platform/crypto';
import type { Keys } from '../platform/keys';
import { secureCookies } from './session';

/**
 * The CSRF lock of the forms posted without a session: sign-in (login CSRF: a forged post
 * would sign the victim into the attacker's account), setting a password from a link and
 * asking for one. A signed double submit: the
 * browser holds a random nonce in an HttpOnly, SameSite=Strict cookie, and the form
 * carries an expiry and an HMAC of nonce and expiry. Only a page of ours, read in the
 * same browser, can hold a token that matches the cookie; nothing is stored server-side.
 */
const LOGIN_COOKIE = 'itaku_login';
const COOKIE_SECONDS = 24 * 3600;
const TOKEN_MS = 2 * 3_600_000;
const NONCE = /^login_[A-Za-z0-9_-]{43}$/;
const TOKEN = /^(\d{1,15})\.([0-9a-f]{64})$/;

type SubtleKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;
const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer) => Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/**
 * A key of its own for form tokens, derived from the secret behind the audit key (never in
 * the database) as HMAC(audit key, label): the audit chain only ever MACs JSON arrays, so
 * the label cannot collide with anything it seals, and a form token reveals nothing of it.
 */
const formKeys = new WeakMap<Keys, Promise<SubtleKey>>();
function formKey(keys: Keys): Promise<SubtleKey> {
  let key = formKeys.get(keys);
  if (!key) {
    key = crypto.subtle
      .sign('HMAC', keys.audit, encoder.encode('itaku web form tokens v1'))
      .then((raw) => crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']));
    formKeys.set(keys, key);
  }
  return key;
}

async function mac<E extends AppEnv>(c: Context<E>, nonce: string, expires: number): Promise<string> {
  const key = await formKey(c.var.deps.audit.keys);
  return hex(await crypto.subtle.sign('HMAC', key, encoder.encode(`${nonce}|${expires}`)));
}

/** The token for the sign-in form on this page; sets the nonce cookie when the browser has none. */
export async function loginFormToken<E extends AppEnv>(c: Context<E>): Promise<string> {
  let nonce = getCookie(c, LOGIN_COOKIE);
  if (!nonce || !NONCE.test(nonce)) {
    nonce = randomToken('login');
    setCookie(c, LOGIN_COOKIE, nonce, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: secureCookies(c),
      // The sign-in page and the password pages (set from a link, forgotten) use it.
      path: '/',
      maxAge: COOKIE_SECONDS,
    });
  }
  const expires = c.var.deps.clock.now().getTime() + TOKEN_MS;
  return `${expires}.${await mac(c, nonce, expires)}`;
}

/** Whether the submitted token was issued for this browser's nonce and has not expired. */
export async function validLoginToken<E extends AppEnv>(c: Context<E>, submitted: unknown): Promise<boolean> {
  const nonce = getCookie(c, LOGIN_COOKIE);
  const m = typeof submitted === 'string' ? TOKEN.exec(submitted) : null;
  if (!nonce || !NONCE.test(nonce) || !m?.[1] || !m[2]) return false;
  const expires = Number(m[1]);
  if (expires <= c.var.deps.clock.now().getTime()) return false;
  return timingSafeEqual(m[2], await mac(c, nonce, expires));
}
