import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { daysFromToday } from '../support/factories';
import { runToExit, startServer } from '../support/server';

const dir = mkdtempSync(join(tmpdir(), 'itaku-audit-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ADMIN = 'itk_e2e_audit_0123456789abcdefghijklmnop';
const auth = { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' };

function cli(dbPath: string, ...args: string[]) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    env: { ...process.env, ITAKU_DB_PATH: dbPath, ITAKU_LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 30_000,
  });
}

async function pool(total: number, connections: number, call: (i: number) => Promise<number>) {
  const statuses: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: connections }, async () => {
      for (let i = next++; i < total; i = next++) statuses.push(await call(i));
    }),
  );
  return statuses;
}

describe('the audit trail of a real server', () => {
  const dbPath = join(dir, 'itaku.db');

  it('creates the database and a generated audit key with mode 0600, and logs where the key is', async () => {
    const server = await startServer({ ITAKU_DB_PATH: dbPath, ITAKU_ADMIN_TOKEN: ADMIN, ITAKU_LOG_LEVEL: 'info' });
    try {
      expect(statSync(dbPath).mode & 0o777).toBe(0o600);
      expect(statSync(`${dbPath}.key`).mode & 0o777).toBe(0o600);
      expect(server.output()).toContain(`${dbPath}.key`);
    } finally {
      await server.stop();
    }
  });

  it('takes 2,000 audited writes at 50 concurrent connections with no error, all sealed', async () => {
    const server = await startServer({ ITAKU_DB_PATH: dbPath, ITAKU_ADMIN_TOKEN: ADMIN, ITAKU_LOG_LEVEL: 'warn' });
    try {
      const c = (await (
        await fetch(`${server.url}/api/v1/contractors`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({ name: '実サーバー並行社', dataCategories: ['customers'] }),
        })
      ).json()) as { id: string };
      const statuses = await pool(2_000, 50, async (i) => {
        const res = await fetch(`${server.url}/api/v1/findings`, {
          method: 'POST',
          headers: auth,
          body: JSON.stringify({
            contractorId: c.id,
            severity: 'medium',
            category: 'organizational',
            description: `実接続 ${i}`,
            dueDate: daysFromToday(10),
          }),
        });
        await res.arrayBuffer();
        return res.status;
      });
      expect(statuses.filter((s) => s !== 201)).toEqual([]);
      const v = (await (await fetch(`${server.url}/api/v1/audit-events/verify`, { headers: auth })).json()) as {
        ok: boolean;
        unsealed: number;
        count: number;
        sealed: number;
      };
      expect(v).toMatchObject({ ok: true, unsealed: 0 });
      expect(v.sealed).toBe(v.count);
      expect(server.output()).not.toMatch(/"level":"error"/);
    } finally {
      await server.stop();
    }
  }, 120_000);

  it('verifies from the CLI, and exits 2 when a checkpoint held elsewhere no longer holds', async () => {
    const server = await startServer({ ITAKU_DB_PATH: dbPath, ITAKU_ADMIN_TOKEN: ADMIN, ITAKU_LOG_LEVEL: 'warn' });
    let checkpoint: string;
    try {
      const res = await fetch(`${server.url}/api/v1/audit-events/checkpoints`, { method: 'POST', headers: auth });
      expect(res.status).toBe(201);
      checkpoint = ((await res.json()) as { checkpoint: string }).checkpoint;
    } finally {
      await server.stop();
    }
    const ok = cli(dbPath, 'verify-audit', '--checkpoint', checkpoint);
    expect(ok.status, ok.stderr).toBe(0);
    expect(JSON.parse(ok.stdout)).toMatchObject({ ok: true, checkpoint: { ok: true } });

    const bad = cli(dbPath, 'verify-audit', '--checkpoint', 'not-a-checkpoint');
    expect(bad.status).toBe(64);
    expect(bad.stderr).toContain('--checkpoint');

    // Someone with the file drops the triggers and cuts the newest events and their seals.
    const raw = new Database(dbPath);
    const seq = Number(checkpoint.split(':')[0]);
    for (const t of ['audit_events', 'audit_seals', 'audit_checkpoints']) {
      raw.exec(`DROP TRIGGER ${t}_no_update; DROP TRIGGER ${t}_no_delete;`);
    }
    raw.exec(`DELETE FROM audit_events WHERE seq >= ${seq - 10}; DELETE FROM audit_seals WHERE seq >= ${seq - 10};
      DELETE FROM audit_checkpoints WHERE seq >= ${seq - 10};`);
    raw.close();
    const alone = cli(dbPath, 'verify-audit');
    expect(alone.status).toBe(0); // a consistent prefix: only a checkpoint can tell
    const caught = cli(dbPath, 'verify-audit', '--checkpoint', checkpoint);
    expect(caught.status).toBe(2);
    expect(JSON.parse(caught.stdout)).toMatchObject({ ok: false, checkpoint: { ok: false } });
  }, 60_000);

  it('puts dropped append-only triggers back at start-up, logs an error and records it', async () => {
    expect(existsSync(dbPath)).toBe(true);
    const server = await startServer({ ITAKU_DB_PATH: dbPath, ITAKU_ADMIN_TOKEN: ADMIN, ITAKU_LOG_LEVEL: 'info' });
    try {
      const errors = server
        .output()
        .split('\n')
        .filter((l) => l.includes('"level":"error"'));
      expect(errors.join('\n')).toMatch(/append-only triggers/);
      const raw = new Database(dbPath, { readonly: true });
      const triggers = raw.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' ORDER BY name").all();
      raw.close();
      expect(triggers.map((t) => (t as { name: string }).name)).toEqual(
        expect.arrayContaining([
          'audit_checkpoints_no_delete',
          'audit_checkpoints_no_update',
          'audit_events_no_delete',
          'audit_events_no_update',
          'audit_seals_no_delete',
          'audit_seals_no_update',
        ]),
      );
      const events = (await (
        await fetch(`${server.url}/api/v1/audit-events?entityType=audit&limit=5`, { headers: auth })
      ).json()) as { items: { action: string; after: { triggers: string[] } }[] };
      const restored = events.items.find((e) => e.action === 'audit.triggers_restored');
      expect(restored?.after.triggers).toHaveLength(6);
      // The triggers work again.
      const check = new Database(dbPath);
      expect(() => check.exec('DELETE FROM audit_events WHERE seq = 1')).toThrow(/append-only/);
      check.close();
    } finally {
      await server.stop();
    }
  }, 60_000);

  it('refuses to start the server or the CLI with a key other than the one the database was sealed with', async () => {
    const wrong = { ITAKU_DB_PATH: dbPath, ITAKU_AUDIT_KEY: 'a-different-audit-key-0123456789abcdefghij' };
    const server = await runToExit(wrong);
    expect(server.code).toBe(1);
    expect(server.stderr).toMatch(/ITAKU_AUDIT_KEY is not the key this database was sealed with/);
    const tool = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sweep'], {
      env: { ...process.env, ...wrong, ITAKU_LOG_LEVEL: 'error' },
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(tool.status).toBe(1);
    expect(tool.stderr).toMatch(/not the key this database was sealed with/);
    // The right key (the generated key file) still opens it, and nothing was sealed with the wrong one.
    expect(cli(dbPath, 'verify-audit').status).toBe(0);
  }, 60_000);
});
