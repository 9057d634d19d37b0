import { spawn } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { atExit } from './cleanup';
import { ROOT } from './server';

/** Offline wrangler: no telemetry, no request.cf lookup (as the worker tests run it). */
const wranglerEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
};

/**
 * `npx wrangler …` from the repository root, bounded in time. It leads its own process
 * group (npx → wrangler → esbuild, workerd), which is killed whole if the bench ends first.
 */
function wrangler(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('npx', ['wrangler', ...args], {
      cwd: ROOT,
      env: wranglerEnv,
      detached: true,
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString()).slice(-4_000);
    });
    const killGroup = () => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // The group is gone already.
      }
    };
    const timer = setTimeout(killGroup, 180_000);
    const forget = atExit(killGroup);
    let settled = false;
    const done = (err?: Error) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      forget();
      if (err) reject(new Error(`wrangler ${args.join(' ')} failed: ${err.message}\n${stderr}`));
      else resolve();
    };
    child.once('error', done);
    child.once('close', (code, signal) =>
      done(code === 0 ? undefined : new Error(`exit ${code ?? signal}${signal ? ' (killed after 180 s?)' : ''}`)),
    );
  });
}

export interface WorkerBuild {
  /** The built worker (`wrangler deploy --dry-run`), exactly what would be uploaded. */
  script: string;
  /** A local D1 persistence folder with db/migrations applied by `wrangler d1 migrations apply`. */
  d1Template: string;
  /** The D1 database file inside it (…/miniflare-D1DatabaseObject/<id hash>.sqlite). */
  d1File: string;
}

/** Where Miniflare keeps the D1 objects of a persistence folder made by `--persist-to`. */
export const d1ObjectDir = (persist: string): string => join(persist, 'v3', 'd1', 'miniflare-D1DatabaseObject');

/** Builds the worker and a migrated template D1 as an operator would (README, tests/support/worker-build.ts). */
export async function buildWorker(dir: string): Promise<WorkerBuild> {
  const outdir = join(dir, 'worker-build');
  const d1Template = join(dir, 'worker-d1-template');
  await wrangler(['deploy', '--dry-run', '--outdir', outdir]);
  await wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', d1Template]);
  const file = readdirSync(d1ObjectDir(d1Template)).find((f) => f.endsWith('.sqlite') && f !== 'metadata.sqlite');
  if (!file) throw new Error(`wrangler d1 migrations apply left no database in ${d1ObjectDir(d1Template)}`);
  return { script: join(outdir, 'worker.js'), d1Template, d1File: file };
}

/** The worker's compatibility date, as wrangler.toml declares it for deployment. */
export function compatibilityDate(): string {
  const toml = readFileSync(join(ROOT, 'wrangler.toml'), 'utf8');
  const date = /^compatibility_date = "(\d{4}-\d{2}-\d{2})"/m.exec(toml)?.[1];
  if (!date) throw new Error('wrangler.toml declares no compatibility_date');
  return date;
}
