import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { userNames } from '../../modules/users/users.service';
import { CreateWebhookSchema } from '../../modules/webhooks/webhooks.schemas';
import {
  createWebhook,
  deleteWebhook,
  getWebhook,
  listWebhookMessages,
  listWebhooks,
  webhookCount,
  webhookMessageCount,
} from '../../modules/webhooks/webhooks.service';
import { type FormProblem, type FormValues, formProblem, formStatus, many, noProblem, one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { pagerState } from '../pager';
import { personName } from '../pages/audit-diff';
import { WebhookDeletePage, WebhookDetailPage, WebhookFormPage, WebhookListPage } from '../pages/webhooks';
import { Cursor, Flag, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** Webhook receivers (admin): list, register, their deliveries, delete. */
export const webhookPages = new Hono<WebEnv>();

const PAGE_SIZE = 50;
const DELIVERY_PAGE_SIZE = 25;

const ListQuery = z.object({ saved: Flag, deleted: Flag, cursor: Cursor });

webhookPages.get('/webhooks', async (c) => {
  if (!may(c, [])) return forbidden(c);
  const q = pageQuery(c, ListQuery);
  const ctx = ctxOf(c);
  const [list, total] = await Promise.all([
    withQuery(() => listWebhooks(ctx, { limit: PAGE_SIZE, cursor: q.cursor })),
    webhookCount(ctx),
  ]);
  const page = pageOf(c);
  const notice = q.saved ? page.i18n.t('adm.wh.saved') : q.deleted ? page.i18n.t('adm.wh.deleted') : null;
  const state = pagerState(c.req.url);
  for (const p of ['saved', 'deleted']) state.params.delete(p);
  return c.html(
    <WebhookListPage page={page} notice={notice} {...list} total={total} pageSize={PAGE_SIZE} state={state} />,
  );
});

const form = (c: WebContext, values: FormValues, problem: FormProblem) =>
  c.html(
    <WebhookFormPage page={pageOf(c)} values={values} errors={problem.fields} summary={problem.summary} />,
    formStatus(problem),
  );

webhookPages.get('/webhooks/new', (c) => (may(c, []) ? form(c, {}, noProblem()) : forbidden(c)));

/** Errors about single alert kinds (`events.2`) belong to the group of checkboxes. */
function byField(problem: FormProblem): FormProblem {
  const fields: Record<string, string> = {};
  for (const [path, message] of Object.entries(problem.fields)) {
    const field = path.startsWith('events.') ? 'events' : path;
    fields[field] ??= message;
  }
  return { ...problem, fields };
}

webhookPages.post('/webhooks', async (c) => {
  const values = await guardedForm(c, []);
  if (values instanceof Response) return values;
  try {
    const input = CreateWebhookSchema.parse({
      url: one(values, 'url'),
      secret: one(values, 'secret'),
      events: many(values, 'events'),
      description: optional(values, 'description'),
    });
    const hook = await createWebhook(ctxOf(c), input);
    return c.redirect(`/webhooks/${hook.id}?saved=1`, 303);
  } catch (err) {
    return form(c, values, byField(formProblem(err, pickLang(c))));
  }
});

/** The webhook and who registered it, by name; an unknown or deleted one is a 404 page. */
async function webhookWithAuthor(c: WebContext) {
  const ctx = ctxOf(c);
  const webhook = await getWebhook(ctx, c.req.param('id') ?? '');
  const names = await userNames(ctx.db, [webhook.createdBy]);
  const createdBy = personName(pageOf(c).i18n, { users: names, contractors: new Map() }, webhook.createdBy);
  return { webhook, createdBy };
}

webhookPages.get('/webhooks/:id', async (c) => {
  if (!may(c, [])) return forbidden(c);
  const q = pageQuery(c, ListQuery);
  const { webhook, createdBy } = await webhookWithAuthor(c);
  const ctx = ctxOf(c);
  const [deliveries, total] = await Promise.all([
    withQuery(() => listWebhookMessages(ctx, webhook.id, { limit: DELIVERY_PAGE_SIZE, cursor: q.cursor })),
    webhookMessageCount(ctx, webhook.id),
  ]);
  const page = pageOf(c);
  const state = pagerState(c.req.url);
  state.params.delete('saved');
  return c.html(
    <WebhookDetailPage
      page={page}
      webhook={webhook}
      createdBy={createdBy}
      deliveries={{ ...deliveries, total, pageSize: DELIVERY_PAGE_SIZE }}
      state={state}
      notice={q.saved ? page.i18n.t('adm.wh.saved') : null}
    />,
  );
});

webhookPages.get('/webhooks/:id/delete', async (c) => {
  if (!may(c, [])) return forbidden(c);
  const { webhook, createdBy } = await webhookWithAuthor(c);
  return c.html(<WebhookDeletePage page={pageOf(c)} webhook={webhook} createdBy={createdBy} />);
});

webhookPages.post('/webhooks/:id/delete', async (c) => {
  const values = await guardedForm(c, []);
  if (values instanceof Response) return values;
  // Unknown, or deleted by someone else first: the 404 page.
  await deleteWebhook(ctxOf(c), c.req.param('id'));
  return c.redirect('/webhooks?deleted=1', 303);
});
