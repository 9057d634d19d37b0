import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
// Tampering is destructive: every test gets its own database.
beforeEach(async () => {
  await target?.close();
  target = await createTarget();
  for (const role of ['procurement', 'compliance', 'manager']) await userWithRole(target, role);
});
afterAll(() => target.close());

interface Verify {
  ok: boolean;
  count: number;
  firstBrokenSeq: number | null;
  headHash: string;
}
const verify = async () => {
  const res = await client(target).get('/api/v1/audit-events/verify');
  expect(res.status).toBe(200);
  return (await res.json()) as Verify;
};

/** Drops the append-only triggers, as an attacker with file access could, runs `sql`, restores them. */
async function tamper(sql: string) {
  await target.exec('DROP TRIGGER audit_events_no_update');
  await target.exec('DROP TRIGGER audit_events_no_delete');
  await target.exec(sql);
  await target.exec(
    "CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
  );
  await target.exec(
    "CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END",
  );
}

describe('audit trail', () => {
  it('verifies an intact chain', async () => {
    const v = await verify();
    expect(v).toMatchObject({ ok: true, firstBrokenSeq: null });
    // bootstrap + (user.create + token.issue) × 3
    expect(v.count).toBe(7);
    expect(v.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses UPDATE and DELETE through triggers', async () => {
    await expect(target.exec("UPDATE audit_events SET actor = 'mallory' WHERE seq = 2")).rejects.toThrow(/append-only/);
    await expect(target.exec('DELETE FROM audit_events WHERE seq = 2')).rejects.toThrow(/append-only/);
    expect((await verify()).ok).toBe(true);
  });

  it('detects a modified row', async () => {
    await tamper(`UPDATE audit_events SET after = '{"role":"admin"}' WHERE seq = 3`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 3, count: 7 });
  });

  it('detects a modified row whose hash was recomputed (the next link breaks)', async () => {
    const [row] = await target.query<{ hash: string }>('SELECT hash FROM audit_events WHERE seq = 2');
    await tamper(`UPDATE audit_events SET actor = 'mallory', hash = '${'f'.repeat(64)}' WHERE seq = 2`);
    expect(row?.hash).toBeDefined();
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.firstBrokenSeq).toBe(2);
  });

  it('detects a deleted row', async () => {
    await tamper('DELETE FROM audit_events WHERE seq = 4');
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 5, count: 6 });
  });

  it('detects an inserted row', async () => {
    await tamper(
      `INSERT INTO audit_events (seq, at, actor, action, entity_type, entity_id, before, after, request_id, prev_hash, hash)
       SELECT 8, at, 'mallory', 'user.create', 'user', 'x', NULL, NULL, NULL, hash, '${'a'.repeat(64)}'
       FROM audit_events WHERE seq = 7`,
    );
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 8, count: 8 });
  });

  it('detects rows renumbered to hide a deletion', async () => {
    await tamper('DELETE FROM audit_events WHERE seq = 7');
    await tamper('UPDATE audit_events SET seq = 7 WHERE seq = 6');
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.firstBrokenSeq).toBe(7);
  });

  it('keeps appending a valid chain after many writes from concurrent requests', async () => {
    const api = client(target);
    const results = await Promise.all(
      Array.from({ length: 12 }, (_, i) => api.post('/api/v1/users', { name: `parallel ${i}`, role: 'manager' })),
    );
    for (const r of results) expect(r.status).toBe(201);
    expect(await verify()).toMatchObject({ ok: true, count: 7 + 24 });
  });

  it('lists events newest first with filters and pages', async () => {
    const manager = await userWithRole(target, 'manager');
    const all = (await (await manager.api.get('/api/v1/audit-events?limit=3')).json()) as {
      items: { seq: number; actor: string }[];
      nextCursor: string | null;
    };
    expect(all.items.map((e) => e.seq)).toEqual([9, 8, 7]);
    const next = (await (await manager.api.get(`/api/v1/audit-events?limit=3&cursor=${all.nextCursor}`)).json()) as {
      items: { seq: number }[];
    };
    expect(next.items.map((e) => e.seq)).toEqual([6, 5, 4]);
    const system = (await (await manager.api.get('/api/v1/audit-events?actor=system')).json()) as {
      items: { action: string }[];
    };
    expect(system.items.map((e) => e.action)).toEqual(['user.bootstrap']);
    const bad = await manager.api.get('/api/v1/audit-events?cursor=garbage');
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.[0]?.path).toBe('cursor');
  });
});
