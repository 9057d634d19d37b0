import { deliverDue } from '../notify/deliver';
import type { AppDeps } from '../platform/app-env';
import { runSweep } from './sweep';

/**
 * Scheduled jobs, listed once. node-cron and a timer (src/node.ts) and the Workers
 * `scheduled` handler (src/worker.ts) both run what is listed here.
 */
export interface JobDefinition {
  name: string;
  /** Cron Trigger on Workers (UTC), as declared in wrangler.toml. */
  workersCron: string;
  /** On Node: the configured sweep schedule (ITAKU_SWEEP_CRON), or a fixed interval. */
  node: { sweepCron: true } | { everyMs: number };
  run(deps: AppDeps): Promise<unknown>;
}

export const jobs: JobDefinition[] = [
  {
    name: 'sweep',
    workersCron: '0 0 * * *',
    node: { sweepCron: true },
    async run(deps) {
      const result = await runSweep(deps, { trigger: 'schedule', emailEnabled: deps.mailer !== undefined });
      // Deliver what the sweep raised right away rather than at the next delivery tick.
      await deliverDue(deps);
      return result;
    },
  },
  {
    // Retries follow their own timer, independent of the sweep schedule. The same tick
    // seals audit events a failed or interrupted sealing pass left behind.
    name: 'deliver',
    workersCron: '*/10 * * * *',
    node: { everyMs: 60_000 },
    async run(deps) {
      await deps.audit.afterCommit();
      return deliverDue(deps);
    },
  },
];

/** Runs every job scheduled for this cron expression, one after the other. */
export async function runScheduled(deps: AppDeps, cron: string): Promise<{ name: string; result: unknown }[]> {
  const results: { name: string; result: unknown }[] = [];
  for (const job of jobs.filter((j) => j.workersCron === cron)) {
    results.push({ name: job.name, result: await job.run(deps) });
  }
  return results;
}
