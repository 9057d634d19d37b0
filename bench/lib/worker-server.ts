import { spawn } from 'node:child_process';
import { BENCH_ADMIN_TOKEN, BENCH_AUDIT_KEY } from '../seed';
import { atExit } from './cleanup';
import { freePort } from './ports';
import { ROOT } from './server';
import { compatibilityDate, type WorkerBuild } from './worker-build';
import type { Counts } from './worker-d1';

export interface WorkerServer {
  url: string;
  /** Row counts as the worker's D1 sees them, read once it is up. */
  counts: Counts;
  stop(): Promise<void>;
}

/**
 * The Workers environment of the bench: the bench admin and audit key (those the seeded
 * data was sealed with, given as secrets), quiet logs; the zone is wrangler.toml's.
 */
const bindings = {
  ITAKU_ADMIN_TOKEN: BENCH_ADMIN_TOKEN,
  ITAKU_AUDIT_KEY: BENCH_AUDIT_KEY,
  ITAKU_TIMEZONE: 'Asia/Tokyo',
  ITAKU_LOG_LEVEL: 'warn', // request logs would be part of the figure
};

/**
 * Starts worker-host.ts (the built worker in workerd) on the D1 folder `persist` and
 * waits for its `ready` line. It leads its own process group: at exit the whole group
 * (the host and its workerd) is killed, so no workerd outlives the bench.
 */
export async function startWorker(build: WorkerBuild, persist: string): Promise<WorkerServer> {
  const port = await freePort();
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/lib/worker-host.ts'], {
    cwd: ROOT,
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      WORKER_SCRIPT: build.script,
      WORKER_D1_PERSIST: persist,
      WORKER_COMPATIBILITY_DATE: compatibilityDate(),
      WORKER_BINDINGS: JSON.stringify(bindings),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const killGroup = () => {
    try {
      if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // The group is gone already.
    }
  };
  const forget = atExit(killGroup);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let output = '';
  let ready: ((line: string) => void) | undefined;
  const readyLine = new Promise<string>((resolve) => {
    ready = resolve;
  });
  child.stdout?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
    const line = /^ready (.*)$/m.exec(output)?.[1];
    if (line) ready?.(line);
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-8_000);
  });
  let timer: NodeJS.Timeout | undefined;
  const failed = new Promise<never>((_, reject) => {
    exited.then(() => reject(new Error(`the worker host exited (${child.exitCode ?? child.signalCode}):\n${output}`)));
    timer = setTimeout(() => reject(new Error(`the worker did not start within 60 s:\n${output}`)), 60_000);
  });
  try {
    const { url, counts } = JSON.parse(await Promise.race([readyLine, failed])) as { url: string; counts: Counts };
    return {
      url,
      counts,
      stop: async () => {
        if (child.exitCode !== null || child.signalCode !== null) return forget();
        child.kill('SIGTERM');
        const force = setTimeout(killGroup, 10_000);
        await exited;
        clearTimeout(force);
        // workerd is the host's child: make sure it did not outlive a host that was killed.
        killGroup();
        forget();
      },
    };
  } catch (err) {
    killGroup();
    forget();
    throw err;
  } finally {
    clearTimeout(timer);
    failed.catch(() => {});
  }
}
