import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureBuilt } from '../../scripts/build.mjs';
import { nodeArgsOf } from '../../scripts/npm-script.mjs';
import { BENCH_ADMIN_TOKEN, BENCH_AUDIT_KEY } from '../seed';
import { atExit } from './cleanup';
import { freePort } from './ports';

/** The repository root: entries are resolved from it, and `--import tsx` from its node_modules. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The server entry, which the bench starts exactly as `npm start` does: built, from dist/. */
export const ITAKU_ENTRY = 'src/node.ts';

/**
 * The arguments for Node that start `entry`: for the server, package.json's start script,
 * after building dist/ if a source changed (so that no figure includes a rebuild); for
 * anything else (the baselines), the TypeScript file through tsx.
 */
export async function nodeArgsFor(entry: string): Promise<string[]> {
  if (entry !== ITAKU_ENTRY) return ['--import', 'tsx', entry];
  await ensureBuilt();
  return nodeArgsOf('start');
}

/** The real server's environment for the bench: the bench admin, quiet logs, no cron sweep. */
export const itakuEnv = (dbPath: string): Record<string, string> => ({
  ITAKU_DB_PATH: dbPath,
  ITAKU_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
  ITAKU_AUDIT_KEY: BENCH_AUDIT_KEY,
  ITAKU_LOG_LEVEL: 'warn', // request logs would be part of the figure
  ITAKU_SWEEP_CRON: 'off',
});
export const adminAuth = { Authorization: `Bearer ${BENCH_ADMIN_TOKEN}` };

export interface BenchServer {
  url: string;
  pid: number | undefined;
  stop(): Promise<void>;
}

/**
 * Starts `entry` (relative to ROOT; see nodeArgsFor) on 127.0.0.1 with the given env
 * and waits until `readyPath` answers 200. Output is kept (and shown if the server dies)
 * but not echoed: the bench prints only its figures.
 */
export async function startServer(entry: string, env: Record<string, string>, readyPath: string): Promise<BenchServer> {
  const port = await freePort();
  const child = spawn(process.execPath, await nodeArgsFor(entry), {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), ITAKU_HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  // Killed at exit whatever happens; unregistered once it has exited on its own.
  const forget = atExit(() => child.kill('SIGKILL'));
  let output = '';
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      forget();
      resolve();
    }),
  );
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${entry} exited (${child.exitCode ?? child.signalCode}):\n${output}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${entry} did not answer ${readyPath} within 30 s:\n${output}`);
    }
    const ok = await fetch(url + readyPath).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    pid: child.pid,
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill('SIGTERM');
      const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await exited;
      clearTimeout(force);
    },
  };
}
