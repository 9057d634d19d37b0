import { encodeCursor } from '../../src/platform/cursor';
import { CONTRACTORS, contractorData } from '../lib/dataset';
import { fmtFigure, fmtInt, fmtRatio, load, loadPaired } from '../lib/load';
import type { Scenario } from '../lib/scenario';
import { adminAuth, type BenchServer, itakuEnv, startServer } from '../lib/server';

const TARGET = 0.7;

interface Case {
  name: string;
  path: string;
  /** Why a 200 is not enough: an empty or wrong page would be fast and meaningless. */
  check(items: { id: string; supervisionStatus: string }[]): boolean;
}

function cases(ids: string[]): Case[] {
  const full = (items: unknown[]) => items.length === 50;
  // A cursor from deep in the list (90 % through), as a client paging that far would hold.
  const deepId = ids[Math.floor(ids.length * 0.9)] ?? '';
  const q = (term: string) => `/api/v1/contractors?q=${encodeURIComponent(term)}&limit=50`;
  return [
    { name: 'first page', path: '/api/v1/contractors?limit=50', check: full },
    {
      name: 'deep cursor page',
      path: `/api/v1/contractors?limit=50&cursor=${encodeCursor([deepId])}`,
      check: (items) => full(items) && items.every((i) => i.id > deepId),
    },
    { name: 'status=active', path: '/api/v1/contractors?status=active&limit=50', check: full },
    { name: 'riskTier=high', path: '/api/v1/contractors?riskTier=high&limit=50', check: full },
    {
      name: 'supervisionStatus=overdue',
      path: '/api/v1/contractors?supervisionStatus=overdue&limit=50',
      check: (items) => full(items) && items.every((i) => i.supervisionStatus === 'overdue'),
    },
    // Common term (~10 % of names): the LIKE scan stops after 51 hits.
    { name: 'q=物流', path: q('物流'), check: full },
    // Rare term (~0.1 %, ~115 hits): the scan reads about half the table to fill a page.
    { name: 'q=サンプル物流', path: q('サンプル物流'), check: (items) => items.length > 0 },
  ];
}

async function expectPage(url: string, headers: Record<string, string>, c: Case): Promise<void> {
  const res = await fetch(url, { headers });
  const body = (await res.json()) as { items?: { id: string; supervisionStatus: string }[] };
  if (!res.ok || !body.items || !c.check(body.items)) {
    throw new Error(`${c.name}: unexpected answer ${res.status} ${JSON.stringify(body).slice(0, 300)}`);
  }
}

export const contractorList: Scenario = {
  name: 'contractors',
  title: `GET /api/v1/contractors on ${fmtInt(CONTRACTORS)} contractors vs a raw prepared statement`,
  async run(print) {
    const servers: BenchServer[] = [];
    try {
      // The run's shared database (seeded once; later scenarios add reviews to it).
      const data = await contractorData(print);
      const seeded = data.seed;
      const dbPath = data.path;
      const itaku = await startServer('src/node.ts', itakuEnv(dbPath), '/healthz');
      servers.push(itaku);
      const raw = await startServer('bench/raw-server.ts', { ITAKU_DB_PATH: dbPath }, '/page');
      servers.push(raw);

      const auth = adminAuth;
      const list = cases(seeded.contractorIds);
      for (const c of list) await expectPage(itaku.url + c.path, auth, c);

      // /healthz once, for reference; every list page is measured in alternating slices with
      // the raw page, so each line carries its own baseline from the same seconds.
      const healthz = await load({ url: `${itaku.url}/healthz` });
      print(`contractors healthz (reference): ${fmtFigure(healthz)}`);
      const measured = [];
      for (const c of list) {
        const [page, rawPage] = await loadPaired(
          { url: itaku.url + c.path, headers: auth },
          { url: `${raw.url}/page` },
        );
        const ratioRaw = page.reqPerSec / rawPage.reqPerSec;
        const ratioHealthz = page.reqPerSec / healthz.reqPerSec;
        measured.push({ name: c.name, path: c.path, page, rawPage, ratioRaw, ratioHealthz });
        print(
          `contractors ${c.name}: ${fmtFigure(page)} (raw page ${fmtFigure(rawPage)}, ratio ${fmtRatio(ratioRaw)}; healthz ${fmtInt(healthz.reqPerSec)} req/s, ratio ${fmtRatio(ratioHealthz)})${Number(fmtRatio(ratioRaw)) < TARGET ? ` below target ${TARGET.toFixed(2)}` : ''}`,
        );
      }
      return {
        seed: { ...seeded, contractorIds: undefined, contractors: CONTRACTORS },
        target: TARGET,
        healthz,
        cases: measured,
      };
    } finally {
      for (const s of servers) await s.stop();
    }
  },
};
