import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { fieldMessage } from '../../i18n/messages';
import { recordSignIn, signInWithPassword } from '../../modules/users/sign-in.service';
import { tokenLookup } from '../../modules/users/tokens';
import { clientAddress } from '../client-address';
import { type FormValues, one, readForm } from '../forms';
import { fromOwnPage, safeNext, validCsrf } from '../guards';
import { pickLang } from '../i18n';
import { loginFormToken, validLoginToken } from '../login-csrf';
import { LoginPage, type LoginRefusal } from '../pages/login';
import { Flag, pageQuery } from '../query';
import { csrfRefused } from '../refusals';
import { endSession, startSession, type WebEnv } from '../session';
import { pageOf, type WebContext } from '../web-context';
import { passwordPages } from './passwords';

/** Signing in (e-mail and password, or an API token) and out; the password pages. */
export const authRoutes = new Hono<WebEnv>();

// `next` is not refused: whatever is not a path of ours becomes `/` (safeNext).
const LoginQuery = z.object({ next: z.string().optional(), signedOut: Flag, passwordSet: Flag });

/** Longest e-mail address (RFC 5321) and password looked at; longer ones cannot match. */
const MAX_EMAIL = 254;
const MAX_PASSWORD = 1024;

async function loginPage(
  c: WebContext,
  options: { next: string; refusal?: LoginRefusal; email?: string; signedOut?: boolean; passwordSet?: boolean },
) {
  const { next } = options;
  const sso = c.var.deps.config.oidc ? `/login/oidc${next !== '/' ? `?next=${encodeURIComponent(next)}` : ''}` : null;
  return (
    <LoginPage
      page={pageOf(c)}
      token={await loginFormToken(c)}
      next={next}
      refusal={options.refusal}
      email={options.email}
      signedOut={options.signedOut}
      passwordSet={options.passwordSet}
      ssoHref={sso}
      canResetByMail={c.var.deps.mailer !== undefined}
    />
  );
}

authRoutes.get('/login', async (c) => {
  const query = pageQuery(c, LoginQuery);
  return c.html(
    await loginPage(c, {
      next: safeNext(query.next),
      signedOut: query.signedOut === '1',
      passwordSet: query.passwordSet === '1',
    }),
  );
});

/** The token form: an API token, as the first admin and machines have. Guessing one is hopeless (32 random bytes). */
async function signInWithToken(c: WebContext, values: FormValues, next: string) {
  const actor = await tokenLookup(c.var.deps.db)(one(values, 'token').trim());
  if (!actor) return c.html(await loginPage(c, { next, refusal: { kind: 'token' } }), 401);
  await recordSignIn(c.var.deps, actor, 'token');
  await startSession(c, c.var.deps, actor);
  return c.redirect(next, 303);
}

/** The e-mail and password form; failed attempts are throttled per account and per client address. */
async function signInWithEmail(c: WebContext, values: FormValues, next: string) {
  const email = one(values, 'email').trim();
  const password = one(values, 'password');
  const lang = pickLang(c);
  const missing: Record<string, string> = {};
  if (!email) missing.email = fieldMessage('required', undefined, lang);
  if (!password) missing.password = fieldMessage('required', undefined, lang);
  if (Object.keys(missing).length) {
    return c.html(await loginPage(c, { next, email, refusal: { kind: 'missing', fields: missing } }), 400);
  }
  const result =
    email.length > MAX_EMAIL || password.length > MAX_PASSWORD
      ? ({ ok: false, reason: 'invalid' } as const)
      : await signInWithPassword(c.var.deps, { email, password, clientAddress: clientAddress(c) });
  if (!result.ok && result.reason === 'throttled') {
    c.header('Retry-After', String(result.retryAfterSeconds));
    const minutes = Math.max(1, Math.ceil(result.retryAfterSeconds / 60));
    return c.html(await loginPage(c, { next, email, refusal: { kind: 'throttled', minutes } }), 429);
  }
  if (!result.ok) return c.html(await loginPage(c, { next, email, refusal: { kind: 'password' } }), 401);
  await startSession(c, c.var.deps, result.actor);
  return c.redirect(next, 303);
}

/**
 * Signs in. The form must come from our own sign-in page in this browser (same-origin
 * Origin or Referer, and its token): otherwise another site could sign the victim into
 * an account of the attacker's choosing (login CSRF). A `token` field means the token
 * form; otherwise e-mail and password.
 */
authRoutes.post('/login', async (c) => {
  const values = await readForm(c);
  const next = safeNext(one(values, 'next'));
  if (!fromOwnPage(c, true) || !(await validLoginToken(c, values._csrf))) {
    return c.html(await loginPage(c, { next, refusal: { kind: 'csrf' } }), 403);
  }
  return values.token !== undefined ? signInWithToken(c, values, next) : signInWithEmail(c, values, next);
});

// A forged sign-out is refused and the session lives on: saying "signed out" while it does not would mislead.
authRoutes.post('/logout', async (c) => {
  const values = await readForm(c);
  if (!validCsrf(c, values._csrf)) return csrfRefused(c);
  await endSession(c, c.var.deps);
  return c.redirect('/login?signedOut=1', 303);
});

authRoutes.route('/', passwordPages);
