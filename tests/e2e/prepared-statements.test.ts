import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { settings } from '../../db/schema';
import { atomic } from '../../src/platform/db';
import { openSqlite } from '../../src/platform/node-sqlite';

/**
 * `atomic()` on better-sqlite3 runs drizzle's statements from statements prepared once per
 * connection: the same text is prepared once, whatever its values, and a unit that fails
 * still leaves nothing behind.
 */
const dir = mkdtempSync(join(tmpdir(), 'itaku-prepared-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('statements prepared once per connection', () => {
  it('prepares each text once, binds each run’s values, and keeps a failed unit atomic', async () => {
    const { db, sqlite } = openSqlite(join(dir, 'prepared.db'));
    const prepared: string[] = [];
    const prepare = sqlite.prepare.bind(sqlite);
    sqlite.prepare = ((text: string) => {
      prepared.push(text);
      return prepare(text);
    }) as typeof sqlite.prepare;
    const put = (key: string, value: string) => db.insert(settings).values({ key, value, updatedAt: '2026-12-01' });

    await atomic(db, [put('a', '一'), put('b', '二')]);
    await atomic(db, [put('c', '三'), db.update(settings).set({ value: '壱' }).where(eq(settings.key, 'a'))]);
    const inserts = prepared.filter((t) => t.startsWith('insert into "settings"'));
    expect(inserts).toHaveLength(1);
    expect(prepared.filter((t) => t.startsWith('update "settings"'))).toHaveLength(1);

    // A statement with RETURNING still gives its rows.
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
    expect(prepared.filter((t) => t.startsWith('insert into "settings"'))).toHaveLength(1);
    sqlite.close();
  });
});
