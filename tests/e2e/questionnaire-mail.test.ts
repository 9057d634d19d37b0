import { createHash } from 'node:crypto';
import { type ParsedMail, simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { appiStandard } from '../../src/domain/questionnaire/appi-standard';
import { smtpMailer } from '../../src/notify/smtp-mailer';
import { FixedClock } from '../../src/platform/clock';
import { newContractor, scheduleReview } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { eventually, smtpReceiver } from '../support/receivers';
import { createTarget, type Target } from '../support/target';

/**
 * Contractors' questionnaire e-mails end to end on Node: a real SMTP server on 127.0.0.1,
 * questionnaires sent, re-sent, revoked and answered through the API, the sweep and the
 * deliverer through the API, a fixed clock moved a day at a time from the invitation to
 * two days past the due date.
 */
const clock = new FixedClock('2026-12-01T00:30:00Z'); // 09:30 in Tokyo
const DUE = '2026-12-11';
const ORG = '株式会社イタク商事';
const PUBLIC_URL = 'https://itaku.example.co.jp';
const JA_TO = 'sato@butsuryu.example.co.jp';
const EN_TO = 'jane@acme.example.com';
const LATE_TO = 'tanaka@chokuzen.example.co.jp';
let target: Target;
let admin: Client;
let compliance: Client;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
let mailer: ReturnType<typeof smtpMailer>;
const background: Promise<unknown>[] = [];

interface Sweep {
  status: string;
  queued: { email: number };
}
const sweep = async () => {
  const res = await admin.post('/api/v1/jobs/sweep');
  expect(res.status).toBe(200);
  const body = (await res.json()) as Sweep;
  await Promise.all(background.splice(0));
  return body;
};
const deliver = async () => (await (await admin.post('/api/v1/jobs/deliver')).json()) as { attempted: number };
const mailsTo = (address: string) => smtp.received.filter((m) => m.to.includes(address));
const parsed = (address: string): Promise<ParsedMail[]> =>
  Promise.all(mailsTo(address).map((m) => simpleParser(m.raw)));
const LINK = /^(https:\/\/itaku\.example\.co\.jp\/respond\/(\S+))$/m;
const linkIn = (mail: ParsedMail | undefined) => LINK.exec(mail?.text ?? '')?.[1] ?? '';
const tokenOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
const json = (method: string, body: unknown): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});
const sha256 = (s: string) => createHash('sha256').update(s).digest('hex');

interface Sent {
  id: string;
  contractorId: string;
  respondentUrl: string;
}

/** A questionnaire sent by compliance for a new contractor's review. */
async function sendQuestionnaire(contractorName: string, body: Record<string, string>): Promise<Sent> {
  const contractor = await newContractor(admin, { name: contractorName });
  const review = await scheduleReview(admin, contractor.id, addDays(clock.today(), 90));
  const res = await compliance.post(`/api/v1/reviews/${review.id}/questionnaire`, {
    templateId: appiStandard.id,
    recipientName: '佐藤 一郎',
    recipientEmail: JA_TO,
    dueDate: DUE,
    language: 'ja',
    ...body,
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Sent;
}

const tokenHashOf = async (id: string) =>
  (await target.query<{ token_hash: string }>('SELECT token_hash FROM questionnaires WHERE id = ?', id))[0]?.token_hash;

let ja: Sent;
let en: Sent;

beforeAll(async () => {
  smtp = await smtpReceiver();
  mailer = smtpMailer(smtp.url, 'itaku <itaku@example.co.jp>');
  target = await createTarget({
    clock,
    mailer,
    background: (w) => background.push(w),
    env: { ITAKU_SMTP_URL: smtp.url, ITAKU_PUBLIC_URL: PUBLIC_URL, ITAKU_ORGANIZATION_NAME: ORG },
  });
  admin = client(target);
  // Without an e-mail address: the alert digests go to nobody, so every mail here is a contractor's.
  compliance = (await userWithRole(target, 'compliance')).api;
  ja = await sendQuestionnaire('株式会社サンプル物流', {});
  en = await sendQuestionnaire('Acme Data Ltd.', {
    language: 'en',
    recipientName: 'Jane Smith',
    recipientEmail: EN_TO,
  });
  // A name stored before the text rules: its line break must add no header and no line.
  await target.exec(
    `UPDATE questionnaires SET recipient_name = 'Jane Smith' || char(13, 10) || 'Bcc: evil@example.com' WHERE id = '${en.id}'`,
  );
});

afterAll(async () => {
  await target.close();
  mailer.close();
  await smtp.close();
});

describe('questionnaire e-mails', () => {
  it('invites in the questionnaire language with a personal link to it, and only with the current link', async () => {
    // Re-sent before the first invitation went out: the old link's invitation is dropped.
    const first = (await tokenHashOf(en.id)) ?? '';
    const resent = await compliance.post(`/api/v1/questionnaires/${en.id}/resend`);
    expect(resent.status).toBe(200);
    en = { ...en, respondentUrl: ((await resent.json()) as Sent).respondentUrl };
    expect((await deliver()).attempted).toBe(3);
    await eventually(() => smtp.received.length === 2);

    const [jaMail] = await parsed(JA_TO);
    expect(jaMail?.subject).toBe(`【ご依頼】委託先チェックシートのご回答のお願い（${ORG}）`);
    const text = jaMail?.text ?? '';
    expect(text).toMatch(/^株式会社サンプル物流\n佐藤 一郎 様\n/);
    expect(text).toContain('■ 回答期限\n2026年12月11日(金)\n');
    expect(text).toContain('■ リンクの有効期限\n2027年1月10日(日) 23:59 JST\n');
    expect(text).toContain('第三者への転送はお控えください');
    expect(jaMail?.html).toBe(false);
    // The link in the mail is the one the questionnaire was sent with, and it opens it.
    expect(linkIn(jaMail)).toBe(ja.respondentUrl);
    expect(sha256(tokenOf(linkIn(jaMail)))).toBe(await tokenHashOf(ja.id));
    const opened = await target.fetch(`/api/v1/respond/${tokenOf(linkIn(jaMail))}`);
    expect(opened.status).toBe(200);
    expect(await opened.json()).toMatchObject({
      questionnaireId: ja.id,
      language: 'ja',
      contractorName: '株式会社サンプル物流',
    });

    const [enMail, ...more] = await parsed(EN_TO);
    expect(more).toEqual([]);
    expect(enMail?.subject).toBe(`Request: please complete our contractor self-assessment (${ORG})`);
    expect(enMail?.text).toContain('Dear Jane Smith Bcc: evil@example.com,\nAcme Data Ltd.\n');
    expect(enMail?.text).toContain('Due date: Fri, 11 December 2026');
    expect(enMail?.text).toContain('please do not forward it');
    expect(linkIn(enMail)).toBe(en.respondentUrl);
    expect(enMail?.headers.has('bcc')).toBe(false);
    const raw = mailsTo(EN_TO)[0]?.raw ?? '';
    expect(raw.slice(0, raw.indexOf('\r\n\r\n'))).not.toMatch(/^bcc:/im);

    const [stale] = await target.query<{ status: string; last_error: string; error: string; ok: number }>(
      `SELECT o.status, o.last_error, a.error, a.ok FROM outbox o JOIN delivery_attempts a ON a.outbox_id = o.id
       WHERE o.event_id = ?`,
      `questionnaire.invitation:${en.id}:${first.slice(0, 16)}`,
    );
    expect(stale).toEqual({
      status: 'delivered',
      ok: 1,
      last_error: 'not sent: the link was replaced since it was queued',
      error: 'not sent: the link was replaced since it was queued',
    });
  });

  it('reminds 7 days before, on the due date and once a day while overdue, never twice', async () => {
    const stages: Record<string, string[]> = {};
    for (let day = addDays(DUE, -9); day <= addDays(DUE, 2); day = addDays(day, 1)) {
      clock.set(`${addDays(day, -1)}T23:30:00Z`); // 08:30 in Tokyo on `day`
      expect(clock.today()).toBe(day);
      const before = smtp.received.length;
      if (day === addDays(DUE, -7)) {
        // Two sweeps at once: together they queue each reminder once.
        const both = await Promise.all([sweep(), sweep()]);
        expect(both.reduce((n, s) => n + s.queued.email, 0)).toBe(2);
      } else if (day === DUE) {
        // The relay refuses; before the retry, the English questionnaire is revoked.
        smtp.refuse(true);
        expect((await sweep()).queued.email).toBe(2);
        smtp.refuse(false);
        expect((await compliance.post(`/api/v1/questionnaires/${en.id}/revoke`)).status).toBe(200);
        clock.set(new Date(clock.now().getTime() + 60_000).toISOString());
      } else {
        const s = await sweep();
        expect(s.status).toBe('succeeded');
        expect(s.queued.email).toBe(day > DUE ? 1 : 0);
      }
      if (day === addDays(DUE, -2)) {
        // Sent inside its own 7-day window: the invitation is fresh, no "due soon" follows it.
        await sendQuestionnaire('株式会社直前配送', { recipientEmail: LATE_TO, dueDate: addDays(DUE, 4) });
      }
      // A second sweep the same day adds nothing.
      expect(await sweep()).toMatchObject({ status: 'succeeded', queued: { email: 0 } });
      await deliver();
      const sent = await Promise.all(
        smtp.received.slice(before).map(async (m) => `${m.to.join()} ${(await simpleParser(m.raw)).subject}`),
      );
      stages[day] = sent.sort();
    }
    const soonJa = `${JA_TO} 【ご確認】委託先チェックシートの回答期限が近づいています（${ORG}）`;
    const soonEn = `${EN_TO} Reminder: the contractor self-assessment is due soon (${ORG})`;
    const overdue = `${JA_TO} 【再送】委託先チェックシートの回答期限を過ぎています（${ORG}）`;
    expect(stages).toEqual({
      '2026-12-02': [],
      '2026-12-03': [],
      '2026-12-04': [soonEn, soonJa],
      '2026-12-05': [],
      '2026-12-06': [],
      '2026-12-07': [],
      '2026-12-08': [],
      '2026-12-09': [`${LATE_TO} 【ご依頼】委託先チェックシートのご回答のお願い（${ORG}）`],
      '2026-12-10': [],
      '2026-12-11': [`${JA_TO} 【本日期限】委託先チェックシートの回答期限は本日です（${ORG}）`],
      '2026-12-12': [overdue],
      '2026-12-13': [overdue],
    });
    const [revoked] = await target.query<{ status: string; last_error: string; attempts: number }>(
      'SELECT status, last_error, attempts FROM outbox WHERE event_id = ?',
      `questionnaire.reminder:${en.id}:due`,
    );
    expect(revoked).toEqual({ status: 'delivered', attempts: 2, last_error: 'not sent: the questionnaire is revoked' });
    // Every reminder carries the same, working link.
    const [, soon] = await parsed(JA_TO);
    expect(soon?.text).toContain('回答期限（2026年12月11日(金)）が近づいてまいりました');
    expect(linkIn(soon)).toBe(ja.respondentUrl);

    const alerts = (await (await admin.get('/api/v1/alerts?kind=questionnaire_overdue')).json()) as {
      items: Record<string, unknown>[];
    };
    expect(alerts.items).toEqual([
      expect.objectContaining({
        subjectType: 'questionnaire',
        subjectId: ja.id,
        contractorId: ja.contractorId,
        severity: 'warning',
        status: 'open',
        dueDate: DUE,
        message: 'Questionnaire for "株式会社サンプル物流" was due on 2026-12-11',
      }),
    ]);
  });

  it('stops reminding and resolves the alert once the answers are in', async () => {
    // The contractor answers every required question through its link and submits.
    const token = tokenOf(ja.respondentUrl);
    const answers = appiStandard.sections
      .flatMap((s) => s.questions)
      .filter((q) => q.required)
      .map((q) => ({ questionId: q.id, value: q.type === 'yes_partly_no' ? 'yes' : '規程に定めています。' }));
    expect((await target.fetch(`/api/v1/respond/${token}`, json('PUT', { answers }))).status).toBe(200);
    expect((await target.fetch(`/api/v1/respond/${token}/submit`, { method: 'POST' })).status).toBe(200);
    clock.advanceDays(1);
    const before = smtp.received.length;
    expect((await sweep()).queued.email).toBe(0);
    await deliver();
    expect(smtp.received.length).toBe(before);
    const alerts = (await (await admin.get('/api/v1/alerts?kind=questionnaire_overdue')).json()) as {
      items: { status: string }[];
    };
    expect(alerts.items.map((a) => a.status)).toEqual(['resolved']);
    const rows = await target.query<{ event_id: string; n: number }>(
      `SELECT event_id, count(*) AS n FROM outbox WHERE event_type = 'questionnaire.reminder' GROUP BY event_id ORDER BY event_id`,
    );
    expect(rows).toEqual(
      [
        { event_id: `questionnaire.reminder:${en.id}:due`, n: 1 },
        { event_id: `questionnaire.reminder:${en.id}:soon`, n: 1 },
        { event_id: `questionnaire.reminder:${ja.id}:due`, n: 1 },
        { event_id: `questionnaire.reminder:${ja.id}:overdue:2026-12-12`, n: 1 },
        { event_id: `questionnaire.reminder:${ja.id}:overdue:2026-12-13`, n: 1 },
        { event_id: `questionnaire.reminder:${ja.id}:soon`, n: 1 },
      ].sort((a, b) => (a.event_id < b.event_id ? -1 : 1)),
    );
  });
});
