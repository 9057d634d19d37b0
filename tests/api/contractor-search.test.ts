import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Client, client } from '../support/http';
import { infixMatches, kanaArb, nameArb, termArb } from '../support/search-names';
import { createTarget, type Target } from '../support/target';

let target: Target;
let api: Client;
beforeAll(async () => {
  target = await createTarget();
  api = client(target);
});
afterAll(() => target.close());

type Stored = { id: string; name: string; nameKana: string | null };

async function created(res: Response): Promise<Stored> {
  if (res.status !== 200 && res.status !== 201) throw new Error(`${res.status} ${await res.text()}`);
  const { id, name, nameKana } = (await res.json()) as Stored;
  return { id, name, nameKana };
}

/** Every page of `GET /contractors?q=…`, following the cursors. */
async function pages(term: string, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const query = new URLSearchParams({ q: term, limit: String(limit), ...(cursor ? { cursor } : {}) });
    const res = await api.get(`/api/v1/contractors?${query}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: { id: string }[]; nextCursor: string | null };
    ids.push(...body.items.map((i) => i.id));
    cursor = body.nextCursor;
  } while (cursor);
  return ids;
}

describe('GET /contractors?q= through the n-gram index', () => {
  it('lists what the infix match finds, page by page, for created, imported and renamed contractors', async () => {
    const stored: Stored[] = [];
    for (const [name, nameKana] of fc.sample(fc.tuple(nameArb, kanaArb), { numRuns: 30, seed: 170 })) {
      stored.push(
        await created(await api.post('/api/v1/contractors', { name, nameKana, dataCategories: ['customers'] })),
      );
    }
    // A CSV import writes through its own path; the index follows it as well.
    const csv =
      'name,nameKana,dataCategories\n株式会社ｻﾝﾌﾟﾙ印刷,カブシキガイシャサンプルインサツ,customers\nサンプル翻訳・ＡＢＣ,,customers\n';
    const imported = await target.fetch('/api/v1/imports/contractors', {
      method: 'POST',
      headers: { authorization: `Bearer ${target.adminToken}`, 'content-type': 'text/csv' },
      body: csv,
    });
    expect(imported.status).toBe(201);
    const rows = (await target.query<{ id: string }>(
      "SELECT id FROM contractors WHERE name IN ('株式会社ｻﾝﾌﾟﾙ印刷', 'サンプル翻訳・ＡＢＣ')",
    )) as { id: string }[];
    expect(rows).toHaveLength(2);
    for (const { id } of rows) stored.push(await created(await api.get(`/api/v1/contractors/${id}`)));

    const check = async () => {
      stored.sort((a, b) => (a.id < b.id ? -1 : 1));
      const terms = fc.sample(termArb(stored.map((s) => s.name)), { numRuns: 12 });
      let hits = 0;
      for (const term of [...terms, '印', 'サンプル', 'ｻﾝﾌﾟﾙ', 'ａｂｃ']) {
        if (!term.trim()) continue;
        const expected = stored.filter((s) => infixMatches(s.name, s.nameKana, term.trim())).map((s) => s.id);
        expect(await pages(term, 4), term).toEqual(expected);
        hits += expected.length;
      }
      // Not a comparison of empty lists: the fixed terms alone find the imported rows.
      expect(hits).toBeGreaterThanOrEqual(4);
    };
    await check();
    // Renames (name and reading): the old text no longer matches, the new one does.
    for (const [i, [name, nameKana]] of fc.sample(fc.tuple(nameArb, kanaArb), { numRuns: 10, seed: 171 }).entries()) {
      const s = stored[i * 3];
      if (!s) continue;
      Object.assign(s, await created(await api.patch(`/api/v1/contractors/${s.id}`, { name, nameKana })));
    }
    await check();
  });

  it('keeps the index exact under parallel creations and renames', async () => {
    // 20 contractors created at once, then 10 of them renamed at once: each write's
    // trigger runs in its own unit, so no rename loses another's index rows.
    const made = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        api
          .post('/api/v1/contractors', { name: `並行検索テスト${i}号 鶴亀`, dataCategories: ['customers'] })
          .then(created),
      ),
    );
    const renamed = await Promise.all(
      made
        .filter((_, i) => i % 2 === 0)
        .map((m, i) => api.patch(`/api/v1/contractors/${m.id}`, { name: `並行改名${i} 松竹` }).then(created)),
    );
    const byId = new Map([...made, ...renamed].map((s) => [s.id, s]));
    const all = [...byId.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (const term of ['鶴亀', '松竹', '並行', '鶴', '改名']) {
      const expected = all.filter((s) => infixMatches(s.name, s.nameKana, term)).map((s) => s.id);
      expect(await pages(term, 3), term).toEqual(expected);
    }
    expect(all.filter((s) => infixMatches(s.name, s.nameKana, '鶴亀'))).toHaveLength(10);
    expect(all.filter((s) => infixMatches(s.name, s.nameKana, '松竹'))).toHaveLength(10);
  });
});
