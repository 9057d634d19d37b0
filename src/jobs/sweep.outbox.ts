import { sql } from 'drizzle-orm';

/** The deliveries a sweep queues in its own unit: none lost, none sent twice (outbox_event_uq). */

/** One webhook message per new or escalated alert and subscribed receiver. */
export function webhookOutbox(runId: string, at: string) {
  const event = (type: 'alert.raised' | 'alert.escalated', runColumn: 'raised_run' | 'escalated_run') => sql`
    SELECT lower(hex(randomblob(16))), 'webhook', w.id, ${type} || ':' || a.id, ${type},
      json_object('id', ${type} || ':' || a.id, 'type', ${type}, 'occurredAt', ${at},
        'alert', json_object('id', a.id, 'kind', a.kind, 'severity', a.severity, 'contractorId', a.contractor_id,
          'contractorName', c.name, 'subjectType', a.subject_type, 'subjectId', a.subject_id, 'dueDate', a.due_date,
          'message', a.message, 'status', a.status, 'raisedAt', a.raised_at, 'escalatedAt', a.escalated_at)),
      'pending', 0, ${at}, ${at}
    FROM alerts a JOIN contractors c ON c.id = a.contractor_id
      JOIN webhooks w ON w.active = 1 AND EXISTS (SELECT 1 FROM json_each(w.events) e WHERE e.value = a.kind)
    WHERE a.${sql.raw(runColumn)} = ${runId}`;
  return sql`INSERT INTO outbox (id, channel, target, event_id, event_type, payload, status, attempts,
      next_attempt_at, created_at)
    ${event('alert.raised', 'raised_run')} UNION ALL ${event('alert.escalated', 'escalated_run')}
    ON CONFLICT DO NOTHING RETURNING id`;
}

/** The audit checkpoint a sweep publishes (taken just before its own unit). */
export interface PublishedCheckpoint {
  seq: number;
  hash: string;
  at: string;
}

/** A checkpoint as the statements use it: its values and the two names made of them. */
export interface CheckpointArgs {
  seq: number;
  hash: string;
  at: string;
  /** `audit.checkpoint:<seq>`: one message per checkpoint and receiver. */
  eventId: string;
  /** `<seq>:<hash>`, as `verify?checkpoint=` takes it. */
  ref: string;
}

export const checkpointArgs = (cp: PublishedCheckpoint): CheckpointArgs => ({
  ...cp,
  eventId: `audit.checkpoint:${cp.seq}`,
  ref: `${cp.seq}:${cp.hash}`,
});

/**
 * Every active receiver gets the sweep's audit checkpoint (`audit.checkpoint`), whatever
 * alert kinds it subscribed to: kept outside itaku, it later proves that nothing up to
 * it was removed or rewritten (`verify?checkpoint=seq:hash`).
 */
export function checkpointOutbox(cp: CheckpointArgs, at: string) {
  const eventId = cp.eventId;
  return sql`INSERT INTO outbox (id, channel, target, event_id, event_type, payload, status, attempts,
      next_attempt_at, created_at)
    SELECT lower(hex(randomblob(16))), 'webhook', w.id, ${eventId}, 'audit.checkpoint',
      json_object('id', ${eventId}, 'type', 'audit.checkpoint', 'occurredAt', ${at},
        'checkpoint', json_object('seq', ${cp.seq}, 'hash', ${cp.hash}, 'at', ${cp.at},
          'checkpoint', ${cp.ref})),
      'pending', 0, ${at}, ${at}
    FROM webhooks w WHERE w.active = 1
    ON CONFLICT DO NOTHING RETURNING id`;
}

/**
 * One digest per recipient and sweep: compliance users hear of every new or escalated
 * alert, managers of escalations. The digest is composed at delivery from the run's
 * alerts; the audit checkpoint it ends with is the one taken at sweep time.
 */
export function emailOutbox(runId: string, at: string, cp: CheckpointArgs | null) {
  const head = cp ? sql`json_object('seq', ${cp.seq}, 'hash', ${cp.hash})` : sql`NULL`;
  return sql`INSERT INTO outbox (id, channel, target, event_id, event_type, payload, status, attempts,
      next_attempt_at, created_at)
    SELECT lower(hex(randomblob(16))), 'email', u.email, 'digest:' || ${runId}, 'digest',
      json_object('runId', ${runId}, 'audience', u.role, 'locale', 'ja', 'chainHead', json(${head})),
      'pending', 0, ${at}, ${at}
    FROM users u
    WHERE u.email IS NOT NULL AND (
      (u.role = 'compliance' AND EXISTS (SELECT 1 FROM alerts WHERE raised_run = ${runId} OR escalated_run = ${runId}))
      OR (u.role = 'manager' AND EXISTS (SELECT 1 FROM alerts WHERE escalated_run = ${runId})))
    ON CONFLICT DO NOTHING RETURNING id`;
}
