import { and, asc, eq, lte, sql } from 'drizzle-orm';
import { deliveryAttempts, type OutboxRow, outbox } from '../../db/schema';
import { webhookSigningSecret } from '../modules/webhooks/webhook-secrets';
import { deliveryTargetProblem, UnresolvableHostError } from '../modules/webhooks/webhook-target';
import { findWebhookEverRegistered } from '../modules/webhooks/webhooks.repo';
import type { AppDeps } from '../platform/app-env';
import { hmacSha256Hex } from '../platform/crypto';
import { atomic, changesOf } from '../platform/db';
import { newId } from '../platform/ids';
import type { Mailer, MailMessage } from '../platform/mailer';
import { MAX_ATTEMPTS, nextAttemptAfter } from './backoff';
import { composeDigest, type DigestPayload } from './digest';
import { composeQuestionnaireMail } from './questionnaire-mail';

/** A claimed message is invisible to other deliverers for this long (well above a run's length). */
const CLAIM_MS = 5 * 60_000;
/** How long one receiver may take to answer before the attempt counts as failed. */
export const WEBHOOK_TIMEOUT_MS = 10_000;
/** Messages sent at once per run, so that one slow receiver cannot hold up the others. */
export const DELIVERY_CONCURRENCY = 8;

export type DeliveryDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'logger' | 'audit' | 'resolveHost'> & {
  mailer?: Mailer;
  fetch?: typeof fetch;
};

export interface DeliveryResult {
  attempted: number;
  delivered: number;
  failed: number;
}

type Outcome =
  /** `note`: why nothing was sent on purpose (kept with the attempt; never retried). */
  | { ok: true; statusCode?: number; note?: string }
  | { ok: false; statusCode?: number; error: string /** No point retrying. */; final?: boolean };

/** The signature receivers verify: hex HMAC-SHA256 of the exact body bytes. */
export async function signatureHeader(secret: string, body: string): Promise<string> {
  return `sha256=${await hmacSha256Hex(secret, body)}`;
}

async function sendWebhook(deps: DeliveryDeps, row: OutboxRow): Promise<Outcome> {
  const hook = await findWebhookEverRegistered(deps.db, row.target);
  if (!hook?.active) return { ok: false, error: 'webhook was deleted', final: true };
  if (!deps.config.webhookAllowPrivate) {
    // Checked at every attempt, not only at registration: the name may resolve elsewhere now.
    let refused: string | null;
    try {
      refused = await deliveryTargetProblem(hook.url, deps.resolveHost);
    } catch (err) {
      if (err instanceof UnresolvableHostError) return { ok: false, error: err.message };
      throw err;
    }
    if (refused) return { ok: false, error: `refused, nothing sent: the URL ${refused}`, final: true };
  }
  let secret: string;
  try {
    secret = await webhookSigningSecret(deps, hook);
  } catch {
    // Retried: the operator may restore the audit key the secret was encrypted under.
    return { ok: false, error: 'cannot decrypt the signing secret (was ITAKU_AUDIT_KEY changed?)' };
  }
  const doFetch = deps.fetch ?? fetch;
  try {
    const res = await doFetch(hook.url, {
      method: 'POST',
      body: row.payload,
      headers: {
        'Content-Type': 'application/json; charset=utf-8',
        'User-Agent': 'itaku-webhooks',
        'X-Itaku-Event-Id': row.eventId,
        'X-Itaku-Event-Type': row.eventType,
        'X-Itaku-Signature': await signatureHeader(secret, row.payload),
      },
      signal: AbortSignal.timeout(WEBHOOK_TIMEOUT_MS),
      redirect: 'manual',
    });
    await res.body?.cancel();
    return res.ok
      ? { ok: true, statusCode: res.status }
      : { ok: false, statusCode: res.status, error: `HTTP ${res.status}` };
  } catch (err) {
    if ((err as { name?: string }).name === 'TimeoutError') {
      return { ok: false, error: `timed out: no response within ${WEBHOOK_TIMEOUT_MS / 1000} s` };
    }
    const cause = (err as { cause?: { code?: string; message?: string } }).cause;
    return { ok: false, error: cause?.code ?? cause?.message ?? (err instanceof Error ? err.message : String(err)) };
  }
}

async function sendEmail(deps: DeliveryDeps, row: OutboxRow): Promise<Outcome> {
  if (!deps.mailer) return { ok: false, error: 'no SMTP transport configured (ITAKU_SMTP_URL)', final: true };
  const baseUrl = deps.config.publicUrl ?? `http://127.0.0.1:${deps.config.port}`;
  let message: MailMessage | null;
  if (row.eventType === 'questionnaire.invitation' || row.eventType === 'questionnaire.reminder') {
    const composed = await composeQuestionnaireMail(deps, row, baseUrl);
    if ('skip' in composed) return { ok: true, note: composed.skip };
    if ('retry' in composed) return { ok: false, error: composed.retry };
    message = composed.send;
  } else {
    message = await composeDigest(deps, row.target, JSON.parse(row.payload) as DigestPayload, baseUrl);
  }
  if (!message) return { ok: true };
  try {
    await deps.mailer.send(message);
    return { ok: true };
  } catch (err) {
    return { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
}

/** Claims one message, sends it and records the attempt; skips it when another deliverer claimed it first. */
async function deliverOne(deps: DeliveryDeps, row: OutboxRow, now: Date, result: DeliveryResult): Promise<void> {
  const claimed = await deps.db
    .update(outbox)
    .set({ nextAttemptAt: new Date(now.getTime() + CLAIM_MS).toISOString() })
    .where(and(eq(outbox.id, row.id), eq(outbox.status, 'pending'), eq(outbox.nextAttemptAt, row.nextAttemptAt)))
    .run();
  if (changesOf(claimed) !== 1) return;
  result.attempted++;
  const started = Date.now();
  const outcome = row.channel === 'webhook' ? await sendWebhook(deps, row) : await sendEmail(deps, row);
  const attempt = row.attempts + 1;
  const attemptedAt = deps.clock.now();
  const retryAt =
    outcome.ok || outcome.final || attempt >= MAX_ATTEMPTS ? null : nextAttemptAfter(attempt, attemptedAt);
  if (outcome.ok) result.delivered++;
  else if (!retryAt) result.failed++;
  await atomic(deps.db, [
    deps.db.insert(deliveryAttempts).values({
      id: newId(),
      outboxId: row.id,
      channel: row.channel,
      target: row.target,
      eventId: row.eventId,
      attempt,
      attemptedAt: attemptedAt.toISOString(),
      ok: outcome.ok,
      statusCode: outcome.statusCode ?? null,
      error: outcome.ok ? (outcome.note ?? null) : outcome.error,
      durationMs: Date.now() - started,
      nextAttemptAt: retryAt?.toISOString() ?? null,
    }),
    deps.db
      .update(outbox)
      .set({
        attempts: attempt,
        status: outcome.ok ? 'delivered' : retryAt ? 'pending' : 'failed',
        nextAttemptAt: retryAt?.toISOString() ?? sql`${outbox.nextAttemptAt}`,
        lastError: outcome.ok ? (outcome.note ?? null) : outcome.error,
        deliveredAt: outcome.ok ? attemptedAt.toISOString() : null,
      })
      .where(eq(outbox.id, row.id)),
  ]);
  if (!outcome.ok) {
    deps.logger.warn('delivery failed', {
      channel: row.channel,
      eventId: row.eventId,
      attempt,
      error: outcome.error,
    });
  }
}

/**
 * Sends what is due in the outbox, `DELIVERY_CONCURRENCY` messages at a time, each
 * webhook bounded by `WEBHOOK_TIMEOUT_MS`: a receiver that never answers costs one slot
 * for that long, not the whole run. Each message is first claimed with a conditional
 * UPDATE, so two deliverers (processes, isolates) never send it twice at once; each
 * attempt is recorded with its status code or error and the next attempt time, in one
 * unit with the outbox row.
 */
export async function deliverDue(deps: DeliveryDeps, limit = 50): Promise<DeliveryResult> {
  const now = deps.clock.now();
  const due = await deps.db
    .select()
    .from(outbox)
    .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now.toISOString())))
    .orderBy(asc(outbox.nextAttemptAt))
    .limit(limit)
    .all();
  const result: DeliveryResult = { attempted: 0, delivered: 0, failed: 0 };
  const queue = due.values();
  const lane = async () => {
    for (const row of queue) await deliverOne(deps, row, now, result);
  };
  const lanes = await Promise.allSettled(Array.from({ length: Math.min(DELIVERY_CONCURRENCY, due.length) }, lane));
  // A database failure in one lane lets the others finish their messages before it surfaces.
  const failure = lanes.find((l): l is PromiseRejectedResult => l.status === 'rejected');
  if (failure) throw failure.reason;
  return result;
}
