import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { WEBHOOK_TIMEOUT_MS } from '../../src/notify/deliver';
import { FixedClock } from '../../src/platform/clock';
import { randomToken } from '../../src/platform/crypto';
import { daysFromToday, newContractor, scheduleReview } from '../support/factories';
import { type Client, client } from '../support/http';
import { eventually, httpReceiver } from '../support/receivers';
import { startServer } from '../support/server';
import { createTarget, type Target } from '../support/target';

const SECRET = 'receiver-shared-secret-e2e-01';

interface Attempt {
  eventId: string;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  attemptedAt: string;
  nextAttemptAt: string | null;
}
type Receiver = Awaited<ReturnType<typeof httpReceiver>>;
const alertRequests = (r: Receiver) => r.received.filter((q) => q.headers['x-itaku-event-type'] === 'alert.raised');

describe('a receiver that never answers', () => {
  const clock = new FixedClock('2026-12-01T00:30:00Z');
  const runs: Promise<unknown>[] = [];
  let target: Target;
  let admin: Client;
  let fast: Receiver[];
  let slow: Receiver[];
  const hooks = new Map<Receiver, string>();
  const attemptsOf = async (r: Receiver) =>
    ((await (await admin.get(`/api/v1/webhooks/${hooks.get(r)}/deliveries`)).json()) as { items: Attempt[] }).items;

  beforeAll(async () => {
    target = await createTarget({ clock, background: (w) => runs.push(w) });
    admin = client(target);
    fast = await Promise.all([1, 2, 3, 4].map(() => httpReceiver(() => 204, { secret: SECRET })));
    slow = await Promise.all([1, 2].map(() => httpReceiver(() => 204, { secret: SECRET, hang: true })));
    // The slow ones first, so that a run taking messages one at a time would be stuck on them.
    for (const r of [...slow, ...fast]) {
      const res = await admin.post('/api/v1/webhooks', { url: r.url, secret: SECRET, events: ['review_overdue'] });
      hooks.set(r, ((await res.json()) as { id: string }).id);
    }
  });

  afterAll(async () => {
    await Promise.allSettled(runs);
    await target?.close();
    await Promise.all([...(fast ?? []), ...(slow ?? [])].map((r) => r.close()));
  });

  it('does not hold up the others: they get their messages while it is still waited for', async () => {
    const c = await newContractor(admin, { name: '株式会社遅延受信' });
    await scheduleReview(admin, String(c.id), addDays(clock.today(), -3));
    expect((await admin.post('/api/v1/jobs/sweep')).status).toBe(200);
    // Two pieces of work go on after the answer: the sweep's upkeep and the delivery.
    expect(runs).toHaveLength(2);

    // Both slow receivers hold a request open while every fast one has been served:
    // only a run that sends several messages at once gets here.
    await eventually(
      () => fast.every((r) => alertRequests(r).length === 1) && slow.every((r) => alertRequests(r).length === 1),
      WEBHOOK_TIMEOUT_MS - 1000,
    );
    for (const r of slow) expect(await attemptsOf(r)).toEqual([]);
    for (const r of fast) {
      expect(alertRequests(r).map((q) => q.verified)).toEqual([true]);
      await eventually(async () => (await attemptsOf(r)).some((a) => a.eventId.startsWith('alert.')));
    }

    // The same run then records the slow ones as timed out, to be retried.
    const [, result] = (await Promise.all(runs)) as { attempted: number; delivered: number; failed: number }[];
    const pending = await target.query<{ target: string; attempts: number; last_error: string }>(
      "SELECT target, attempts, last_error FROM outbox WHERE status = 'pending'",
    );
    expect(new Set(pending.map((p) => p.target))).toEqual(new Set(slow.map((r) => hooks.get(r))));
    expect(pending.map((p) => [p.attempts, p.last_error])).toEqual(
      pending.map(() => [1, 'timed out: no response within 10 s']),
    );
    expect(result?.failed).toBe(0);
    expect(result?.delivered).toBe((result?.attempted ?? 0) - pending.length);
    for (const r of slow) {
      const attempts = (await attemptsOf(r)).filter((a) => a.eventId.startsWith('alert.'));
      expect(attempts).toEqual([
        expect.objectContaining({
          attempt: 1,
          ok: false,
          statusCode: null,
          error: 'timed out: no response within 10 s',
        }),
      ]);
      const [a] = attempts;
      expect(Date.parse(a?.nextAttemptAt ?? '') - Date.parse(a?.attemptedAt ?? '')).toBe(60_000);
    }
    for (const r of fast) {
      const alerts = (await attemptsOf(r)).filter((a) => a.eventId.startsWith('alert.'));
      expect(alerts).toEqual([expect.objectContaining({ ok: true, statusCode: 204 })]);
    }
  });

  it('hands each due message to exactly one of two deliverers running at once', async () => {
    for (const r of slow) await r.close();
    const due = await target.query<{ id: string }>("SELECT id FROM outbox WHERE status = 'pending'");
    expect(due.length).toBeGreaterThanOrEqual(2);
    clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
    const both = await Promise.all([admin.post('/api/v1/jobs/deliver'), admin.post('/api/v1/jobs/deliver')]);
    const results = (await Promise.all(both.map((res) => res.json()))) as { attempted: number }[];
    expect(results.reduce((n, r) => n + r.attempted, 0)).toBe(due.length);
    const rows = await target.query<{ attempts: number }>(
      `SELECT attempts FROM outbox WHERE id IN (${due.map((d) => `'${d.id}'`).join(', ')})`,
    );
    expect(rows.map((r) => r.attempts)).toEqual(due.map(() => 2));
  });
});

describe('secrets and targets across restarts of the Node server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'itaku-e2e-hooks-'));
  const dbPath = join(dir, 'itaku.db');
  const token = randomToken();
  const auditKey = randomToken('itka');
  const env = (allowPrivate: boolean) => ({
    ITAKU_DB_PATH: dbPath,
    ITAKU_ADMIN_TOKEN: token,
    ITAKU_AUDIT_KEY: auditKey,
    ITAKU_SWEEP_CRON: 'off',
    ITAKU_WEBHOOK_ALLOW_PRIVATE: String(allowPrivate),
  });
  const LEGACY = 'legacy-plain-secret-e2e-02';
  let current: Receiver;
  let legacy: Receiver;
  let currentHook: string;

  beforeAll(async () => {
    current = await httpReceiver(() => 204, { secret: SECRET });
    legacy = await httpReceiver(() => 204, { secret: LEGACY });
  });
  afterAll(async () => {
    await Promise.all([current?.close(), legacy?.close()]);
    rmSync(dir, { recursive: true, force: true });
  });

  const api = (url: string): Client => {
    const fake = { fetch: (path: string, init?: RequestInit) => fetch(url + path, init), adminToken: token };
    return client(fake as unknown as Target);
  };

  it('re-encrypts a secret stored in clear at start, and still signs with it', async () => {
    const first = await startServer(env(true));
    try {
      const res = await api(first.url).post('/api/v1/webhooks', {
        url: current.url,
        secret: SECRET,
        events: ['review_overdue'],
      });
      expect(res.status).toBe(201);
      currentHook = ((await res.json()) as { id: string }).id;
    } finally {
      expect(await first.stop()).toBe(0);
    }
    // A row from before secrets were encrypted.
    const raw = new Database(dbPath);
    raw
      .prepare(
        `INSERT INTO webhooks (id, url, secret, events, description, active, created_at, created_by)
         VALUES ('legacyhook', ?, ?, '["review_overdue"]', NULL, 1, '2026-01-01T00:00:00.000Z', 'system')`,
      )
      .run(legacy.url, LEGACY);
    raw.close();

    const second = await startServer(env(true));
    try {
      const stored = new Database(dbPath, { readonly: true });
      const rows = stored.prepare('SELECT id, secret FROM webhooks ORDER BY id').all() as {
        id: string;
        secret: string;
      }[];
      const events = stored
        .prepare("SELECT entity_id, before, after FROM audit_events WHERE action = 'webhook.secret_encrypted'")
        .all() as { entity_id: string; before: string | null; after: string | null }[];
      stored.close();
      for (const row of rows) {
        expect(row.secret).toMatch(/^enc1:/);
        expect(row.secret).not.toContain(LEGACY);
        expect(row.secret).not.toContain(SECRET);
      }
      expect(events.map((e) => e.entity_id)).toEqual(['legacyhook']);
      expect(JSON.stringify(events)).not.toContain(LEGACY);

      const admin = api(second.url);
      const c = await newContractor(admin, { name: '株式会社再暗号化' });
      await scheduleReview(admin, String(c.id), daysFromToday(-3));
      expect((await admin.post('/api/v1/jobs/sweep')).status).toBe(200);
      await eventually(() => alertRequests(current).length === 1 && alertRequests(legacy).length === 1, 10_000);
      expect(alertRequests(current).map((q) => q.verified)).toEqual([true]);
      expect(alertRequests(legacy).map((q) => q.verified)).toEqual([true]);
    } finally {
      expect(await second.stop()).toBe(0);
    }
  });

  it('refuses, once private targets are no longer allowed, a receiver registered while they were', async () => {
    const strict = await startServer(env(false));
    try {
      const admin = api(strict.url);
      const before = current.received.length + legacy.received.length;
      const c = await newContractor(admin, { name: '株式会社内部宛' });
      await scheduleReview(admin, String(c.id), daysFromToday(-4));
      expect((await admin.post('/api/v1/jobs/sweep')).status).toBe(200);
      const attempts = async () =>
        (
          (await (await admin.get(`/api/v1/webhooks/${currentHook}/deliveries?limit=200`)).json()) as {
            items: Attempt[];
          }
        ).items;
      await eventually(async () => (await attempts()).some((a) => a.error?.startsWith('refused')), 10_000);
      const refused = (await attempts()).filter((a) => a.error?.startsWith('refused'));
      expect(refused[0]).toMatchObject({ ok: false, statusCode: null, nextAttemptAt: null });
      expect(refused[0]?.error).toBe(
        'refused, nothing sent: the URL must not point at a loopback address (127.0.0.1): webhooks reach only public hosts',
      );
      expect(current.received.length + legacy.received.length).toBe(before);
    } finally {
      expect(await strict.stop()).toBe(0);
    }
  });
});
