import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractors } from '../../db/schema';
import { normalizeForSearch } from '../../src/domain/search-text';
import {
  type ContractorFilter,
  contractorCounter,
  contractorLister,
  contractorsMatching,
} from '../../src/modules/contractors/contractors.repo';
import { INDEX_CAP, probeFor, searchTerm, termHits } from '../../src/modules/contractors/contractors.search.repo';
import type { Db } from '../../src/platform/db';
import { openSqlite } from '../../src/platform/node-sqlite';
import { infixMatches, kanaArb, nameArb, termArb } from '../support/search-names';

/**
 * The indexed search (migration 0016 + contractors.search.repo.ts) against today's
 * matching, through the real repo on a real SQLite file. More contractors than INDEX_CAP
 * share the common pieces (株式会社…), so both ways of reading a page are exercised: from
 * the index's hits and in list order with the infix check.
 */
const COUNT = INDEX_CAP + 400;
const statuses = ['proposed', 'approved', 'active', 'suspended', 'terminated'] as const;
type Row = { id: string; name: string; nameKana: string | null; status: (typeof statuses)[number] };

let dir: string;
let db: Db;
let close: () => void;
const rows: Row[] = [];
const day = { today: '2026-01-01', soon: '2026-01-15' };

const binary = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b));

const now = '2026-01-01T00:00:00.000Z';
const stored = (row: Row) => ({
  ...row,
  searchText: normalizeForSearch(`${row.name} ${row.nameKana ?? ''}`),
  country: 'JP',
  dataCategories: [],
  handlesSpecialCare: false,
  handlesPaymentData: false,
  subjectCount: 0,
  systemAccess: false,
  riskTier: 'low' as const,
  riskFactors: [],
  createdAt: now,
  updatedAt: now,
});

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-search-'));
  const opened = openSqlite(join(dir, 'itaku.db'));
  db = opened.db;
  close = () => opened.sqlite.close();
  const names = fc.sample(fc.tuple(nameArb, kanaArb, fc.nat(99), fc.constantFrom(...statuses)), {
    numRuns: COUNT,
    seed: 17,
  });
  for (const [i, [name, nameKana, n, status]] of names.entries()) {
    // 85 % share a prefix: more hits than INDEX_CAP for 株, 株式会社…
    rows.push({ id: `c${String(i).padStart(5, '0')}`, name: n < 85 ? `株式会社${name}` : name, nameKana, status });
  }
  // Inserted as any write path would (the triggers keep the index), 100 rows a statement.
  for (let i = 0; i < rows.length; i += 100) await db.insert(contractors).values(rows.slice(i, i + 100).map(stored));
});
afterAll(() => {
  close();
  rmSync(dir, { recursive: true, force: true });
});

/** Every page of the list for the filter, concatenated, as a client following cursors reads it. */
async function allPages(filter: Omit<ContractorFilter, 'limit'>, limit: number): Promise<string[]> {
  const list = contractorLister(db);
  const ids: string[] = [];
  for (let afterId: string | undefined; ; ) {
    const page = await list({ ...filter, afterId, limit }, day);
    ids.push(...page.map((r) => r.id));
    if (page.length < limit) return ids;
    afterId = page.at(-1)?.id;
  }
}

async function expectSameAsInfix(term: string, status: Row['status'] | undefined, limit: number) {
  const expected = rows.filter((r) => infixMatches(r.name, r.nameKana, term) && (!status || r.status === status));
  const filter = { q: term, status };
  expect(await allPages(filter, limit)).toEqual(expected.map((r) => r.id));
  expect(await contractorCounter(db)(filter, day)).toBe(expected.length);
  const byName = rows
    .filter((r) => infixMatches(r.name, r.nameKana, term))
    .sort((a, b) => binary(a.name, b.name) || binary(a.id, b.id))
    .slice(0, 20);
  expect((await contractorsMatching(db, term, 20)).map((r) => r.id)).toEqual(byName.map((r) => r.id));
}

const caseArb = () =>
  fc.tuple(
    termArb(rows.map((r) => r.name)),
    fc.option(fc.constantFrom(...statuses), { nil: undefined }),
    fc.integer({ min: 10, max: 150 }),
  );

describe('contractor name search', () => {
  it('finds exactly what the infix match finds, in list order, page after page, and after renames', async () => {
    // Terms the generator may not hit: common (both ways of reading), 1 character, wildcards.
    expect(rows.filter((r) => infixMatches(r.name, r.nameKana, '株')).length).toBeGreaterThan(INDEX_CAP);
    for (const term of ['株', '株式会社', 'かぶしき', 'ｶﾌﾞ', '物流', '%', '_', 'Ａ', 'ー']) {
      await expectSameAsInfix(term, undefined, 50);
    }
    await fc.assert(
      fc.asyncProperty(caseArb(), ([term, status, limit]) => expectSameAsInfix(term, status, limit)),
      { numRuns: 60 },
    );
    // The index follows renames: a third of the contractors get new names (and readings).
    const renames = fc.sample(fc.tuple(nameArb, kanaArb), { numRuns: Math.floor(COUNT / 3), seed: 18 });
    for (const [i, [name, nameKana]] of renames.entries()) {
      const row = rows[i * 3];
      if (!row) continue;
      Object.assign(row, { name, nameKana });
      await db
        .update(contractors)
        .set({ name, nameKana, searchText: normalizeForSearch(`${name} ${nameKana ?? ''}`) })
        .where(eq(contractors.id, row.id));
    }
    await fc.assert(
      fc.asyncProperty(caseArb(), ([term, status, limit]) => expectSameAsInfix(term, status, limit)),
      { numRuns: 40 },
    );
  });

  it('stays exact when the names change under a reused probe choice', async () => {
    const term = '鶴亀測量';
    const { grams } = searchTerm(term);
    const add = async (count: number, from: number) => {
      const added = Array.from({ length: count }, (_, i) => ({
        id: `t${String(from + i).padStart(5, '0')}`,
        name: `${i % 2 ? '株式会社' : ''}${term}${i}`,
        nameKana: null,
        status: statuses[i % statuses.length] ?? 'active',
      }));
      rows.push(...added);
      for (let i = 0; i < added.length; i += 100)
        await db.insert(contractors).values(added.slice(i, i + 100).map(stored));
    };
    await add(5, 0);
    await expectSameAsInfix(term, undefined, 50);
    const chosen = await probeFor(db)(grams);
    expect(chosen).not.toBeNull(); // read from the index's hits: few names hold it
    // Far more names than INDEX_CAP now hold it, and the choice made for a few is reused.
    await add(INDEX_CAP + 60, 5);
    expect(await probeFor(db)(grams)).toBe(chosen);
    await expectSameAsInfix(term, undefined, 50);
    await expectSameAsInfix(term, 'active', 37);
    // And after most of them are renamed away.
    for (const row of rows.filter((r) => r.id.startsWith('t')).slice(0, INDEX_CAP)) {
      row.name = `改称${row.id}`;
      await db
        .update(contractors)
        .set({ name: row.name, searchText: normalizeForSearch(`${row.name} `) })
        .where(eq(contractors.id, row.id));
    }
    expect(await probeFor(db)(grams)).toBe(chosen);
    await expectSameAsInfix(term, undefined, 50);
  });

  it("keeps a rare term's hits only while no name changes, whichever connection changes it", async () => {
    const term = '梅桜商会';
    const add = (id: string, name: string): Row => {
      const row: Row = { id, name, nameKana: null, status: 'active' };
      rows.push(row);
      return row;
    };
    for (const i of [0, 1, 2]) await db.insert(contractors).values(stored(add(`u${i}`, `${term}${i}`)));
    await expectSameAsInfix(term, undefined, 2);
    const match = await probeFor(db)(searchTerm(term).grams);
    expect(match).not.toBeNull();
    const kept = await termHits(db).of(searchTerm(term), match ?? '');
    expect(JSON.parse(kept.ids)).toEqual(['u0', 'u1', 'u2']);
    // Nothing changed: the same hits serve the next pages, a filter that selects none among them too.
    await expectSameAsInfix(term, 'terminated', 2);
    expect(await termHits(db).of(searchTerm(term), match ?? '')).toBe(kept);
    // Another connection (another process) creates, renames and deletes: each is seen at once.
    const other = openSqlite(join(dir, 'itaku.db'));
    try {
      await other.db.insert(contractors).values(stored(add('u3', `株式会社${term}`)));
      await expectSameAsInfix(term, undefined, 2);
      const renamed = rows.find((r) => r.id === 'u1');
      if (renamed) renamed.name = '改称u1';
      await other.db
        .update(contractors)
        .set({ name: '改称u1', searchText: normalizeForSearch('改称u1 ') })
        .where(eq(contractors.id, 'u1'));
      await expectSameAsInfix(term, undefined, 2);
      await expectSameAsInfix(term, 'active', 50);
      rows.splice(
        rows.findIndex((r) => r.id === 'u0'),
        1,
      );
      await other.db.delete(contractors).where(eq(contractors.id, 'u0'));
      await expectSameAsInfix(term, undefined, 1);
    } finally {
      other.sqlite.close();
    }
    // And this connection's own writes.
    await db.insert(contractors).values(stored(add('u4', `${term}4`)));
    await expectSameAsInfix(term, undefined, 50);
    expect(JSON.parse((await termHits(db).of(searchTerm(term), match ?? '')).ids)).toEqual(['u2', 'u3', 'u4']);
  });
});
