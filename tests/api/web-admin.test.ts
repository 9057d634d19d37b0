import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { daysFromToday, newAgreement, newContractor, scheduleReview, today } from '../support/factories';
import { client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/**
 * The admin pages over HTTP, on Node and on the worker: webhooks (register, deliveries,
 * delete), the audit trail (labels, differences, filters, verification, checkpoints) and
 * jobs (run the sweep, the runs), with the API's role rules, CSRF and field errors.
 */

let target: Target;
let roles: Record<'procurement' | 'compliance' | 'manager', { id: string; token: string }>;
beforeAll(async () => {
  target = await createTarget();
  roles = {
    procurement: await userWithRole(target, 'procurement', { name: '調達 花子' }),
    compliance: await userWithRole(target, 'compliance', { name: 'Carol Compliance' }),
    manager: await userWithRole(target, 'manager', { name: '管理 太郎' }),
  };
});
afterAll(() => target.close());

const admin = () => client(target);

/** A browser-like session: keeps the cookie, reads the CSRF token from the page. */
async function signIn(token: string, lang: 'ja' | 'en' = 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const csrf = async () => /name="_csrf" value="([^"]+)"/.exec(await (await get('/audit')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return target.fetch(path, {
      method: 'POST',
      headers: {
        cookie,
        origin: ORIGIN,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': lang,
        ...headers,
      },
      body: body.toString(),
      redirect: 'manual',
    });
  };
  return { get, post, csrf };
}
type Session = Awaited<ReturnType<typeof signIn>>;

const html = async (res: Response | Promise<Response>, status = 200) => {
  const r = await res;
  const text = await r.text();
  expect(r.status, text.slice(0, 500)).toBe(status);
  return text;
};
/** What a reader sees: the text, without tags or attribute values. */
const visible = (page: string) =>
  page
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'");
const fieldError = (page: string, id: string) =>
  new RegExp(`id="${id}-error"[^>]*>([^<]*)<`).exec(page)?.[1]?.trim() ?? null;
const count = async (sql: string) => Number((await target.query<{ n: number }>(sql))[0]?.n);

const SECRET = 'a-signing-secret-of-some-length';
// Receivers on a closed local port: deliveries after a sweep fail here and go nowhere else.

async function registerWebhook(s: Session, url = 'http://127.0.0.1:9/itaku', events = ['review_overdue']) {
  const res = await s.post('/webhooks', { _csrf: await s.csrf(), url, secret: SECRET, events, description: '監視用' });
  expect(res.status).toBe(303);
  const location = res.headers.get('location') ?? '';
  expect(location).toMatch(/^\/webhooks\/[^/?]+\?saved=1$/);
  return location.slice('/webhooks/'.length).split('?')[0] as string;
}

describe('who may open the admin pages', () => {
  it('refuses webhooks and jobs to every role but admin, and changes nothing', async () => {
    const before = {
      webhooks: await count('SELECT count(*) AS n FROM webhooks'),
      runs: await count('SELECT count(*) AS n FROM job_runs'),
      checkpoints: await count('SELECT count(*) AS n FROM audit_checkpoints'),
    };
    for (const role of ['procurement', 'compliance', 'manager'] as const) {
      const s = await signIn(roles[role].token, 'ja');
      for (const path of ['/webhooks', '/webhooks/new', '/jobs']) {
        expect(await html(s.get(path), 403)).toContain(
          `このロール（${labels.role[role].ja}）ではこの操作はできません。`,
        );
      }
      const _csrf = await s.csrf();
      const form = { _csrf, url: 'http://127.0.0.1:9/x', secret: SECRET, events: 'review_overdue' };
      expect((await s.post('/webhooks', form)).status).toBe(403);
      expect((await s.post('/jobs/sweep', { _csrf })).status).toBe(403);
      expect((await s.post('/audit/checkpoints', { _csrf })).status).toBe(403);
      // Every role reads the trail and may verify it, as in the API.
      expect((await s.get('/audit')).status).toBe(200);
      expect((await s.get('/audit/verify?run=1')).status).toBe(200);
    }
    expect(await count('SELECT count(*) AS n FROM webhooks')).toBe(before.webhooks);
    expect(await count('SELECT count(*) AS n FROM job_runs')).toBe(before.runs);
    expect(await count('SELECT count(*) AS n FROM audit_checkpoints')).toBe(before.checkpoints);
  });

  it('refuses a form without the page token, or from another site', async () => {
    const s = await signIn(target.adminToken);
    const form = { url: 'http://127.0.0.1:9/csrf', secret: SECRET, events: 'review_overdue' };
    expect((await s.post('/webhooks', form)).status).toBe(403);
    expect((await s.post('/webhooks', { ...form, _csrf: 'forged' })).status).toBe(403);
    const cross = await s.post('/webhooks', { ...form, _csrf: await s.csrf() }, { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect((await s.post('/jobs/sweep', {})).status).toBe(403);
    expect(await count("SELECT count(*) AS n FROM webhooks WHERE url LIKE '%/csrf'")).toBe(0);
  });
});

describe('webhooks', () => {
  it('shows every refused field next to it in Japanese and English, keeping what was typed but never the secret', async () => {
    const before = await count('SELECT count(*) AS n FROM webhooks');
    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(target.adminToken, lang);
      const page = await html(
        s.post('/webhooks', {
          _csrf: await s.csrf(),
          url: 'ftp://files.example.com/in',
          secret: 'short-secret',
          description: '説明\u0007付き',
        }),
        400,
      );
      expect(page).toContain('value="ftp://files.example.com/in"');
      expect(page).not.toContain('short-secret');
      expect(page).toMatch(/id="url"[^>]*aria-invalid="true"/);
      expect(page).toMatch(/id="secret"[^>]*aria-describedby="secret-error secret-hint"/);
      if (lang === 'ja') {
        expect(fieldError(page, 'url')).toBe('http:// または https:// で始まるURLを入力してください');
        expect(fieldError(page, 'secret')).toBe('16文字以上で入力してください（すべての配信の署名に使います）');
        expect(fieldError(page, 'events')).toBe('通知するアラートを1つ以上選んでください');
        expect(fieldError(page, 'description')).toBe('改行や制御文字を含めず1行で入力してください');
        expect(page).toContain('入力内容を確認してください。');
      } else {
        expect(fieldError(page, 'url')).toBe('must be an http:// or https:// URL');
        expect(fieldError(page, 'secret')).toBe('must be at least 16 characters: it signs every delivery');
        expect(fieldError(page, 'events')).toBe('must subscribe to at least one alert kind');
      }
      // An alert kind that does not exist is refused at the group of checkboxes.
      const odd = await html(
        s.post('/webhooks', {
          _csrf: await s.csrf(),
          url: 'http://127.0.0.1:9/odd',
          secret: SECRET,
          events: ['review_overdue', 'made_up'],
        }),
        400,
      );
      if (lang === 'ja') expect(fieldError(odd, 'events')).toBe('選択肢から選んでください');
      else expect(fieldError(odd, 'events')).toBe('must be one of the listed values');
      expect(odd).toMatch(/value="review_overdue" checked/);
    }
    expect(await count('SELECT count(*) AS n FROM webhooks')).toBe(before);
  });

  it('registers one, lists it with its alerts in words, and never shows the secret', async () => {
    const s = await signIn(target.adminToken, 'ja');
    const form = await html(s.get('/webhooks/new'));
    expect(form).toContain('<legend>送信するアラート</legend>');
    expect(form).toContain('評価・監査の期限超過');
    const id = await registerWebhook(s, 'http://127.0.0.1:9/listed', ['review_overdue', 'finding_overdue']);
    const detail = await html(s.get(`/webhooks/${id}?saved=1`));
    expect(detail).toContain('Webhookを登録しました。');
    const list = await html(s.get('/webhooks'));
    const row = new RegExp(`<tr data-webhook="${id}">[\\s\\S]*?</tr>`).exec(list)?.[0] ?? '';
    expect(row).toContain('http://127.0.0.1:9/listed');
    expect(row).toContain('評価・監査の期限超過');
    expect(row).toContain('是正措置の期限超過');
    expect(row).toContain('監視用');
    expect(visible(row)).toMatch(/\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}/);
    expect(visible(row)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    for (const page of [form, detail, list]) expect(page).not.toContain(SECRET);
    // The API sees the same webhook, registered by the signed-in admin.
    const api = (await (await admin().get(`/api/v1/webhooks/${id}`)).json()) as Record<string, unknown>;
    expect(api).toMatchObject({ url: 'http://127.0.0.1:9/listed', events: ['review_overdue', 'finding_overdue'] });
  });

  it('refuses a private or internal host with the message in the page language, registering nothing', async () => {
    const strict = await createTarget({ env: { ITAKU_WEBHOOK_ALLOW_PRIVATE: 'false' } });
    try {
      for (const lang of ['ja', 'en'] as const) {
        const res = await postLogin(strict, { token: strict.adminToken }, { lang });
        const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
        const headers = { cookie, 'accept-language': lang };
        const page = await (await strict.fetch('/webhooks/new', { headers })).text();
        const _csrf = /name="_csrf" value="([^"]+)"/.exec(page)?.[1] ?? '';
        for (const url of ['http://127.0.0.1:8080/hook', 'http://[::ffff:10.0.0.1]/hook', 'http://169.254.169.254/']) {
          const refused = await strict.fetch('/webhooks', {
            method: 'POST',
            headers: { ...headers, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams({ _csrf, url, secret: SECRET, events: 'review_overdue' }).toString(),
            redirect: 'manual',
          });
          const text = await refused.text();
          expect(refused.status).toBe(400);
          expect(text).toContain(`value="${url}"`);
          const message = fieldError(text, 'url') ?? '';
          if (lang === 'ja') expect(message).toMatch(/^公開されていないアドレス（.+）には送信できません$/);
          else expect(message).toMatch(/^must not point at .+: webhooks reach only public hosts$/);
        }
      }
      expect(await strict.query('SELECT count(*) AS n FROM webhooks')).toEqual([{ n: 0 }]);
    } finally {
      await strict.close();
    }
  });

  it('shows the deliveries of one webhook with status, attempts, last error and times, paged', async () => {
    const s = await signIn(target.adminToken, 'en');
    const id = await registerWebhook(s, 'http://127.0.0.1:9/deliveries');
    // 30 deliveries as the outbox holds them; pending ones are due far ahead so no deliverer takes them.
    const values = Array.from({ length: 30 }, (_, i) => {
      const status = ['delivered', 'failed', 'pending'][i % 3];
      const created = new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();
      const delivered = status === 'delivered' ? `'${new Date(Date.UTC(2026, 0, 1, 0, i, 30)).toISOString()}'` : 'NULL';
      const error = status === 'delivered' ? 'NULL' : `'HTTP 50${i % 10}'`;
      return `('m${i}-${id}', 'webhook', '${id}', 'ev-${i}', 'alert.raised', '{}', '${status}', ${1 + (i % 7)},
        '2999-01-01T00:00:00.000Z', ${error}, '${created}', ${delivered})`;
    });
    await target.exec(
      `INSERT INTO outbox (id, channel, target, event_id, event_type, payload, status, attempts, next_attempt_at,
        last_error, created_at, delivered_at) VALUES ${values.join(',')}`,
    );
    const first = await html(s.get(`/webhooks/${id}`));
    expect(first).toContain('<h2>Deliveries</h2>');
    expect((first.match(/<tr data-delivery=/g) ?? []).length).toBe(25);
    expect(visible(first)).toContain('1–25 of 30');
    // Newest first: message 29 (pending), queued 09:29 in Tokyo on 1 January.
    const newest = /<tr data-delivery="m29-[^"]+"[\s\S]*?<\/tr>/.exec(first)?.[0] ?? '';
    expect(visible(newest)).toContain('Alert raised');
    expect(visible(newest)).toContain('Waiting');
    expect(visible(newest)).toContain('HTTP 509');
    expect(visible(newest)).toContain('1 Jan 2026, 09:29');
    expect(visible(newest)).toContain('next attempt 1 Jan 2999, 09:00');
    const delivered = /<tr data-delivery="m27-[^"]+"[\s\S]*?<\/tr>/.exec(first)?.[0] ?? '';
    expect(visible(delivered)).toMatch(/Delivered[\s\S]*7[\s\S]*—[\s\S]*1 Jan 2026, 09:27/);
    const next = /<a class="button secondary" rel="next" href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await html(s.get(next ?? ''));
    expect((second.match(/<tr data-delivery=/g) ?? []).length).toBe(5);
    expect(visible(second)).toContain('26–30 of 30');
    expect(second).toMatch(/rel="prev" href="\/webhooks\/[^"?]+"/);
    // A cursor from nowhere is a 400 naming it; an unknown webhook a 404 page.
    expect(await html(s.get(`/webhooks/${id}?cursor=nonsense`), 400)).toContain('cursor');
    expect((await s.get('/webhooks/no-such-webhook')).status).toBe(404);
  });

  it('lists what a real sweep queued for it', async () => {
    const s = await signIn(target.adminToken, 'ja');
    const id = await registerWebhook(s, 'http://127.0.0.1:9/swept');
    expect((await s.post('/jobs/sweep', { _csrf: await s.csrf() })).status).toBe(303);
    const page = await html(s.get(`/webhooks/${id}`));
    expect(visible(page)).toContain('監査ログのチェックポイント');
    expect(visible(page)).toContain('1件中 1〜1件');
  });

  it('deletes after an explicit confirmation; of two deletions at once, one wins and one finds it gone', async () => {
    const s = await signIn(target.adminToken, 'ja');
    const id = await registerWebhook(s, 'http://127.0.0.1:9/doomed');
    const confirm = await html(s.get(`/webhooks/${id}/delete`));
    expect(confirm).toContain('このWebhookを削除しますか？');
    expect(confirm).toContain('この操作は取り消せません。');
    expect(confirm).toContain(`action="/webhooks/${id}/delete"`);
    const _csrf = await s.csrf();
    const results = await Promise.all([1, 2, 3].map(() => s.post(`/webhooks/${id}/delete`, { _csrf })));
    expect(results.map((r) => r.status).sort()).toEqual([303, 404, 404]);
    expect(results.find((r) => r.status === 303)?.headers.get('location')).toBe('/webhooks?deleted=1');
    expect(await html(s.get('/webhooks?deleted=1'))).toContain('Webhookを削除しました。');
    expect(
      await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'webhook.delete' AND entity_id = '${id}'`),
    ).toBe(1);
    expect((await admin().get(`/api/v1/webhooks/${id}`)).status).toBe(404);
    expect((await s.get(`/webhooks/${id}/delete`)).status).toBe(404);
  });
});

describe('the audit trail', () => {
  it('names every event, who did it and when, links the record, and shows what changed field by field', async () => {
    const c = await newContractor(admin(), { name: '監査表示株式会社' });
    await admin().patch(`/api/v1/contractors/${c.id}`, {
      name: '監査表示株式会社（新）',
      riskTierOverride: 'high',
      riskOverrideReason: '重要な委託先',
    });
    const agreement = await newAgreement(admin(), c.id);
    const review = await scheduleReview(admin(), c.id, daysFromToday(20));
    const patched = await admin().patch(`/api/v1/reviews/${review.id}`, { dueDate: '2030-04-01' });
    expect(patched.status).toBe(200);
    const s = await signIn(roles.compliance.token, 'ja');
    const page = await html(s.get(`/audit?entityId=${c.id}`));
    const text = visible(page);
    expect(text).toContain('委託先を登録');
    expect(text).toContain('委託先の情報を変更');
    expect(text).toContain('Administrator');
    expect(page).toContain(`<a href="/contractors/${c.id}">監査表示株式会社（新）</a>`);
    // The update: the changed fields only, by name, with enum values in words.
    const update = /<li class="audit-event"[^>]*>\s*<h2>委託先の情報を変更<\/h2>[\s\S]*?<\/li>/.exec(page)?.[0] ?? '';
    expect(visible(update)).toMatch(/名称\s+監査表示株式会社\s+監査表示株式会社（新）/);
    expect(visible(update)).toMatch(/リスク区分（手動）\s+—\s+高/);
    expect(visible(update)).toMatch(/手動設定の理由\s+—\s+重要な委託先/);
    expect(visible(update)).not.toContain('version');
    // Times in Asia/Tokyo, never a raw timestamp or code.
    expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}/);
    expect(text).not.toContain('contractor.update');
    expect(text).toMatch(/\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}/);

    const reviews = await html(s.get(`/audit?entityType=review&entityId=${review.id}`));
    expect(reviews).toContain(`<a href="/reviews/${review.id}">定期評価</a>`);
    expect(reviews).toContain(`<a href="/contractors/${c.id}">監査表示株式会社（新）</a>`);
    expect(visible(reviews)).toMatch(/期限\s+\d{4}年\d{1,2}月\d{1,2}日\(.\)\s+2030年4月1日\(月\)/);
    const agreements = await html(s.get(`/audit?entityType=agreement&entityId=${agreement.id}`));
    expect(agreements).toContain(`href="/agreements/${agreement.id}/edit"`);
    expect(visible(agreements)).toContain('委託契約を登録');
    expect(agreements).toContain('<details class="audit-record">');
  });

  it('links incidents and shows the trail in English too', async () => {
    const c = await newContractor(admin(), { name: 'Incident Trail Ltd' });
    const res = await client(target, roles.compliance.token).post('/api/v1/incidents', {
      contractorId: c.id,
      summary: 'Mail sent to the wrong customer',
      discoveredOn: today(),
      affectedCount: 3,
    });
    expect(res.status).toBe(201);
    const incident = (await res.json()) as { id: string };
    const s = await signIn(roles.manager.token, 'en');
    const page = await html(s.get(`/audit?entityType=incident&entityId=${incident.id}`));
    expect(page).toContain(`<a href="/incidents/${incident.id}">Mail sent to the wrong customer</a>`);
    expect(visible(page)).toContain('Incident recorded');
    expect(visible(page)).toContain('Carol Compliance');
    expect(visible(page)).toMatch(/\d{1,2} [A-Z][a-z]{2} \d{4}, \d{2}:\d{2}/);
  });

  it('shows events about users and webhooks to admins only, as the API', async () => {
    const s = await signIn(target.adminToken, 'ja');
    await registerWebhook(s, 'http://127.0.0.1:9/secretive');
    const adminView = visible(await html(s.get('/audit')));
    expect(adminView).toContain('Webhookを登録');
    expect(adminView).toContain('http://127.0.0.1:9/secretive');
    expect(visible(await html(s.get('/audit?entityType=user')))).toContain('利用者を作成');
    const m = await signIn(roles.manager.token, 'ja');
    const managerView = await html(m.get('/audit'));
    expect(managerView).not.toContain('127.0.0.1:9/secretive');
    expect(visible(managerView)).not.toContain('利用者を作成');
    expect(managerView).not.toContain('<option value="webhook"');
    expect((await m.get('/audit?entityType=webhook')).status).toBe(403);
    expect((await m.get('/audit?entityType=user')).status).toBe(403);
  });

  it('filters by record, actor, action and dates in ITAKU_TIMEZONE, paged with a total', async () => {
    const compliance = client(target, roles.compliance.token);
    const c = await newContractor(admin(), { name: '絞り込み商事' });
    for (let i = 0; i < 28; i++) await scheduleReview(compliance, c.id, daysFromToday(30 + i));
    const s = await signIn(roles.manager.token, 'ja');
    const base = `/audit?actor=${roles.compliance.id}&action=review.schedule`;
    const first = await html(s.get(base));
    expect((first.match(/<li class="audit-event"/g) ?? []).length).toBe(25);
    expect(visible(first)).toMatch(/(\d+)件中 1〜25件/);
    const total = Number(/([\d,]+)件中 1〜25件/.exec(visible(first))?.[1]?.replace(/,/g, ''));
    expect(total).toBeGreaterThanOrEqual(28);
    expect(first).not.toContain('<h2>委託先を登録</h2>');
    expect(first).toContain(`<option value="${roles.compliance.id}" selected="">Carol Compliance</option>`);
    const next = /rel="next" href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(next).toContain('action=review.schedule');
    const second = await html(s.get(next));
    expect(visible(second)).toContain(`${total}件中 26〜${total}件`);
    const seqs = (p: string) => [...p.matchAll(/data-seq="(\d+)"/g)].map((m) => Number(m[1]));
    expect(Math.min(...seqs(first))).toBeGreaterThan(Math.max(...seqs(second)));

    // Today in Tokyo holds them; a period that ends yesterday does not.
    const todays = await html(s.get(`${base}&from=${today()}&to=${today()}`));
    expect(visible(todays)).toContain(`${total}件中`);
    const before = await html(s.get(`${base}&to=${daysFromToday(-1)}`));
    expect(visible(before)).toContain('該当するものはありません。');
    const byRecord = await html(s.get(`/audit?entityType=contractor&entityId=${c.id}`));
    expect((byRecord.match(/<li class="audit-event"/g) ?? []).length).toBe(1);

    // The API takes the same filters.
    const manager = client(target, roles.manager.token);
    const res = await manager.get(
      `/api/v1/audit-events?actor=${roles.compliance.id}&action=review.schedule&from=${today()}&to=${today()}&limit=200`,
    );
    expect(res.status).toBe(200);
    const { items } = (await res.json()) as { items: { action: string; actor: string }[] };
    expect(items).toHaveLength(total);
    expect(items.every((e) => e.action === 'review.schedule' && e.actor === roles.compliance.id)).toBe(true);
    const reversed = await manager.get('/api/v1/audit-events?from=2026-05-10&to=2026-05-01');
    expect(reversed.status).toBe(400);
    expect(((await reversed.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toEqual(['to']);
  });

  it('shows a filter it cannot use next to its field, in the reader language', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(roles.manager.token, lang);
      const page = await html(s.get('/audit?from=2026-05-10&to=2026-05-01&entityId=abc'), 400);
      expect(page).toMatch(/id="f-to"[^>]*value="2026-05-01"[^>]*aria-invalid="true"/);
      expect(page).toContain('value="abc"');
      expect(fieldError(page, 'f-to')).toBe(
        lang === 'ja' ? '期間の開始日より前の日付にはできません' : 'must not be before from',
      );
      const bad = await html(s.get('/audit?from=2026-02-30'), 400);
      expect(fieldError(bad, 'f-from')).toBe(
        lang === 'ja' ? '日付を入力してください（例: 2026-12-01）' : 'must be a calendar date YYYY-MM-DD',
      );
    }
    const s = await signIn(roles.manager.token, 'en');
    expect(await html(s.get('/audit?cursor=nope'), 400)).toContain('cursor');
  });
});

describe('verifying the trail', () => {
  it('verifies for every role and checks a checkpoint; a malformed one is refused next to its field', async () => {
    const a = await signIn(target.adminToken, 'ja');
    const recorded = await a.post('/audit/checkpoints', { _csrf: await a.csrf() });
    expect(recorded.status).toBe(303);
    const location = recorded.headers.get('location') ?? '';
    expect(location).toMatch(/^\/audit\/verify\?recorded=\d+$/);
    const notice = await html(a.get(location));
    const checkpoint = /チェックポイント (\d+:[0-9a-f]{64}) を記録しました。/.exec(notice)?.[1] ?? '';
    expect(checkpoint).not.toBe('');
    expect(notice).toContain(`<tr data-checkpoint="${checkpoint}">`);

    const s = await signIn(roles.manager.token, 'ja');
    const ok = await html(s.get('/audit/verify?run=1'));
    expect(ok).toContain('data-ok="true"');
    expect(visible(ok)).toMatch(/監査ログは改ざんされていません（[\d,]+件を検証）。/);
    expect(ok).toMatch(/<code class="hash" data-head="true">\d+:[0-9a-f]{64}<\/code>/);
    const held = await html(s.get(`/audit/verify?run=1&checkpoint=${checkpoint}`));
    expect(held).toContain('data-checkpoint-ok="true"');
    const wrong = `${checkpoint.split(':')[0]}:${'0'.repeat(64)}`;
    const lost = await html(s.get(`/audit/verify?run=1&checkpoint=${wrong}`));
    expect(lost).toContain('data-checkpoint-ok="false"');
    expect(lost).toContain('data-ok="false"');
    for (const lang of ['ja', 'en'] as const) {
      const r = await signIn(roles.manager.token, lang);
      const bad = await html(r.get('/audit/verify?run=1&checkpoint=12-abc'), 400);
      expect(bad).toMatch(/id="checkpoint"[^>]*value="12-abc"/);
      expect(fieldError(bad, 'checkpoint')).toBe(
        lang === 'ja'
          ? 'チェックポイントの形式（<番号>:<64桁の16進数>）で入力してください'
              .replace(/</g, '&lt;')
              .replace(/>/g, '&gt;')
          : 'must be &lt;seq&gt;:&lt;hash&gt; as a checkpoint prints it, e.g. 42:3f…(64 hex digits)',
      );
    }
    // Only admins see the form that records one.
    expect(ok).not.toContain('action="/audit/checkpoints"');
    expect(notice).toContain('action="/audit/checkpoints"');
  });

  it('records one checkpoint event per checkpoint, however many admins ask at once', async () => {
    const s = await signIn(target.adminToken, 'en');
    const _csrf = await s.csrf();
    const results = await Promise.all(Array.from({ length: 6 }, () => s.post('/audit/checkpoints', { _csrf })));
    for (const r of results) expect(r.status).toBe(303);
    const events = await count("SELECT count(*) AS n FROM audit_events WHERE action = 'audit.checkpoint'");
    const rows = await count('SELECT count(*) AS n FROM audit_checkpoints');
    expect(events).toBe(rows);
  });
});

describe('jobs', () => {
  it('runs the sweep from the page and shows the counts it returned', async () => {
    const c = await newContractor(admin(), { name: '定期チェック確認社' });
    await scheduleReview(admin(), c.id, daysFromToday(-3));
    const runIds: string[] = [];
    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(target.adminToken, lang);
      const res = await s.post('/jobs/sweep', { _csrf: await s.csrf() });
      expect(res.status).toBe(303);
      const location = res.headers.get('location') ?? '';
      const runId = /^\/jobs\?run=([^&]+)$/.exec(location)?.[1] ?? '';
      expect(runId).not.toBe('');
      runIds.push(runId);
      const page = await html(s.get(location));
      const notice =
        new RegExp(`<div class="notice" role="status" data-run="${runId}">[\\s\\S]*?</div>\\s*</dl>`).exec(page)?.[0] ??
        '';
      const row = new RegExp(`<tr data-run="${runId}"[^>]*>[\\s\\S]*?</tr>`).exec(page)?.[0] ?? '';
      if (lang === 'ja') {
        expect(visible(notice)).toContain('定期チェックが完了しました。');
        expect(visible(notice)).toMatch(/発生したアラート\s+\d+/);
        expect(visible(row)).toMatch(/定期チェック\s+この画面/);
        expect(visible(row)).toContain('成功');
      } else {
        expect(visible(notice)).toContain('The sweep finished.');
        expect(visible(notice)).toMatch(/Alerts resolved\s+\d+/);
        expect(visible(row)).toMatch(/Sweep\s+This page/);
        expect(visible(row)).toContain('Succeeded');
      }
      expect(visible(row)).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    }
    // The first run raised the overdue review's alert.
    const runs = await target.query<{ counts: string }>('SELECT counts FROM job_runs WHERE id = ?', runIds[0]);
    expect(JSON.parse(runs[0]?.counts ?? '{}').raised).toBeGreaterThanOrEqual(1);
  });

  it('runs each sweep posted at once, once, and lists them all', async () => {
    const s = await signIn(target.adminToken, 'en');
    const _csrf = await s.csrf();
    const before = await count("SELECT count(*) AS n FROM job_runs WHERE trigger = 'web'");
    const results = await Promise.all([1, 2, 3].map(() => s.post('/jobs/sweep', { _csrf })));
    for (const r of results) expect(r.status).toBe(303);
    const ids = results.map((r) => /run=(.+)$/.exec(r.headers.get('location') ?? '')?.[1]);
    expect(new Set(ids).size).toBe(3);
    expect(await count("SELECT count(*) AS n FROM job_runs WHERE trigger = 'web'")).toBe(before + 3);
    const statuses = await target.query<{ status: string }>(
      `SELECT status FROM job_runs WHERE id IN (${ids.map((id) => `'${id}'`).join(',')})`,
    );
    expect(statuses.every((r) => r.status === 'succeeded' || r.status === 'skipped')).toBe(true);
    expect(statuses.some((r) => r.status === 'succeeded')).toBe(true);
  });

  it('pages the runs with a total, and answers an unknown run or cursor with an error page', async () => {
    const values = Array.from(
      { length: 30 },
      (_, i) =>
        `('old-run-${i}', 'sweep', 'schedule', '${i % 5 === 0 ? 'failed' : 'succeeded'}',
          '2025-06-01T00:${String(i).padStart(2, '0')}:00.000Z', '2025-06-01T00:${String(i).padStart(2, '0')}:05.000Z',
          '{"raised":${i},"resolved":0}', ${i % 5 === 0 ? "'database is locked'" : 'NULL'})`,
    );
    await target.exec(
      `INSERT INTO job_runs (id, job, trigger, status, started_at, finished_at, counts, error) VALUES ${values.join(',')}`,
    );
    const total = await count('SELECT count(*) AS n FROM job_runs');
    const s = await signIn(target.adminToken, 'ja');
    let page = await html(s.get('/jobs'));
    expect(visible(page)).toContain(`${total}件中 1〜25件`);
    let shown = 25;
    while (shown < total) {
      const next = /rel="next" href="([^"]+)"/.exec(page)?.[1]?.replace(/&amp;/g, '&') ?? '';
      expect(next).not.toBe('');
      page = await html(s.get(next));
      shown += (page.match(/<tr data-run=/g) ?? []).length;
    }
    expect(shown).toBe(total);
    expect(page).not.toContain('rel="next"');
    const failed = /<tr data-run="old-run-0"[\s\S]*?<\/tr>/.exec(page)?.[0] ?? '';
    expect(visible(failed)).toMatch(/定期チェック\s+定時実行\s+2025\/06\/01 9:00\s+2025\/06\/01 9:00\s+失敗/);
    expect(visible(failed)).toContain('database is locked');
    expect((await s.get('/jobs?run=no-such-run')).status).toBe(404);
    expect(await html(s.get('/jobs?cursor=%%%'), 400)).toContain('cursor');
  });
});

describe('a broken trail', () => {
  it('shows the first event that no longer verifies', async () => {
    for (const t of ['audit_events', 'audit_seals', 'audit_checkpoints']) {
      await target.exec(`DROP TRIGGER IF EXISTS ${t}_no_update`);
      await target.exec(`DROP TRIGGER IF EXISTS ${t}_no_delete`);
    }
    await target.exec(`UPDATE audit_events SET actor = 'someone-else' WHERE seq = 3`);
    const s = await signIn(roles.manager.token, 'ja');
    const page = await html(s.get('/audit/verify?run=1'));
    expect(page).toContain('data-ok="false"');
    expect(visible(page)).toContain('監査ログの第3号以降を検証できません。');
  });
});
