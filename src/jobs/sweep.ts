import { and, eq, lt, sql } from 'drizzle-orm';
import { agreements } from '../../db/schema';
import { currentEndDate, noticeDeadline } from '../domain/agreement-terms';
import { createCheckpoint } from '../modules/audit/audit.checkpoints';
import { finishJobRun, startJobRun } from '../modules/job-runs/job-runs.repo';
import { type AppDeps, SYSTEM_ACTOR } from '../platform/app-env';
import { writeAudited } from '../platform/audit/writer';
import { affectedRows, type Statement } from '../platform/db';
import { newId } from '../platform/ids';
import { acquireLease, releaseLease } from './lease';
import { rulesFingerprint, sweptThrough } from './sweep.state';
import { type SweepScope, sweepStatements } from './sweep.statements';

export { ESCALATE_AFTER_DAYS, type SweepScope, sweepStatements } from './sweep.statements';

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
  /** `full`, or the day of the last run this one continued from. */
  scope: 'full' | string;
  error?: string;
}

/**
 * What this run checks: everything when no earlier run under the same rules is recorded
 * or the clock went back; else what changed and what the calendar crossed since that day.
 * Read before the unit; a stale read only makes the run check more.
 */
export async function sweepScope(deps: Pick<SweepDeps, 'db'>, today: string, rules: string): Promise<SweepScope> {
  const last = await sweptThrough(deps.db);
  if (!last || last.fingerprint !== rules || last.day > today) return { full: true };
  return { full: false, since: last.day };
}

/** Auto-renewing agreements whose end passed roll forward; their stored dates follow. */
export async function rollForwardStatements(deps: SweepDeps): Promise<Statement[]> {
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
    scope: 'full',
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
    const rules = await rulesFingerprint();
    const scope = await sweepScope(deps, deps.clock.today(), rules);
    // Keep the planner's statistics current, once a day (ANALYZE only where tables changed,
    // on a sample). New statistics make SQLite prepare every statement again, so it comes
    // first: the statements of this run and of later runs that day are prepared once.
    if (scope.full || scope.since < deps.clock.today()) {
      try {
        await deps.db.run(sql`PRAGMA analysis_limit = 1000`);
        await deps.db.run(sql`PRAGMA optimize`);
      } catch (err) {
        deps.logger.warn('PRAGMA optimize failed', { error: String(err) });
      }
    }
    // The chain as it stands before this sweep, published with it (webhooks, digests).
    const checkpoint = await createCheckpoint(system, 'sweep');
    const rolled = await rollForwardStatements(deps);
    const labelled = sweepStatements(deps, {
      runId,
      now: started,
      emailEnabled: options.emailEnabled,
      checkpoint,
      scope,
      rules,
    });
    const results = await writeAudited(
      system,
      [...rolled, ...labelled.map((l) => l.statement)],
      [{ action: 'sweep.run', entityType: 'job_run', entityId: runId, after: { today: deps.clock.today() } }],
    );
    const result: SweepResult = {
      ...empty,
      agreementsRolledForward: rolled.length,
      scope: scope.full ? 'full' : scope.since,
    };
    labelled.forEach((l, i) => {
      const n = affectedRows(results[rolled.length + i]);
      const [verb, kind = ''] = l.label.split(':');
      if (verb === 'raise') {
        result.raised += n;
        if (n) result.raisedByKind[kind] = (result.raisedByKind[kind] ?? 0) + n;
      } else if (verb === 'resolve') {
        result.resolved += n;
        if (n) result.resolvedByKind[kind] = (result.resolvedByKind[kind] ?? 0) + n;
      } else if (verb === 'escalate') result.escalated = n;
      else if (l.label === 'queue:webhook') result.queued.webhook = n;
      else if (l.label === 'queue:checkpoint') result.queued.checkpoint = n;
      else if (l.label === 'queue:email') result.queued.email += n;
    });
    await record(result);
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
