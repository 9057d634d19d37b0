import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCursor } from '../../src/platform/cursor';
import { activeContractor, daysFromToday, newAgreement, newContractor, scheduleReview } from '../support/factories';
import { client } from '../support/http';
import { createTarget, type Target } from '../support/target';

/**
 * The query plans of the SQL the app really runs: every statement of a request is traced
 * on the Node connection (values filled in) and explained. A list filter must read an
 * index, never scan a whole table; a change to a query or an index that loses this fails here.
 */
const traced: string[] = [];
let target: Target;
let contractorId = '';
beforeAll(async () => {
  target = await createTarget({ trace: (sql) => traced.push(sql) });
  const api = client(target);
  const parent = await activeContractor(api, { name: '計画親会社', dataCategories: ['customers', 'employees'] });
  contractorId = parent.id;
  await newAgreement(api, parent.id, { reconsignment: 'allowed' });
  for (let i = 0; i < 5; i++) {
    const c = await newContractor(api, { name: `計画子会社 ${i}`, parentId: parent.id, dataCategories: ['customers'] });
    await scheduleReview(api, c.id, daysFromToday(-i));
  }
  await api.post('/api/v1/jobs/sweep');
  // Plans as at scale: without the statistics of these few rows (the sweep keeps them), the
  // planner assumes large tables, as it would see them in use.
  await target.exec('DELETE FROM sqlite_stat1');
  await target.exec('ANALYZE sqlite_schema');
});
afterAll(() => target.close());

const BIG_TABLES =
  /\bSCAN (contractors|agreements|reviews|findings|alerts|incidents|audit_events|audit_seals|api_tokens|outbox)\b(?! USING)/;

async function plansOf(path: string): Promise<{ sql: string; plan: string }[]> {
  traced.length = 0;
  const res = await client(target).get(path);
  expect(res.status, `${path}: ${await res.clone().text()}`).toBe(200);
  await res.arrayBuffer();
  const selects = traced.filter((s) => /^\s*(WITH|SELECT)\b/i.test(s) && !/sqlite_master|PRAGMA/i.test(s));
  expect(selects.length, path).toBeGreaterThan(0);
  const plans = [];
  for (const sql of selects) {
    const rows = await target.query<{ detail: string }>(`EXPLAIN QUERY PLAN ${sql}`);
    plans.push({ sql, plan: rows.map((r) => r.detail).join(' | ') });
  }
  traced.length = 0;
  return plans;
}

const cursor = encodeCursor(['0']);
const dueCursor = encodeCursor([daysFromToday(0), '0']);

describe('the SQL behind each list reads an index', () => {
  it.each([
    '/api/v1/contractors?limit=50',
    `/api/v1/contractors?limit=50&cursor=${cursor}`,
    '/api/v1/contractors?status=active',
    '/api/v1/contractors?riskTier=high',
    '/api/v1/contractors?supervisionStatus=overdue',
    '/api/v1/contractors?supervisionStatus=due_soon',
    '/api/v1/contractors?supervisionStatus=on_track',
    '/api/v1/contractors?supervisionStatus=none_scheduled',
    '/api/v1/agreements?limit=50',
    '/api/v1/agreements?status=active',
    '/api/v1/agreements?expiringWithinDays=60',
    '/api/v1/reviews?overdue=true',
    '/api/v1/reviews?status=scheduled',
    `/api/v1/reviews?status=scheduled&cursor=${dueCursor}`,
    '/api/v1/findings?overdue=true',
    '/api/v1/alerts?status=open',
    '/api/v1/incidents',
    '/api/v1/users',
    '/api/v1/webhooks',
    '/api/v1/jobs/runs',
  ])('%s', async (path) => {
    for (const { sql, plan } of await plansOf(path)) expect(plan, sql).not.toMatch(BIG_TABLES);
  });

  it('pages the audit trail newest first by walking its key backwards, stopping at the page', async () => {
    const plans = await plansOf('/api/v1/audit-events?limit=50');
    const list = plans.find((p) => /from "audit_events"/.test(p.sql) && /limit/i.test(p.sql));
    expect(list?.plan).toMatch(/^SCAN audit_events\b/);
    expect(list?.plan).not.toMatch(/TEMP B-TREE/);
  });

  it.each([
    ['/api/v1/alerts?status=open&sort=raised', /alerts_status_idx/],
    ['/api/v1/alerts?status=open&sort=due', /alerts_status_due_idx/],
    ['/api/v1/alerts?status=open&sort=severity', /alerts_unresolved_severity_idx/],
  ])('reads a page of %s in its order from %s, sorting nothing', async (path, index) => {
    const plans = await plansOf(`${path}&limit=50`);
    const list = plans.find((p) => /from "alerts"/.test(p.sql) && /limit/i.test(p.sql));
    expect(list?.plan).toMatch(index);
    expect(list?.plan).not.toMatch(/TEMP B-TREE/);
  });

  it.each([
    ['/api/v1/contractors?status=active', /contractors_status_idx/],
    ['/api/v1/contractors?riskTier=high', /contractors_risk_idx/],
    ['/api/v1/contractors?supervisionStatus=overdue', /contractors_next_due_idx/],
    ['/api/v1/contractors?supervisionStatus=none_scheduled', /contractors_next_due_idx/],
    ['/api/v1/findings?overdue=true', /findings_status_due_idx/],
  ])('%s uses %s', async (path, index) => {
    const plans = await plansOf(path);
    expect(plans.map((p) => p.plan).join('\n')).toMatch(index);
  });

  it.each([
    () => `/api/v1/contractors?parentId=${contractorId}`,
    () => `/api/v1/agreements?contractorId=${contractorId}`,
    () => `/api/v1/reviews?contractorId=${contractorId}`,
    () => `/api/v1/audit-events?entityType=contractor&entityId=${contractorId}`,
    () => `/api/v1/contractors/${contractorId}/chain`,
  ])('a filter by subject reads its index (%#)', async (path) => {
    for (const { sql, plan } of await plansOf(path())) expect(plan, sql).not.toMatch(BIG_TABLES);
  });
});
