import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contractors } from '../../db/schema';
import { addDays } from '../../src/domain/calendar';
import { normalizeForSearch } from '../../src/domain/search-text';
import { getContractor, listContractors } from '../../src/modules/contractors/contractors.service';
import { ViewCache } from '../../src/modules/contractors/contractors.view-cache';
import { type ServiceContext, SYSTEM_ACTOR } from '../../src/platform/app-env';
import { FixedClock } from '../../src/platform/clock';
import { parseConfig } from '../../src/platform/config';
import type { Db } from '../../src/platform/db';
import { openSqlite } from '../../src/platform/node-sqlite';

const view = (id: string, version = 1, nextReviewDue: string | null = null) =>
  ({ id, version, nextReviewDue }) as Parameters<ViewCache['put']>[0];
const key = (id: string, version = 1, nextReviewDue: string | null = null) => ({ id, version, nextReviewDue });

describe('ViewCache', () => {
  it('gives a view back only for the version, next review date and day it was made for', () => {
    const cache = new ViewCache(10);
    cache.put(view('a', 2, '2026-12-10'), '2026-12-01');
    expect(cache.get(key('a', 2, '2026-12-10'), '2026-12-01')?.view.id).toBe('a');
    expect(cache.get(key('a', 2, '2026-12-10'), '2026-12-02')).toBeUndefined();
    cache.put(view('a', 2, '2026-12-10'), '2026-12-01');
    expect(cache.get(key('a', 3, '2026-12-10'), '2026-12-01')).toBeUndefined();
    cache.put(view('a', 2, '2026-12-10'), '2026-12-01');
    expect(cache.get(key('a', 2, null), '2026-12-01')).toBeUndefined();
    // A stale view is dropped, not kept beside the new one.
    expect(cache.size).toBe(0);
  });

  it('keeps at most its capacity, the least recently shown going first', () => {
    const cache = new ViewCache(3);
    for (const id of ['a', 'b', 'c']) cache.put(view(id), 'd');
    expect(cache.get(key('a'), 'd')).toBeDefined(); // a is now the most recent
    cache.put(view('e'), 'd');
    expect(cache.size).toBe(3);
    expect(cache.get(key('b'), 'd')).toBeUndefined();
    expect(['a', 'c', 'e'].every((id) => cache.get(key(id), 'd'))).toBe(true);
  });
});

describe('listContractors from kept views', () => {
  let dir: string;
  let db: Db;
  let close: () => void;
  const clock = new FixedClock('2026-12-01T03:00:00Z');
  const config = parseConfig({});
  const ctx = { clock, actor: SYSTEM_ACTOR, config } as unknown as ServiceContext;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'itaku-views-'));
    const opened = openSqlite(join(dir, 'itaku.db'));
    db = opened.db;
    (ctx as { db: Db }).db = db;
    close = () => opened.sqlite.close();
    const now = clock.now().toISOString();
    await db.insert(contractors).values(
      [5, 20, 40].map((days, i) => ({
        id: `c${i}`,
        name: `委託先 ${i}`,
        searchText: normalizeForSearch(`委託先 ${i}`),
        country: 'JP',
        dataCategories: ['customers' as const],
        handlesSpecialCare: false,
        handlesPaymentData: false,
        subjectCount: 0,
        systemAccess: false,
        status: 'active' as const,
        riskTier: 'low' as const,
        riskFactors: [],
        nextReviewDue: addDays('2026-12-01', days),
        createdAt: now,
        updatedAt: now,
      })),
    );
  });
  afterAll(() => {
    close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('presents each row for the day the page is read on, not the day its view was kept', async () => {
    for (const days of [0, 6, 21, 35, 41]) {
      clock.set(`${addDays('2026-12-01', days)}T03:00:00Z`);
      const page = await listContractors(ctx, { limit: 50 });
      const fresh = await Promise.all(['c0', 'c1', 'c2'].map((id) => getContractor(ctx, id)));
      expect(page.items).toEqual(fresh);
      expect(page.items.map((c) => c.supervisionStatus)).toEqual(fresh.map((c) => c.supervisionStatus));
    }
    // The statuses did move over these days: the check above compared something.
    expect((await listContractors(ctx, { limit: 50 })).items.every((c) => c.supervisionStatus === 'overdue')).toBe(
      true,
    );
  });
});
