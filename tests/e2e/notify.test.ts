import { createHmac } from 'node:crypto';
import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { smtpMailer } from '../../src/notify/smtp-mailer';
import { FixedClock } from '../../src/platform/clock';
import { newContractor, passingChecklist, scheduleReview } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { eventually, httpReceiver, smtpReceiver } from '../support/receivers';
import { createTarget, type Target } from '../support/target';

/**
 * Delivery end to end on the Node runtime: a real SMTP server and real HTTP receivers on
 * 127.0.0.1, a fixed clock moved by hand for retries and escalation.
 */
const clock = new FixedClock('2026-12-01T00:30:00Z'); // 09:30 in Tokyo
const today = () => clock.today();
let target: Target;
let admin: Client;
let compliance: Client;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
let good: Awaited<ReturnType<typeof httpReceiver>>;
let bad: Awaited<ReturnType<typeof httpReceiver>>;
let mailer: ReturnType<typeof smtpMailer>;
const background: Promise<unknown>[] = [];
const SECRET = 'receiver-shared-secret-0001';

interface Sweep {
  runId: string;
  raised: number;
  escalated: number;
  queued: { webhook: number; email: number; checkpoint: number };
}

/** What a receiver got about alerts (every sweep also sends each receiver an audit.checkpoint). */
const alertsOf = (r: { received: { headers: Record<string, unknown> }[] }) =>
  r.received.filter((x) => String(x.headers['x-itaku-event-type']).startsWith('alert.'));

const sweep = async () => {
  const res = await admin.post('/api/v1/jobs/sweep');
  expect(res.status).toBe(200);
  const body = (await res.json()) as Sweep;
  await Promise.all(background.splice(0));
  return body;
};
const deliver = async () => (await (await admin.post('/api/v1/jobs/deliver')).json()) as { attempted: number };

let goodHook: string;
let badHook: string;
let contractorId: string;
let reviewId: string;

beforeAll(async () => {
  smtp = await smtpReceiver();
  good = await httpReceiver(() => 204);
  bad = await httpReceiver(() => 500);
  mailer = smtpMailer(smtp.url, 'itaku <itaku@example.co.jp>');
  target = await createTarget({ clock, mailer, background: (w) => background.push(w) });
  admin = client(target);
  compliance = (await userWithRole(target, 'compliance', { email: 'compliance@example.co.jp' })).api;
  await userWithRole(target, 'manager', { email: 'manager@example.co.jp' });
  await userWithRole(target, 'compliance'); // no e-mail: gets none

  const hook = async (url: string) => {
    const res = await admin.post('/api/v1/webhooks', {
      url,
      secret: SECRET,
      events: ['review_overdue', 'finding_overdue'],
    });
    return ((await res.json()) as { id: string }).id;
  };
  goodHook = await hook(good.url);
  badHook = await hook(bad.url);
  const c = await newContractor(admin, { name: '株式会社サンプル物流' });
  contractorId = String(c.id);
  reviewId = String((await scheduleReview(admin, contractorId, addDays(today(), -3))).id);
});

afterAll(async () => {
  await target.close();
  mailer.close();
  await Promise.all([smtp.close(), good.close(), bad.close()]);
});

describe('delivery of a sweep', () => {
  it('signs each webhook with HMAC-SHA256 of the raw body and a stable event id', async () => {
    const result = await sweep();
    expect(result.raised).toBe(1);
    expect(result.queued).toEqual({ webhook: 2, email: 1, checkpoint: 2 });
    await eventually(() => alertsOf(good).length === 1);
    const [req] = alertsOf(good) as typeof good.received;
    const expected = `sha256=${createHmac('sha256', SECRET)
      .update(req?.body ?? '')
      .digest('hex')}`;
    expect(req?.headers['x-itaku-signature']).toBe(expected);
    expect(req?.headers['content-type']).toMatch(/^application\/json/);
    const event = JSON.parse(req?.body ?? '{}') as { id: string; type: string; alert: Record<string, unknown> };
    expect(req?.headers['x-itaku-event-id']).toBe(event.id);
    expect(event).toMatchObject({
      type: 'alert.raised',
      alert: {
        kind: 'review_overdue',
        contractorId,
        contractorName: '株式会社サンプル物流',
        subjectId: reviewId,
        severity: 'warning',
      },
    });
  });

  it('sends one bilingual digest per recipient that ends with the audit checkpoint', async () => {
    await eventually(() => smtp.received.length === 1);
    const [mail] = smtp.received;
    expect(mail?.to).toEqual(['compliance@example.co.jp']);
    const parsed = await simpleParser(mail?.raw ?? '');
    expect(parsed.subject).toContain('新しいアラート 1 件');
    expect(parsed.subject).toContain('1 new alert');
    const text = parsed.text ?? '';
    expect(text).toContain('評価・監査の期限超過: 株式会社サンプル物流');
    expect(text).toContain('Review overdue: 株式会社サンプル物流');
    expect(text).toContain(addDays(today(), -3));
    expect(text).toContain(`/contractors/${contractorId}`);
    // The checkpoint the sweep published, printed so that it can be pasted back.
    const published = (await (await admin.get('/api/v1/audit-events/checkpoints')).json()) as {
      items: { trigger: string; checkpoint: string }[];
    };
    const checkpoint = published.items.find((c) => c.trigger === 'sweep')?.checkpoint;
    expect(checkpoint).toMatch(/^\d+:[0-9a-f]{64}$/);
    expect(text).toContain(`監査ログのチェックポイント / Audit checkpoint: ${checkpoint}`);
    expect(text).toContain(`GET /api/v1/audit-events/verify?checkpoint=${checkpoint}`);
    expect(text).toContain(`npm run cli -- verify-audit --checkpoint ${checkpoint}`);
    const verified = await admin.get(`/api/v1/audit-events/verify?checkpoint=${checkpoint}`);
    expect(await verified.json()).toMatchObject({ checkpoint: { ok: true } });
    expect(parsed.html).toContain('株式会社サンプル物流');
  });

  it('records every attempt and retries a failing receiver with backoff until it gives up', async () => {
    const attempts = async () =>
      (
        (await (await admin.get(`/api/v1/webhooks/${badHook}/deliveries?limit=50`)).json()) as {
          items: {
            attempt: number;
            ok: boolean;
            statusCode: number | null;
            error: string;
            nextAttemptAt: string | null;
            attemptedAt: string;
            eventId: string;
          }[];
        }
      ).items.filter((a) => !a.eventId.startsWith('audit.checkpoint:'));
    await eventually(async () => (await attempts()).length === 1);
    const [first] = await attempts();
    expect(first).toMatchObject({ attempt: 1, ok: false, statusCode: 500, error: 'HTTP 500' });
    expect(Date.parse(first?.nextAttemptAt ?? '') - Date.parse(first?.attemptedAt ?? '')).toBe(60_000);

    // Nothing is due before the next attempt time.
    expect((await deliver()).attempted).toBe(0);
    const delays = [60_000, 300_000, 1_800_000, 7_200_000, 21_600_000, 57_600_000];
    for (const delay of delays) {
      clock.set(new Date(clock.now().getTime() + delay).toISOString());
      // The alert and the sweep's audit checkpoint, both refused by this receiver, retry alike.
      expect((await deliver()).attempted).toBe(2);
    }
    const all = await attempts();
    expect(all.map((a) => a.attempt)).toEqual([7, 6, 5, 4, 3, 2, 1]);
    expect(all[0]?.nextAttemptAt).toBeNull();
    expect(alertsOf(bad)).toHaveLength(7);
    // The same event id on every attempt, so receivers can de-duplicate.
    expect(new Set(alertsOf(bad).map((r) => r.headers['x-itaku-event-id'])).size).toBe(1);
    const [row] = await target.query<{ status: string; attempts: number }>(
      `SELECT status, attempts FROM outbox WHERE target = '${badHook}' AND event_type LIKE 'alert.%'`,
    );
    expect(row).toEqual({ status: 'failed', attempts: 7 });
    const good1 = (await (await admin.get(`/api/v1/webhooks/${goodHook}/deliveries`)).json()) as {
      items: { ok: boolean; statusCode: number; eventId: string }[];
    };
    // One attempt each for the alert and the checkpoint, both taken at once.
    expect(good1.items).toHaveLength(2);
    expect(good1.items.every((a) => a.ok && a.statusCode === 204)).toBe(true);
    expect(good1.items.filter((a) => a.eventId.startsWith('audit.checkpoint:'))).toHaveLength(1);
  });

  it('duplicates nothing when the sweep runs again', async () => {
    const result = await sweep();
    expect(result).toMatchObject({ raised: 0, queued: { webhook: 0, email: 0 } });
    // A new checkpoint each sweep, but never a second message for the same one.
    const checkpoints = await target.query<{ n: number; d: number }>(
      "SELECT count(*) AS n, count(DISTINCT target || event_id) AS d FROM outbox WHERE event_type = 'audit.checkpoint'",
    );
    expect(checkpoints[0]?.n).toBe(checkpoints[0]?.d);
    await deliver();
    expect(alertsOf(good)).toHaveLength(1);
    expect(smtp.received).toHaveLength(1);
  });

  it('resolves the alert once the review is completed', async () => {
    await compliance.post(`/api/v1/reviews/${reviewId}/complete`, {
      completedOn: today(),
      outcome: 'satisfactory',
      checklist: passingChecklist,
    });
    await sweep();
    const alerts = (await (await admin.get(`/api/v1/alerts?kind=review_overdue`)).json()) as {
      items: { status: string }[];
    };
    expect(alerts.items.map((a) => a.status)).toEqual(['resolved']);
  });
});

describe('escalation', () => {
  it('escalates an alert left open for 14 days and tells managers', async () => {
    const finding = await compliance.post('/api/v1/findings', {
      contractorId,
      severity: 'high',
      category: 'technical',
      description: '脆弱性の未対応',
      dueDate: addDays(today(), -1),
    });
    expect(finding.status).toBe(201);
    const first = await sweep();
    expect(first).toMatchObject({ raised: 1, escalated: 0 });
    clock.advanceDays(13);
    expect((await sweep()).escalated).toBe(0);
    const mailsBefore = smtp.received.length;
    clock.advanceDays(1);
    expect((await sweep()).escalated).toBe(1);
    const [alert] = (
      (await (await admin.get('/api/v1/alerts?kind=finding_overdue')).json()) as {
        items: { severity: string; escalatedAt: string | null; status: string }[];
      }
    ).items;
    expect(alert).toMatchObject({ severity: 'critical', status: 'open', escalatedAt: clock.now().toISOString() });
    await eventually(() => smtp.received.length === mailsBefore + 2);
    const recipients = smtp.received
      .slice(mailsBefore)
      .flatMap((m) => m.to)
      .sort();
    expect(recipients).toEqual(['compliance@example.co.jp', 'manager@example.co.jp']);
    const managerMail = smtp.received.slice(mailsBefore).find((m) => m.to.includes('manager@example.co.jp'));
    const parsed = await simpleParser(managerMail?.raw ?? '');
    expect(parsed.subject).toContain('エスカレーション');
    expect(parsed.text).toContain('[escalated]');
    await eventually(() => good.received.some((r) => r.headers['x-itaku-event-type'] === 'alert.escalated'));
    // Escalated once: later sweeps leave it alone.
    expect((await sweep()).escalated).toBe(0);
  });

  it('retries e-mail when the SMTP server refuses', async () => {
    smtp.refuse(true);
    try {
      await compliance.post('/api/v1/findings', {
        contractorId,
        severity: 'low',
        category: 'human',
        description: '研修未受講',
        dueDate: addDays(today(), -1),
      });
      const result = await sweep();
      expect(result.queued.email).toBe(1);
      const [row] = await target.query<{
        status: string;
        attempts: number;
        last_error: string;
        next_attempt_at: string;
      }>(`SELECT status, attempts, last_error, next_attempt_at FROM outbox WHERE event_id = 'digest:${result.runId}'`);
      expect(row).toMatchObject({ status: 'pending', attempts: 1 });
      expect(row?.last_error).toMatch(/mailbox unavailable/);
      smtp.refuse(false);
      const before = smtp.received.length;
      clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
      await deliver();
      await eventually(() => smtp.received.length === before + 1);
    } finally {
      smtp.refuse(false);
    }
  });
});
