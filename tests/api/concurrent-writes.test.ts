import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, newContractor } from '../support/factories';
import { client } from '../support/http';
import { createTarget, type Target, targetKind } from '../support/target';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

/** Runs `total` calls with at most `connections` in flight, as a load generator would. */
async function pool<T>(total: number, connections: number, call: (i: number) => Promise<T>): Promise<T[]> {
  const results: T[] = new Array(total);
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < total; i = next++) results[i] = await call(i);
    }),
  );
  return results;
}

// The figures the write path is held to: 2,000 audited writes at 50 concurrent requests on
// Node and at 10 on the built worker, with no error, one chain and an event for each write.
const TOTAL = 2_000;
const CONNECTIONS = targetKind() === 'worker' ? 10 : 50;

describe(`audited writes under concurrent use (${targetKind()})`, () => {
  it(`accepts ${TOTAL} POST /findings at ${CONNECTIONS} at once, each with its event, in one sealed chain`, async () => {
    const api = client(target);
    const c = await newContractor(api, { name: '並行書込株式会社' });
    const before = (await (await api.get('/api/v1/audit-events/verify')).json()) as { count: number };
    const statuses = await pool(TOTAL, CONNECTIONS, async (i) => {
      const res = await api.post('/api/v1/findings', {
        contractorId: c.id,
        severity: 'low',
        category: 'technical',
        description: `並行 ${i}`,
        dueDate: daysFromToday(30),
      });
      if (res.status !== 201) return `${res.status} ${await res.text()}`;
      await res.body?.cancel();
      return 201;
    });
    expect(statuses.filter((s) => s !== 201)).toEqual([]);
    const findings = await target.query<{ n: number }>(
      'SELECT count(*) AS n FROM findings WHERE contractor_id = ?',
      c.id,
    );
    expect(findings[0]?.n).toBe(TOTAL);
    // Every committed write has its event: one finding.create per finding row.
    const orphans = await target.query<{ n: number }>(
      `SELECT count(*) AS n FROM findings f WHERE f.contractor_id = ? AND NOT EXISTS
         (SELECT 1 FROM audit_events e WHERE e.entity_type = 'finding' AND e.entity_id = f.id AND e.action = 'finding.create')`,
      c.id,
    );
    expect(orphans[0]?.n).toBe(0);
    const v = (await (await api.get('/api/v1/audit-events/verify')).json()) as {
      ok: boolean;
      count: number;
      sealed: number;
      unsealed: number;
    };
    expect(v).toMatchObject({ ok: true, unsealed: 0 });
    expect(v.count).toBe(before.count + TOTAL);
    expect(v.sealed).toBe(v.count);
  }, 180_000);
});
