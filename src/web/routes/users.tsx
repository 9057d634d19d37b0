import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { revokeTokens, rotateToken } from '../../modules/users/api-tokens.service';
import { issueSignInLink } from '../../modules/users/password-links.service';
import { patchUser } from '../../modules/users/user-changes.service';
import { publicBase } from '../../modules/users/user-passwords.routes';
import { CreateUserSchema, PatchUserSchema } from '../../modules/users/users.schemas';
import { countAllUsers, createPerson, getUser, listUsers, type UserView } from '../../modules/users/users.service';
import { ProblemError } from '../../platform/problem';
import { checked, type FormProblem, type FormValues, formProblem, noProblem, one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { i18n, pickLang } from '../i18n';
import { pagerState } from '../pager';
import { NewUserPage, UsersPage } from '../pages/users';
import {
  SecretShownOncePage,
  UserDetailPage,
  type UserForm,
  type UserNotice,
  userNotices,
} from '../pages/users-detail';
import { Cursor, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** The users pages (admin): the list, adding one, and each user's page with its actions. */
export const userPages = new Hono<WebEnv>();

const PAGE_SIZE = 50;
const ListQuery = z.object({ cursor: Cursor });
const DetailQuery = z.object({ notice: z.enum(Object.keys(userNotices) as [UserNotice, ...UserNotice[]]).optional() });

/** Only admins manage users (the API's role for every /users route). */
const ADMIN: [] = [];

/** The status a refused form comes back with: the rule's own (409, 412), else 400. */
const refusedStatus = (err: unknown) => (err instanceof ProblemError ? err.status : 400) as 400;

userPages.get('/users', async (c) => {
  if (!may(c, ADMIN)) return forbidden(c);
  const { cursor } = pageQuery(c, ListQuery);
  const ctx = ctxOf(c);
  const [list, total] = await Promise.all([
    withQuery(() => listUsers(ctx, { limit: PAGE_SIZE, cursor })),
    countAllUsers(ctx),
  ]);
  return c.html(
    <UsersPage
      page={pageOf(c)}
      items={list.items}
      nextCursor={list.nextCursor}
      total={total}
      pageSize={PAGE_SIZE}
      pager={pagerState(c.req.url)}
      meId={c.var.actor.id}
    />,
  );
});

// ── Adding one ────────────────────────────────────────────────────────────

const newForm = (c: WebContext, values: FormValues, problem: FormProblem = noProblem(), status = 200) =>
  c.html(
    <NewUserPage page={pageOf(c)} values={values} errors={problem.fields} summary={problem.summary} />,
    status as 200,
  );

userPages.get('/users/new', (c) => (may(c, ADMIN) ? newForm(c, { role: 'manager' }) : forbidden(c)));

userPages.post('/users', async (c) => {
  const values = await guardedForm(c, ADMIN);
  if (values instanceof Response) return values;
  try {
    const input = CreateUserSchema.parse({
      name: one(values, 'name'),
      email: optional(values, 'email'),
      role: one(values, 'role'),
      password: one(values, 'password') || undefined,
    });
    const user = await createPerson(ctxOf(c), input);
    return c.redirect(`/users/${user.id}?notice=created`, 303);
  } catch (err) {
    // The password is never sent back into the page.
    const { password: _p, ...kept } = values;
    return newForm(c, kept, formProblem(err, pickLang(c)), refusedStatus(err));
  }
});

// ── A user's page ─────────────────────────────────────────────────────────

const editValues = (u: UserView): FormValues => ({ name: u.name, email: u.email ?? '', role: u.role });

async function detail(
  c: WebContext,
  id: string,
  options: { form?: UserForm; values?: FormValues; problem?: FormProblem; notice?: UserNotice; status?: number } = {},
) {
  const user = await getUser(ctxOf(c), id);
  const problem = options.problem ?? noProblem();
  return c.html(
    <UserDetailPage
      page={pageOf(c)}
      user={user}
      form={options.form ?? null}
      values={options.values ?? editValues(user)}
      errors={problem.fields}
      summary={problem.summary}
      notice={options.notice ?? null}
      isMe={user.id === c.var.actor.id}
    />,
    (options.status ?? 200) as 200,
  );
}

userPages.get('/users/:id', async (c) => {
  if (!may(c, ADMIN)) return forbidden(c);
  const { notice } = pageQuery(c, DetailQuery);
  return detail(c, c.req.param('id'), { notice });
});

userPages.post('/users/:id', async (c) => {
  const values = await guardedForm(c, ADMIN);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  try {
    const patch = PatchUserSchema.parse({
      name: one(values, 'name'),
      email: optional(values, 'email'),
      role: one(values, 'role'),
    });
    await patchUser(ctxOf(c), id, patch, one(values, 'version') || undefined);
    return c.redirect(`/users/${id}?notice=saved`, 303);
  } catch (err) {
    return detail(c, id, { form: 'edit', values, problem: formProblem(err, pickLang(c)), status: refusedStatus(err) });
  }
});

/** A confirmation box left unticked: the form comes back with the reason next to it. */
const unconfirmed = (c: WebContext, name: string): FormProblem => ({
  fields: { [name]: i18n(pickLang(c)).t('people.confirmRequired') },
  summary: null,
});

async function setActive(c: WebContext, active: boolean) {
  const values = await guardedForm(c, ADMIN);
  if (values instanceof Response) return values;
  const id = c.req.param('id') ?? '';
  if (!active && !checked(values, 'confirmDeactivate')) {
    return detail(c, id, { form: 'deactivate', problem: unconfirmed(c, 'confirmDeactivate'), status: 400 });
  }
  try {
    await patchUser(ctxOf(c), id, { active }, one(values, 'version') || undefined);
  } catch (err) {
    const problem = formProblem(err, pickLang(c));
    // The form has no `active` field: the last-admin rule is said above it.
    const reason = problem.fields.active;
    return detail(c, id, {
      form: 'deactivate',
      problem: reason ? { fields: {}, summary: reason } : problem,
      status: refusedStatus(err),
    });
  }
  // Deactivating oneself ends one's own session: the next page is the sign-in page.
  return c.redirect(`/users/${id}?notice=${active ? 'reactivated' : 'deactivated'}`, 303);
}

userPages.post('/users/:id/deactivate', (c) => setActive(c, false));
userPages.post('/users/:id/reactivate', (c) => setActive(c, true));

// ── Secrets shown once: a sign-in link, an API token ──────────────────────
// Shown in the answer to the POST itself, never put in a redirect's address (it would
// stay in the history); sending the form again issues a new one and the old one stops working.

userPages.post('/users/:id/sign-in-link', async (c) => {
  const values = await guardedForm(c, ADMIN);
  if (values instanceof Response) return values;
  const user = await getUser(ctxOf(c), c.req.param('id'));
  const link = await issueSignInLink(ctxOf(c), user.id, publicBase(c));
  const page = pageOf(c);
  const { t, dateTime } = page.i18n;
  return c.html(
    <SecretShownOncePage
      page={page}
      user={user}
      title={t('people.linkTitle')}
      message={t('people.linkIssued', { name: user.name, expires: dateTime(link.expiresAt) })}
      secret={link.url}
    />,
  );
});

userPages.post('/users/:id/tokens', async (c) => {
  const values = await guardedForm(c, ADMIN);
  if (values instanceof Response) return values;
  const user = await getUser(ctxOf(c), c.req.param('id'));
  const { token } = await rotateToken(ctxOf(c), user.id);
  const page = pageOf(c);
  return c.html(
    <SecretShownOncePage
      page={page}
      user={user}
      title={page.i18n.t('people.tokensTitle')}
      message={page.i18n.t('people.tokenIssued', { name: user.name })}
      secret={token}
    />,
  );
});

userPages.post('/users/:id/tokens/revoke', async (c) => {
  const values = await guardedForm(c, ADMIN);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  if (!checked(values, 'confirmRevoke')) {
    return detail(c, id, { form: 'revoke', problem: unconfirmed(c, 'confirmRevoke'), status: 400 });
  }
  try {
    await revokeTokens(ctxOf(c), id);
  } catch (err) {
    return detail(c, id, { form: 'revoke', problem: formProblem(err, pickLang(c)), status: refusedStatus(err) });
  }
  return c.redirect(`/users/${id}?notice=revoked`, 303);
});
