import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, newContractor, scheduleReview } from '../support/factories';
import { client } from '../support/http';
import { eventually, httpReceiver } from '../support/receivers';
import { createTarget, type Target } from '../support/target';

/**
 * The worker encrypts secrets stored in clear when an isolate makes its app, on the
 * first request: the row is written into D1 before any request reaches the worker.
 */
const LEGACY = 'legacy-plain-secret-worker-03';
let target: Target;
let receiver: Awaited<ReturnType<typeof httpReceiver>>;

beforeAll(async () => {
  receiver = await httpReceiver(() => 204, { secret: LEGACY });
  target = await createTarget();
  await target.exec(
    `INSERT INTO webhooks (id, url, secret, events, description, active, created_at, created_by)
     VALUES ('legacyhook', '${receiver.url}', '${LEGACY}', '["review_overdue"]', NULL, 1, '2026-01-01T00:00:00.000Z', 'system')`,
  );
});

afterAll(async () => {
  await target?.close();
  await receiver?.close();
});

describe('a webhook secret stored in clear, on Workers', () => {
  it('is encrypted when the worker starts, and deliveries are still signed with it', async () => {
    expect((await target.fetch('/healthz')).status).toBe(200);
    const [row] = await target.query<{ secret: string }>("SELECT secret FROM webhooks WHERE id = 'legacyhook'");
    expect(row?.secret).toMatch(/^enc1:/);
    expect(row?.secret).not.toContain(LEGACY);
    const events = await target.query<{ actor: string; before: string | null; after: string | null }>(
      "SELECT actor, before, after FROM audit_events WHERE action = 'webhook.secret_encrypted' AND entity_id = 'legacyhook'",
    );
    expect(events).toEqual([{ actor: 'system', before: null, after: '{"secretStorage":"encrypted"}' }]);

    const admin = client(target);
    const c = await newContractor(admin, { name: '株式会社ワーカー旧鍵' });
    await scheduleReview(admin, String(c.id), daysFromToday(-3));
    expect((await admin.post('/api/v1/jobs/sweep')).status).toBe(200);
    await eventually(() => receiver.received.some((r) => r.headers['x-itaku-event-type'] === 'alert.raised'), 15_000);
    expect(receiver.received.map((r) => r.verified)).not.toContain(false);
    expect(receiver.received.length).toBeGreaterThan(0);
  });
});
