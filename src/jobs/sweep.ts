import { and, eq, lt, sql } from 'drizzle-orm';
import { agreements } from '../../db/schema';
import { currentEndDate, noticeDeadline } from '../domain/agreement-terms';
import { agreementDateColumns } from '../modules/agreements/agreements.repo';
import { createCheckpoint } from '../modules/audit/audit.checkpoints';
import { finishJobRun, startJobRun } from '../modules/job-runs/job-runs.repo';
import { type AppDeps, SYSTEM_ACTOR } from '../platform/app-env';
import { writeAudited } from '../platform/audit/writer';
import { affectedRows, atomic, rawStatement, refreshStatistics, type Statement } from '../platform/db';
import { newId } from '../platform/ids';
import { leaseTaken, releaseLease, takeLease } from './lease';
import { rulesFingerprint, sweptThrough } from './sweep.state';
import { prepareNextSweep, type SweepPlan, type SweepScope, sweepStatements } from './sweep.statements';

export { ESCALATE_AFTER_DAYS, type SweepScope, sweepStatements } from './sweep.statements';

const LEASE_MS = 15 * 60_000;

export type SweepDeps = Pick<AppDeps, 'db' | 'clock' | 'config' | 'logger' | 'audit' | 'background'>;

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

/** Rows per roll-forward statement: its JSON stays far below D1's 2 MB value limit. */
const ROLL_ROWS_PER_STATEMENT = 5_000;

/**
 * Auto-renewing agreements whose end passed roll forward; their stored dates follow. The
 * new dates are the domain's (currentEndDate, noticeDeadline), written by one set-based
 * statement per 5,000 agreements instead of one UPDATE each.
 */
export async function rollForward(
  deps: Pick<SweepDeps, 'db' | 'clock'>,
): Promise<{ count: number; statements: Statement[] }> {
  const today = deps.clock.today();
  const due = await deps.db
    .select({ id: agreements.id, ...agreementDateColumns })
    .from(agreements)
    .where(and(eq(agreements.autoRenew, true), lt(agreements.currentEndDate, today)))
    .all();
  const statements: Statement[] = [];
  for (let i = 0; i < due.length; i += ROLL_ROWS_PER_STATEMENT) {
    const rows = due
      .slice(i, i + ROLL_ROWS_PER_STATEMENT)
      .map((a) => [a.id, currentEndDate(a, today), noticeDeadline(a, today)]);
    statements.push(
      rawStatement(
        deps.db,
        sql`UPDATE agreements SET current_end_date = json_extract(j.value, '$[1]'),
            notice_deadline = json_extract(j.value, '$[2]')
          FROM json_each(${JSON.stringify(rows)}) AS j WHERE agreements.id = json_extract(j.value, '$[0]')`,
        { returning: false },
      ),
    );
  }
  return { count: due.length, statements };
}

/**
 * Once a day, after the run's unit and its answer: new planner statistics where tables
 * changed (ANALYZE on a sample; the first run of a day often raised or resolved many
 * alerts), then the next run's statements prepared against them. New statistics make
 * SQLite prepare every statement again; done here, that lands neither in this run nor in
 * the next.
 */
async function keepPlansCurrent(
  deps: SweepDeps,
  analyse: boolean,
  plan: Pick<SweepPlan, 'emailEnabled' | 'checkpoint'>,
) {
  // A macrotask first, so that the run's caller has its answer before this starts.
  await new Promise((resolve) => setTimeout(resolve, 0));
  try {
    const statisticsChanged = analyse && (await refreshStatistics(deps.db));
    prepareNextSweep(deps.db, plan, { statisticsChanged });
  } catch (err) {
    deps.logger.warn('PRAGMA optimize failed', { error: String(err) });
  }
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
  const recorded = (r: SweepResult) =>
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
  /** How the run ended, and the lease let go, in one unit. */
  let released = false;
  const finish = async (r: SweepResult) => {
    await atomic(deps.db, [recorded(r), releaseLease(deps.db, 'sweep', holder)]);
    released = true;
  };
  const system = { ...deps, actor: SYSTEM_ACTOR };

  // The run's record and the lease, in one unit: a run that cannot take it is recorded as skipped.
  const [, lease] = await atomic(deps.db, [
    startJobRun(deps.db, { id: runId, job: 'sweep', trigger: options.trigger, startedAt: started.toISOString() }),
    takeLease(deps.db, 'sweep', holder, started, LEASE_MS),
  ]);
  if (!leaseTaken(lease, holder)) {
    const skipped: SweepResult = { ...empty, status: 'skipped', error: 'another sweep holds the lease' };
    await atomic(deps.db, [recorded(skipped)]);
    return skipped;
  }
  try {
    const rules = await rulesFingerprint();
    const scope = await sweepScope(deps, deps.clock.today(), rules);
    // The chain as it stands before this sweep, published with it (webhooks, digests).
    const checkpoint = await createCheckpoint(system, 'sweep');
    const rolled = await rollForward(deps);
    const plan: SweepPlan = { runId, now: started, emailEnabled: options.emailEnabled, checkpoint, scope, rules };
    const labelled = sweepStatements(deps, plan);
    const results = await writeAudited(
      system,
      [...rolled.statements, ...labelled.map((l) => l.statement)],
      [{ action: 'sweep.run', entityType: 'job_run', entityId: runId, after: { today: deps.clock.today() } }],
    );
    const result: SweepResult = {
      ...empty,
      agreementsRolledForward: rolled.count,
      scope: scope.full ? 'full' : scope.since,
    };
    labelled.forEach((l, i) => {
      const n = affectedRows(results[rolled.statements.length + i]);
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
    await finish(result);
    deps.logger.info('sweep finished', { ...result });
    // The day's first run (or a full one) refreshes the statistics; each readies the next run.
    const upkeep = keepPlansCurrent(deps, scope.full || scope.since < deps.clock.today(), plan);
    if (deps.background) deps.background(upkeep);
    else await upkeep;
    return result;
  } catch (err) {
    const failed: SweepResult = { ...empty, status: 'failed', error: err instanceof Error ? err.message : String(err) };
    await finish(failed);
    deps.logger.error('sweep failed', { runId, error: failed.error });
    return failed;
  } finally {
    // Should recording the end itself fail, the lease is still let go.
    if (!released) await atomic(deps.db, [releaseLease(deps.db, 'sweep', holder)]);
  }
}
