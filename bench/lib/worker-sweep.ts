import { runSweep } from '../../src/jobs/sweep';
import { FixedClock } from '../../src/platform/clock';
import { TIME_ZONE } from '../seed';
import { appDeps } from './app-deps';
import { adminAuth } from './server';

/** The Workers cron of the daily sweep (wrangler.toml, src/jobs/registry.ts). */
const SWEEP_CRON = '0 0 * * *';

export interface SweepFigure {
  ms: number;
  raised: number;
  resolved: number;
  /** The job run's date in the organisation's zone, as the sweep saw "today". */
  today: string;
}

interface JobRun {
  id: string;
  job: string;
  status: string;
  startedAt: string;
  counts: Record<string, number> | null;
  error: string | null;
}

/**
 * The worker's scheduled handler for the daily cron, as Cloudflare would call it, timed
 * until it has finished (the sweep, then the deliveries it queued); its job run, read
 * back through the API, says whether it succeeded and what it did.
 */
export async function workerSweep(url: string): Promise<SweepFigure> {
  const since = new Date().toISOString();
  const started = performance.now();
  const res = await fetch(`${url}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent(SWEEP_CRON)}&format=json`, {
    signal: AbortSignal.timeout(180_000),
  });
  const ms = performance.now() - started;
  const outcome = await res.text();
  if (!res.ok) throw new Error(`the worker's scheduled handler failed: ${res.status} ${outcome.slice(0, 500)}`);
  const runs = await fetch(`${url}/api/v1/jobs/runs?limit=5`, {
    headers: adminAuth,
    signal: AbortSignal.timeout(30_000),
  });
  const body = (await runs.json()) as { items?: JobRun[] };
  const run = body.items?.find((r) => r.job === 'sweep' && r.startedAt >= since);
  if (!run) throw new Error(`no sweep job run since ${since}: ${JSON.stringify(body).slice(0, 500)}`);
  if (run.status !== 'succeeded') throw new Error(`the worker's sweep ${run.status}: ${run.error}`);
  return {
    ms,
    raised: run.counts?.raised ?? 0,
    resolved: run.counts?.resolved ?? 0,
    today: new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE }).format(new Date(run.startedAt)),
  };
}

/**
 * runSweep() on the Node side, on the SQLite file `path`, at the same instant as the
 * worker's real clock (a FixedClock set to now); e-mail off, as on the worker, which has
 * no mailer. Opening and migrating the file is not timed.
 */
export async function nodeSweep(path: string, at: Date = new Date()): Promise<SweepFigure> {
  const clock = new FixedClock(at.toISOString(), TIME_ZONE);
  const app = await appDeps(path, clock, { checkpointInBackground: true });
  try {
    const started = performance.now();
    const result = await runSweep(app.deps, { trigger: 'bench', emailEnabled: false });
    const ms = performance.now() - started;
    if (result.status !== 'succeeded') throw new Error(`the Node sweep ${result.status}: ${result.error}`);
    return { ms, raised: result.raised, resolved: result.resolved, today: clock.today() };
  } finally {
    await app.close();
  }
}
