import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import autocannon, { type Result } from 'autocannon';
import { atExit } from '../lib/cleanup';
import { CONTRACTORS, sweptData } from '../lib/dataset';
import { fmtInt, fmtRatio } from '../lib/load';
import { rssMb, sampleRss } from '../lib/rss';
import type { Scenario } from '../lib/scenario';
import { adminAuth, itakuEnv, ROOT, startServer } from '../lib/server';

/** benchmarks.md: RSS growth ≤ 64 MB; first byte ≤ 10 ms; /healthz p99 ≤ 20 ms during the export. */
const TARGET = { growthMb: 64, firstByteMs: 10, healthzP99Ms: 20 };
/**
 * The /healthz probe: other users' requests at a steady rate, not a flood, so that its
 * p99 shows how long the export holds the event loop (a saturating load would measure
 * queueing and slow the export down). Latency counts from when a request was due.
 */
const PROBE = { connections: 4, overallRate: 200 };
const IDLE_PROBE_SECONDS = 3;
/** An export that has not finished by then is reported as such (the bench stays bounded). */
const EXPORT_TIMEOUT_S = Number(process.env.BENCH_EXPORT_TIMEOUT ?? 30);

interface Download {
  status: number;
  headersMs: number;
  firstByteMs: number;
  totalMs: number;
  bytes: number;
  lines: number;
  aborted: boolean;
}

/** bench/download-client.ts in its own process; it starts downloading on go(). */
function downloader(url: string) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bench/download-client.ts', url], {
    cwd: ROOT,
    env: {
      ...process.env,
      BENCH_AUTHORIZATION: adminAuth.Authorization,
      BENCH_TIMEOUT_MS: String(EXPORT_TIMEOUT_S * 1000),
    },
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const forget = atExit(() => child.kill('SIGKILL'));
  const lines = createInterface({ input: child.stdout });
  const next = (): Promise<string> =>
    new Promise((resolve, reject) => {
      lines.once('line', resolve);
      child.once('exit', (code) => reject(new Error(`download client exited (${code})`)));
    });
  const ready = next();
  return {
    ready,
    go: (): Promise<Download> => {
      const done = next().then((line) => JSON.parse(line) as Download);
      child.stdin.write('go\n');
      return done.finally(() => {
        child.kill();
        forget();
      });
    },
    kill: () => child.kill('SIGKILL'),
  };
}

const PROBE_TIMEOUT_S = 10;
const probe = (url: string, duration: number) => autocannon({ url, duration, timeout: PROBE_TIMEOUT_S, ...PROBE });
const probeFigure = (r: Result) => ({
  p50Ms: r.latency.p50,
  p99Ms: r.latency.p99,
  maxMs: r.latency.max,
  requests: r.requests.total,
  errors: r.errors,
  timeouts: r.timeouts,
});

async function measure(dbPath: string, name: string, path: string, warmPath: string, expectedRows: number) {
  const server = await startServer('src/node.ts', itakuEnv(dbPath), '/healthz');
  const client = downloader(`${server.url}${path}`);
  try {
    if (server.pid === undefined) throw new Error('no server pid');
    const pid = server.pid;
    await probe(`${server.url}/healthz`, 1); // warm-up, thrown away
    const idle = probeFigure(await probe(`${server.url}/healthz`, IDLE_PROBE_SECONDS));
    await new Promise((resolve) => setTimeout(resolve, 300)); // let the probe's garbage settle
    // Before any export: on Node the growth then counts the export thread the export starts
    // (it stays for a while after, so the warm-up below would hide it).
    const idleRss = rssMb(pid);
    // Warm the route once with an export that matches nothing (token lookup, validation,
    // stream set-up compiled, the export thread started), so first byte measures the
    // export, not a cold process.
    const warm = await fetch(`${server.url}${warmPath}`, { headers: adminAuth });
    await warm.arrayBuffer();
    if (warm.status !== 200) throw new Error(`${warmPath}: ${warm.status}`);
    await client.ready;

    const rss = sampleRss(pid);
    const during = probe(`${server.url}/healthz`, 600);
    const got = await client.go();
    during.stop();
    const busy = probeFigure(await during);
    const { peakMb } = rss.stop();

    const rows = Math.max(0, got.lines - 1); // less the header line
    if (got.status !== 200 || (!got.aborted && rows !== expectedRows)) {
      throw new Error(`${path}: ${got.status} with ${rows} rows, expected ${expectedRows}`);
    }
    const growthMb = peakMb - idleRss;
    const label = `export ${name}`;
    const miss = (bad: boolean, target: string) => (bad ? ` MISSES target ${target}` : '');
    const results = {
      path,
      rows,
      finished: !got.aborted,
      mb: got.bytes / 1024 / 1024,
      seconds: got.totalMs / 1000,
      headersMs: got.headersMs,
      firstByteMs: got.firstByteMs,
      idleRssMb: idleRss,
      peakRssMb: peakMb,
      growthMb,
      healthzIdle: idle,
      healthzDuring: busy,
    };
    return {
      results,
      lines: [
        got.aborted
          ? `${label} time: did not finish in ${EXPORT_TIMEOUT_S} s (${fmtInt(rows)} of ${fmtInt(expectedRows)} rows, ${results.mb.toFixed(1)} MB) MISSES finishing`
          : `${label} time: ${results.seconds.toFixed(1)} s (${fmtInt(rows)} rows, ${results.mb.toFixed(0)} MB, ${fmtInt(rows / results.seconds)} rows/s)`,
        `${label} first byte: ${got.firstByteMs.toFixed(1)} ms (headers ${got.headersMs.toFixed(1)} ms)${miss(got.firstByteMs > TARGET.firstByteMs, `≤ ${TARGET.firstByteMs} ms`)}`,
        `${label} RSS growth: ${growthMb.toFixed(0)} MB, export thread included (idle RSS ${idleRss.toFixed(0)} MB, peak ${peakMb.toFixed(0)} MB, ratio ${fmtRatio(peakMb / idleRss)})${miss(growthMb > TARGET.growthMb, `≤ ${TARGET.growthMb} MB`)}`,
        // A request that timed out waited longer than any answered one: then p99 is at least the timeout.
        busy.timeouts > 0
          ? `${label} healthz p99 during: ≥ ${fmtInt(PROBE_TIMEOUT_S * 1000)} ms, ${fmtInt(busy.timeouts)} of ${fmtInt(busy.timeouts + busy.requests)} requests timed out (idle p99 ${idle.p99Ms} ms)${miss(true, `≤ ${TARGET.healthzP99Ms} ms`)}`
          : `${label} healthz p99 during: ${busy.p99Ms} ms, ${fmtInt(busy.requests)} requests (idle p99 ${idle.p99Ms} ms, ratio ${fmtRatio(busy.p99Ms / Math.max(1, idle.p99Ms))})${miss(busy.p99Ms > TARGET.healthzP99Ms || busy.errors > 0, `≤ ${TARGET.healthzP99Ms} ms`)}`,
      ],
    };
  } finally {
    client.kill();
    await server.stop();
  }
}

export const exportCsv: Scenario = {
  name: 'export',
  title: `streamed CSV exports on ${fmtInt(CONTRACTORS)} contractors and their reviews: time, first byte, RSS, /healthz beside`,
  async run(print) {
    const data = await sweptData(print);
    const out: Record<string, unknown> = { target: TARGET, probe: PROBE };
    const base = '/api/v1/exports';
    const exports = [
      [
        'supervision-status.csv',
        `${base}/supervision-status.csv`,
        `${base}/supervision-status.csv?parentId=none`,
        data.contractors,
      ],
      ['reviews.csv', `${base}/reviews.csv`, `${base}/reviews.csv?contractorId=none`, data.reviews.reviews],
    ] as const;
    for (const [name, path, warmPath, rows] of exports) {
      // A fresh server per export: the idle RSS is a real idle process, not one an export grew.
      const m = await measure(data.path, name, path, warmPath, rows);
      for (const line of m.lines) print(line);
      out[name] = m.results;
    }
    return out;
  },
};
