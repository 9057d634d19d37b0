import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateCheckDigit } from '../../src/domain/corporate-number';
import { type ContractorBody, daysFromToday, newContractor, scheduleReview } from '../support/factories';
import { type Client, client, problem } from '../support/http';
import { createTarget, type Target } from '../support/target';

/**
 * The registry's rules that read before they write (one record per corporate number;
 * re-consignment chains acyclic and at most 5 levels deep) under real parallel requests:
 * each race is run for several rounds, on both targets.
 */
let target: Target;
let api: Client;
beforeAll(async () => {
  target = await createTarget();
  api = client(target);
});
afterAll(() => target.close());

const ROUNDS = 5;
const PARALLEL = 6;

let serial = 0;
/** A valid corporate number nobody else in this file uses. */
function corporateNumber(): string {
  serial++;
  const base = `7${String(serial).padStart(11, '0')}`;
  return `${corporateCheckDigit(base)}${base}`;
}

const holders = (n: string) => target.query<{ id: string }>('SELECT id FROM contractors WHERE corporate_number = ?', n);

interface Chain {
  contractor: { id: string; depth: number };
  ancestors: { id: string; depth: number }[];
  descendants: { id: string; depth: number }[];
}

async function chainOf(id: string): Promise<Chain> {
  const res = await api.get(`/api/v1/contractors/${id}/chain`);
  expect(res.status).toBe(200);
  return (await res.json()) as Chain;
}

/** Levels below the top of the chain, for the deepest contractor under `id` (or `id` itself). */
async function deepestLevel(id: string): Promise<number> {
  const chain = await chainOf(id);
  return chain.ancestors.length + Math.max(0, ...chain.descendants.map((d) => d.depth));
}

/** A chain of `length` contractors, the first at the top; returns them top first. */
async function chainOfLength(length: number, label: string): Promise<ContractorBody[]> {
  const members: ContractorBody[] = [];
  for (let i = 0; i < length; i++) {
    members.push(
      await newContractor(api, { name: `${label} ${i}`, parentId: members[i - 1]?.id, dataCategories: ['customers'] }),
    );
  }
  return members;
}

async function types(responses: Response[], status: number) {
  const failed = responses.filter((r) => r.status === status);
  return Promise.all(failed.map(async (r) => (await problem(r)).type));
}

const statuses = (responses: Response[]) => responses.map((r) => r.status).sort();

describe('one record per corporate number, under concurrent writes', () => {
  it('lets exactly one of N parallel registrations with one corporate number succeed', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const n = corporateNumber();
      const responses = await Promise.all(
        Array.from({ length: PARALLEL }, (_, i) =>
          api.post('/api/v1/contractors', {
            name: `同時登録 ${round}-${i}`,
            corporateNumber: n,
            dataCategories: ['customers'],
          }),
        ),
      );
      expect(statuses(responses)).toEqual([201, ...Array(PARALLEL - 1).fill(409)]);
      expect(await types(responses, 409)).toEqual(Array(PARALLEL - 1).fill('/problems/duplicate-contractor'));
      expect(await holders(n)).toHaveLength(1);
    }
  });

  it('lets one of several parallel changes to the same corporate number succeed', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const n = corporateNumber();
      const others = await Promise.all([newContractor(api), newContractor(api), newContractor(api)]);
      const responses = await Promise.all([
        ...others.map((c) => api.patch(`/api/v1/contractors/${c.id}`, { corporateNumber: n })),
        api.post('/api/v1/contractors', { name: `新規 ${round}`, corporateNumber: n, dataCategories: ['customers'] }),
      ]);
      expect(responses.filter((r) => r.status === 200 || r.status === 201)).toHaveLength(1);
      expect(await types(responses, 409)).toEqual(Array(3).fill('/problems/duplicate-contractor'));
      expect(await holders(n)).toHaveLength(1);
    }
  });

  it('fails a CSV import cleanly, importing nothing, when its corporate number is taken meanwhile', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const n = corporateNumber();
      const csv = [
        'name,corporateNumber,dataCategories',
        `一括 ${round} A,,customers`,
        `一括 ${round} B,${n},customers`,
      ];
      const [imported, created] = await Promise.all([
        target.fetch('/api/v1/imports/contractors', {
          method: 'POST',
          headers: { authorization: `Bearer ${target.adminToken}`, 'content-type': 'text/csv' },
          body: new TextEncoder().encode(csv.join('\n')),
        }),
        api.post('/api/v1/contractors', { name: `単独 ${round}`, corporateNumber: n, dataCategories: ['customers'] }),
      ]);
      expect(await holders(n)).toHaveLength(1);
      const importedA = await target.query('SELECT id FROM contractors WHERE name = ?', `一括 ${round} A`);
      if (imported.status === 201) {
        expect(created.status).toBe(409);
        expect(importedA).toHaveLength(1);
        continue;
      }
      expect(created.status).toBe(201);
      expect(importedA).toHaveLength(0);
      const body = await problem(imported);
      if (imported.status === 400) {
        expect(body.type).toBe('/problems/import-invalid');
        expect(body.errors?.map((e) => e.path)).toEqual(['row 2: corporateNumber']);
      } else {
        expect(imported.status).toBe(409);
        expect(body.type).toBe('/problems/duplicate-contractor');
      }
    }
  });
});

describe('re-consignment chains, under concurrent placements', () => {
  it('never lets A → B and B → A both succeed', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const [a, b] = [await newContractor(api), await newContractor(api)];
      const responses = await Promise.all([
        api.patch(`/api/v1/contractors/${a?.id}`, { parentId: b?.id }),
        api.patch(`/api/v1/contractors/${b?.id}`, { parentId: a?.id }),
      ]);
      expect(statuses(responses)).toEqual([200, 409]);
      expect(await types(responses, 409)).toEqual(['/problems/reconsignment-cycle']);
      for (const c of [a, b]) {
        const chain = await chainOf(String(c?.id));
        const ids = [...chain.ancestors, ...chain.descendants].map((m) => m.id);
        expect(ids).not.toContain(c?.id);
        expect(ids).toHaveLength(1);
      }
    }
  });

  it('never closes a longer loop when every link is placed at once', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const ring = [await newContractor(api), await newContractor(api), await newContractor(api)];
      const responses = await Promise.all(
        ring.map((c, i) => api.patch(`/api/v1/contractors/${c.id}`, { parentId: ring[(i + 1) % ring.length]?.id })),
      );
      expect(responses.filter((r) => r.status === 200).length).toBeLessThanOrEqual(2);
      expect(new Set(await types(responses, 409))).toEqual(new Set(['/problems/reconsignment-cycle']));
      for (const c of ring) {
        const chain = await chainOf(c.id);
        expect([...chain.ancestors, ...chain.descendants].map((m) => m.id)).not.toContain(c.id);
      }
    }
  });

  it('keeps chains at most 5 levels deep when two moves are each fine alone', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // a0 → a1 → a2; b0 → b1; c0 → c1. b0 under a2 puts b1 at level 4 (fine); c0 under b1
      // puts c1 at level 3 (fine); both together would put c1 at level 6.
      const a = await chainOfLength(3, `深さA${round}`);
      const b = await chainOfLength(2, `深さB${round}`);
      const c = await chainOfLength(2, `深さC${round}`);
      const responses = await Promise.all([
        api.patch(`/api/v1/contractors/${b[0]?.id}`, { parentId: a[2]?.id }),
        api.patch(`/api/v1/contractors/${c[0]?.id}`, { parentId: b[1]?.id }),
      ]);
      expect(statuses(responses)).toEqual([200, 409]);
      expect(await types(responses, 409)).toEqual(['/problems/chain-too-deep']);
      expect(await deepestLevel(String(c[1]?.id))).toBeLessThanOrEqual(5);
      expect(await deepestLevel(String(a[0]?.id))).toBeLessThanOrEqual(5);
    }
  });

  it('keeps the limit when a registration under a chain races a move of that chain', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      // a3 is at level 3: a new contractor under it lands at level 4; moving a0 under p1
      // puts a3 at level 5. Together the new one would be at level 6.
      const a = await chainOfLength(4, `登録A${round}`);
      const p = await chainOfLength(2, `登録P${round}`);
      const [moved, created] = await Promise.all([
        api.patch(`/api/v1/contractors/${a[0]?.id}`, { parentId: p[1]?.id }),
        api.post('/api/v1/contractors', {
          name: `登録新規${round}`,
          corporateNumber: corporateNumber(),
          parentId: a[3]?.id,
          dataCategories: ['customers'],
        }),
      ]);
      expect([
        [201, 409],
        [409, 200],
      ]).toContainEqual([created.status, moved.status]);
      const refused = created.status === 409 ? created : moved;
      expect((await problem(refused)).type).toBe('/problems/chain-too-deep');
      expect(await deepestLevel(String(p[0]?.id))).toBeLessThanOrEqual(5);
      expect(await deepestLevel(String(a[0]?.id))).toBeLessThanOrEqual(5);
    }
  });

  it('keeps the limit when a CSV import under a chain races a move of that chain', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const a = await chainOfLength(4, `一括A${round}`);
      const p = await chainOfLength(2, `一括P${round}`);
      const csv = ['name,dataCategories,parentName', `一括新規${round},customers,${a[3]?.name}`].join('\n');
      const [imported, moved] = await Promise.all([
        target.fetch('/api/v1/imports/contractors', {
          method: 'POST',
          headers: { authorization: `Bearer ${target.adminToken}`, 'content-type': 'text/csv' },
          body: new TextEncoder().encode(csv),
        }),
        api.patch(`/api/v1/contractors/${a[0]?.id}`, { parentId: p[1]?.id }),
      ]);
      expect(await deepestLevel(String(p[0]?.id))).toBeLessThanOrEqual(5);
      const importedRows = await target.query('SELECT id FROM contractors WHERE name = ?', `一括新規${round}`);
      if (imported.status === 201) {
        expect(moved.status).toBe(409);
        expect((await problem(moved)).type).toBe('/problems/chain-too-deep');
        expect(importedRows).toHaveLength(1);
        continue;
      }
      expect(moved.status).toBe(200);
      expect(importedRows).toHaveLength(0);
      const body = await problem(imported);
      if (imported.status === 400) {
        expect(body.type).toBe('/problems/import-invalid');
        expect(body.errors?.map((e) => e.path)).toEqual(['row 1: parentName']);
      } else {
        expect(imported.status).toBe(409);
        expect(body.type).toBe('/problems/chain-too-deep');
      }
    }
  });

  it('refuses a cycle or a too deep chain written with raw SQL', async () => {
    const [a, b] = [await newContractor(api), await newContractor(api)];
    await target.exec(`UPDATE contractors SET parent_id = '${a.id}' WHERE id = '${b.id}'`);
    await expect(target.exec(`UPDATE contractors SET parent_id = '${b.id}' WHERE id = '${a.id}'`)).rejects.toThrow(
      /contractor_chain_cycle/,
    );
    await expect(target.exec(`UPDATE contractors SET parent_id = '${a.id}' WHERE id = '${a.id}'`)).rejects.toThrow(
      /contractor_chain_cycle/,
    );
    const insertUnder = (id: string, parentId: string | undefined) =>
      target.exec(
        `INSERT INTO contractors (id, name, search_text, country, data_categories, handles_special_care,
           handles_payment_data, subject_count, system_access, parent_id, status, risk_tier, risk_factors,
           created_at, updated_at)
         VALUES ('${id}', '${id}', '${id}', 'JP', '["customers"]', 0, 0, 0, 0, '${parentId}', 'proposed', 'low',
           '[]', '2026-01-01', '2026-01-01')`,
      );
    await expect(insertUnder('raw-self', 'raw-self')).rejects.toThrow(/contractor_chain_cycle/);

    // Levels 0 to 5: the last one is as deep as a chain may go.
    const deep = await chainOfLength(6, '生SQL');
    const top = await newContractor(api);
    await expect(
      target.exec(`UPDATE contractors SET parent_id = '${top.id}' WHERE id = '${deep[0]?.id}'`),
    ).rejects.toThrow(/contractor_chain_depth/);
    await expect(insertUnder('raw-deep', deep[5]?.id)).rejects.toThrow(/contractor_chain_depth/);
    await insertUnder('raw-level-5', deep[4]?.id);
    // A pair moved as a whole: its lower member counts, not only the moved one.
    const pair = await chainOfLength(2, '生SQL組');
    await expect(
      target.exec(`UPDATE contractors SET parent_id = '${deep[4]?.id}' WHERE id = '${pair[0]?.id}'`),
    ).rejects.toThrow(/contractor_chain_depth/);
    await target.exec(`UPDATE contractors SET parent_id = '${deep[3]?.id}' WHERE id = '${pair[0]?.id}'`);
    expect(await deepestLevel(String(pair[1]?.id))).toBe(5);
    expect((await chainOf(a.id)).ancestors).toEqual([]);
    expect(await target.query("SELECT id FROM contractors WHERE id IN ('raw-self', 'raw-deep')")).toEqual([]);
  });
});

describe('the audit trail records what was committed', () => {
  interface Event {
    seq: number;
    action: string;
    after: Record<string, unknown> & { nextReviewDue: string | null };
  }
  const eventsOf = async (id: string) =>
    ((await (await api.get(`/api/v1/audit-events?entityType=contractor&entityId=${id}`)).json()) as { items: Event[] })
      .items;
  const stored = async (id: string) => (await (await api.get(`/api/v1/contractors/${id}`)).json()) as ContractorBody;

  it('records the next review date that the creation scheduled', async () => {
    const c = await newContractor(api, { country: 'US', crossBorderBasis: 'equivalent_measures' });
    const got = await stored(c.id);
    expect(got.nextReviewDue).not.toBeNull();
    expect(c).toEqual(got);
    const [created] = await eventsOf(c.id);
    expect(created?.action).toBe('contractor.create');
    expect(created?.after).toEqual(got);
  });

  it('records the next review date that a change of the basis leaves', async () => {
    const c = await newContractor(api, { country: 'US', crossBorderBasis: 'equivalent_measures' });
    const withdrawn = await api.patch(`/api/v1/contractors/${c.id}`, {
      crossBorderBasis: 'consent',
      crossBorderConsent: {
        informedOn: daysFromToday(-1),
        countryName: '米国',
        systemInfo: '州法',
        measuresInfo: '社内規程',
      },
    });
    expect(withdrawn.status).toBe(200);
    expect((await stored(c.id)).nextReviewDue).toBeNull();
    expect((await eventsOf(c.id))[0]?.after).toEqual(await stored(c.id));
    const again = await api.patch(`/api/v1/contractors/${c.id}`, { crossBorderBasis: 'equivalent_measures' });
    expect(again.status).toBe(200);
    const got = await stored(c.id);
    expect(got.nextReviewDue).not.toBeNull();
    expect(await again.json()).toEqual(got);
    expect((await eventsOf(c.id))[0]?.after).toEqual(got);
  });

  it('records the next review date a concurrently scheduled review leaves, or refuses the change', async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const c = await newContractor(api);
      await scheduleReview(api, c.id, daysFromToday(100));
      const [changed, scheduled] = await Promise.all([
        api.patch(`/api/v1/contractors/${c.id}`, { services: `保守 ${round}` }),
        api.post('/api/v1/reviews', { contractorId: c.id, kind: 'document_review', dueDate: daysFromToday(10) }),
      ]);
      expect(scheduled.status).toBe(201);
      if (changed.status === 412) {
        // The review moved the date between the change's reads and its commit: nothing changed.
        expect((await stored(c.id)).services).toBeNull();
        continue;
      }
      expect(changed.status).toBe(200);
      const review = (await scheduled.json()) as { id: string };
      const [update] = await eventsOf(c.id);
      const [schedule] = (
        (await (await api.get(`/api/v1/audit-events?entityType=review&entityId=${review.id}`)).json()) as {
          items: { seq: number }[];
        }
      ).items;
      expect(update?.action).toBe('contractor.update');
      const scheduledFirst = Number(schedule?.seq) < Number(update?.seq);
      expect(update?.after.nextReviewDue).toBe(daysFromToday(scheduledFirst ? 10 : 100));
    }
  });

  it('records the next review date of an imported contractor', async () => {
    const csv = ['name,country,crossBorderBasis,dataCategories', '輸入先,US,equivalent_measures,customers'].join('\n');
    const res = await target.fetch('/api/v1/imports/contractors', {
      method: 'POST',
      headers: { authorization: `Bearer ${target.adminToken}`, 'content-type': 'text/csv' },
      body: new TextEncoder().encode(csv),
    });
    expect(res.status).toBe(201);
    const [row] = await target.query<{ id: string }>("SELECT id FROM contractors WHERE name = '輸入先'");
    const got = await stored(String(row?.id));
    expect(got.nextReviewDue).not.toBeNull();
    const [imported] = await eventsOf(String(row?.id));
    expect(imported?.action).toBe('contractor.import');
    expect(imported?.after).toEqual({ ...got, sourceRow: 1 });
  });
});
