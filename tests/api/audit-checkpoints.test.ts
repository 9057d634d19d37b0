import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, newContractor, scheduleReview } from '../support/factories';
import { client } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

interface Outbox {
  target: string;
  event_id: string;
  event_type: string;
  payload: string;
}

describe('checkpoints published by the sweep', () => {
  it('queue an audit.checkpoint message to every active webhook, and one more after the next sweep', async () => {
    const api = client(target);
    const hooks = [];
    for (const events of [['review_overdue'], ['agreement_expiring']]) {
      const res = await api.post('/api/v1/webhooks', {
        url: 'http://127.0.0.1:9/hook',
        secret: 'checkpoint-test-secret-0123456789',
        events,
      });
      expect(res.status).toBe(201);
      hooks.push(((await res.json()) as { id: string }).id);
    }
    const c = await newContractor(api, { name: 'チェックポイント社' });
    await scheduleReview(api, c.id, daysFromToday(-3));

    const run = (await (await api.post('/api/v1/jobs/sweep')).json()) as {
      raised: number;
      queued: { webhook: number; checkpoint: number };
    };
    expect(run.raised).toBeGreaterThan(0);
    expect(run.queued.checkpoint).toBe(2);
    const rows = await target.query<Outbox>("SELECT * FROM outbox WHERE event_type = 'audit.checkpoint'");
    expect(rows.map((r) => r.target).sort()).toEqual([...hooks].sort());
    const payload = JSON.parse(rows[0]?.payload ?? '{}') as {
      type: string;
      checkpoint: { seq: number; hash: string; checkpoint: string };
    };
    expect(payload.type).toBe('audit.checkpoint');
    expect(payload.checkpoint.checkpoint).toBe(`${payload.checkpoint.seq}:${payload.checkpoint.hash}`);

    // What the receivers keep verifies against the trail; it is also in the checkpoint list.
    const v = (await (
      await api.get(`/api/v1/audit-events/verify?checkpoint=${payload.checkpoint.checkpoint}`)
    ).json()) as {
      ok: boolean;
      checkpoint: { ok: boolean };
    };
    expect(v).toMatchObject({ ok: true, checkpoint: { ok: true } });
    const list = (await (await api.get('/api/v1/audit-events/checkpoints')).json()) as {
      items: { seq: number; trigger: string }[];
    };
    expect(list.items[0]).toMatchObject({ seq: payload.checkpoint.seq, trigger: 'sweep' });

    // The next sweep publishes a newer checkpoint; a run again never duplicates a message.
    await newContractor(api, { name: 'チェックポイント二社' });
    await api.post('/api/v1/jobs/sweep');
    const after = await target.query<Outbox>("SELECT * FROM outbox WHERE event_type = 'audit.checkpoint'");
    expect(after).toHaveLength(4);
    expect(new Set(after.map((r) => `${r.target} ${r.event_id}`)).size).toBe(4);
  });
});
