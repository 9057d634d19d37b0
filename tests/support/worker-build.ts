import { execFileSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';

/** Offline-safe wrangler: no telemetry, no request.cf lookup. */
export const wranglerEnv = {
  ...process.env,
  WRANGLER_SEND_METRICS: 'false',
  WRANGLER_SEND_ERROR_REPORTS: 'false',
  CLOUDFLARE_CF_FETCH_ENABLED: 'false',
  CI: 'true',
};

const wrangler = (args: string[]) =>
  execFileSync('npx', ['wrangler', ...args], { env: wranglerEnv, stdio: ['ignore', 'pipe', 'pipe'], encoding: 'utf8' });

/**
 * Vitest global setup for the Workers project: builds exactly the artifact that
 * `wrangler deploy` would upload, and applies db/migrations to a template D1 database
 * with `wrangler d1 migrations apply`, as an operator would. Each test file copies it.
 */
export default function setup(project: TestProject): void {
  // A fresh folder per run, so that runs side by side never overwrite each other's build.
  const outdir = mkdtempSync(join(tmpdir(), 'itaku-worker-build-'));
  wrangler(['deploy', '--dry-run', '--outdir', outdir]);
  project.provide('workerScript', join(outdir, 'worker.js'));
  const persist = mkdtempSync(join(tmpdir(), 'itaku-d1-template-'));
  wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', persist]);
  project.provide('d1Template', persist);
}

declare module 'vitest' {
  export interface ProvidedContext {
    d1Template: string;
    /** The built worker (`wrangler deploy --dry-run`), as it would be uploaded. */
    workerScript: string;
  }
}
