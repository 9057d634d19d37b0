import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportDeadlines } from '../../src/domain/incident-deadlines';
import { labels } from '../../src/i18n/labels';
import { i18n } from '../../src/web/i18n';
import { type ContractorBody, daysFromToday, newContractor, today } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/** The incident pages over HTTP, as a browser without JavaScript sends them, on Node and the worker. */

let target: Target;
let admin: Client;
let compliance: Awaited<ReturnType<typeof userWithRole>>;
let contractor: ContractorBody;
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = await userWithRole(target, 'compliance');
  contractor = await newContractor(admin, { name: '漏えい画面社' });
});
afterAll(() => target.close());

type Form = Record<string, string | string[]>;

/** A browser-like session: keeps the cookie, reads the CSRF token from a page, posts forms. */
async function signIn(token: string, lang: 'ja' | 'en' = 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const html = async (path: string) => (await get(path)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await html('/incidents'))?.[1] ?? '';
  const post = (path: string, form: Form, opts: { csrf?: string | null; origin?: string } = {}) => {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? csrf : opts.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return target.fetch(path, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': lang,
        origin: opts.origin ?? ORIGIN,
      },
      body: body.toString(),
      redirect: 'manual',
    });
  };
  return { get, html, post, csrf };
}

interface Incident {
  id: string;
  status: string;
  version: number;
  reportable: boolean;
  preliminaryDueOn: string | null;
  finalDueOn: string | null;
  preliminaryReportedOn: string | null;
  finalReportedOn: string | null;
  subjectsNotifiedOn: string | null;
  summary: string;
  affectedCount: number;
  factors: Record<string, boolean>;
}

const incident = async (id: string) => (await (await admin.get(`/api/v1/incidents/${id}`)).json()) as Incident;
const countRows = async (sql: string, ...params: unknown[]) =>
  (await target.query<{ n: number }>(sql, ...params))[0]?.n ?? -1;

async function apiIncident(body: Record<string, unknown> = {}) {
  const res = await compliance.api.post('/api/v1/incidents', {
    contractorId: contractor.id,
    summary: '委託先からの誤送信',
    discoveredOn: today(),
    affectedCount: 10,
    ...body,
  });
  expect(res.status).toBe(201);
  return (await res.json()) as Incident;
}

const validFacts = (over: Form = {}): Form => ({
  contractorId: contractor.id,
  discoveredOn: daysFromToday(-2),
  summary: '配送伝票データの誤送信\n2行目の説明',
  affectedCount: '1200',
  'factors.wrongfulAct': 'on',
  ...over,
});

describe('recording an incident', () => {
  it('offers the form to compliance, with the contractor chosen by a name search', async () => {
    const s = await signIn(compliance.token);
    const form = await s.html('/incidents/new');
    expect(form).toContain('<form method="post" action="/incidents"');
    expect(form).toContain(`<option value="${contractor.id}">漏えい画面社</option>`);
    const searched = await s.html(`/incidents/new?q=${encodeURIComponent('画面')}`);
    expect(searched).toContain(`<option value="${contractor.id}">漏えい画面社</option>`);
    const none = await s.html(`/incidents/new?q=${encodeURIComponent('存在しない名称')}`);
    expect(none).not.toContain(`value="${contractor.id}"`);
    expect(none).toContain('No contractor matches “存在しない名称”.');
    // Opened from a contractor: chosen already.
    const chosen = await s.html(`/incidents/new?contractorId=${contractor.id}`);
    expect(chosen).toContain(`<option value="${contractor.id}" selected="">漏えい画面社</option>`);
  });

  it('records it, derives the deadlines and shows them with the days left', async () => {
    const s = await signIn(compliance.token);
    const res = await s.post('/incidents', validFacts());
    expect(res.status).toBe(303);
    const location = res.headers.get('location') ?? '';
    expect(location).toMatch(/^\/incidents\/[^/?]+\?saved=1$/);
    const id = location.split('/')[2]?.split('?')[0] ?? '';
    const saved = await incident(id);
    const expected = reportDeadlines(daysFromToday(-2), true);
    expect(saved).toMatchObject({
      summary: '配送伝票データの誤送信\n2行目の説明',
      affectedCount: 1200,
      factors: { specialCare: false, financialHarm: false, wrongfulAct: true, overThousand: false },
      reportable: true,
      ...expected,
    });
    const html = await s.html(location);
    const { date } = i18n('en');
    expect(html).toContain('Saved.');
    expect(html).toContain(date(expected.preliminaryDueOn));
    expect(html).toContain(date(expected.finalDueOn));
    expect(html).toContain('2 days left'); // day 5 of a leak found two days ago
    expect(html).toContain('Within 60 days, as a wrongful act may be behind it');
    expect(html).toContain('a wrongful act, over 1,000 people');
  });

  it('shows every refused field next to it in Japanese, keeps the typing, and records nothing', async () => {
    const s = await signIn(compliance.token, 'ja');
    const before = await countRows('SELECT count(*) AS n FROM incidents');
    const res = await s.post('/incidents', {
      contractorId: '',
      discoveredOn: daysFromToday(-1),
      summary: '入力を保持する概要',
      affectedCount: '-5',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('入力内容を確認してください。');
    expect(html).toMatch(/id="contractorId"[^>]*aria-invalid="true"/);
    expect(html).toContain('<p class="field-error" id="contractorId-error">指定してください</p>');
    expect(html).toMatch(/id="affectedCount"[^>]*aria-describedby="affectedCount-error"/);
    expect(html).toContain('<p class="field-error" id="affectedCount-error">0以上の数を入力してください</p>');
    expect(html).toContain('入力を保持する概要</textarea>');
    expect(html).toContain(`value="${daysFromToday(-1)}"`);

    const future = await s.post('/incidents', validFacts({ discoveredOn: daysFromToday(3) }));
    expect(future.status).toBe(400);
    expect(await future.text()).toContain(
      '<p class="field-error" id="discoveredOn-error">未来の日付にはできません</p>',
    );
    expect(await countRows('SELECT count(*) AS n FROM incidents')).toBe(before);
  });

  it('says it in English for an English reader', async () => {
    const s = await signIn(compliance.token, 'en');
    const res = await s.post('/incidents', validFacts({ affectedCount: 'many', summary: '' }));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<p class="field-error" id="affectedCount-error">must be a number</p>');
    expect(html).toContain('<p class="field-error" id="summary-error">');
    expect(html).toContain(`<option value="${contractor.id}" selected="">`);
  });
});

describe('who may do what', () => {
  it('lets every role read, and refuses writes to all but compliance, changing nothing', async () => {
    const i = await apiIncident();
    for (const role of ['manager', 'procurement'] as const) {
      const user = await userWithRole(target, role);
      const s = await signIn(user.token);
      const list = await s.html('/incidents');
      expect(list).toContain(`/incidents/${i.id}`);
      expect(list).not.toContain('href="/incidents/new"');
      const detail = await s.html(`/incidents/${i.id}`);
      expect(detail).toContain('委託先からの誤送信');
      expect(detail).not.toContain(`action="/incidents/${i.id}/reports"`);
      expect(detail).not.toContain(`/incidents/${i.id}/close`);
      expect((await s.get('/incidents/new')).status).toBe(403);
      expect((await s.get(`/incidents/${i.id}/edit`)).status).toBe(403);
      expect((await s.get(`/incidents/${i.id}/close`)).status).toBe(403);
      const before = await countRows('SELECT count(*) AS n FROM incidents');
      const created = await s.post('/incidents', validFacts());
      expect(created.status).toBe(403);
      expect(await created.text()).toContain(`Your role (${labels.role[role].en}) may not do this.`);
      expect((await s.post(`/incidents/${i.id}/reports`, { preliminaryReportedOn: today() })).status).toBe(403);
      expect((await s.post(`/incidents/${i.id}/close`, { summary: 'x' })).status).toBe(403);
      expect(await countRows('SELECT count(*) AS n FROM incidents')).toBe(before);
    }
    expect(await incident(i.id)).toMatchObject({ version: 1, status: 'open', preliminaryReportedOn: null });
  });

  it('refuses a post without the page token or from another site', async () => {
    const s = await signIn(compliance.token);
    const before = await countRows('SELECT count(*) AS n FROM incidents');
    expect((await s.post('/incidents', validFacts(), { csrf: null })).status).toBe(403);
    expect((await s.post('/incidents', validFacts(), { csrf: 'forged' })).status).toBe(403);
    const cross = await s.post('/incidents', validFacts(), { origin: 'https://evil.example' });
    expect(cross.status).toBe(403);
    expect(await cross.text()).toContain('The form expired. Please try again.');
    expect(await countRows('SELECT count(*) AS n FROM incidents')).toBe(before);
  });
});

describe('reports, corrections and closing', () => {
  it('records the reports and the notice, and catches a stale form without losing the typing', async () => {
    const s = await signIn(compliance.token);
    const i = await apiIncident({ discoveredOn: daysFromToday(-3), factors: { specialCare: true } });
    const form = await s.html(`/incidents/${i.id}`);
    expect(form).toContain(`action="/incidents/${i.id}/reports"`);
    expect(form).toContain('name="version" value="1"');

    const ok = await s.post(`/incidents/${i.id}/reports`, {
      version: '1',
      preliminaryReportedOn: daysFromToday(-1),
      finalReportedOn: '',
      subjectsNotifiedOn: today(),
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe(`/incidents/${i.id}?saved=1`);
    expect(await incident(i.id)).toMatchObject({
      version: 2,
      preliminaryReportedOn: daysFromToday(-1),
      finalReportedOn: null,
      subjectsNotifiedOn: today(),
    });
    const { date } = i18n('en');
    expect(await s.html(`/incidents/${i.id}`)).toContain(`made on ${date(daysFromToday(-1))}`);

    // The same form again, read at version 1: someone saved meanwhile.
    const stale = await s.post(`/incidents/${i.id}/reports`, {
      version: '1',
      preliminaryReportedOn: daysFromToday(-2),
      finalReportedOn: today(),
      subjectsNotifiedOn: '',
    });
    expect(stale.status).toBe(412);
    const html = await stale.text();
    expect(html).toContain('Someone else changed this incident meanwhile.');
    expect(html).toMatch(new RegExp(`id="finalReportedOn"[^>]*value="${today()}"`));
    expect(html).toContain('name="version" value="2"');
    expect(await incident(i.id)).toMatchObject({ version: 2, finalReportedOn: null });

    const bad = await s.post(`/incidents/${i.id}/reports`, { version: '2', finalReportedOn: daysFromToday(-9) });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain(
      '<p class="field-error" id="finalReportedOn-error">must not be before discoveredOn</p>',
    );
    expect((await incident(i.id)).version).toBe(2);
  });

  it('lets exactly one of two forms posted at once from the same version win', async () => {
    const i = await apiIncident({ affectedCount: 5000 });
    const [a, b] = await Promise.all([signIn(compliance.token), signIn(compliance.token)]);
    const events = () =>
      countRows("SELECT count(*) AS n FROM audit_events WHERE entity_id = ? AND action = 'incident.update'", i.id);
    const results = await Promise.all([
      a.post(`/incidents/${i.id}/reports`, { version: '1', preliminaryReportedOn: today() }),
      b.post(`/incidents/${i.id}/reports`, { version: '1', subjectsNotifiedOn: today() }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 412]);
    const after = await incident(i.id);
    expect(after.version).toBe(2);
    // Exactly one form's dates, not a mix.
    expect([after.preliminaryReportedOn, after.subjectsNotifiedOn].filter(Boolean)).toHaveLength(1);
    expect(await events()).toBe(1);
  });

  it('corrects the facts with the version it was read at', async () => {
    const s = await signIn(compliance.token);
    const i = await apiIncident();
    const edit = await s.html(`/incidents/${i.id}/edit`);
    expect(edit).toContain('委託先からの誤送信</textarea>');
    const ok = await s.post(`/incidents/${i.id}`, {
      version: '1',
      discoveredOn: today(),
      summary: '訂正後の概要',
      affectedCount: '2000',
    });
    expect(ok.status).toBe(303);
    expect(await incident(i.id)).toMatchObject({ summary: '訂正後の概要', affectedCount: 2000, reportable: true });
    const emptied = await s.post(`/incidents/${i.id}`, {
      version: '2',
      discoveredOn: '',
      summary: 'x',
      affectedCount: '',
    });
    expect(emptied.status).toBe(400);
    const html = await emptied.text();
    expect(html).toContain('<p class="field-error" id="affectedCount-error">is required</p>');
    expect(html).toContain('<p class="field-error" id="discoveredOn-error">is required</p>');
    const stale = await s.post(`/incidents/${i.id}`, {
      version: '1',
      discoveredOn: today(),
      summary: '古い版からの訂正',
      affectedCount: '3',
    });
    expect(stale.status).toBe(412);
    const conflict = await stale.text();
    expect(conflict).toContain('Saved now');
    expect(conflict).toContain('古い版からの訂正</textarea>');
    expect(await incident(i.id)).toMatchObject({ version: 2, summary: '訂正後の概要' });
  });

  it('refuses to close while the final report is missing, in words, and closes after it', async () => {
    const i = await apiIncident({ affectedCount: 1500 });
    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(compliance.token, lang);
      const { t } = i18n(lang);
      const page = await s.html(`/incidents/${i.id}/close`);
      expect(page).toContain(t('inc.finalReportRequired'));
      expect(page).not.toContain(`action="/incidents/${i.id}/close"`);
      const refused = await s.post(`/incidents/${i.id}/close`, { summary: '早すぎる終了' });
      expect(refused.status).toBe(409);
      const html = await refused.text();
      expect(html).toContain(t('inc.finalReportRequired'));
      expect(html).toContain('早すぎる終了</textarea>');
    }
    expect(await incident(i.id)).toMatchObject({ status: 'open', version: 1 });

    const s = await signIn(compliance.token);
    await s.post(`/incidents/${i.id}/reports`, { version: '1', finalReportedOn: today(), subjectsNotifiedOn: today() });
    const confirm = await s.html(`/incidents/${i.id}/close`);
    expect(confirm).toContain('It cannot be reopened.');
    const empty = await s.post(`/incidents/${i.id}/close`, { summary: ' ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('id="summary-error"');

    // Two closing forms at once: one closes, the other is told it is closed already.
    const results = await Promise.all([
      s.post(`/incidents/${i.id}/close`, { summary: '再発防止策を確認した' }),
      s.post(`/incidents/${i.id}/close`, { summary: '二重送信' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 409]);
    const closed = await incident(i.id);
    expect(closed).toMatchObject({ status: 'closed', closedOn: today() });
    const detail = await s.html(`/incidents/${i.id}?closed=1`);
    expect(detail).toContain('The incident is closed.');
    expect(detail).toContain(closed.summary);
    expect(detail).not.toContain(`action="/incidents/${i.id}/reports"`);
  });
});

describe('the list', () => {
  it('filters, counts the total, and shows overdue deadlines', async () => {
    const other = await newContractor(admin, { name: '一覧絞込社' });
    const late = await apiIncident({ contractorId: other.id, discoveredOn: daysFromToday(-10), affectedCount: 3000 });
    const small = await apiIncident({ contractorId: other.id, affectedCount: 3 });
    const s = await signIn(compliance.token);
    const html = await s.html(`/incidents?contractorId=${other.id}`);
    expect(html).toContain(`/incidents/${late.id}`);
    expect(html).toContain(`/incidents/${small.id}`);
    expect(html).toContain('1–2 of 2');
    expect(html).toContain('6 days overdue'); // day 1 ten days ago: day 5 was six days ago
    expect(html).toContain(`<option value="${other.id}" selected="">一覧絞込社</option>`);

    const overdue = await s.html(`/incidents?contractorId=${other.id}&overdue=true`);
    expect(overdue).toContain(`/incidents/${late.id}`);
    expect(overdue).not.toContain(`/incidents/${small.id}`);
    expect(overdue).toContain('1–1 of 1');
    const notReportable = await s.html(`/incidents?contractorId=${other.id}&reportable=false`);
    expect(notReportable).toContain(`/incidents/${small.id}`);
    expect(notReportable).not.toContain(`/incidents/${late.id}`);
    const closed = await s.html(`/incidents?contractorId=${other.id}&status=closed`);
    expect(closed).toContain('0–0 of 0');
    const all = await s.html('/incidents?status=all');
    const total = await countRows('SELECT count(*) AS n FROM incidents');
    expect(all).toContain(`of ${total}`);
  });

  it('pages with previous and next, and answers a bad address with 400 naming the parameter', async () => {
    const many = await newContractor(admin, { name: '多数事案社' });
    for (let n = 0; n < 52; n++) await apiIncident({ contractorId: many.id, summary: `事案 ${n}` });
    const s = await signIn(compliance.token);
    const first = await s.html(`/incidents?contractorId=${many.id}`);
    expect(first).toContain('1–50 of 52');
    expect(first).not.toContain('rel="prev"');
    const next = /<a class="button secondary" rel="next" href="([^"]+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toBeDefined();
    const second = await s.html(next ?? '');
    expect(second).toContain('51–52 of 52');
    expect(second).toContain('事案 51');
    expect(second).not.toContain('rel="next"');
    const prev = /rel="prev" href="([^"]+)"/.exec(second)?.[1]?.replaceAll('&amp;', '&');
    expect(await s.html(prev ?? '')).toContain('1–50 of 52');

    const bad = await s.get('/incidents?status=bogus');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<code>status</code>');
    expect((await s.get('/incidents?cursor=nonsense')).status).toBe(400);
    expect((await s.get('/incidents/no-such-incident')).status).toBe(404);
  });
});
