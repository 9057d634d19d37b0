import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { fieldMessage } from '../../i18n/messages';
import { inspectLink, requestPasswordReset, setPasswordWithLink } from '../../modules/users/password-links.service';
import { changeOwnPassword, TooManyAttempts } from '../../modules/users/sign-in.service';
import { getUser } from '../../modules/users/users.service';
import { ProblemError } from '../../platform/problem';
import { clientAddress } from '../client-address';
import { type FormProblem, formProblem, noProblem, one, readForm } from '../forms';
import { fromOwnPage, guardedForm } from '../guards';
import { i18n, pickLang } from '../i18n';
import { loginFormToken, validLoginToken } from '../login-csrf';
import { ChangePasswordPage, ForgotPasswordPage, SetPasswordPage } from '../pages/password';
import { resetMail } from '../pages/password-mail';
import { Flag, pageQuery } from '../query';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** Setting a password from a one-time link, asking for one by e-mail, and changing one's own. */
export const passwordPages = new Hono<WebEnv>();

const MAX_LINK_TOKEN = 200;
const LinkQuery = z.object({ token: z.string().max(MAX_LINK_TOKEN).optional() });
const SentQuery = z.object({ sent: Flag });
const ChangedQuery = z.object({ changed: Flag });
const EMAIL = z.email().max(254);

/** Every role may change its own password. */
const EVERY_ROLE = ['procurement', 'compliance', 'manager'] as const;

/** The forms posted without a session carry the sign-in forms' token, from this browser and this site. */
async function unsessionedFormOk(c: WebContext, submitted: unknown): Promise<boolean> {
  return fromOwnPage(c, true) && (await validLoginToken(c, submitted));
}

/** The new password and its confirmation; a mismatch is said at the confirmation. */
function mismatch(c: WebContext, password: string, confirm: string): FormProblem | null {
  return password === confirm ? null : { fields: { confirm: i18n(pickLang(c)).t('people.mismatch') }, summary: null };
}

// ── From a one-time link ──────────────────────────────────────────────────

/** The form, or why the link no longer works (404 unknown, 410 used or expired); `status` when the form comes back refused. */
async function setPage(c: WebContext, linkToken: string, problem: FormProblem = noProblem(), refusedWith = 400) {
  const link = await inspectLink(c.var.deps, linkToken);
  const refused = Object.keys(problem.fields).length > 0 || problem.summary !== null;
  const status = link.state === 'valid' ? (refused ? refusedWith : 200) : link.state === 'unknown' ? 404 : 410;
  return c.html(
    <SetPasswordPage
      page={pageOf(c)}
      formToken={await loginFormToken(c)}
      linkToken={linkToken}
      state={link.state}
      name={link.name}
      errors={problem.fields}
      summary={problem.summary}
    />,
    status as 200,
  );
}

passwordPages.get('/password/set', async (c) => setPage(c, pageQuery(c, LinkQuery).token ?? ''));

passwordPages.post('/password/set', async (c) => {
  const values = await readForm(c);
  const linkToken = one(values, 'token').slice(0, MAX_LINK_TOKEN);
  if (!(await unsessionedFormOk(c, values._csrf))) {
    return setPage(c, linkToken, { fields: {}, summary: i18n(pickLang(c)).t('err.csrf') }, 403);
  }
  const password = one(values, 'password');
  const refused = mismatch(c, password, one(values, 'confirm'));
  if (refused) return setPage(c, linkToken, refused);
  try {
    const result = await setPasswordWithLink(c.var.deps, linkToken, password);
    if (!result.ok) return setPage(c, linkToken);
    return c.redirect('/login?passwordSet=1', 303);
  } catch (err) {
    return setPage(c, linkToken, formProblem(err, pickLang(c)));
  }
});

// ── Forgotten: a link by e-mail (only with an SMTP transport) ─────────────

async function forgotPage(c: WebContext, email: string, sent: boolean, problem = noProblem(), status = 200) {
  return c.html(
    <ForgotPasswordPage
      page={pageOf(c)}
      formToken={await loginFormToken(c)}
      email={email}
      sent={sent}
      errors={problem.fields}
      summary={problem.summary}
    />,
    status as 200,
  );
}

/** Without an SMTP transport (Workers) there is no such page: a link can only come from an admin. */
const noMail = () => new ProblemError(404, 'not-found', 'Resetting a password by e-mail needs ITAKU_SMTP_URL.');

passwordPages.get('/password/forgot', async (c) => {
  if (!c.var.deps.mailer) throw noMail();
  return forgotPage(c, '', pageQuery(c, SentQuery).sent === '1');
});

/** Links in e-mails point at ITAKU_PUBLIC_URL, never at the Host a request named (a forged one would send the token elsewhere). */
const mailBase = (c: WebContext) => c.var.deps.config.publicUrl ?? `http://127.0.0.1:${c.var.deps.config.port}`;

passwordPages.post('/password/forgot', async (c) => {
  if (!c.var.deps.mailer) throw noMail();
  const values = await readForm(c);
  const email = one(values, 'email').trim();
  const lang = pickLang(c);
  if (!(await unsessionedFormOk(c, values._csrf))) {
    return forgotPage(c, email, false, { fields: {}, summary: i18n(lang).t('err.csrf') }, 403);
  }
  if (!EMAIL.safeParse(email).success) {
    const code = email ? 'email' : 'required';
    return forgotPage(c, email, false, { fields: { email: fieldMessage(code, undefined, lang) }, summary: null }, 400);
  }
  await requestPasswordReset(c.var.deps, { email, clientAddress: clientAddress(c) }, mailBase(c), (url, expiresAt) =>
    resetMail(url, expiresAt, c.var.deps.config.timeZone),
  );
  return c.redirect('/password/forgot?sent=1', 303);
});

// ── One's own ─────────────────────────────────────────────────────────────

async function changePage(c: WebContext, changed: boolean, problem: FormProblem = noProblem(), status = 200) {
  const me = await getUser(ctxOf(c), c.var.actor.id);
  return c.html(
    <ChangePasswordPage
      page={pageOf(c)}
      hasPassword={me.hasPassword}
      hasEmail={me.email !== null}
      changed={changed}
      errors={problem.fields}
      summary={problem.summary}
    />,
    status as 200,
  );
}

passwordPages.get('/settings/password', async (c) => changePage(c, pageQuery(c, ChangedQuery).changed === '1'));

passwordPages.post('/settings/password', async (c) => {
  const values = await guardedForm(c, [...EVERY_ROLE]);
  if (values instanceof Response) return values;
  const newPassword = one(values, 'newPassword');
  const refused = mismatch(c, newPassword, one(values, 'confirm'));
  if (refused) return changePage(c, false, refused, 400);
  try {
    await changeOwnPassword(
      ctxOf(c),
      { currentPassword: one(values, 'currentPassword') || null, newPassword },
      c.get('session')?.idHash,
    );
    return c.redirect('/settings/password?changed=1', 303);
  } catch (err) {
    if (err instanceof TooManyAttempts) {
      c.header('Retry-After', String(err.retryAfterSeconds));
      const minutes = Math.max(1, Math.ceil(err.retryAfterSeconds / 60));
      return changePage(c, false, { fields: {}, summary: i18n(pickLang(c)).t('people.throttled', { minutes }) }, 429);
    }
    return changePage(c, false, formProblem(err, pickLang(c)), err instanceof ProblemError ? err.status : 400);
  }
});
