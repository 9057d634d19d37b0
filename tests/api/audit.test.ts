import { afterAll, beforeEach, describe, expect, it } from 'vitest';
import { sealHash } from '../../src/platform/audit/chain';
import { sha256Hex } from '../../src/platform/crypto';
import { deriveKeys } from '../../src/platform/keys';
import { newContractor } from '../support/factories';
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
  sealed: number;
  unsealed: number;
  firstBrokenSeq: number | null;
  headSeq: number;
  headHash: string;
  checkpoint?: { seq: number; hash: string; ok: boolean };
}
const verify = async (query = '') => {
  const res = await client(target).get(`/api/v1/audit-events/verify${query}`);
  expect(res.status).toBe(200);
  return (await res.json()) as Verify;
};
const checkpoint = async () => {
  const res = await client(target).post('/api/v1/audit-events/checkpoints', {});
  expect(res.status).toBe(201);
  return (await res.json()) as { seq: number; hash: string; checkpoint: string };
};

const TABLES = ['audit_events', 'audit_seals', 'audit_checkpoints'];

/** Drops the append-only triggers, as someone holding the database file can, and runs `sql`. */
async function tamper(...statements: string[]) {
  for (const t of TABLES) {
    await target.exec(`DROP TRIGGER IF EXISTS ${t}_no_update`);
    await target.exec(`DROP TRIGGER IF EXISTS ${t}_no_delete`);
  }
  for (const s of statements) await target.exec(s);
}

interface EventRow {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string;
  before: string | null;
  after: string | null;
  request_id: string | null;
}
const fieldsOf = (r: EventRow) => ({
  seq: r.seq,
  at: r.at,
  actor: r.actor,
  action: r.action,
  entityType: r.entity_type,
  entityId: r.entity_id,
  before: r.before,
  after: r.after,
  requestId: r.request_id,
});

/**
 * Rewrites event `seq` and recomputes every seal from it on with `hash` (what an attacker
 * with the file but without the key can do), leaving a chain that links perfectly.
 */
async function rewriteAndReseal(
  seq: number,
  actor: string,
  hash: (fields: ReturnType<typeof fieldsOf>, prev: string) => Promise<string>,
) {
  await tamper(`UPDATE audit_events SET actor = '${actor}' WHERE seq = ${seq}`);
  const events = await target.query<EventRow>('SELECT * FROM audit_events WHERE seq >= ? ORDER BY seq', seq);
  const [prev] = await target.query<{ hash: string }>('SELECT hash FROM audit_seals WHERE seq = ?', seq - 1);
  let prevHash = prev?.hash ?? '0'.repeat(64);
  for (const e of events) {
    const h = await hash(fieldsOf(e), prevHash);
    await target.exec(`UPDATE audit_seals SET prev_hash = '${prevHash}', hash = '${h}' WHERE seq = ${e.seq}`);
    prevHash = h;
  }
}

describe('audit trail', () => {
  it('verifies an intact, fully sealed chain', async () => {
    const v = await verify();
    // key registered + bootstrap + (user.create + token.issue) × 3
    expect(v).toMatchObject({ ok: true, firstBrokenSeq: null, count: 8, sealed: 8, unsealed: 0, headSeq: 8 });
    expect(v.headHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('refuses UPDATE and DELETE of events, seals and checkpoints through triggers', async () => {
    await checkpoint();
    for (const t of TABLES) {
      await expect(target.exec(`UPDATE ${t} SET seq = seq`)).rejects.toThrow(/append-only/);
      await expect(target.exec(`DELETE FROM ${t}`)).rejects.toThrow(/append-only/);
    }
    expect((await verify()).ok).toBe(true);
  });

  it('detects a modified event', async () => {
    await tamper(`UPDATE audit_events SET after = '{"role":"admin"}' WHERE seq = 3`);
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 3, count: 8 });
  });

  it('detects a rewrite whose later seals were recomputed as plain SHA-256 (no key)', async () => {
    await rewriteAndReseal(2, 'mallory', (f, prev) =>
      sha256Hex(
        JSON.stringify([
          f.seq,
          f.at,
          f.actor,
          f.action,
          f.entityType,
          f.entityId,
          f.before,
          f.after,
          f.requestId,
          prev,
        ]),
      ),
    );
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 2 });
  });

  it('detects a rewrite resealed with a guessed key', async () => {
    const wrong = await deriveKeys('not-the-audit-key-0123456789abcdefghij');
    await rewriteAndReseal(4, 'mallory', (f, prev) => sealHash(wrong, f, prev));
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 4 });
  });

  it('would accept a reseal only with the real key, which is not in the database', async () => {
    // The control for the two tests above: the same rewrite with the key verifies, so
    // what protects the trail is exactly the key kept outside the database.
    const real = await deriveKeys(target.auditKey);
    await rewriteAndReseal(4, 'mallory', (f, prev) => sealHash(real, f, prev));
    expect((await verify()).ok).toBe(true);
  });

  it('detects a deleted event and its seal in the middle', async () => {
    await tamper('DELETE FROM audit_events WHERE seq = 4', 'DELETE FROM audit_seals WHERE seq = 4');
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 4, count: 7 });
  });

  it('detects an inserted event', async () => {
    await tamper(
      `INSERT INTO audit_events (seq, at, actor, action, entity_type, entity_id)
       SELECT 9, at, 'mallory', 'user.create', 'user', 'x' FROM audit_events WHERE seq = 8`,
      `INSERT INTO audit_seals (seq, prev_hash, hash, sealed_at)
       SELECT 9, hash, '${'a'.repeat(64)}', sealed_at FROM audit_seals WHERE seq = 8`,
    );
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 9, count: 9 });
  });

  it('detects events renumbered to hide a deletion', async () => {
    await tamper(
      'DELETE FROM audit_events WHERE seq = 7',
      'DELETE FROM audit_seals WHERE seq = 7',
      'UPDATE audit_events SET seq = 7 WHERE seq = 6',
      'UPDATE audit_seals SET seq = 7 WHERE seq = 6',
    );
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.firstBrokenSeq).toBe(6);
  });

  it('detects events removed while their seals were left behind', async () => {
    await tamper('DELETE FROM audit_events WHERE seq >= 6');
    expect(await verify()).toMatchObject({ ok: false, firstBrokenSeq: 6 });
  });

  it.each([1, 50])('detects the removal of the newest %i events against a checkpoint kept elsewhere', async (n) => {
    const api = client(target);
    for (let i = 0; i < 60; i++) await newContractor(api, { name: `切り詰め ${i}` });
    const held = await checkpoint(); // what the webhook receiver / e-mail kept
    // Everything from the n-th newest event the checkpoint covers is removed, seals too.
    const from = held.seq - n + 1;
    await tamper(
      `DELETE FROM audit_events WHERE seq >= ${from}`,
      `DELETE FROM audit_seals WHERE seq >= ${from}`,
      `DELETE FROM audit_checkpoints WHERE seq >= ${from}`,
    );
    // By itself the shortened chain is consistent: that is what checkpoints are for.
    expect((await verify()).ok).toBe(true);
    const v = await verify(`?checkpoint=${held.checkpoint}`);
    expect(v.ok).toBe(false);
    expect(v.checkpoint).toEqual({ seq: held.seq, hash: held.hash, ok: false });
    expect(v.firstBrokenSeq).toBeLessThanOrEqual(held.seq);
  });

  it('detects a rewrite before a checkpoint even when resealed with the key', async () => {
    const held = await checkpoint();
    const real = await deriveKeys(target.auditKey);
    await rewriteAndReseal(3, 'mallory', (f, prev) => sealHash(real, f, prev));
    const v = await verify(`?checkpoint=${held.checkpoint}`);
    expect(v).toMatchObject({ ok: false, checkpoint: { ok: false } });
  });

  it('holds a checkpoint while the chain grows after it', async () => {
    const held = await checkpoint();
    const api = client(target);
    for (let i = 0; i < 5; i++) await newContractor(api, { name: `成長 ${i}` });
    const v = await verify(`?checkpoint=${held.checkpoint}`);
    expect(v).toMatchObject({ ok: true, checkpoint: { seq: held.seq, ok: true }, unsealed: 0 });
    expect(v.count).toBeGreaterThan(held.seq);
  });

  it('refuses a malformed checkpoint with a 400 naming it', async () => {
    for (const bad of ['abc', '12', '12:zz', `x:${'a'.repeat(64)}`]) {
      const res = await client(target).get(`/api/v1/audit-events/verify?checkpoint=${bad}`);
      expect(res.status).toBe(400);
      expect((await problem(res)).errors?.[0]?.path).toBe('checkpoint');
    }
  });

  it('lists checkpoints; only admins publish one', async () => {
    const first = await checkpoint();
    const manager = await userWithRole(target, 'manager');
    expect((await manager.api.post('/api/v1/audit-events/checkpoints', {})).status).toBe(403);
    const list = (await (await manager.api.get('/api/v1/audit-events/checkpoints')).json()) as {
      items: { seq: number; checkpoint: string; trigger: string }[];
    };
    expect(list.items[0]).toMatchObject({ seq: first.seq, checkpoint: first.checkpoint, trigger: 'api' });
  });

  it('keeps one chain under many concurrent writes', async () => {
    const api = client(target);
    const results = await Promise.all(
      Array.from({ length: 24 }, (_, i) => api.post('/api/v1/users', { name: `parallel ${i}`, role: 'manager' })),
    );
    for (const r of results) expect(r.status).toBe(201);
    expect(await verify()).toMatchObject({ ok: true, count: 8 + 48, sealed: 8 + 48, unsealed: 0 });
  });

  it('lists events newest first with filters and pages, with their seals', async () => {
    const api = client(target);
    await newContractor(api, { name: '一覧社' });
    const all = (await (await api.get('/api/v1/audit-events?limit=3')).json()) as {
      items: { seq: number; sealed: boolean; hash: string | null; prevHash: string | null }[];
      nextCursor: string | null;
    };
    const { count } = await verify();
    expect(all.items.map((e) => e.seq)).toEqual([count, count - 1, count - 2]);
    expect(all.items.every((e) => e.sealed && /^[0-9a-f]{64}$/.test(e.hash ?? ''))).toBe(true);
    expect(all.items[1]?.hash).toBe(all.items[0]?.prevHash);
    const next = (await (await api.get(`/api/v1/audit-events?limit=3&cursor=${all.nextCursor}`)).json()) as {
      items: { seq: number }[];
    };
    expect(next.items.map((e) => e.seq)).toEqual([count - 3, count - 4, count - 5]);
    const bad = await api.get('/api/v1/audit-events?cursor=garbage');
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.[0]?.path).toBe('cursor');
  });

  it('shows events about users and webhooks to admins only', async () => {
    const api = client(target);
    const adminView = (await (await api.get('/api/v1/audit-events?limit=200')).json()) as {
      items: { entityType: string }[];
    };
    expect(adminView.items.some((e) => e.entityType === 'user')).toBe(true);
    await newContractor(api, { name: '閲覧社' });
    for (const role of ['procurement', 'compliance', 'manager']) {
      const other = await userWithRole(target, role);
      const page = (await (await other.api.get('/api/v1/audit-events?limit=200')).json()) as {
        items: { entityType: string; after: unknown }[];
      };
      expect(page.items.length).toBeGreaterThan(0);
      expect(page.items.some((e) => e.entityType === 'user' || e.entityType === 'webhook')).toBe(false);
      expect(JSON.stringify(page.items)).not.toMatch(/@example|hanako/);
      for (const type of ['user', 'webhook']) {
        const res = await other.api.get(`/api/v1/audit-events?entityType=${type}`);
        expect(res.status).toBe(403);
      }
      // The system actor's events are still listed, without the user ones.
      const system = (await (await other.api.get('/api/v1/audit-events?actor=system')).json()) as {
        items: { action: string }[];
      };
      expect(system.items.map((e) => e.action)).not.toContain('user.bootstrap');
    }
  });

  it('never records a token, a token hash or a secret in an event', async () => {
    const api = client(target);
    const made = (await (
      await api.post('/api/v1/users', { name: '秘密 太郎', email: 'himitsu@example.co.jp', role: 'compliance' })
    ).json()) as { user: { id: string }; token: string };
    const rotated = (await (await api.post(`/api/v1/users/${made.user.id}/tokens`, {})).json()) as { token: string };
    const feed = (await (await api.post('/api/v1/users/me/feed-token', {})).json()) as { token: string };
    const hook = await api.post('/api/v1/webhooks', {
      url: 'http://127.0.0.1:9/hook',
      secret: 'webhook-signing-secret-0123456789',
      events: ['review_overdue'],
    });
    expect(hook.status).toBe(201);
    const hashes = await target.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    const events = JSON.stringify(await target.query('SELECT before, after FROM audit_events'));
    for (const secret of [
      made.token,
      rotated.token,
      feed.token,
      'webhook-signing-secret-0123456789',
      ...hashes.map((h) => h.token_hash),
    ]) {
      expect(events).not.toContain(secret);
    }
  });
});
