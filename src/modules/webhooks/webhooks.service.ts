import type { alertKinds, WebhookRow } from '../../../db/schema';
import type { RequestContext, ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { decodeCursor } from '../../platform/cursor';
import { isStaleWrite } from '../../platform/db';
import { newId } from '../../platform/ids';
import { keysetPage } from '../../platform/keyset';
import { invalidFields, notFound } from '../../platform/problem';
import { sealWebhookSecret } from './webhook-secrets';
import { hostProblem } from './webhook-target';
import {
  countWebhookMessages,
  countWebhooks,
  deactivateWebhook,
  deliveriesPage,
  findWebhook,
  insertWebhook,
  webhookMessagesPage,
  webhooksPage,
} from './webhooks.repo';

/** Never includes the secret. */
export const presentWebhook = (w: WebhookRow) => ({
  id: w.id,
  url: w.url,
  events: w.events as (typeof alertKinds)[number][],
  description: w.description,
  active: w.active,
  createdAt: w.createdAt,
  createdBy: w.createdBy,
});

async function getWebhookRow(ctx: ServiceContext, id: string): Promise<WebhookRow> {
  const row = await findWebhook(ctx.db, id);
  if (!row) throw notFound('Webhook', id);
  return row;
}

export async function createWebhook(
  ctx: RequestContext,
  input: { url: string; secret: string; events: string[]; description?: string | null },
) {
  // The literal host is refused here; what a host name resolves to is checked before
  // each delivery, since DNS can change after registration.
  const refused = ctx.config.webhookAllowPrivate ? null : hostProblem(input.url);
  if (refused) {
    const params = { what: new URL(input.url).hostname };
    throw invalidFields([{ path: 'url', message: refused, code: 'webhookHost', params }]);
  }
  const id = newId();
  const row: WebhookRow = {
    id,
    url: input.url,
    secret: await sealWebhookSecret(ctx, id, input.secret),
    events: [...new Set(input.events)],
    description: input.description ?? null,
    active: true,
    createdAt: ctx.clock.now().toISOString(),
    createdBy: ctx.actor.id,
    deletedAt: null,
  };
  const view = presentWebhook(row);
  await writeAudited(
    ctx,
    [insertWebhook(ctx.db, row)],
    [{ action: 'webhook.create', entityType: 'webhook', entityId: row.id, after: view }],
  );
  return view;
}

export async function listWebhooks(ctx: ServiceContext, q: { limit: number; cursor?: string }) {
  const [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const rows = await webhooksPage(ctx.db, { afterId, limit: q.limit + 1 });
  return keysetPage(rows, q.limit, (w) => [w.id], presentWebhook);
}

export async function getWebhook(ctx: ServiceContext, id: string) {
  return presentWebhook(await getWebhookRow(ctx, id));
}

/**
 * Deactivates it; its delivery history stays readable in the audit trail and database.
 * Of two deletions racing each other, the second finds it gone (404), as if it came later.
 */
export async function deleteWebhook(ctx: RequestContext, id: string): Promise<void> {
  const current = await getWebhookRow(ctx, id);
  try {
    await writeAudited(ctx, deactivateWebhook(ctx.db, id, ctx.clock.now().toISOString()), [
      { action: 'webhook.delete', entityType: 'webhook', entityId: id, before: presentWebhook(current) },
    ]);
  } catch (err) {
    if (isStaleWrite(err)) throw notFound('Webhook', id);
    throw err;
  }
}

/** How many webhooks are registered (deleted ones not counted). */
export const webhookCount = (ctx: Pick<ServiceContext, 'db'>): Promise<number> => countWebhooks(ctx.db);

/**
 * The deliveries to one webhook, newest first: one per event however often it was tried,
 * with its status, attempts and last error. Every single attempt is in `listDeliveries`.
 */
export async function listWebhookMessages(ctx: ServiceContext, id: string, q: { limit: number; cursor?: string }) {
  await getWebhookRow(ctx, id);
  const before = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const rows = await webhookMessagesPage(ctx.db, id, { before, limit: q.limit + 1 });
  return keysetPage(
    rows,
    q.limit,
    (r) => [r.createdAt, r.id],
    (r) => ({
      id: r.id,
      eventId: r.eventId,
      eventType: r.eventType,
      status: r.status,
      attempts: r.attempts,
      lastError: r.lastError,
      createdAt: r.createdAt,
      deliveredAt: r.deliveredAt,
      // A pending message's next try; a finished one has none.
      nextAttemptAt: r.status === 'pending' ? r.nextAttemptAt : null,
    }),
  );
}
export type WebhookMessageView = Awaited<ReturnType<typeof listWebhookMessages>>['items'][number];

export const webhookMessageCount = (ctx: Pick<ServiceContext, 'db'>, id: string): Promise<number> =>
  countWebhookMessages(ctx.db, id);

/** Every attempt, newest first. */
export async function listDeliveries(ctx: ServiceContext, id: string, q: { limit: number; cursor?: string }) {
  await getWebhookRow(ctx, id);
  const before = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const rows = await deliveriesPage(ctx.db, id, { before, limit: q.limit + 1 });
  return keysetPage(
    rows,
    q.limit,
    (r) => [r.attemptedAt, r.id],
    (r) => ({
      id: r.id,
      eventId: r.eventId,
      attempt: r.attempt,
      attemptedAt: r.attemptedAt,
      ok: r.ok,
      statusCode: r.statusCode,
      error: r.error,
      durationMs: r.durationMs,
      nextAttemptAt: r.nextAttemptAt,
    }),
  );
}
