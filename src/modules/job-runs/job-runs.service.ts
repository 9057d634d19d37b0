import { runSweep, type SweepResult } from '../../jobs/sweep';
import { deliverDue } from '../../notify/deliver';
import type { AppDeps, ServiceContext } from '../../platform/app-env';
import { decodeCursor } from '../../platform/cursor';
import { keysetPage } from '../../platform/keyset';
import { notFound } from '../../platform/problem';
import { countJobRuns, findJobRun, jobRunsPage } from './job-runs.repo';

/** Every run of a scheduled or requested job, newest first. */
export async function listJobRuns(ctx: ServiceContext, q: { limit: number; cursor?: string }) {
  const before = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const rows = await jobRunsPage(ctx.db, { before, limit: q.limit + 1 });
  return keysetPage(rows, q.limit, (r) => [r.startedAt, r.id]);
}

export const jobRunCount = (ctx: Pick<ServiceContext, 'db'>): Promise<number> => countJobRuns(ctx.db);

export async function getJobRun(ctx: Pick<ServiceContext, 'db'>, id: string) {
  const run = await findJobRun(ctx.db, id);
  if (!run) throw notFound('Job run', id);
  return run;
}

/**
 * Runs the sweep now, for an admin (API or web page), then delivers what it queued after
 * the answer has gone: `keepAlive` (Workers' waitUntil) or the runtime's background hook
 * keeps that work going. Another sweep holding the lease makes this one `skipped`.
 */
export async function sweepNow(
  deps: AppDeps,
  trigger: 'api' | 'web',
  keepAlive?: (work: Promise<unknown>) => void,
): Promise<SweepResult> {
  const result = await runSweep(deps, { trigger, emailEnabled: deps.mailer !== undefined });
  const delivery = deliverDue(deps).catch((err) => deps.logger.error('delivery failed', { error: String(err) }));
  if (keepAlive) keepAlive(delivery);
  else deps.background?.(delivery);
  return result;
}
