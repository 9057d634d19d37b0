import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { addDays, civilDate } from '../../src/domain/calendar';
import { copyDatabase, scratchPath } from '../lib/dataset';
import { fmtFigure, fmtInt, fmtRatio, loadPaired } from '../lib/load';
import type { Scenario } from '../lib/scenario';
import { adminAuth, type BenchServer, itakuEnv, startServer } from '../lib/server';
import { buildWorker, type WorkerBuild } from '../lib/worker-build';
import { type Counts, countRows, d1FromSqlite, openAlerts } from '../lib/worker-d1';
import { startWorker, type WorkerServer } from '../lib/worker-server';
import { nodeSweep, type SweepFigure, workerSweep } from '../lib/worker-sweep';
import { seedContractors, TIME_ZONE } from '../seed';
import { seedReviews } from '../seed-reviews';

/**
 * benchmarks.md "worker": the list pages and the sweep on the built worker in workerd
 * with a local D1, beside the Node server (list) and runSweep() (sweep) on the same data.
 * Always 10k contractors, whatever BENCH_CONTRACTORS says, so the figures compare across
 * commits. There is no target: the ratios are printed and tracked.
 */
const CONTRACTORS = 10_000;
const SEED = 25;

const cases = [
  { name: 'first page', path: '/api/v1/contractors?limit=50' },
  { name: 'status=active', path: '/api/v1/contractors?status=active&limit=50' },
  { name: 'q=物流', path: `/api/v1/contractors?q=${encodeURIComponent('物流')}&limit=50` },
];

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : fmtInt(n)} ms`;

/** The ids of a full page; the worker must answer exactly what Node answers. */
async function pageIds(url: string): Promise<string[]> {
  const res = await fetch(url, { headers: adminAuth, signal: AbortSignal.timeout(30_000) });
  const body = (await res.json()) as { items?: { id: string }[] };
  if (!res.ok || body.items?.length !== 50) {
    throw new Error(`${url}: expected 50 items, got ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
  return body.items.map((i) => i.id);
}

function sameCounts(where: string, got: Counts, expected: Counts): void {
  if (JSON.stringify(got) !== JSON.stringify(expected)) {
    throw new Error(`${where}: D1 holds ${JSON.stringify(got)}, the seeded file ${JSON.stringify(expected)}`);
  }
}

function sameAlerts(phase: string, d1File: string, nodeFile: string, w: SweepFigure, n: SweepFigure): void {
  const [a, b] = [openAlerts(d1File), openAlerts(nodeFile)];
  if (w.raised !== n.raised || w.resolved !== n.resolved || a.join('\n') !== b.join('\n')) {
    throw new Error(
      `sweep ${phase}: the worker raised ${w.raised} and resolved ${w.resolved} (${a.length} open), Node ${n.raised} and ${n.resolved} (${b.length} open)`,
    );
  }
}

/** A D1 folder and a Node copy of one SQLite file: the same rows for both runtimes. */
async function twins(build: WorkerBuild, seeded: string, name: string) {
  const persist = await scratchPath(`worker-${name}-d1`);
  const d1File = d1FromSqlite(build, seeded, persist);
  const nodeFile = await copyDatabase(seeded, `worker-${name}-node.db`);
  return { persist, d1File, nodeFile, counts: countRows(seeded) };
}

export const worker: Scenario = {
  name: 'worker',
  title: `the built worker in workerd on a local D1 (${fmtInt(CONTRACTORS)} contractors) vs Node on the same data`,
  async run(print) {
    const dir = await scratchPath('worker');
    await mkdir(dir, { recursive: true });
    // Seeded as of yesterday, as the shared dataset is: a sweep "yesterday" then makes today a daily run.
    const today = civilDate(new Date(), TIME_ZONE);
    const yesterday = addDays(today, -1);
    const seeded = join(dir, 'seed.db');
    const t0 = performance.now();
    // wrangler builds in its own processes while this one seeds: neither waits for the other.
    const building = buildWorker(dir).then((b) => ({ b, at: performance.now() }));
    building.catch(() => {}); // awaited below; a failure must not go unhandled meanwhile
    const seed = await seedContractors(seeded, {
      contractors: CONTRACTORS,
      agreementsPerContractor: 3,
      seed: SEED,
      asOf: yesterday,
    });
    const rv = await seedReviews(seeded, { seed: SEED + 1, today: yesterday });
    const t1 = performance.now();
    const { b: build, at: built } = await building;
    const t2 = performance.now();
    const first = await twins(build, seeded, 'first');
    print(
      `worker seed: ${((t1 - t0) / 1000).toFixed(1)} s (${fmtInt(CONTRACTORS)} contractors, ${fmtInt(seed.agreements)} agreements, ${fmtInt(rv.reviews)} reviews, ${fmtInt(rv.findings)} findings as of ${yesterday}); worker build + migrations ${((built - t0) / 1000).toFixed(1)} s beside it; loaded into D1 ${((performance.now() - t2) / 1000).toFixed(1)} s`,
    );

    const servers: (BenchServer | WorkerServer)[] = [];
    try {
      // The list pages, then the first sweep, on the data before any sweep.
      const w1 = await startWorker(build, first.persist);
      servers.push(w1);
      sameCounts('first', w1.counts, first.counts);
      const node = await startServer('src/node.ts', itakuEnv(first.nodeFile), '/healthz');
      servers.push(node);
      // /healthz first, for reference: what the runtime itself costs per request, before the app's work.
      const [wHealth, nHealth] = await loadPaired({ url: `${w1.url}/healthz` }, { url: `${node.url}/healthz` });
      const healthRatio = wHealth.reqPerSec / nHealth.reqPerSec;
      print(
        `worker healthz (reference): ${fmtFigure(wHealth)} (node ${fmtFigure(nHealth)}, ratio ${fmtRatio(healthRatio)})`,
      );
      const list = [{ name: 'healthz', path: '/healthz', worker: wHealth, node: nHealth, ratio: healthRatio }];
      for (const c of cases) {
        const [a, b] = [await pageIds(w1.url + c.path), await pageIds(node.url + c.path)];
        if (a.join() !== b.join()) throw new Error(`${c.name}: the worker's page differs from Node's`);
        const [onWorker, onNode] = await loadPaired(
          { url: w1.url + c.path, headers: adminAuth },
          { url: node.url + c.path, headers: adminAuth },
        );
        const ratio = onWorker.reqPerSec / onNode.reqPerSec;
        print(`worker list ${c.name}: ${fmtFigure(onWorker)} (node ${fmtFigure(onNode)}, ratio ${fmtRatio(ratio)})`);
        list.push({ name: c.name, path: c.path, worker: onWorker, node: onNode, ratio });
      }
      await node.stop();

      const sweeps: { phase: string; worker: SweepFigure; node: SweepFigure; ratio: number }[] = [];
      const measure = async (phase: string, url: string, files: { d1File: string; nodeFile: string }) => {
        const w = await workerSweep(url);
        const n = await nodeSweep(files.nodeFile);
        const ratio = w.ms / n.ms;
        print(
          `worker sweep ${phase} (${w.today}): ${ms(w.ms)}, ${fmtInt(w.raised)} raised, ${fmtInt(w.resolved)} resolved (node runSweep ${ms(n.ms)}, ${fmtInt(n.raised)} raised, ratio ${fmtRatio(ratio)})`,
        );
        sweeps.push({ phase, worker: w, node: n, ratio });
        return { w, n };
      };
      const firstRun = await measure('first run', w1.url, first);
      await w1.stop();
      sameAlerts('first run', first.d1File, first.nodeFile, firstRun.w, firstRun.n);

      // The daily run and a run with nothing left to flag, on the data as the first sweep
      // left it yesterday at 09:00 in Tokyo (that sweep runs on Node, untimed).
      const sweptPath = await copyDatabase(seeded, 'worker-swept-yesterday.db');
      const setup = await nodeSweep(sweptPath, new Date(`${yesterday}T00:00:00.000Z`));
      const daily = await twins(build, sweptPath, 'daily');
      print(`worker sweep of ${yesterday} (setup, on Node): ${fmtInt(setup.raised)} raised`);
      const w2 = await startWorker(build, daily.persist);
      servers.push(w2);
      sameCounts('daily', w2.counts, daily.counts);
      await pageIds(w2.url + cases[0]?.path); // the isolate's first request starts the app: not timed
      const dailyRun = await measure('daily run', w2.url, daily);
      const nothing = await measure('nothing to flag', w2.url, daily);
      await w2.stop();
      sameAlerts('daily run', daily.d1File, daily.nodeFile, dailyRun.w, dailyRun.n);
      if (nothing.w.raised !== 0 || nothing.n.raised !== 0) throw new Error('a second run the same day raised alerts');
      const ran = [firstRun, dailyRun, nothing].flatMap((r) => [r.w.today, r.n.today]);
      if (ran.some((d) => d !== today))
        throw new Error(`the date in ${TIME_ZONE} changed during the run: run it again`);
      return {
        contractors: CONTRACTORS,
        reviews: rv,
        counts: { first: first.counts, daily: daily.counts },
        list,
        sweeps,
      };
    } finally {
      for (const s of servers) await s.stop();
    }
  },
};
