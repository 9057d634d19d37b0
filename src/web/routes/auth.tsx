import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { tokenLookup } from '../../modules/users/tokens';
import { one, readForm } from '../forms';
import { fromOwnPage, safeNext, validCsrf } from '../guards';
import { loginFormToken, validLoginToken } from '../login-csrf';
import { LoginPage } from '../pages/login';
import { Flag, pageQuery } from '../query';
import { csrfRefused } from '../refusals';
import { endSession, startSession, type WebEnv } from '../session';
import { pageOf } from '../web-context';

/** Signing in with an API token, and out. */
export const authRoutes = new Hono<WebEnv>();

// `next` is not refused: whatever is not a path of ours becomes `/` (safeNext).
const LoginQuery = z.object({ next: z.string().optional(), signedOut: Flag });

authRoutes.get('/login', async (c) => {
  const query = pageQuery(c, LoginQuery);
  return c.html(
    <LoginPage
      page={pageOf(c)}
      token={await loginFormToken(c)}
      signedOut={query.signedOut === '1'}
      next={safeNext(query.next)}
    />,
  );
});

/**
 * Signs in with an API token. The form must come from our own sign-in page in this
 * browser (same-origin Origin or Referer, and its token): otherwise another site could
 * sign the victim into an account of the attacker's choosing (login CSRF).
 */
authRoutes.post('/login', async (c) => {
  const values = await readForm(c);
  const next = safeNext(one(values, 'next'));
  if (!fromOwnPage(c, true) || !(await validLoginToken(c, values._csrf))) {
    return c.html(<LoginPage page={pageOf(c)} token={await loginFormToken(c)} refused next={next} />, 403);
  }
  const actor = await tokenLookup(c.var.deps.db)(one(values, 'token').trim());
  if (!actor) return c.html(<LoginPage page={pageOf(c)} token={await loginFormToken(c)} error next={next} />, 401);
  await startSession(c, c.var.deps, actor);
  return c.redirect(next, 303);
});

// A forged sign-out is refused and the session lives on: saying "signed out" while it does not would mislead.
authRoutes.post('/logout', async (c) => {
  const values = await readForm(c);
  if (!validCsrf(c, values._csrf)) return csrfRefused(c);
  await endSession(c, c.var.deps);
  return c.redirect('/login?signedOut=1', 303);
});
