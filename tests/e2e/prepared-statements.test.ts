import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { settings } from '../../db/schema';
import { atomic } from '../../src/platform/db';
import { openSqlite } from '../../src/platform/node-sqlite';
import { keepStatements } from '../../src/platform/node-statement-cache';

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
