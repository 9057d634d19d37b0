import { spawn } from 'node:child_process';
import { atExit } from '../lib/cleanup';
import { contractorData, copyDatabase, scratchPath } from '../lib/dataset';
import { fmtRatio } from '../lib/load';
import { freePort } from '../lib/ports';
import { rssMb } from '../lib/rss';
import type { Scenario } from '../lib/scenario';
import { ITAKU_ENTRY, itakuEnv, nodeArgsFor, ROOT } from '../lib/server';

/** benchmarks.md: a healthy /healthz within 300 ms of the process start, idle under 90 MB. */
const TARGET_MS = 300;
const TARGET_RSS_MB = 90;
const RUNS = 3;
/** After the first healthy answer, the server settles this long before its RSS is read. */
const SETTLE_MS = 1_500;

/** The baseline: the least a Node HTTP server can be, started the same way. */
const BARE_SERVER =
  "require('node:http').createServer((q,s)=>{s.setHeader('content-type','application/json');s.end('{\"status\":\"ok\"}')}).listen(Number(process.env.PORT),'127.0.0.1')";

interface StartFigure {
  ms: number;
  rssMb: number;
}

/** Spawns a server, polls /healthz every 5 ms from the spawn, and reads its RSS once settled. */
async function timeStart(args: string[], env: Record<string, string>): Promise<StartFigure> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port), ITAKU_HOST: '127.0.0.1' },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const forget = atExit(() => child.kill('SIGKILL'));
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-4_000);
  });
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`${args.join(' ')} exited ${child.exitCode}: ${stderr}`);
      if (performance.now() - started > 30_000) throw new Error(`${args.join(' ')} not healthy within 30 s: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = performance.now() - started;
    await new Promise((r) => setTimeout(r, SETTLE_MS));
    return { ms, rssMb: rssMb(child.pid ?? 0) };
  } finally {
    child.kill('SIGKILL');
    await new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    forget();
  }
}

async function median(args: string[], env: () => Promise<Record<string, string>>): Promise<StartFigure> {
  const runs: StartFigure[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await timeStart(args, await env()));
  const mid = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return { ms: mid(runs.map((r) => r.ms)), rssMb: mid(runs.map((r) => r.rssMb)) };
}

const fmt = (f: StartFigure) => `${Math.round(f.ms)} ms, idle RSS ${Math.round(f.rssMb)} MB`;
const verdict = (f: StartFigure) =>
  [
    f.ms > TARGET_MS ? ` MISSES start ≤ ${TARGET_MS} ms` : '',
    f.rssMb > TARGET_RSS_MB ? ` MISSES RSS ≤ ${TARGET_RSS_MB} MB` : '',
  ].join('');

export const start: Scenario = {
  name: 'start',
  title: '`npm start` to a healthy /healthz, and idle RSS, on an empty and on the seeded database',
  async run(print) {
    // What `npm start` runs, built before the first figure so that no run includes a build.
    const itaku = await nodeArgsFor(ITAKU_ENTRY);
    const bare = await median(['-e', BARE_SERVER], async () => ({}));
    print(`start bare node:http server: ${fmt(bare)}`);
    let n = 0;
    // A new file each run: the first start creates and migrates it.
    const empty = await median(itaku, async () => itakuEnv(await scratchPath(`start-empty-${n++}.db`)));
    print(
      `start itaku on an empty database: ${fmt(empty)} (bare ${fmt(bare)}, ratio ${fmtRatio(empty.ms / bare.ms)})${verdict(empty)}`,
    );
    const data = await contractorData(print);
    const copy = await copyDatabase(data.path, 'start-seeded.db');
    const seeded = await median(itaku, async () => itakuEnv(copy));
    print(
      `start itaku on ${data.contractors.toLocaleString('en')} contractors: ${fmt(seeded)} (bare ${fmt(bare)}, ratio ${fmtRatio(seeded.ms / bare.ms)})${verdict(seeded)}`,
    );
    return { bare, empty, seeded, targetMs: TARGET_MS, targetRssMb: TARGET_RSS_MB };
  },
};
