import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { smtpMailer } from '../../src/notify/smtp-mailer';
import { FixedClock } from '../../src/platform/clock';
import { newContractor, scheduleReview } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { eventually, httpReceiver, smtpReceiver } from '../support/receivers';
import { createTarget, type Target } from '../support/target';

/**
 * A contractor name stored before the text rules existed, full of line breaks, controls
 * and bidi overrides, sent through the real SMTP and webhook paths: the digest gains no
 * line and no header, and the webhook body stays valid JSON.
 */
const clock = new FixedClock('2026-12-01T00:30:00Z');
let target: Target;
let admin: Client;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
let hook: Awaited<ReturnType<typeof httpReceiver>>;
let mailer: ReturnType<typeof smtpMailer>;
const background: Promise<unknown>[] = [];

const HOSTILE =
  '悪意株式会社\r\nBcc: evil@example.com\r\nX-Injected: 1\r\n\r\n偽の行 / forged line\u0000\u001b[31m\u202Egpj.exe\u2066\u2028end';
/** What a reader sees instead: one line, nothing reordered. */
const SHOWN = '悪意株式会社 Bcc: evil@example.com X-Injected: 1  偽の行 / forged line[31mgpj.exe end';

/** A SQL expression for any string, control characters included (NUL too). */
const sqlText = (s: string) => `char(${[...s].map((ch) => ch.codePointAt(0)).join(',')})`;

let contractorId: string;

beforeAll(async () => {
  smtp = await smtpReceiver();
  hook = await httpReceiver(() => 204);
  mailer = smtpMailer(smtp.url, 'itaku <itaku@example.co.jp>');
  target = await createTarget({ clock, mailer, background: (w) => background.push(w) });
  admin = client(target);
  await userWithRole(target, 'compliance', { email: 'compliance@example.co.jp' });
  const created = await admin.post('/api/v1/webhooks', {
    url: hook.url,
    secret: 'digest-text-safety-0001',
    events: ['review_overdue'],
  });
  expect(created.status).toBe(201);
  const c = await newContractor(admin, { name: '旧データ株式会社' });
  contractorId = c.id;
  await scheduleReview(admin, contractorId, addDays(clock.today(), -3));
  // As a row written before the rules: straight into the database.
  await target.exec(`UPDATE contractors SET name = ${sqlText(HOSTILE)} WHERE id = '${contractorId}'`);
  const res = await admin.post('/api/v1/jobs/sweep');
  expect(res.status).toBe(200);
  await Promise.all(background.splice(0));
});

afterAll(async () => {
  await target.close();
  mailer.close();
  await Promise.all([smtp.close(), hook.close()]);
});

describe('a hostile name stored before the text rules', () => {
  it('adds no header to the digest e-mail', async () => {
    await eventually(() => smtp.received.length === 1);
    const raw = smtp.received[0]?.raw ?? '';
    const headerBlock = raw.slice(0, raw.indexOf('\r\n\r\n'));
    const names = headerBlock
      .split('\r\n')
      .filter((l) => !/^[ \t]/.test(l))
      .map((l) => l.slice(0, l.indexOf(':')).toLowerCase());
    expect(names).not.toContain('bcc');
    expect(names).not.toContain('x-injected');
    const parsed = await simpleParser(raw);
    expect(parsed.headers.has('bcc')).toBe(false);
    expect(parsed.headers.has('x-injected')).toBe(false);
    expect(parsed.to).toMatchObject({ value: [{ address: 'compliance@example.co.jp' }] });
    // The body of the message did not leak into the headers either.
    expect(String(parsed.subject)).toMatch(/^\[itaku\] 新しいアラート 1 件 \/ 1 new alert$/);
  });

  it('adds no line to the plain-text digest, and shows the name on the line of its alert', async () => {
    const parsed = await simpleParser(smtp.received[0]?.raw ?? '');
    const text = parsed.text ?? '';
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them
    expect(text).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
    const lines = text.split('\n');
    expect(lines.filter((l) => l.includes('Bcc'))).toEqual([
      `・[警告] 評価・監査の期限超過: ${SHOWN} (期限 ${addDays(clock.today(), -3)})`,
      `- [warning] Review overdue: ${SHOWN} (due ${addDays(clock.today(), -3)})`,
    ]);
    expect(lines.some((l) => /^(Bcc|X-Injected|偽の行|end)\b/.test(l))).toBe(false);
    // The fixed shape: title, blank, two lines per alert, blank, rule, again in English, then the checkpoint.
    expect(lines).toHaveLength(2 + 2 + 2 + 2 + 2 + 2 + 1 + 4);
    expect(lines[3]).toMatch(new RegExp(`^ {2}\\S+/contractors/${contractorId}$`));
  });

  it('ends with an audit checkpoint that can be pasted back into the verification', async () => {
    const parsed = await simpleParser(smtp.received[0]?.raw ?? '');
    const text = parsed.text ?? '';
    const checkpoint = /^監査ログのチェックポイント \/ Audit checkpoint: (\d+:[0-9a-f]{64})$/m.exec(text)?.[1];
    expect(checkpoint).toBeDefined();
    expect(text).toContain(`  GET /api/v1/audit-events/verify?checkpoint=${checkpoint}`);
    expect(text).toContain(`  npm run cli -- verify-audit --checkpoint ${checkpoint}`);
    const res = await admin.get(`/api/v1/audit-events/verify?checkpoint=${checkpoint}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true, checkpoint: { ok: true } });
    expect(String(parsed.html)).toContain(`<code>${checkpoint}</code>`);
  });

  it('keeps the HTML digest to one list item per alert, with nothing reordering the text', async () => {
    const parsed = await simpleParser(smtp.received[0]?.raw ?? '');
    const html = String(parsed.html);
    expect(html.match(/<li>/g)).toHaveLength(2);
    expect(html).toContain(`${SHOWN} (`);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: the test looks for them
    expect(html).not.toMatch(/[\u0000-\u0009\u000B-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/);
  });

  it('sends the webhook as valid JSON, the controls escaped and the name intact', async () => {
    const alertEvent = () => hook.received.find((r) => r.headers['x-itaku-event-type'] === 'alert.raised');
    await eventually(() => alertEvent() !== undefined);
    const body = alertEvent()?.body ?? '';
    for (const ch of ['\r', '\n', '\u0000', '\u001b']) expect(body).not.toContain(ch);
    expect(body).toContain('\\r\\nBcc: evil@example.com');
    expect(body).toContain('\\u0000');
    const event = JSON.parse(body) as { alert: { contractorId: string; contractorName: string } };
    expect(event.alert).toMatchObject({ contractorId, contractorName: HOSTILE });
  });
});
