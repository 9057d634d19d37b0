import { copyFileSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/platform/logger';
import { nodeCheckpointer } from '../../src/platform/node-checkpointer';
import { walFramesToCheckpoint, walIndex } from '../../src/platform/sqlite-wal-index';
import { startServer } from '../support/server';

/**
 * A thread copies the WAL into the database file once it holds 1,000 frames; the server's
 * own commits checkpoint only past 20,000 (src/platform/node-checkpointer.ts).
 */
const dir = mkdtempSync(join(tmpdir(), 'itaku-wal-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entry = new URL('../../src/node-checkpoint-worker.ts', import.meta.url);
const quiet = createLogger('error');

function walDatabase(name: string) {
  const path = join(dir, name);
  const sqlite = new Database(path);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('wal_autocheckpoint = 0');
  sqlite.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)');
  const insert = sqlite.prepare('INSERT INTO t (body) VALUES (?)');
  const write = (rows: number) =>
    sqlite.transaction(() => {
      for (let i = 0; i < rows; i++) insert.run('委託'.repeat(200));
    })();
  return { path, sqlite, write };
}

describe('the WAL index', () => {
  it("counts the frames a checkpoint copies, as SQLite's own checkpoint reports them", () => {
    const { path, sqlite, write } = walDatabase('count.db');
    for (let i = 0; i < 7; i++) write(50);
    const before = walFramesToCheckpoint(`${path}-shm`);
    const other = new Database(path);
    const [done] = other.pragma('wal_checkpoint(PASSIVE)') as [{ log: number; checkpointed: number }];
    expect(done.log).toBeGreaterThan(100);
    expect(before).toBe(done.log);
    expect(done.checkpointed).toBe(done.log);
    expect(walFramesToCheckpoint(`${path}-shm`)).toBe(0);
    write(10);
    expect(walFramesToCheckpoint(`${path}-shm`)).toBeGreaterThan(0);
    other.close();
    sqlite.close();
    expect(walFramesToCheckpoint(join(dir, 'no-such.db-shm'))).toBeNull();
  });
});

describe('background checkpoints', () => {
  it('copy the WAL into the database file from their thread once it holds enough frames', async () => {
    const { path, sqlite, write } = walDatabase('thread.db');
    sqlite.pragma('wal_autocheckpoint = 1000'); // what a connection starts with
    const checkpointer = nodeCheckpointer({ sqlite, dbPath: path, entry, logger: quiet, pages: 100, everyMs: 60_000 });
    try {
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
      write(20);
      const few = walFramesToCheckpoint(`${path}-shm`) ?? 0;
      expect(few).toBeGreaterThan(0);
      expect(few).toBeLessThan(100);
      await checkpointer.tick();
      expect(walFramesToCheckpoint(`${path}-shm`)).toBe(few); // below the threshold: left alone
      write(500);
      expect(walFramesToCheckpoint(`${path}-shm`)).toBeGreaterThanOrEqual(100);
      await checkpointer.tick();
      expect(walFramesToCheckpoint(`${path}-shm`)).toBe(0);
      // Every frame copied and nobody using the WAL: the thread started it over, so that
      // the next commit has no file to cut back.
      expect(statSync(`${path}-wal`).size).toBe(0);
      // The rows are in the database file itself, without its WAL.
      copyFileSync(path, join(dir, 'thread-copy.db'));
      const copy = new Database(join(dir, 'thread-copy.db'), { readonly: true });
      expect(copy.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 520 });
      copy.close();
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(20_000);
    } finally {
      await checkpointer.close();
      sqlite.close();
    }
  });

  it('leave the WAL to the next commit while a reader still uses it', async () => {
    const { path, sqlite, write } = walDatabase('reader.db');
    const checkpointer = nodeCheckpointer({ sqlite, dbPath: path, entry, logger: quiet, pages: 100, everyMs: 60_000 });
    const reader = new Database(path, { readonly: true });
    try {
      write(300);
      reader.exec('BEGIN');
      expect(reader.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 300 });
      await checkpointer.tick();
      // Copied, but the reader's snapshot is in the WAL: it is not started over under it.
      expect(walFramesToCheckpoint(`${path}-shm`)).toBe(0);
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(0);
      expect(reader.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 300 });
      reader.exec('COMMIT');
      write(600);
      await checkpointer.tick();
      expect(statSync(`${path}-wal`).size).toBe(0);
      expect(reader.prepare('SELECT count(*) AS n FROM t').get()).toEqual({ n: 900 });
    } finally {
      reader.close();
      await checkpointer.close();
      sqlite.close();
    }
  });

  it("hand the work back to the server's connection when their thread cannot run", async () => {
    const { path, sqlite, write } = walDatabase('fallback.db');
    const warnings: string[] = [];
    const logger = { ...quiet, warn: (msg: string) => void warnings.push(msg) };
    const broken = new URL('./no-such-checkpoint-thread.mjs', import.meta.url);
    const checkpointer = nodeCheckpointer({
      sqlite,
      dbPath: path,
      entry: broken,
      logger,
      pages: 10,
      tail: 0,
      everyMs: 60_000,
    });
    try {
      write(100);
      await checkpointer.tick();
      // SQLite's own checkpoints are back, so the WAL cannot grow without bound.
      expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(1000);
      expect(warnings.some((w) => w.includes('background checkpoints stopped'))).toBe(true);
    } finally {
      await checkpointer.close();
      sqlite.close();
    }
  });
});

describe('the server under parallel writes', () => {
  it('answers every write, keeps the WAL bounded, copies it into the file and starts it over', async () => {
    const dbPath = join(dir, 'server.db');
    const token = 'itk_wal_0123456789abcdefghijklmnopqrstuv';
    const server = await startServer(
      {
        ITAKU_DB_PATH: dbPath,
        ITAKU_ADMIN_TOKEN: token,
        ITAKU_AUDIT_KEY: 'itka_wal_test_key_0123456789abcdefghijklmn',
        ITAKU_SWEEP_CRON: 'off',
        ITAKU_LOG_LEVEL: 'warn',
      },
      // As it runs in production: built, the thread from dist/.
      'npm start',
    );
    const shm = `${dbPath}-shm`;
    try {
      const create = (i: number) =>
        fetch(`${server.url}/api/v1/contractors`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify({
            name: `株式会社チェックポイント ${i}`,
            dataCategories: ['customers'],
            subjectCount: 100,
          }),
        }).then((r) => r.status);
      let made = 0;
      let longest = 0;
      // Batches of 20 at once, with no pause: well past the 20,000 frames a commit allows.
      for (let batch = 0; batch < 60; batch++) {
        const statuses = await Promise.all(Array.from({ length: 20 }, (_, k) => create(made + k)));
        expect(statuses.every((s) => s === 201)).toBe(true);
        made += 20;
        longest = Math.max(longest, walIndex(shm)?.frames ?? 0);
      }
      // Past SQLite's default (no commit checkpointed at 1,000), never far past the bound.
      expect(longest).toBeGreaterThan(1000);
      expect(longest).toBeLessThan(21_000);
      // Once the writes stop, the thread and the last few frames copied here catch up:
      // nothing is left to copy, or the WAL was started over and holds only writes made
      // since, fewer than the 1,000 frames that make a checkpoint worth it (as in SQLite).
      const caughtUp = () => (walFramesToCheckpoint(shm) ?? 0) === 0 || (walIndex(shm)?.frames ?? 0) < 1000;
      const deadline = Date.now() + 15_000;
      while (!caughtUp() && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 100));
      }
      expect(caughtUp()).toBe(true);
      expect(server.output()).not.toContain('background checkpoints stopped');
      // Every row is in the database file and the little WAL left beside it.
      copyFileSync(dbPath, join(dir, 'server-copy.db'));
      copyFileSync(`${dbPath}-wal`, join(dir, 'server-copy.db-wal'));
      const copy = new Database(join(dir, 'server-copy.db'), { readonly: true });
      expect(copy.prepare('SELECT count(*) AS n FROM contractors').get()).toEqual({ n: made });
      copy.close();
      // The next write finds the WAL started over, its file cut back to 16 MB at most.
      expect(await create(made)).toBe(201);
      expect(walIndex(shm)?.frames ?? 0).toBeLessThan(1200);
      expect(statSync(`${dbPath}-wal`).size).toBeLessThanOrEqual(17 * 1024 * 1024);
    } finally {
      await server.stop();
    }
  });
});
