import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eventLabel } from '../../src/i18n/events';
import { labels } from '../../src/i18n/labels';
import { i18n } from '../../src/web/i18n';
import { allClauses, daysFromToday, newAgreement, newContractor, today } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/** The agreement pages over HTTP: its page, editing every term, terminating, the data's return or deletion. */

let target: Target;
let admin: Client;
let procurement: { token: string; api: Client };
let compliance: { token: string; api: Client };
let manager: { token: string };
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  procurement = await userWithRole(target, 'procurement', { name: '調達 一郎' });
  compliance = await userWithRole(target, 'compliance');
  manager = await userWithRole(target, 'manager');
});
afterAll(() => target?.close());

const en = i18n('en');
const ja = i18n('ja');

/** A browser-like session: the cookie, the page's CSRF token, form posts from our own origin. */
async function session(token: string, lang: 'ja' | 'en' = 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string | string[]>, withCsrf = true) => {
    const body = new URLSearchParams(withCsrf ? { _csrf: csrf } : {});
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return target.fetch(path, {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
      body: body.toString(),
      redirect: 'manual',
    });
  };
  return { get, post };
}

interface Agreement {
  id: string;
  contractorId: string;
  title: string;
  status: string;
  terminatedOn: string | null;
  dataDisposition: { method: string; confirmedOn: string; evidence: string } | null;
  createdAt: string;
  version: number;
  [field: string]: unknown;
}
const agreement = async (id: string) => (await (await admin.get(`/api/v1/agreements/${id}`)).json()) as Agreement;

async function anAgreement(overrides: Record<string, unknown> = {}) {
  const c = await newContractor(admin, { name: `契約先 ${Math.random().toString(36).slice(2, 8)}` });
  return (await newAgreement(admin, c.id, overrides)) as unknown as Agreement;
}

const typedIn = (html: string, name: string) =>
  new RegExp(`name="${name.replace('.', '\\.')}" value="([^"]*)"`).exec(html)?.[1];

/** The terms form as the edit page sends it, every field filled. */
const terms = (version: number) => ({
  version: String(version),
  title: '改定後の業務委託契約',
  reference: 'C-2026-017',
  purpose: '給与計算\n年末調整',
  dataCategories: ['employees', 'applicants'],
  startDate: daysFromToday(-30),
  endDate: daysFromToday(335),
  autoRenew: 'on',
  renewalTermMonths: '12',
  noticePeriodDays: '60',
  reconsignment: 'prohibited',
  clauses: ['responsibilities', 'securityMeasures', 'incidentReporting'],
});

describe('an agreement’s page', () => {
  it('shows every term in words, in Japanese and English, to every role', async () => {
    const a = await anAgreement({
      reference: 'K-001',
      clauses: { ...allClauses, reporting: false, afterTermination: false },
    });
    for (const [lang, t] of [
      ['ja', ja],
      ['en', en],
    ] as const) {
      const s = await session(manager.token, lang);
      const res = await s.get(`/agreements/${a.id}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      for (const expected of [
        a.title,
        'K-001',
        `href="/contractors/${a.contractorId}"`,
        t.label(labels.agreementStatus, 'active'),
        t.label(labels.reconsignment, 'prior_approval'),
        t.label(labels.dataCategory, 'customers'),
        `${t.label(labels.clause, 'reporting')}: ${t.t('a.missing')}`,
        `${t.label(labels.clause, 'responsibilities')}: ${t.t('agr.present')}`,
        t.date(daysFromToday(-100)),
        t.date(daysFromToday(265)),
        t.dateTime(a.createdAt),
        t.t('agr.dispositionMissing'),
        eventLabel('agreement.create', lang),
      ]) {
        expect(html, `${lang}: ${expected}`).toContain(expected);
      }
      expect(html).not.toContain(a.createdAt);
      expect(html).not.toContain('>prior_approval<');
      // A manager reads; nothing to edit.
      expect(html).not.toContain(`/agreements/${a.id}/edit`);
    }
    const p = await session(procurement.token);
    expect(await (await p.get(`/agreements/${a.id}`)).text()).toContain(`href="/agreements/${a.id}/edit"`);
    expect((await p.get('/agreements/nope')).status).toBe(404);
  });
});

describe('editing an agreement', () => {
  it('opens for procurement only, and refuses the other roles’ posts with nothing changed', async () => {
    const a = await anAgreement();
    for (const token of [manager.token, compliance.token]) {
      const s = await session(token);
      expect((await s.get(`/agreements/${a.id}/edit`)).status).toBe(403);
      for (const [path, form] of [
        ['', terms(1)],
        ['/terminate', { version: '1', terminatedOn: today(), confirmTerminate: 'on' }],
        [
          '/disposition',
          {
            version: '1',
            'dataDisposition.method': 'deleted',
            'dataDisposition.confirmedOn': today(),
            'dataDisposition.evidence': 'x',
          },
        ],
      ] as const) {
        expect((await s.post(`/agreements/${a.id}${path}`, form)).status, path).toBe(403);
      }
    }
    const s = await session(procurement.token);
    expect((await s.post(`/agreements/${a.id}`, terms(1), false)).status).toBe(403);
    expect(await agreement(a.id)).toMatchObject({ version: 1, terminatedOn: null, dataDisposition: null });
  });

  it('shows the saved terms and saves every field the API’s PATCH takes', async () => {
    const a = await anAgreement();
    const s = await session(procurement.token);
    const form = await (await s.get(`/agreements/${a.id}/edit`)).text();
    expect(typedIn(form, 'title')).toBe(a.title);
    expect(typedIn(form, 'startDate')).toBe(daysFromToday(-100));
    expect(typedIn(form, 'version')).toBe('1');
    expect(form).toMatch(/<option value="prior_approval" selected="">/);
    expect((form.match(/name="clauses" value="\w+" checked=""/g) ?? []).length).toBe(8);
    expect(form).toContain(`action="/agreements/${a.id}/terminate"`);
    expect(form).toContain(`action="/agreements/${a.id}/disposition"`);

    const res = await s.post(`/agreements/${a.id}`, terms(1));
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/agreements/${a.id}?saved=1`);
    expect(await agreement(a.id)).toMatchObject({
      title: '改定後の業務委託契約',
      reference: 'C-2026-017',
      purpose: '給与計算\n年末調整',
      dataCategories: ['applicants', 'employees'],
      startDate: daysFromToday(-30),
      endDate: daysFromToday(335),
      autoRenew: true,
      renewalTermMonths: 12,
      noticePeriodDays: 60,
      reconsignment: 'prohibited',
      clauses: {
        ...Object.fromEntries(Object.keys(allClauses).map((k) => [k, false])),
        responsibilities: true,
        securityMeasures: true,
        incidentReporting: true,
      },
      version: 2,
    });
    expect(await (await s.get(`/agreements/${a.id}?saved=1`)).text()).toContain(en.t('c.saved'));

    // Emptied optional fields are cleared.
    const cleared = await s.post(`/agreements/${a.id}`, {
      ...terms(2),
      reference: '',
      endDate: '',
      autoRenew: [],
      renewalTermMonths: '',
      noticePeriodDays: '',
    });
    expect(cleared.status).toBe(303);
    expect(await agreement(a.id)).toMatchObject({
      reference: null,
      endDate: null,
      autoRenew: false,
      renewalTermMonths: null,
      noticePeriodDays: null,
      version: 3,
    });
  });

  it('names every refused field in the page’s language, keeps the typing, and changes nothing', async () => {
    const a = await anAgreement();
    for (const [lang, messages] of [
      ['ja', ['開始日より前の日付にはできません', '1つ以上選んでください']],
      ['en', ['must not be before startDate', 'at least one']],
    ] as const) {
      const s = await session(procurement.token, lang);
      const res = await s.post(`/agreements/${a.id}`, {
        ...terms(1),
        title: '入力を保持する契約',
        endDate: daysFromToday(-40),
        dataCategories: [],
        clauses: ['reporting'],
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(typedIn(html, 'title')).toBe('入力を保持する契約');
      expect(typedIn(html, 'endDate')).toBe(daysFromToday(-40));
      expect(html).toMatch(/id="endDate"[^>]*aria-invalid="true"[^>]*aria-describedby="endDate-error"/);
      expect(html).toContain(`<p class="field-error" id="endDate-error">${messages[0]}`);
      expect(html).toMatch(new RegExp(`id="dataCategories-error">[^<]*${messages[1]}`));
      // What was typed, not what is saved: only the one box ticked.
      expect((html.match(/name="clauses" value="\w+" checked=""/g) ?? []).length).toBe(1);
      expect(html).toContain('name="clauses" value="reporting" checked=""');
    }
    expect(await agreement(a.id)).toMatchObject({ title: a.title, version: 1 });
  });

  it('after someone else’s change (412) shows what is saved now, keeps the typing, and saves on resend', async () => {
    const a = await anAgreement();
    const s = await session(procurement.token, 'ja');
    await procurement.api.patch(`/api/v1/agreements/${a.id}`, { title: '先に保存された名前' }, { 'if-match': '"1"' });
    const res = await s.post(`/agreements/${a.id}`, { ...terms(1), title: '後から入力した名前' });
    expect(res.status).toBe(412);
    const html = await res.text();
    expect(html).toContain(ja.t('agr.conflict'));
    expect(html).toContain(ja.t('agr.savedNow'));
    expect(html).toContain('先に保存された名前');
    expect(typedIn(html, 'title')).toBe('後から入力した名前');
    expect(typedIn(html, 'version')).toBe('2');
    expect(await agreement(a.id)).toMatchObject({ title: '先に保存された名前', version: 2 });
    expect((await s.post(`/agreements/${a.id}`, { ...terms(2), title: '後から入力した名前' })).status).toBe(303);
    expect(await agreement(a.id)).toMatchObject({ title: '後から入力した名前', version: 3 });
  });

  it('lets exactly one of two parallel saves of the same version through', async () => {
    const a = await anAgreement();
    const [x, y] = await Promise.all([session(procurement.token), session(procurement.token)]);
    const results = await Promise.all([
      x.post(`/agreements/${a.id}`, { ...terms(1), title: '並行 A' }),
      y.post(`/agreements/${a.id}/terminate`, { version: '1', terminatedOn: today(), confirmTerminate: 'on' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 412]);
    const after = await agreement(a.id);
    expect(after.version).toBe(2);
    if (results[0]?.status === 303) expect(after).toMatchObject({ title: '並行 A', terminatedOn: null });
    else expect(after).toMatchObject({ title: a.title, terminatedOn: today() });
  });
});

describe('terminating an agreement and recording the data’s return or deletion', () => {
  it('terminates only with a date and the confirmation, reported together', async () => {
    const a = await anAgreement();
    const s = await session(procurement.token, 'ja');
    const none = await s.post(`/agreements/${a.id}/terminate`, { version: '1', terminatedOn: '' });
    expect(none.status).toBe(400);
    const html = await none.text();
    expect(html).toContain('<p class="field-error" id="terminatedOn-error">指定してください</p>');
    expect(html).toContain(`<p class="field-error" id="confirmTerminate-error">${ja.t('agr.confirmRequired')}</p>`);
    // The other forms show no error of this one.
    expect(html).not.toContain('id="title-error"');
    const early = await s.post(`/agreements/${a.id}/terminate`, {
      version: '1',
      terminatedOn: daysFromToday(-200),
      confirmTerminate: 'on',
    });
    expect(early.status).toBe(400);
    expect(await early.text()).toContain('開始日より前の日付にはできません');
    expect(await agreement(a.id)).toMatchObject({ terminatedOn: null, status: 'active', version: 1 });

    const done = await s.post(`/agreements/${a.id}/terminate`, {
      version: '1',
      terminatedOn: today(),
      confirmTerminate: 'on',
    });
    expect(done.status).toBe(303);
    expect(await agreement(a.id)).toMatchObject({ terminatedOn: today(), status: 'terminated', version: 2 });
    const page = await (await s.get(`/agreements/${a.id}`)).text();
    expect(page).toContain(ja.t('agr.terminated', { date: ja.date(today()) }));
  });

  it('records the return or deletion, which lets compliance terminate the contractor', async () => {
    const c = await newContractor(admin, { name: '終了予定株式会社' });
    const a = (await newAgreement(admin, c.id)) as unknown as Agreement;
    const s = await session(procurement.token, 'ja');
    const blocked = await compliance.api.post(`/api/v1/contractors/${c.id}/transition`, {
      to: 'terminated',
      reason: '委託終了',
    });
    expect(blocked.status).toBe(409);
    expect(((await blocked.json()) as { type: string }).type).toBe('/problems/data-disposition-required');

    const edit = await (await s.get(`/agreements/${a.id}/edit`)).text();
    const method = /<select id="dataDisposition\.method"[^>]*>([\s\S]*?)<\/select>/.exec(edit)?.[1];
    expect(method).toContain(`<option value="">${ja.t('agr.choose')}</option>`);
    expect(method).not.toContain('selected');

    const missing = await s.post(`/agreements/${a.id}/disposition`, {
      version: '1',
      'dataDisposition.method': '',
      'dataDisposition.confirmedOn': today(),
      'dataDisposition.evidence': '',
    });
    expect(missing.status).toBe(400);
    const html = await missing.text();
    expect(html).toContain('<p class="field-error" id="dataDisposition.method-error">指定してください</p>');
    expect(html).toContain('<p class="field-error" id="dataDisposition.evidence-error">入力してください</p>');
    expect(await agreement(a.id)).toMatchObject({ dataDisposition: null, version: 1 });

    const recorded = await s.post(`/agreements/${a.id}/disposition`, {
      version: '1',
      'dataDisposition.method': 'deleted',
      'dataDisposition.confirmedOn': today(),
      'dataDisposition.evidence': 'データ消去証明書 No. 42',
    });
    expect(recorded.status).toBe(303);
    expect(await agreement(a.id)).toMatchObject({
      dataDisposition: { method: 'deleted', confirmedOn: today(), evidence: 'データ消去証明書 No. 42' },
    });
    const page = await (await s.get(`/agreements/${a.id}`)).text();
    expect(page).toContain(ja.label(labels.dispositionMethod, 'deleted'));
    expect(page).toContain('データ消去証明書 No. 42');
    expect(page).not.toContain(ja.t('agr.dispositionMissing'));

    const ended = await compliance.api.post(`/api/v1/contractors/${c.id}/transition`, {
      to: 'terminated',
      reason: '委託終了',
    });
    expect(ended.status).toBe(200);
  });
});

describe('adding an agreement', () => {
  it('takes the reference too, and sends back to the contractor', async () => {
    const c = await newContractor(admin);
    const s = await session(procurement.token);
    const res = await s.post(`/contractors/${c.id}/agreements`, {
      title: '新規契約',
      reference: 'N-9',
      purpose: '問合せ対応',
      dataCategories: 'inquirers',
      startDate: today(),
      reconsignment: 'allowed',
      clauses: ['reporting'],
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/contractors/${c.id}?saved=1`);
    const list = (await (await admin.get(`/api/v1/agreements?contractorId=${c.id}`)).json()) as { items: Agreement[] };
    expect(list.items).toEqual([
      expect.objectContaining({ title: '新規契約', reference: 'N-9', reconsignment: 'allowed' }),
    ]);
  });
});
