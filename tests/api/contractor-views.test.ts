import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractorBody, daysFromToday, newContractor, scheduleReview } from '../support/factories';
import { type Client, client } from '../support/http';
import { createTarget, type Target } from '../support/target';

/**
 * List pages answer from the views they kept of each contractor (contractors.view-cache.ts).
 * After random writes — profile changes that move the risk tier, reviews scheduled and
 * cancelled that move the next review date and the supervision status — every listed
 * contractor must equal what GET /contractors/{id} presents from its row now, and the page's
 * text must be exactly the JSON of its value.
 */
let target: Target;
let admin: Client;
const ids: string[] = [];
const openReviews: string[] = [];

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  for (let i = 0; i < 12; i++) ids.push((await newContractor(admin, { name: `一覧 委託先 ${i}` })).id);
});
afterAll(() => target.close());

const FILTERS = [
  '',
  'riskTier=high&',
  'riskTier=low&',
  'supervisionStatus=overdue&',
  'supervisionStatus=due_soon&',
  'supervisionStatus=on_track&',
  'supervisionStatus=selection_pending&',
  `q=${encodeURIComponent('一覧')}&`,
];

/** Every page of a filter, 5 at a time, each page's text checked to be its value's JSON. */
async function listed(filter: string): Promise<ContractorBody[]> {
  const items: ContractorBody[] = [];
  for (let cursor = ''; ; ) {
    const res = await admin.get(`/api/v1/contractors?${filter}limit=5${cursor}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const text = await res.text();
    const page = JSON.parse(text) as { items: ContractorBody[]; nextCursor: string | null };
    expect(JSON.stringify(page)).toBe(text);
    items.push(...page.items);
    if (!page.nextCursor) return items;
    cursor = `&cursor=${page.nextCursor}`;
  }
}

async function expectListsPresentRowsNow(): Promise<void> {
  const fresh = new Map<string, unknown>();
  for (const id of ids) fresh.set(id, await (await admin.get(`/api/v1/contractors/${id}`)).json());
  for (const filter of FILTERS) {
    for (const item of await listed(filter)) {
      if (fresh.has(item.id)) expect(item, `${filter} ${item.id}`).toEqual(fresh.get(item.id));
    }
  }
}

type Step =
  | { kind: 'profile'; at: number; systemAccess: boolean; specialCare: boolean; name: number }
  | { kind: 'schedule'; at: number; days: number }
  | { kind: 'cancel'; at: number };

const stepArb: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('profile' as const),
    at: fc.nat(11),
    systemAccess: fc.boolean(),
    specialCare: fc.boolean(),
    name: fc.nat(99),
  }),
  fc.record({ kind: fc.constant('schedule' as const), at: fc.nat(11), days: fc.integer({ min: -40, max: 60 }) }),
  fc.record({ kind: fc.constant('cancel' as const), at: fc.nat(50) }),
);

async function apply(step: Step): Promise<void> {
  const id = ids[step.at % ids.length] ?? '';
  if (step.kind === 'profile') {
    const res = await admin.patch(`/api/v1/contractors/${id}`, {
      name: `一覧 委託先 ${step.at} 改${step.name}`,
      systemAccess: step.systemAccess,
      handlesSpecialCare: step.specialCare,
    });
    expect(res.status).toBe(200);
  } else if (step.kind === 'schedule') {
    openReviews.push((await scheduleReview(admin, id, daysFromToday(step.days))).id);
  } else if (openReviews.length) {
    const [review] = openReviews.splice(step.at % openReviews.length, 1);
    const res = await admin.post(`/api/v1/reviews/${review}/cancel`, { reason: '一覧の確認' });
    expect(res.status).toBe(200);
  }
}

describe('list pages from kept views', () => {
  it('show each contractor as its row is now, after random writes', async () => {
    await expectListsPresentRowsNow();
    const histories = fc.sample(fc.array(stepArb, { minLength: 1, maxLength: 6 }), { numRuns: 8, seed: 41 });
    for (const steps of histories) {
      for (const step of steps) await apply(step);
      await expectListsPresentRowsNow();
    }
  });

  it('show each contractor as its row is now when lists and writes run at once', async () => {
    await expectListsPresentRowsNow();
    const writes = ids.map((id, i) =>
      admin.patch(`/api/v1/contractors/${id}`, { systemAccess: i % 2 === 0, name: `一覧 委託先 ${i} 並行` }),
    );
    const reviews = ids.slice(0, 6).map((id, i) => scheduleReview(admin, id, daysFromToday(i * 7 - 20)));
    const lists = FILTERS.map((filter) => listed(filter));
    const [written] = await Promise.all([Promise.all(writes), Promise.all(reviews), Promise.all(lists)]);
    // A PATCH that loses the race to a review written on the same contractor meanwhile is
    // refused whole (412, as api.md's optimistic concurrency says); any other one lands.
    for (const [i, res] of written.entries()) expect(i < 6 ? [200, 412] : [200]).toContain(res.status);
    await expectListsPresentRowsNow();
  });
});
