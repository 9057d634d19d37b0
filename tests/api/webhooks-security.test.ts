import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, newContractor, scheduleReview } from '../support/factories';
import { type Client, client, problem } from '../support/http';
import { eventually, httpReceiver } from '../support/receivers';
import { createTarget, type Target } from '../support/target';

/**
 * Webhooks cannot be aimed at the network itaku runs in (SSRF), and their signing
 * secrets are encrypted at rest. `strict` refuses private targets as production does;
 * `open` allows them (ITAKU_WEBHOOK_ALLOW_PRIVATE=true) so that receivers on 127.0.0.1
 * can check the signatures.
 */
let strict: Target;
let open: Target;
let strictAdmin: Client;
let openAdmin: Client;

beforeAll(async () => {
  [strict, open] = await Promise.all([createTarget({ env: { ITAKU_WEBHOOK_ALLOW_PRIVATE: 'false' } }), createTarget()]);
  strictAdmin = client(strict);
  openAdmin = client(open);
});

afterAll(async () => {
  await Promise.all([strict?.close(), open?.close()]);
});

const SECRET = 'signing-secret-Zq8vX2kP9mW4';
const hookBody = (url: string, extra: Record<string, unknown> = {}) => ({
  url,
  secret: SECRET,
  events: ['review_overdue'],
  ...extra,
});

interface Attempt {
  eventId: string;
  attempt: number;
  ok: boolean;
  statusCode: number | null;
  error: string | null;
  nextAttemptAt: string | null;
}
const allAttemptsOf = async (api: Client, hookId: string) =>
  ((await (await api.get(`/api/v1/webhooks/${hookId}/deliveries`)).json()) as { items: Attempt[] }).items;
/** The alert deliveries (every sweep also publishes its audit checkpoint to each receiver). */
const attemptsOf = async (api: Client, hookId: string) =>
  (await allAttemptsOf(api, hookId)).filter((a) => a.eventId.startsWith('alert.'));

/** Raises one review_overdue alert, which queues one message per subscribed webhook. */
async function raiseAlert(api: Client) {
  const c = await newContractor(api, { name: `株式会社フック検証${Math.random().toString(36).slice(2, 8)}` });
  await scheduleReview(api, String(c.id), daysFromToday(-3));
  const res = await api.post('/api/v1/jobs/sweep');
  expect(res.status).toBe(200);
}

describe('webhook targets (SSRF)', () => {
  const refused = [
    'http://127.0.0.1/hook',
    'http://localhost:8080/',
    'http://2130706433/',
    'http://0x7f000001/',
    'http://0177.0.0.1/',
    'http://127.1/',
    'http://0.0.0.0/',
    'http://0/',
    'http://[::1]/',
    'http://[::ffff:127.0.0.1]/',
    'http://[::ffff:7f00:1]/',
    'http://[fe80::1]/',
    'http://[fc00::1]/',
    'http://[fd00:ec2::254]/',
    'http://169.254.169.254/latest/meta-data/',
    'http://metadata.google.internal/computeMetadata/v1/',
    'http://10.0.0.1/',
    'http://172.16.0.1/',
    'http://172.31.255.255/',
    'http://192.168.1.1/',
    'http://100.64.0.1/',
    'http://224.0.0.1/',
    'http://255.255.255.255/',
    'http://240.0.0.1/',
    'http://198.18.0.1/',
  ];

  it.each(refused)('refuses %s with a 400 naming url, and creates nothing', async (url) => {
    const res = await strictAdmin.post('/api/v1/webhooks', hookBody(url));
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.type).toBe('/problems/validation');
    expect(body.errors).toEqual([
      {
        path: 'url',
        message: expect.stringMatching(/^must not point at .+: webhooks reach only public hosts$/),
        code: 'webhookHost',
        params: { what: expect.any(String) },
      },
    ]);
    expect(JSON.stringify(body)).not.toContain(SECRET);
  });

  it('left no trace of the refused ones', async () => {
    expect(((await (await strictAdmin.get('/api/v1/webhooks')).json()) as { items: unknown[] }).items).toEqual([]);
    expect(
      await strict.query(
        "SELECT id FROM webhooks UNION ALL SELECT action FROM audit_events WHERE action LIKE 'webhook.%'",
      ),
    ).toEqual([]);
  });

  it('accepts a public host', async () => {
    const res = await strictAdmin.post(
      '/api/v1/webhooks',
      hookBody('https://hooks.example.com/itaku', { events: ['agreement_expired'] }),
    );
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    // Never delivered to: nothing here may leave the machine.
    expect((await strictAdmin.delete(`/api/v1/webhooks/${id}`)).status).toBe(204);
  });

  it.each([
    ['https://user:pass@hooks.example.com/', 'must not contain a user name or password'],
    ['https://token@hooks.example.com/', 'must not contain a user name or password'],
    ['http://user:pass@127.0.0.1/', 'must not contain a user name or password'],
    ['gopher://127.0.0.1:6379/_', 'must be an http:// or https:// URL'],
    ['file:///etc/passwd', 'must be an http:// or https:// URL'],
  ])('refuses %s even where private targets are allowed', async (url, message) => {
    for (const api of [strictAdmin, openAdmin]) {
      const res = await api.post('/api/v1/webhooks', hookBody(url));
      expect(res.status).toBe(400);
      const code = message.startsWith('must not contain') ? 'webhookCredentials' : 'webhookUrl';
      expect((await problem(res)).errors).toEqual([{ path: 'url', message, code }]);
    }
  });

  it.each(['line\nbreak', 'nul\u0000', 'bell\u0007', 'escape\u001b[31m', 'c1\u0085'])(
    'refuses control characters in the description (%j)',
    async (description) => {
      const res = await openAdmin.post('/api/v1/webhooks', hookBody('https://hooks.example.com/x', { description }));
      expect(res.status).toBe(400);
      expect((await problem(res)).errors?.map((e) => e.path)).toEqual(['description']);
    },
  );

  it('refuses at delivery a receiver whose URL points inside, without sending anything', async () => {
    const receiver = await httpReceiver(() => 204);
    try {
      const res = await strictAdmin.post('/api/v1/webhooks', hookBody('https://hooks.example.com/before'));
      const { id } = (await res.json()) as { id: string };
      // As registered while ITAKU_WEBHOOK_ALLOW_PRIVATE was still true.
      await strict.exec(`UPDATE webhooks SET url = '${receiver.url}' WHERE id = '${id}'`);
      await raiseAlert(strictAdmin);
      await eventually(async () => (await attemptsOf(strictAdmin, id)).length === 1, 15_000);
      const [attempt] = await attemptsOf(strictAdmin, id);
      expect(attempt).toMatchObject({ attempt: 1, ok: false, statusCode: null, nextAttemptAt: null });
      expect(attempt?.error).toMatch(
        /^refused, nothing sent: the URL must not point at a loopback address \(127\.0\.0\.1\)/,
      );
      expect(
        await strict.query("SELECT status, attempts FROM outbox WHERE target = ? AND event_id LIKE 'alert.%'", id),
      ).toEqual([{ status: 'failed', attempts: 1 }]);
      // The checkpoint published to it is refused alike; both are given up, not retried.
      await eventually(async () => (await allAttemptsOf(strictAdmin, id)).length === 2, 15_000);
      expect((await allAttemptsOf(strictAdmin, id)).map((a) => a.error?.slice(0, 21))).toEqual([
        'refused, nothing sent',
        'refused, nothing sent',
      ]);
      expect(((await (await strictAdmin.post('/api/v1/jobs/deliver')).json()) as { attempted: number }).attempted).toBe(
        0,
      );
      expect(receiver.received).toEqual([]);
    } finally {
      await receiver.close();
    }
  });
});

describe('webhook secrets at rest', () => {
  const LEGACY = 'legacy-plain-secret-7Hn3Qw';
  let receiver: Awaited<ReturnType<typeof httpReceiver>>;
  let legacyReceiver: Awaited<ReturnType<typeof httpReceiver>>;
  let hookId: string;

  beforeAll(async () => {
    receiver = await httpReceiver(() => 204, { secret: SECRET });
    legacyReceiver = await httpReceiver(() => 204, { secret: LEGACY });
  });
  afterAll(async () => {
    await Promise.all([receiver?.close(), legacyReceiver?.close()]);
  });

  it('stores the secret encrypted, never the secret itself', async () => {
    const res = await openAdmin.post('/api/v1/webhooks', hookBody(receiver.url, { description: '監視用' }));
    expect(res.status).toBe(201);
    hookId = ((await res.json()) as { id: string }).id;
    const [row] = await open.query<{ secret: string }>('SELECT secret FROM webhooks WHERE id = ?', hookId);
    expect(row?.secret).toMatch(/^enc1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(row?.secret).not.toContain(SECRET);
    expect(row?.secret).not.toContain(btoa(SECRET).slice(0, 12));
    for (const path of ['/api/v1/webhooks', `/api/v1/webhooks/${hookId}`]) {
      expect(await (await openAdmin.get(path)).text()).not.toContain(SECRET);
    }
  });

  it('signs deliveries with the secret as registered, and with a legacy plain one', async () => {
    // A row written before secrets were encrypted (re-encrypted at the next start).
    await open.exec(
      `INSERT INTO webhooks (id, url, secret, events, description, active, created_at, created_by)
       VALUES ('legacyhook', '${legacyReceiver.url}', '${LEGACY}', '["review_overdue"]', NULL, 1, '2026-01-01T00:00:00.000Z', 'system')`,
    );
    await raiseAlert(openAdmin);
    await eventually(async () => (await attemptsOf(openAdmin, hookId)).length === 1, 15_000);
    await eventually(async () => (await attemptsOf(openAdmin, 'legacyhook')).length === 1, 15_000);
    expect(await attemptsOf(openAdmin, hookId)).toEqual([expect.objectContaining({ ok: true, statusCode: 204 })]);
    expect(await attemptsOf(openAdmin, 'legacyhook')).toEqual([expect.objectContaining({ ok: true, statusCode: 204 })]);
    for (const r of [receiver, legacyReceiver]) {
      const alerts = r.received.filter((req) => req.headers['x-itaku-event-type'] === 'alert.raised');
      expect(alerts.map((req) => req.verified)).toEqual([true]);
      expect(r.received.every((req) => req.verified)).toBe(true);
    }
  });

  it('does not sign with a ciphertext copied from another webhook', async () => {
    const res = await openAdmin.post(
      '/api/v1/webhooks',
      hookBody(receiver.url, { secret: 'another-secret-9Lm2Xc7Vb' }),
    );
    const { id } = (await res.json()) as { id: string };
    // Someone with the database file copies a known receiver's ciphertext onto their hook.
    await open.exec(
      `UPDATE webhooks SET secret = (SELECT secret FROM webhooks WHERE id = '${hookId}') WHERE id = '${id}'`,
    );
    await raiseAlert(openAdmin);
    await eventually(async () => (await attemptsOf(openAdmin, id)).length === 1, 15_000);
    expect((await attemptsOf(openAdmin, id))[0]).toMatchObject({
      ok: false,
      statusCode: null,
      error: 'cannot decrypt the signing secret (was ITAKU_AUDIT_KEY changed?)',
    });
    expect(receiver.received.every((r) => r.verified)).toBe(true);
  });

  it('writes no secret into the audit trail', async () => {
    const events = await open.query<{ action: string; before: string | null; after: string | null }>(
      'SELECT action, before, after FROM audit_events',
    );
    expect(events.filter((e) => e.action === 'webhook.create')).toHaveLength(2);
    for (const e of events) {
      for (const secret of [SECRET, LEGACY, 'another-secret-9Lm2Xc7Vb']) {
        expect(`${e.before} ${e.after}`).not.toContain(secret);
      }
      expect(`${e.before} ${e.after}`).not.toContain('enc1:');
    }
  });
});
