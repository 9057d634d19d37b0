import { and, eq, lt, sql } from 'drizzle-orm';
import { agreements } from '../../db/schema';
import { currentEndDate, noticeDeadline } from '../domain/agreement-terms';
import { createCheckpoint } from '../modules/audit/audit.checkpoints';
import { finishJobRun, startJobRun } from '../modules/job-runs/job-runs.repo';
import { reminderOutbox } from '../notify/questionnaire-outbox';
import { type AppDeps, SYSTEM_ACTOR } from '../platform/app-env';
import { writeAudited } from '../platform/audit/writer';
import { affectedRows, rawStatement, type Statement } from '../platform/db';
import { newId } from '../platform/ids';
import { acquireLease, releaseLease } from './lease';
import { alertConditions, reportOverdue, sweepParams } from './sweep.conditions';

/** Alerts open this long without being acknowledged escalate to managers. */
export const ESCALATE_AFTER_DAYS = 14;
const LEASE_MS = 15 * 60_000;

export type SweepDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'logger' | 'audit'>;

export interface SweepResult {
  runId: string;
  status: 'succeeded' | 'skipped' | 'failed';
  raised: number;
  resolved: number;
  escalated: number;
  raisedByKind: Record<string, number>;
  resolvedByKind: Record<string, number>;
  agreementsRolledForward: number;
  queued: { webhook: number; email: number; checkpoint: number };
  error?: string;
}

/** The statements of one sweep, in order, with a label for each result. */
export function sweepStatements(
  deps: SweepDeps,
  runId: string,
  now: Date,
  emailEnabled: boolean,
  checkpoint: PublishedCheckpoint | null = null,
) {
  const today = deps.clock.today();
  const p = sweepParams(today);
  const at = now.toISOString();
  const escalateBefore = new Date(now.getTime() - ESCALATE_AFTER_DAYS * 86_400_000).toISOString();
  const labelled: { label: string; statement: Statement }[] = [];
  for (const c of alertConditions) {
    labelled.push({
      label: `resolve:${c.kind}`,
      statement: rawStatement(
        deps.db,
        sql`UPDATE alerts SET status = 'resolved', resolved_at = ${at}, resolved_by = 'system',
              resolution_note = 'condition cleared', version = version + 1
            WHERE kind = ${c.kind} AND status <> 'resolved'
              AND NOT EXISTS (SELECT 1 FROM ${c.source(p)} AND ${c.subject} = alerts.subject_id)
            RETURNING id`,
      ),
    });
    labelled.push({
      label: `raise:${c.kind}`,
      statement: rawStatement(
        deps.db,
        sql`INSERT INTO alerts (id, kind, severity, contractor_id, subject_type, subject_id, due_date, message,
              status, raised_at, raised_run, version)
            SELECT lower(hex(randomblob(16))), ${c.kind}, ${c.severity(p)}, ${c.contractor}, ${c.subjectType},
              ${c.subject}, ${c.due}, ${c.message}, 'open', ${at}, ${runId}, 1
            FROM ${c.source(p)}
              AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.kind = ${c.kind} AND a.subject_id = ${c.subject}
                AND a.status <> 'resolved')
            RETURNING id`,
      ),
    });
  }
  // A missed PPC report deadline is critical at once, not after 14 days.
  labelled.push({
    label: 'upgrade:incident_report_due',
    statement: rawStatement(
      deps.db,
      sql`UPDATE alerts SET severity = 'critical', version = version + 1
          WHERE kind = 'incident_report_due' AND status <> 'resolved' AND severity <> 'critical'
            AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = alerts.subject_id AND ${reportOverdue(p)})
          RETURNING id`,
    ),
  });
  // A request from a person left past the organisation's own target is critical at once.
  labelled.push({
    label: 'upgrade:subject_request_due',
    statement: rawStatement(
      deps.db,
      sql`UPDATE alerts SET severity = 'critical', version = version + 1
          WHERE kind = 'subject_request_due' AND status <> 'resolved' AND severity <> 'critical'
            AND EXISTS (SELECT 1 FROM subject_requests s WHERE s.id = alerts.subject_id
              AND s.status = 'open' AND s.due_on < ${p.today})
          RETURNING id`,
    ),
  });
  labelled.push({
    label: 'escalate',
    statement: rawStatement(
      deps.db,
      sql`UPDATE alerts SET escalated_at = ${at}, escalated_run = ${runId}, version = version + 1,
            severity = CASE severity WHEN 'info' THEN 'warning' ELSE 'critical' END
          WHERE status = 'open' AND escalated_at IS NULL AND raised_at <= ${escalateBefore}
          RETURNING id`,
    ),
  });
  labelled.push({ label: 'queue:webhook', statement: rawStatement(deps.db, webhookOutbox(runId, at)) });
  if (checkpoint) {
    labelled.push({ label: 'queue:checkpoint', statement: rawStatement(deps.db, checkpointOutbox(checkpoint, at)) });
  }
  if (emailEnabled) {
    labelled.push({ label: 'queue:email', statement: rawStatement(deps.db, emailOutbox(runId, at, checkpoint)) });
    // Contractors' questionnaire reminders, in the same unit: none lost, none sent twice.
    labelled.push({ label: 'queue:email', statement: rawStatement(deps.db, reminderOutbox(today, at)) });
  }
  return labelled;
}

/** One webhook message per new or escalated alert and subscribed receiver. */
function webhookOutbox(runId: string, at: string) {
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

/**
 * Every active receiver gets the sweep's audit checkpoint (`audit.checkpoint`), whatever
 * alert kinds it subscribed to: kept outside itaku, it later proves that nothing up to
 * it was removed or rewritten (`verify?checkpoint=seq:hash`).
 */
function checkpointOutbox(cp: PublishedCheckpoint, at: string) {
  const eventId = `audit.checkpoint:${cp.seq}`;
  return sql`INSERT INTO outbox (id, channel, target, event_id, event_type, payload, status, attempts,
      next_attempt_at, created_at)
    SELECT lower(hex(randomblob(16))), 'webhook', w.id, ${eventId}, 'audit.checkpoint',
      json_object('id', ${eventId}, 'type', 'audit.checkpoint', 'occurredAt', ${at},
        'checkpoint', json_object('seq', ${cp.seq}, 'hash', ${cp.hash}, 'at', ${cp.at},
          'checkpoint', ${`${cp.seq}:${cp.hash}`})),
      'pending', 0, ${at}, ${at}
    FROM webhooks w WHERE w.active = 1
    ON CONFLICT DO NOTHING RETURNING id`;
}

/**
 * One digest per recipient and sweep: compliance users hear of every new or escalated
 * alert, managers of escalations. The digest is composed at delivery from the run's
 * alerts; the audit checkpoint it ends with is the one taken at sweep time.
 */
function emailOutbox(runId: string, at: string, cp: PublishedCheckpoint | null) {
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

/** Auto-renewing agreements whose end passed roll forward; their stored dates follow. */
async function rollForwardStatements(deps: SweepDeps): Promise<Statement[]> {
  const today = deps.clock.today();
  const due = await deps.db
    .select()
    .from(agreements)
    .where(and(eq(agreements.autoRenew, true), lt(agreements.currentEndDate, today)))
    .all();
  return due.map((a) =>
    deps.db
      .update(agreements)
      .set({ currentEndDate: currentEndDate(a, today), noticeDeadline: noticeDeadline(a, today) })
      .where(eq(agreements.id, a.id)),
  );
}

/**
 * The daily sweep: one atomic unit of set-based statements (raise, resolve, escalate,
 * queue deliveries) under a lease, recorded in job_runs. Safe to run again at any time.
 */
export async function runSweep(
  deps: SweepDeps,
  options: { trigger: string; emailEnabled: boolean; holder?: string },
): Promise<SweepResult> {
  const runId = newId();
  const holder = options.holder ?? runId;
  const started = deps.clock.now();
  const empty: SweepResult = {
    runId,
    status: 'succeeded',
    raised: 0,
    resolved: 0,
    escalated: 0,
    raisedByKind: {},
    resolvedByKind: {},
    agreementsRolledForward: 0,
    queued: { webhook: 0, email: 0, checkpoint: 0 },
  };
  const record = (r: SweepResult) =>
    finishJobRun(deps.db, runId, {
      status: r.status,
      finishedAt: deps.clock.now().toISOString(),
      counts: {
        raised: r.raised,
        resolved: r.resolved,
        escalated: r.escalated,
        agreementsRolledForward: r.agreementsRolledForward,
        queuedWebhooks: r.queued.webhook,
        queuedEmails: r.queued.email,
      },
      error: r.error ?? null,
    });
  const system = { ...deps, actor: SYSTEM_ACTOR };

  await startJobRun(deps.db, { id: runId, job: 'sweep', trigger: options.trigger, startedAt: started.toISOString() });
  if (!(await acquireLease(deps.db, 'sweep', holder, started, LEASE_MS))) {
    const skipped: SweepResult = { ...empty, status: 'skipped', error: 'another sweep holds the lease' };
    await record(skipped);
    return skipped;
  }
  try {
    // The chain as it stands before this sweep, published with it (webhooks, digests).
    const checkpoint = await createCheckpoint(system, 'sweep');
    const rolled = await rollForwardStatements(deps);
    const labelled = sweepStatements(deps, runId, started, options.emailEnabled, checkpoint);
    const results = await writeAudited(
      system,
      [...rolled, ...labelled.map((l) => l.statement)],
      [{ action: 'sweep.run', entityType: 'job_run', entityId: runId, after: { today: deps.clock.today() } }],
    );
    const result: SweepResult = { ...empty, agreementsRolledForward: rolled.length };
    labelled.forEach((l, i) => {
      const n = affectedRows(results[rolled.length + i]);
      const [verb, kind = ''] = l.label.split(':');
      if (verb === 'raise') {
        result.raised += n;
        if (n) result.raisedByKind[kind] = n;
      } else if (verb === 'resolve') {
        result.resolved += n;
        if (n) result.resolvedByKind[kind] = n;
      } else if (verb === 'escalate') result.escalated = n;
      else if (l.label === 'queue:webhook') result.queued.webhook = n;
      else if (l.label === 'queue:checkpoint') result.queued.checkpoint = n;
      else if (l.label === 'queue:email') result.queued.email += n;
    });
    await record(result);
    // Keep the planner's statistics current once a day (ANALYZE only where tables changed).
    try {
      await deps.db.run(sql`PRAGMA optimize`);
    } catch (err) {
      deps.logger.warn('PRAGMA optimize failed', { error: String(err) });
    }
    deps.logger.info('sweep finished', { ...result });
    return result;
  } catch (err) {
    const failed: SweepResult = { ...empty, status: 'failed', error: err instanceof Error ? err.message : String(err) };
    await record(failed);
    deps.logger.error('sweep failed', { runId, error: failed.error });
    return failed;
  } finally {
    await releaseLease(deps.db, 'sweep', holder);
  }
}
