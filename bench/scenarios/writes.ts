import autocannon from 'autocannon';
import { addDays, civilDate } from '../../src/domain/calendar';
import { copyDatabase, scratchPath } from '../lib/dataset';
import { fmtInt, fmtRatio } from '../lib/load';
import type { Scenario } from '../lib/scenario';
import { adminAuth, type BenchServer, itakuEnv, startServer } from '../lib/server';
import { TIME_ZONE } from '../seed';

/** benchmarks.md: no error at any concurrency, and at least half the raw handler's rate. */
const TARGET_RATIO = 0.5;
const CONNECTIONS = [1, 10, 50];
const SECONDS = Number(process.env.BENCH_DURATION ?? 6);

interface WriteFigure {
  connections: number;
  reqPerSec: number;
  p99Ms: number;
  requests: number;
  errors: number;
}

/** POSTs the same finding body for `SECONDS`, counting every error and non-2xx answer. */
async function post(url: string, headers: Record<string, string>, body: string, connections: number) {
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { ...headers, 'content-type': 'application/json' },
    body,
    connections,
    duration: SECONDS,
    timeout: 10,
  });
  const figure: WriteFigure = {
    connections,
    reqPerSec: Math.round(r.requests.total / r.duration),
    p99Ms: r.latency.p99,
    requests: r.requests.total,
    errors: r.errors + r.timeouts + r.non2xx,
  };
  return figure;
}

export const writes: Scenario = {
  name: 'writes',
  title: 'audited POST /api/v1/findings at 1, 10 and 50 connections vs a raw INSERT + audit INSERT handler',
  async run(print) {
    const servers: BenchServer[] = [];
    try {
      // A fresh database, migrated and bootstrapped by the first start, then copied for the raw handler.
      const path = await scratchPath('writes.db');
      const first = await startServer('src/node.ts', itakuEnv(path), '/healthz');
      const res = await fetch(`${first.url}/api/v1/contractors`, {
        method: 'POST',
        headers: { ...adminAuth, 'content-type': 'application/json' },
        body: JSON.stringify({ name: '書込ベンチ株式会社', dataCategories: ['customers'] }),
      });
      const contractor = (await res.json()) as { id: string };
      await first.stop();
      const rawPath = await copyDatabase(path, 'writes-raw.db');
      const itaku = await startServer('src/node.ts', itakuEnv(path), '/healthz');
      servers.push(itaku);
      const raw = await startServer('bench/raw-server.ts', { ITAKU_DB_PATH: rawPath }, '/page');
      servers.push(raw);
      const body = JSON.stringify({
        contractorId: contractor.id,
        severity: 'medium',
        category: 'technical',
        description: 'アクセスログの定期確認が未実施',
        dueDate: addDays(civilDate(new Date(), TIME_ZONE), 30),
      });
      const figures = [];
      for (const connections of CONNECTIONS) {
        // Alternating, so drift on a shared machine hits both alike.
        const audited = await post(`${itaku.url}/api/v1/findings`, adminAuth, body, connections);
        const bare = await post(`${raw.url}/findings`, {}, body, connections);
        const ratio = audited.reqPerSec / bare.reqPerSec;
        figures.push({ connections, audited, raw: bare, ratio });
        const misses = [
          audited.errors > 0 ? ` MISSES 0 errors` : '',
          ratio < TARGET_RATIO ? ` MISSES ≥ ${TARGET_RATIO}× raw` : '',
        ].join('');
        print(
          `writes POST /findings at ${connections} connection${connections === 1 ? '' : 's'}: ${fmtInt(audited.reqPerSec)} req/s p99 ${fmtInt(audited.p99Ms)} ms, ${fmtInt(audited.errors)} errors of ${fmtInt(audited.requests)} (raw INSERT + audit INSERT ${fmtInt(bare.reqPerSec)} req/s p99 ${fmtInt(bare.p99Ms)} ms, ratio ${fmtRatio(ratio)})${misses}`,
        );
      }
      const verify = (await (
        await fetch(`${itaku.url}/api/v1/audit-events/verify`, { headers: adminAuth })
      ).json()) as { ok: boolean; count: number; unsealed: number };
      print(
        `writes audit chain afterwards: ${verify.ok ? 'verifies' : 'BROKEN'}, ${fmtInt(verify.count)} events, ${fmtInt(verify.unsealed)} unsealed`,
      );
      return { figures, verify, targetRatio: TARGET_RATIO };
    } finally {
      for (const s of servers) await s.stop();
    }
  },
};
