import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldMessage } from '../../src/i18n/messages';
import { i18n } from '../../src/web/i18n';
import { daysFromToday, newAgreement, newContractor, today } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/** The subject-request pages over HTTP, as a browser without JavaScript sends them, on Node and the worker. */

let target: Target;
let admin: Client;
let compliance: Awaited<ReturnType<typeof userWithRole>>;
let manager: Awaited<ReturnType<typeof userWithRole>>;
let holder: string;
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = await userWithRole(target, 'compliance');
  manager = await userWithRole(target, 'manager');
  holder = (await newContractor(admin, { name: '開示画面社', dataCategories: ['customers'] })).id;
  await newAgreement(admin, holder, { dataCategories: ['customers'] });
});
afterAll(() => target.close());

type Form = Record<string, string | string[]>;

async function signIn(token: string, lang: 'ja' | 'en' = 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const html = async (path: string) => (await get(path)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await html('/subject-requests'))?.[1] ?? '';
  const post = (path: string, form: Form, opts: { csrf?: string | null } = {}) => {
    const body = new URLSearchParams();
    const token = opts.csrf === undefined ? csrf : opts.csrf;
    if (token !== null) body.append('_csrf', token);
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return target.fetch(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang, origin: ORIGIN },
      body: body.toString(),
      redirect: 'manual',
    });
  };
  return { get, html, post };
}

const countRequests = async () =>
  (await target.query<{ n: number }>('SELECT count(*) AS n FROM subject_requests'))[0]?.n ?? -1;
const fieldError = (html: string, id: string) =>
  new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];

const good = { kind: 'disclosure', receivedOn: today(), dataCategories: ['customers'], reference: 'SR-WEB-1' };

describe('recording a request in the browser', () => {
  it('refuses in Japanese and English next to the field, keeping the typing, and records with PRG', async () => {
    const ja = await signIn(compliance.token, 'ja');
    const before = await countRequests();
    const bad = await ja.post('/subject-requests', { ...good, reference: 'hanako@example.jp', dataCategories: [] });
    expect(bad.status).toBe(400);
    const page = await bad.text();
    expect(fieldError(page, 'reference')).toBe(fieldMessage('srReferencePersonal', undefined, 'ja'));
    expect(fieldError(page, 'dataCategories')).toBe(fieldMessage('categoryRequired', undefined, 'ja'));
    expect(page).toContain('value="hanako@example.jp"');
    expect(page).toContain('aria-invalid="true"');
    const en = await signIn(compliance.token, 'en');
    const future = await en.post('/subject-requests', { ...good, receivedOn: daysFromToday(2) });
    expect(fieldError(await future.text(), 'receivedOn')).toBe(fieldMessage('notInFuture', undefined, 'en'));
    expect(await countRequests()).toBe(before);

    const ok = await ja.post('/subject-requests', good);
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location') ?? '';
    expect(location).toMatch(/^\/subject-requests\/[^/?]+\?saved=1$/);
    const detail = await ja.html(location);
    expect(detail).toContain('開示画面社');
    expect(detail).toContain(i18n('ja', 'Asia/Tokyo').t('sr.taskStatus.waiting'));
    const list = await en.html('/subject-requests');
    expect(list).toContain('SR-WEB-1');
    expect(list).toContain('0 of 1');
  });

  it('refuses managers (403) and a missing CSRF token, changing nothing', async () => {
    const before = await countRequests();
    const m = await signIn(manager.token);
    expect((await m.get('/subject-requests/new')).status).toBe(403);
    expect((await m.post('/subject-requests', good)).status).toBe(403);
    const page = await m.html('/subject-requests');
    expect(page).not.toContain('href="/subject-requests/new"');
    const c = await signIn(compliance.token);
    expect((await c.post('/subject-requests', good, { csrf: null })).status).toBe(403);
    expect(await countRequests()).toBe(before);
    expect((await m.get('/settings/subject-requests')).status).toBe(200);
    expect((await m.post('/settings/subject-requests', { targetDays: '7', version: '0' })).status).toBe(403);
  });
});

describe('a contractor’s part, closing and the target', () => {
  it('answers tasks (one of two parallel saves wins), refuses closing until done and a refusal without its ground', async () => {
    const res = await compliance.api.post('/api/v1/subject-requests', { ...good, reference: 'SR-WEB-2' });
    const r = (await res.json()) as { id: string; tasks: { contractorId: string; version: number }[] };
    const t = r.tasks[0] as { contractorId: string; version: number };
    const p = `t-${t.contractorId}-`;
    const en = await signIn(compliance.token, 'en');

    const early = await en.post(`/subject-requests/${r.id}/close`, { outcome: 'fulfilled', confirm: 'on' });
    expect(early.status).toBe(409);
    expect(await early.text()).toContain('開示画面社');

    const noForward = await en.post(`/subject-requests/${r.id}/tasks/${t.contractorId}`, {
      [`${p}answeredOn`]: today(),
      [`${p}outcome`]: 'done',
      version: String(t.version),
    });
    expect(noForward.status).toBe(400);
    const noForwardPage = await noForward.text();
    expect(fieldError(noForwardPage, `${p}forwardedOn`)).toBe(fieldMessage('srForwardFirst', undefined, 'en'));
    expect(noForwardPage).toContain(`value="${today()}"`);

    const answer = { [`${p}forwardedOn`]: today(), [`${p}answeredOn`]: today(), [`${p}outcome`]: 'done' };
    const both = await Promise.all([
      en.post(`/subject-requests/${r.id}/tasks/${t.contractorId}`, { ...answer, version: String(t.version) }),
      en.post(`/subject-requests/${r.id}/tasks/${t.contractorId}`, {
        ...answer,
        [`${p}note`]: '電話で確認',
        version: String(t.version),
      }),
    ]);
    expect(both.map((x) => x.status).sort()).toEqual([303, 412]);
    const lost = both.find((x) => x.status === 412) as Response;
    expect(await lost.text()).toContain(i18n('en', 'Asia/Tokyo').t('sr.conflict'));

    const ja = await signIn(compliance.token, 'ja');
    const noConfirm = await ja.post(`/subject-requests/${r.id}/close`, { outcome: 'refused' });
    expect(noConfirm.status).toBe(400);
    const noConfirmPage = await noConfirm.text();
    expect(fieldError(noConfirmPage, 'refusalGround')).toBe(fieldMessage('required', undefined, 'ja'));
    expect(fieldError(noConfirmPage, 'confirm')).toBe(i18n('ja', 'Asia/Tokyo').t('sr.confirmRequired'));
    const closing = {
      outcome: 'refused',
      refusalGround: 'serious_business_disruption',
      refusalReason: '同一内容の請求が繰り返されているため',
      confirm: 'on',
    };
    const closes = await Promise.all([
      ja.post(`/subject-requests/${r.id}/close`, closing),
      ja.post(`/subject-requests/${r.id}/close`, closing),
    ]);
    expect(closes.map((x) => x.status).sort()).toEqual([303, 409]);
    const done = (await (await admin.get(`/api/v1/subject-requests/${r.id}`)).json()) as Record<string, unknown>;
    expect(done).toMatchObject({ status: 'closed', refusalGround: 'serious_business_disruption' });
    expect(await ja.html(`/subject-requests/${r.id}`)).toContain('当社の業務の適正な実施に著しい支障');
  });

  it('changes the internal target on its settings page, refusing a bad number next to the field', async () => {
    const ja = await signIn(compliance.token, 'ja');
    const bad = await ja.post('/settings/subject-requests', { targetDays: '45', version: '0' });
    expect(bad.status).toBe(400);
    expect(fieldError(await bad.text(), 'targetDays')).toBe(fieldMessage('tooLarge', { max: 30 }, 'ja'));
    const ok = await ja.post('/settings/subject-requests', { targetDays: '10', version: '0' });
    expect(ok.status).toBe(303);
    const stale = await ja.post('/settings/subject-requests', { targetDays: '12', version: '0' });
    expect(stale.status).toBe(412);
    expect(await stale.text()).toContain('value="12"');
    const setting = (await (await admin.get('/api/v1/settings/subject-requests')).json()) as { targetDays: number };
    expect(setting.targetDays).toBe(10);
  });
});
