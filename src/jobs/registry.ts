import type { AppDeps } from '../app-env';

/**
 * Scheduled jobs, listed once. node-cron (src/node.ts) and the Workers `scheduled`
 * handler (src/worker.ts) both run what is listed here, so a job is written once.
 */
export interface JobDefinition {
  name: string;
  /** Cron expression on Workers (UTC); on Node the schedule comes from configuration. */
  workersCron: string;
  run(deps: AppDeps): Promise<unknown>;
}

export const jobs: JobDefinition[] = [];

/** Runs every job scheduled for this cron expression, one after the other. */
export async function runScheduled(deps: AppDeps, cron: string): Promise<{ name: string; result: unknown }[]> {
  const results: { name: string; result: unknown }[] = [];
  for (const job of jobs.filter((j) => j.workersCron === cron)) {
    results.push({ name: job.name, result: await job.run(deps) });
  }
  return results;
}
