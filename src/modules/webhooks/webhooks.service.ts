import { and, asc, desc, eq, gt, isNull, type SQL, sql } from 'drizzle-orm';
import { type alertKinds, deliveryAttempts, type WebhookRow, webhooks } from '../../../db/schema';
import type { AppDeps, RequestContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { newId } from '../../platform/ids';
import { invalidField, notFound } from '../../platform/problem';
import { sealWebhookSecret } from './webhook-secrets';
import { hostProblem } from './webhook-target';

type Deps = Pick<AppDeps, 'db'>;

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

async function findWebhook(deps: Deps, id: string): Promise<WebhookRow> {
  const row = await deps.db
    .select()
    .from(webhooks)
    .where(and(eq(webhooks.id, id), isNull(webhooks.deletedAt)))
    .get();
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
  if (refused) throw invalidField('url', refused);
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
    [ctx.db.insert(webhooks).values(row)],
    [{ action: 'webhook.create', entityType: 'webhook', entityId: row.id, after: view }],
  );
  return view;
}

export async function listWebhooks(deps: Deps, q: { limit: number; cursor?: string }) {
  const [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const where: SQL[] = [isNull(webhooks.deletedAt) as SQL];
  if (afterId) where.push(gt(webhooks.id, afterId));
  const rows = await deps.db
    .select()
    .from(webhooks)
    .where(and(...where))
    .orderBy(asc(webhooks.id))
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentWebhook),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.id]) : null,
  };
}

export async function getWebhook(deps: Deps, id: string) {
  return presentWebhook(await findWebhook(deps, id));
}

/** Deactivates it; its delivery history stays readable in the audit trail and database. */
export async function deleteWebhook(ctx: RequestContext, id: string): Promise<void> {
  const current = await findWebhook(ctx, id);
  const now = ctx.clock.now().toISOString();
  await writeAudited(
    ctx,
    [ctx.db.update(webhooks).set({ active: false, deletedAt: now }).where(eq(webhooks.id, id))],
    [{ action: 'webhook.delete', entityType: 'webhook', entityId: id, before: presentWebhook(current) }],
  );
}

/** Every attempt, newest first. */
export async function listDeliveries(deps: Deps, id: string, q: { limit: number; cursor?: string }) {
  await findWebhook(deps, id);
  const after = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const where: SQL[] = [eq(deliveryAttempts.channel, 'webhook'), eq(deliveryAttempts.target, id)];
  if (after) where.push(sql`(${deliveryAttempts.attemptedAt}, ${deliveryAttempts.id}) < (${after[0]}, ${after[1]})`);
  const rows = await deps.db
    .select()
    .from(deliveryAttempts)
    .where(and(...where))
    .orderBy(desc(deliveryAttempts.attemptedAt), desc(deliveryAttempts.id))
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => ({
      id: r.id,
      eventId: r.eventId,
      attempt: r.attempt,
      attemptedAt: r.attemptedAt,
      ok: r.ok,
      statusCode: r.statusCode,
      error: r.error,
      durationMs: r.durationMs,
      nextAttemptAt: r.nextAttemptAt,
    })),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.attemptedAt, last.id]) : null,
  };
}
