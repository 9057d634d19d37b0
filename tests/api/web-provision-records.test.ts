import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../src/domain/calendar';
import { type ContractorBody, daysFromToday, newContractor, today } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/** The provision-record pages over HTTP, as a browser without JavaScript sends them, on Node and the worker. */
let target: Target;
let admin: Client;
let compliance: Awaited<ReturnType<typeof userWithRole>>;
let manager: Awaited<ReturnType<typeof userWithRole>>;
let consent: ContractorBody;
let domestic: ContractorBody;

type Form = [string, string][];

async function signIn(token: string, lang: 'ja' | 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const html = async (path: string) => (await get(path)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await html('/provision-records'))?.[1] ?? '';
  const post = (path: string, form: Form, opts: { csrf?: string | null } = {}) => {
    const token = opts.csrf === undefined ? csrf : opts.csrf;
    const body = new URLSearchParams(token === null ? form : [['_csrf', token], ...form]);
    return target.fetch(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang, origin: ORIGIN },
      body: body.toString(),
      redirect: 'manual',
    });
  };
  return { get, html, post };
}

const form = (extra: Record<string, string> = {}): Form => {
  const base: Record<string, string> = {
    contractorId: consent.id,
    providedFrom: daysFromToday(-3),
    providedUntil: '',
    country: 'US',
    subjects: '会員（会員番号で特定）',
    items: '氏名、購入履歴',
    consentNote: '会員規約への同意（2026年4月）',
    ...extra,
  };
  return [...Object.entries(base), ['dataCategories', 'customers'], ['dataCategories', 'employees']];
};
const count = async () => Number((await target.query('SELECT count(*) AS n FROM provision_records'))[0]?.n);
const errorOf = (html: string, field: string) =>
  new RegExp(`<p class="field-error" id="${field}-error">([^<]*)</p>`).exec(html)?.[1];

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = await userWithRole(target, 'compliance');
  manager = await userWithRole(target, 'manager');
  consent = await newContractor(admin, {
    name: 'Overseas Fulfilment Inc.',
    country: 'US',
    crossBorderBasis: 'consent',
    crossBorderConsent: { informedOn: today(), countryName: '米国', systemInfo: '州法', measuresInfo: '暗号化' },
  });
  domestic = await newContractor(admin, { name: '国内倉庫社' });
});
afterAll(() => target.close());

describe('recording a provision in the browser', () => {
  it('refuses next to the field in Japanese and English, keeps the typing, and saves with PRG', async () => {
    const ja = await signIn(compliance.token, 'ja');
    const page = await ja.html(`/provision-records/new?contractorId=${consent.id}`);
    expect(page).toContain('Overseas Fulfilment Inc.');
    expect(page).toContain('本人を特定するに足りる事項');
    const before = await count();
    const bad = await ja.post('/provision-records/new', form({ subjects: '' }));
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(errorOf(badHtml, 'subjects')).toBe('入力してください');
    const noConsent = await ja.post('/provision-records/new', form({ consentNote: '' }));
    expect(errorOf(await noConsent.text(), 'consentNote')).toContain('本人の同意を得ている旨');
    expect(badHtml).toContain('氏名、購入履歴');
    expect(badHtml).toContain('aria-invalid="true"');
    const en = await signIn(compliance.token, 'en');
    const enBad = await en.post('/provision-records/new', form({ providedUntil: daysFromToday(-10) }));
    expect(errorOf(await enBad.text(), 'providedUntil')).toContain('must not be before');
    expect((await ja.post('/provision-records/new', form(), { csrf: null })).status).toBe(403);
    // A Japanese entrustee has no records: no form, and a post is refused at the contractor.
    expect(await ja.html(`/provision-records/new?contractorId=${domestic.id}`)).not.toContain('name="subjects"');
    const domesticPost = await ja.post('/provision-records/new', form({ contractorId: domestic.id, country: 'JP' }));
    expect(errorOf(await domesticPost.text(), 'contractorId')).toContain('対象外');
    expect(await count()).toBe(before);

    const ok = await ja.post('/provision-records/new', form());
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location') ?? '';
    expect(location).toMatch(/^\/provision-records\/[^/?]+\?saved=1$/);
    const shown = await ja.html(location);
    expect(shown).toContain('記録を保存しました。');
    const kept = addDays(addMonths(today(), 36), -1);
    expect(shown).toContain(`${Number(kept.slice(0, 4))}年`);
    expect(await count()).toBe(before + 1);
  });

  it('lists for every role, writes only for compliance, and one of two racing corrections wins', async () => {
    const m = await signIn(manager.token, 'en');
    const list = await m.get('/provision-records?dataCategory=employees');
    expect(list.status).toBe(200);
    const listHtml = await list.text();
    const ids = [...listHtml.matchAll(/data-record="([^"]+)"/g)].map((x) => x[1]);
    expect(ids).toHaveLength(1);
    expect(listHtml).toContain('1–1 of 1');
    expect(listHtml).toContain(`href="/contractors/${consent.id}">Overseas Fulfilment Inc.</a>`);
    expect(listHtml).not.toContain('href="/provision-records/new"');
    expect(await (await m.get('/provision-records?dataCategory=applicants')).text()).not.toContain('data-record=');
    expect((await m.get('/provision-records?from=nope')).status).toBe(400);
    expect((await m.get('/provision-records/new')).status).toBe(403);
    expect((await m.post('/provision-records/new', form())).status).toBe(403);
    const id = String(ids[0]);
    expect(await m.html(`/provision-records/${id}`)).not.toContain('name="subjects"');
    expect((await m.post(`/provision-records/${id}`, [...form(), ['version', '1']])).status).toBe(403);

    const c = await signIn(compliance.token, 'en');
    const racing = await Promise.all(
      ['氏名', '氏名、住所'].map((items) => c.post(`/provision-records/${id}`, [...form({ items }), ['version', '1']])),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([303, 412]);
    const lost = racing.find((r) => r.status === 412) as Response;
    const lostHtml = await lost.text();
    expect(lostHtml).toContain('Someone else changed this record');
    expect(lostHtml).toContain('name="version" value="2"');
    const now = (await (await admin.get(`/api/v1/provision-records/${id}`)).json()) as { version: number };
    expect(now.version).toBe(2);
  });
});
