import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { settings } from '../../db/schema';
import { addDays } from '../../src/domain/calendar';
import { FixedClock } from '../../src/platform/clock';
import { atomic } from '../../src/platform/db';
import { openSqlite } from '../../src/platform/node-sqlite';
import { keepStatements, renewKeptStatements } from '../../src/platform/node-statement-cache';
import { newContractor, scheduleReview } from '../support/factories';
import { client } from '../support/http';
import { createTarget } from '../support/target';

/**
 * The Node connection keeps its prepared statements (src/platform/node-statement-cache.ts):
 * the same text is prepared once, whatever its values, each caller finds the statement as
 * a fresh one would be, and a unit that fails still leaves
 * nothing behind.
 */
const dir = mkdtempSync(join(tmpdir(), 'itaku-prepared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Counts the statements SQLite really prepares on connections opened while it runs. */
async function countingPrepares<T>(work: (prepared: string[]) => Promise<T>): Promise<T> {
  const original = Database.prototype.prepare;
  const prepared: string[] = [];
  Database.prototype.prepare = function (this: Database.Database, source: string) {
    prepared.push(source);
    return original.call(this, source);
  } as typeof original;
  try {
    return await work(prepared);
  } finally {
    Database.prototype.prepare = original;
  }
}

describe('statements kept per connection', () => {
  it('prepares each text once and hands it out as a new one would be: plain rows', () => {
    const sqlite = new Database(':memory:');
    keepStatements(sqlite);
    sqlite.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2), (3)');
    const a = sqlite.prepare('SELECT n FROM t ORDER BY n');
    expect(a.raw().all()).toEqual([[1], [2], [3]]);
    const b = sqlite.prepare('SELECT n FROM t ORDER BY n');
    expect(b).toBe(a);
    expect(b.all()).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(sqlite.prepare('SELECT n FROM t ORDER BY n').pluck().all()).toEqual([1, 2, 3]);
    expect(sqlite.prepare('SELECT n FROM t ORDER BY n').get()).toEqual({ n: 1 });

    // A statement that ran with RETURNING-less writes is kept too, and schema changes
    // (SQLite prepares it again) keep it working.
    const insert = sqlite.prepare('INSERT INTO t VALUES (?)');
    insert.run(4);
    sqlite.exec('CREATE INDEX t_n ON t (n)');
    expect(sqlite.prepare('INSERT INTO t VALUES (?)')).toBe(insert);
    insert.run(5);
    expect(sqlite.prepare('SELECT n FROM t ORDER BY n').pluck().all()).toEqual([1, 2, 3, 4, 5]);
    sqlite.close();
  });

  it('renews the statements it is given: prepared again and kept, a busy one left alone', () => {
    const sqlite = new Database(':memory:');
    keepStatements(sqlite);
    sqlite.exec('CREATE TABLE t (n INTEGER); INSERT INTO t VALUES (1), (2)');
    const kept = sqlite.prepare('SELECT n FROM t');
    const reading = sqlite.prepare('SELECT n * 2 FROM t');
    const cursor = reading.iterate();
    cursor.next();
    renewKeptStatements(sqlite, ['SELECT n FROM t', 'SELECT n * 2 FROM t', 'SELECT n + 1 FROM t']);
    const renewed = sqlite.prepare('SELECT n FROM t');
    expect(renewed).not.toBe(kept);
    expect(sqlite.prepare('SELECT n FROM t')).toBe(renewed);
    expect(renewed.pluck().all()).toEqual([1, 2]);
    // A text not kept before is prepared now and handed out later.
    const ahead = sqlite.prepare('SELECT n + 1 FROM t');
    expect(sqlite.prepare('SELECT n + 1 FROM t')).toBe(ahead);
    cursor.return?.();
    expect(sqlite.prepare('SELECT n * 2 FROM t')).toBe(reading);
    sqlite.close();
  });

  it('in atomic units: once per text, each run’s values, RETURNING rows, and a failed unit rolled back', async () => {
    await countingPrepares(async (prepared) => {
      const { db, sqlite } = openSqlite(join(dir, 'prepared.db'));
      prepared.length = 0;
      const put = (key: string, value: string) => db.insert(settings).values({ key, value, updatedAt: '2026-12-01' });
      await atomic(db, [put('a', '一'), put('b', '二')]);
      await atomic(db, [put('c', '三'), db.update(settings).set({ value: '壱' }).where(eq(settings.key, 'a'))]);
      const [returned] = (await atomic(db, [
        db.update(settings).set({ value: '弐' }).where(eq(settings.key, 'b')).returning({ key: settings.key }),
      ])) as [{ key: string }[]];
      expect(returned).toEqual([{ key: 'b' }]);
      // The second insert repeats a key: the whole unit is rolled back, the first insert too.
      await expect(atomic(db, [put('d', '四'), put('a', '重複')])).rejects.toThrow(/UNIQUE/);
      const rows = await db.select().from(settings).orderBy(settings.key);
      expect(rows.map((r) => [r.key, r.value])).toEqual([
        ['a', '壱'],
        ['b', '弐'],
        ['c', '三'],
      ]);
      await db.select().from(settings).orderBy(settings.key);
      const count = (prefix: string) => prepared.filter((t) => t.startsWith(prefix)).length;
      expect(count('insert into "settings"')).toBe(1);
      expect(prepared.filter((t) => t === 'update "settings" set "value" = ? where "settings"."key" = ?')).toHaveLength(
        1,
      );
      expect(count('select "key", "value", "updated_at" from "settings"')).toBe(1);
      sqlite.close();
    });
  });
});

describe('the sweep after its answer', () => {
  it('takes new statistics and prepares the next run: the next run prepares none of its statements', async () => {
    await countingPrepares(async (prepared) => {
      const clock = new FixedClock('2026-12-01T00:30:00Z');
      const after: Promise<unknown>[] = [];
      const target = await createTarget({ clock, background: (work) => after.push(work) });
      try {
        const admin = client(target);
        for (let i = 0; i < 5; i++) {
          const c = await newContractor(admin, { name: `統計テスト ${i}` });
          await scheduleReview(admin, String(c.id), addDays(clock.today(), -2 - i));
          await scheduleReview(admin, String(c.id), addDays(clock.today(), 1 + i), 'document_review');
        }
        expect((await admin.post('/api/v1/jobs/sweep')).status).toBe(200);
        await Promise.all(after);
        // The alerts table was empty when the connection opened; the run filled it.
        const stats = await target.query<{ tbl: string }>("SELECT tbl FROM sqlite_stat1 WHERE tbl = 'alerts'");
        expect(stats.length).toBeGreaterThan(0);

        clock.set(`${addDays(clock.today(), 2)}T00:30:00Z`);
        prepared.length = 0;
        const res = await admin.post('/api/v1/jobs/sweep');
        const run = (await res.json()) as { status: string; scope: string; raised: number; resolved: number };
        // The review due the day after the first run is overdue now: one alert raised, one resolved.
        expect(run).toMatchObject({ status: 'succeeded', scope: '2026-12-01', raised: 1, resolved: 1 });
        expect(prepared.filter((t) => /\b(INSERT INTO|UPDATE) alerts\b/.test(t))).toEqual([]);
        await Promise.all(after);
      } finally {
        await target.close();
      }
    });
  });
});
