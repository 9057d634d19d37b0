import { and, asc, desc, eq, gt, isNull, like, not, sql } from 'drizzle-orm';
import { deliveryAttempts, type OutboxRow, outbox, type WebhookRow, webhooks } from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';

/** A registered webhook that was not deleted. */
export async function findWebhook(db: Db, id: string): Promise<WebhookRow | null> {
  return (
    (await db
      .select()
      .from(webhooks)
      .where(and(eq(webhooks.id, id), isNull(webhooks.deletedAt)))
      .get()) ?? null
  );
}

/** The webhook with this id, deleted ones included (a delivery queued before the deletion asks). */
export async function findWebhookEverRegistered(db: Db, id: string): Promise<WebhookRow | null> {
  return (await db.select().from(webhooks).where(eq(webhooks.id, id)).get()) ?? null;
}

/** Live webhooks in id order, `limit` rows after `afterId`. */
export async function webhooksPage(db: Db, q: { afterId?: string; limit: number }): Promise<WebhookRow[]> {
  return db
    .select()
    .from(webhooks)
    .where(and(isNull(webhooks.deletedAt), q.afterId ? gt(webhooks.id, q.afterId) : undefined))
    .orderBy(asc(webhooks.id))
    .limit(q.limit)
    .all();
}

/** Attempts to deliver to the webhook, newest first, `limit` rows before `before`. */
export async function deliveriesPage(
  db: Db,
  webhookId: string,
  q: { before?: [attemptedAt: string, id: string]; limit: number },
): Promise<(typeof deliveryAttempts.$inferSelect)[]> {
  return db
    .select()
    .from(deliveryAttempts)
    .where(
      and(
        eq(deliveryAttempts.channel, 'webhook'),
        eq(deliveryAttempts.target, webhookId),
        q.before
          ? sql`(${deliveryAttempts.attemptedAt}, ${deliveryAttempts.id}) < (${q.before[0]}, ${q.before[1]})`
          : undefined,
      ),
    )
    .orderBy(desc(deliveryAttempts.attemptedAt), desc(deliveryAttempts.id))
    .limit(q.limit)
    .all();
}

export const insertWebhook = (db: Db, row: WebhookRow): Statement => db.insert(webhooks).values(row);

/**
 * Deletes a live webhook; the unit aborts when it was deleted meanwhile, so two deletions
 * racing each other record one deletion, not two.
 */
export const deactivateWebhook = (db: Db, id: string, now: string): Statement[] => [
  db
    .update(webhooks)
    .set({ active: false, deletedAt: now })
    .where(and(eq(webhooks.id, id), isNull(webhooks.deletedAt))),
  expectOneChange(db),
];

export const countWebhooks = (db: Db): Promise<number> => db.$count(webhooks, isNull(webhooks.deletedAt));

const toWebhook = (webhookId: string) => and(eq(outbox.channel, 'webhook'), eq(outbox.target, webhookId));

/** The messages queued for the webhook (one per event, however many attempts), newest first. */
export async function webhookMessagesPage(
  db: Db,
  webhookId: string,
  q: { before?: [createdAt: string, id: string]; limit: number },
): Promise<OutboxRow[]> {
  return db
    .select()
    .from(outbox)
    .where(
      and(
        toWebhook(webhookId),
        q.before ? sql`(${outbox.createdAt}, ${outbox.id}) < (${q.before[0]}, ${q.before[1]})` : undefined,
      ),
    )
    .orderBy(desc(outbox.createdAt), desc(outbox.id))
    .limit(q.limit)
    .all();
}

export const countWebhookMessages = (db: Db, webhookId: string): Promise<number> =>
  db.$count(outbox, toWebhook(webhookId));

/** Webhooks whose secret may still be stored in clear (deleted ones included). */
export async function webhooksWithoutSealedSecret(db: Db): Promise<Pick<WebhookRow, 'id' | 'secret'>[]> {
  return db
    .select({ id: webhooks.id, secret: webhooks.secret })
    .from(webhooks)
    .where(not(like(webhooks.secret, 'enc1:%')))
    .all();
}

/** Replaces a plain secret by its sealed form, only while it is still that plain value. */
export const replacePlainSecret = (db: Db, id: string, plain: string, sealed: string): Statement =>
  db
    .update(webhooks)
    .set({ secret: sealed })
    .where(and(eq(webhooks.id, id), eq(webhooks.secret, plain)));
