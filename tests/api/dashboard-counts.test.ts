import { readFileSync } from 'node:fs';
import { getTableColumns } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractors, reviews } from '../../db/schema';
import { addDays } from '../../src/domain/calendar';
import { dashboardSummary, reviewsPerMonth } from '../../src/modules/dashboard/dashboard.service';
import { reviewMonthsByScan, summaryCountsByScan } from '../../src/modules/dashboard/dashboard-scan.repo';
import { type ServiceContext, SYSTEM_ACTOR } from '../../src/platform/app-env';
import { type Clock, FixedClock } from '../../src/platform/clock';
import {
  allClauses,
  daysFromToday,
  newAgreement,
  newContractor,
  passingChecklist,
  scheduleReview,
  today,
} from '../support/factories';
import { type Client, client } from '../support/http';
import { createTarget, type Target, targetKind } from '../support/target';

/**
 * The dashboard's maintained counts (db/migrations/0017_dashboard_counts.sql) against the
 * scan of the tables they replace (dashboard-scan.repo.ts), after random writes through
 * the API and raw SQL on every column the summary reads, for several "today"s.
 */
let target: Target;
let admin: Client;
const ids = {
  contractors: [] as string[],
  reviews: [] as string[],
  agreements: [] as string[],
  findings: [] as string[],
};
let accepted = 0;

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  // A registry to start from: contractors of each tier, with open reviews, a fixed-term agreement and a finding.
  const tiers = [{ handlesSpecialCare: true }, { systemAccess: true }, {}];
  await Promise.all(
    tiers.map(async (extra) => {
      const c = await newContractor(admin, extra);
      ids.contractors.push(c.id);
      const reviews = await Promise.all([-3, 10, 40].map((d) => scheduleReview(admin, c.id, daysFromToday(d))));
      ids.reviews.push(...reviews.map((r) => r.id));
      ids.agreements.push((await newAgreement(admin, c.id, { autoRenew: false, endDate: daysFromToday(30) })).id);
      const finding = { contractorId: c.id, severity: 'low', category: 'human', description: '教育', dueDate: today() };
      await created(await admin.post('/api/v1/findings', finding), ids.findings);
    }),
  );
});
afterAll(() => target.close());

const contextOn = (day: string) => {
  const clock: Clock = new FixedClock(`${day}T03:00:00Z`);
  return { db: target.db, clock, actor: SYSTEM_ACTOR } as ServiceContext;
};

/** The "today"s each comparison is made for: now, a month earlier, later ones (a month's last day and the next). */
const days = () => {
  const t = today();
  const monthEnd = addDays(`${addDays(`${t.slice(0, 8)}01`, 40).slice(0, 8)}01`, -1);
  return [t, addDays(t, -31), addDays(t, 15), monthEnd, addDays(monthEnd, 1), addDays(t, 61)];
};

/** Workers reach D1 through a proxy, query by query: fewer runs and "today"s there keep the file lean. */
const worker = targetKind() === 'worker';

async function expectExact() {
  const compared = await Promise.all(
    days()
      .slice(0, worker ? 3 : undefined)
      .map(async (day) => {
        const ctx = contextOn(day);
        return Promise.all([
          dashboardSummary(ctx),
          dashboardSummary(ctx, summaryCountsByScan),
          reviewsPerMonth(ctx),
          reviewsPerMonth(ctx, reviewMonthsByScan),
        ]);
      }),
  );
  for (const [counted, scanned, months, scannedMonths] of compared) {
    // Byte for byte: the same keys in the same order, the same values.
    expect(JSON.stringify(counted)).toBe(JSON.stringify(scanned));
    expect(months).toEqual(scannedMonths);
  }
  const res = await admin.get('/api/v1/dashboard/summary');
  expect(await res.json()).toEqual(await dashboardSummary(contextOn(today()), summaryCountsByScan));
}

const offset = fc.integer({ min: -45, max: 75 });
const date = offset.map(daysFromToday);
const pick = (list: string[], i: number) => list[i % Math.max(1, list.length)];
const q = (v: string | number | null) => (v === null ? 'NULL' : typeof v === 'number' ? String(v) : `'${v}'`);
const columns = (t: typeof contractors | typeof reviews) => Object.values(getTableColumns(t)).map((c) => c.name);

/** Writes the API accepted (it may refuse some: a closed review, a transition not allowed). */
const done = (res: Response) => {
  if (res.status < 300) accepted++;
};
const created = async (res: Response, list: string[]) => {
  done(res);
  if (res.status < 300) list.push(((await res.json()) as { id: string }).id);
};
/** A raw write; one a constraint refuses (a unique alert, a referenced row) must leave the counts as they were. */
let rawApplied = 0;
const raw = (statement: string) =>
  target.exec(statement).then(
    () => void rawApplied++,
    (e: Error) => {
      if (!/constraint/i.test(e.message)) throw e;
    },
  );

type Value = string | number | null;
/** Raw UPDATEs of rows picked by their state (`by`): the column-by-column pass runs these first. */
const singleColumnUpdates: (() => Promise<void>)[][] = [];
const update = async (table: string, by: [string, string], set: Record<string, Value>, i: number) => {
  const columns = Object.entries(set).map(([k, v]) => `${k} = ${q(v)}`);
  if (columns.length === 0) return;
  const row = `(SELECT id FROM ${table} WHERE ${by[0]} = ${q(by[1])} ORDER BY id LIMIT 1 OFFSET ${i % 3})`;
  await raw(`UPDATE ${table} SET ${columns.join(', ')} WHERE id = ${row}`);
};
/**
 * A raw UPDATE of any subset of the columns of a row in any state, to any of the values
 * given; and, for the column-by-column pass, each column changed alone in each state (to
 * two different values, so that at least one is a change): what a trigger's WHEN can miss.
 */
function rawUpdate(table: string, by: string, states: string[], values: Record<string, Value[]>) {
  for (const state of states) {
    const group: (() => Promise<void>)[] = [];
    singleColumnUpdates.push(group);
    for (const [column, [first, second]] of Object.entries(values)) {
      for (const v of [first, second]) group.push(() => update(table, [by, state], { [column]: v ?? null }, 0));
    }
  }
  const set = fc.record(Object.fromEntries(Object.entries(values).map(([k, vs]) => [k, fc.constantFrom(...vs)])), {
    requiredKeys: [],
  });
  return fc.tuple(fc.nat(), fc.constantFrom(...states), set).map(
    ([i, state, s]) =>
      () =>
        update(table, [by, state], s as Record<string, Value>, i),
  );
}
const statuses = ['proposed', 'approved', 'active', 'suspended', 'terminated'];
const reviewStatuses = ['scheduled', 'in_progress', 'completed', 'cancelled'];
/**
 * Dates around the edges the summary counts by (today, 14 and 60 days ahead); the first two
 * lie on either side of every "today" compared, so that the column-by-column pass moves a
 * row across them.
 */
const dates = [30, -40, -20, -1, 0, 1, 14, 15, 60, 61].map(daysFromToday);

/** One write: through the API (the services' own units) or raw SQL (every column, any value). */
const writes = [
  fc.record({ tier: fc.constantFrom('high', 'medium', 'low', null) }).map(({ tier }) => async () => {
    const c = await newContractor(admin, tier ? { riskTierOverride: tier, riskOverrideReason: '監督方針' } : {});
    ids.contractors.push(c.id);
    accepted++;
  }),
  fc.tuple(fc.nat(), date, fc.constantFrom('periodic', 'selection', 'follow_up')).map(([i, due, kind]) => async () => {
    const c = pick(ids.contractors, i);
    if (c) await created(await admin.post('/api/v1/reviews', { contractorId: c, kind, dueDate: due }), ids.reviews);
  }),
  fc.tuple(fc.nat(), fc.integer({ min: -40, max: 0 })).map(([i, d]) => async () => {
    const r = pick(ids.reviews, i);
    const body = { completedOn: daysFromToday(d), outcome: 'satisfactory', checklist: passingChecklist };
    if (r) done(await admin.post(`/api/v1/reviews/${r}/complete`, body));
  }),
  fc.nat().map((i) => async () => {
    const r = pick(ids.reviews, i);
    if (r) done(await admin.post(`/api/v1/reviews/${r}/cancel`, { reason: '日程の再調整' }));
  }),
  fc.tuple(fc.nat(), date).map(([i, due]) => async () => {
    const r = pick(ids.reviews, i);
    if (r) done(await admin.patch(`/api/v1/reviews/${r}`, { dueDate: due }));
  }),
  fc.tuple(fc.nat(), fc.constantFrom('approved', 'active', 'suspended', 'terminated')).map(([i, to]) => async () => {
    const c = pick(ids.contractors, i);
    if (c) done(await admin.post(`/api/v1/contractors/${c}/transition`, { to }));
  }),
  fc
    .tuple(fc.nat(), fc.boolean(), fc.option(date), fc.subarray(Object.keys(allClauses)))
    .map(([i, autoRenew, end, missing]) => async () => {
      const c = pick(ids.contractors, i);
      const clauses = Object.fromEntries(Object.keys(allClauses).map((k) => [k, !missing.includes(k)]));
      const body = {
        contractorId: c,
        title: '業務委託契約',
        purpose: '配送',
        dataCategories: ['customers'],
        startDate: daysFromToday(-400),
        endDate: end,
        autoRenew: autoRenew && end !== null,
        ...(autoRenew && end !== null ? { renewalTermMonths: 12 } : {}),
        reconsignment: 'prohibited',
        clauses,
      };
      if (c) await created(await admin.post('/api/v1/agreements', body), ids.agreements);
    }),
  fc.tuple(fc.nat(), fc.option(date)).map(([i, on]) => async () => {
    const a = pick(ids.agreements, i);
    if (a) done(await admin.patch(`/api/v1/agreements/${a}`, { terminatedOn: on }));
  }),
  fc.tuple(fc.nat(), date).map(([i, due]) => async () => {
    const c = pick(ids.contractors, i);
    const body = { contractorId: c, severity: 'medium', category: 'technical', description: '是正', dueDate: due };
    if (c) await created(await admin.post('/api/v1/findings', body), ids.findings);
  }),
  fc.nat().map((i) => async () => {
    const f = pick(ids.findings, i);
    if (f) done(await admin.patch(`/api/v1/findings/${f}`, { resolvedOn: daysFromToday(-1) }));
  }),
  fc.constant(async () => done(await admin.post('/api/v1/jobs/sweep'))),
  fc.tuple(fc.nat(), fc.boolean()).map(([i, resolve]) => async () => {
    const [a] = await target.query<{ id: string }>(
      `SELECT id FROM alerts WHERE status <> 'resolved' ORDER BY id LIMIT 1 OFFSET ${i % 5}`,
    );
    if (a) done(await admin.post(`/api/v1/alerts/${a.id}/${resolve ? 'resolve' : 'acknowledge'}`, {}));
  }),
  // Raw SQL: values no service writes, and deletes (a refused one must leave the counts as they were).
  rawUpdate('contractors', 'status', statuses, {
    status: statuses,
    risk_tier: ['high', 'medium', 'low'],
    next_review_due: [...dates, null],
  }),
  rawUpdate('reviews', 'status', reviewStatuses, {
    status: reviewStatuses,
    due_date: dates,
    completed_on: [...dates, null],
  }),
  fc
    .tuple(fc.nat(), fc.constantFrom('scheduled', 'completed', 'cancelled'), date)
    .map(([i, status, due]) => async () => {
      const r = pick(ids.reviews, i);
      if (!r) return;
      const id = `raw-${ids.reviews.length}-${r}`;
      const cols = columns(reviews);
      const values = cols.map((c) =>
        c === 'id' ? q(id) : c === 'status' ? q(status) : c === 'due_date' ? q(due) : c === 'completed_on' ? q(due) : c,
      );
      await raw(`INSERT INTO reviews (${cols.join(', ')}) SELECT ${values.join(', ')} FROM reviews WHERE id = ${q(r)}`);
      ids.reviews.push(id);
    }),
  fc.tuple(fc.nat(), fc.constantFrom('proposed', 'active', 'terminated')).map(([i, status]) => async () => {
    const c = pick(ids.contractors, i);
    if (!c) return;
    const id = `raw-${ids.contractors.length}-${c}`;
    const cols = columns(contractors);
    const values = cols.map((k) =>
      k === 'id' ? q(id) : k === 'status' ? q(status) : k === 'corporate_number' ? 'NULL' : k,
    );
    await raw(
      `INSERT INTO contractors (${cols.join(', ')}) SELECT ${values.join(', ')} FROM contractors WHERE id = ${q(c)}`,
    );
    ids.contractors.push(id);
  }),
  rawUpdate('agreements', 'auto_renew', ['0', '1'], {
    auto_renew: [0, 1],
    end_date: [...dates, null],
    terminated_on: [null, ...dates],
    missing_clause_count: [0, 1, 3],
  }),
  rawUpdate('findings', 'status', ['open', 'resolved'], { status: ['open', 'resolved'], due_date: dates }),
  rawUpdate('alerts', 'status', ['open', 'acknowledged', 'resolved'], {
    status: ['open', 'acknowledged', 'resolved'],
    severity: ['info', 'warning', 'critical'],
  }),
  fc
    .tuple(fc.constantFrom('findings', 'reviews', 'agreements', 'alerts', 'contractors'), fc.nat())
    .map(([table, i]) => async () => {
      // Rows still referenced are refused by their foreign keys: the whole statement, counts included, is undone.
      await raw(`DELETE FROM ${table} WHERE id = (SELECT id FROM ${table} ORDER BY id DESC LIMIT 1 OFFSET ${i % 4})`);
    }),
];
const write = fc.oneof(...writes);

describe('dashboard counts', () => {
  it('equal the scan of the tables after random writes, for any today', async () => {
    // Every kind of write once on the fresh registry, each counted column changed alone,
    // then random sequences of writes.
    for (const kind of writes) for (const w of fc.sample(kind, 1)) await w();
    // Compared after each state's changes on Node: a later state's change could undo an earlier one.
    for (const group of singleColumnUpdates) {
      for (const u of group) await u();
      if (!worker) await expectExact();
    }
    await expectExact();
    await fc.assert(
      fc.asyncProperty(fc.array(write, { minLength: 3, maxLength: 10 }), async (writes) => {
        for (const w of writes) await w();
        await expectExact();
      }),
      { numRuns: worker ? 3 : 14 },
    );
    // The writes went through the services and raw SQL alike (refusals alone would prove nothing).
    expect(accepted).toBeGreaterThan(5);
    expect(rawApplied).toBeGreaterThan(5);

    // The migration's backfill gives the same counts from the rows as they are now.
    const migration = readFileSync('db/migrations/0017_dashboard_counts.sql', 'utf8').split('--> statement-breakpoint');
    // (Alerts are counted from an index since 0019: their count table is gone.)
    const tables = ['contractor_counts', 'review_days', 'agreement_counts', 'finding_days'];
    const before = await Promise.all(tables.map((t) => target.query(`SELECT * FROM dashboard_${t} ORDER BY 1, 2`)));
    for (const t of tables) await target.exec(`DELETE FROM dashboard_${t}`);
    const fills = migration.filter(
      (s) => s.trim().startsWith('INSERT INTO `dashboard_') && !s.includes('alert_counts'),
    );
    for (const s of fills) await target.exec(s);
    const after = await Promise.all(tables.map((t) => target.query(`SELECT * FROM dashboard_${t} ORDER BY 1, 2`)));
    expect(after).toEqual(before);
  });

  it('stay exact under concurrent completions, cancellations and schedulings', async () => {
    const c = await newContractor(admin);
    const open = await Promise.all(
      Array.from({ length: 24 }, (_, i) => scheduleReview(admin, c.id, daysFromToday(i - 8))),
    );
    const body = { completedOn: today(), outcome: 'satisfactory', checklist: passingChecklist };
    const results = await Promise.all([
      ...open.slice(0, 20).map((r) => admin.post(`/api/v1/reviews/${r.id}/complete`, body)),
      ...open.slice(20).map((r) => admin.post(`/api/v1/reviews/${r.id}/cancel`, { reason: '重複' })),
      ...Array.from({ length: 4 }, (_, i) =>
        admin.post('/api/v1/reviews', { contractorId: c.id, kind: 'periodic', dueDate: daysFromToday(i) }),
      ),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([...Array(24).fill(200), ...Array(4).fill(201)].sort());
    await expectExact();
  });
});
