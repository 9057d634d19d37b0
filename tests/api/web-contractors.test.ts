import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../src/web/i18n';
import {
  activeContractor,
  type ContractorBody,
  daysFromToday,
  newAgreement,
  newContractor,
  passingChecklist,
  today,
} from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { cookiesOf, ORIGIN, postLogin } from '../support/web';

/**
 * The contractor pages over HTTP, on Node and on the worker: the register with its total,
 * the form (country by name, parent by search), the page with its links, history and next
 * step, and status changes with their confirmation and reason.
 */

let target: Target;
let admin: Client;
let compliance: { id: string; token: string; api: Client };
let procurement: { id: string; token: string; api: Client };
let manager: { id: string; token: string; api: Client };
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  [compliance, procurement, manager] = await Promise.all([
    userWithRole(target, 'compliance', { name: '監督 花子' }),
    userWithRole(target, 'procurement', { name: '調達 次郎' }),
    userWithRole(target, 'manager'),
  ]);
});
afterAll(() => target.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

/** A browser signed in through the form: its cookie, and the page's CSRF token. */
async function signIn(token: string, lang: 'ja' | 'en' = 'ja') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = cookiesOf(res).find((c) => c.startsWith('itaku_session=')) ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const csrf = async () => /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string | string[]>, headers: Record<string, string> = {}) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return target.fetch(path, {
      method: 'POST',
      headers: { cookie, ...FORM, 'accept-language': lang, origin: ORIGIN, ...headers },
      body: body.toString(),
      redirect: 'manual',
    });
  };
  return { get, post, csrf, t: i18n(lang).t, i18n: i18n(lang) };
}

const contractor = async (id: string) =>
  (await (await admin.get(`/api/v1/contractors/${id}`)).json()) as ContractorBody;
const auditCount = async () => (await target.query<{ n: number }>('SELECT count(*) AS n FROM audit_events'))[0]?.n;

describe('the register', () => {
  it('pages with previous, next and the total, keeping the filters', async () => {
    for (let i = 0; i < 52; i++) await newContractor(admin, { name: `頁送り商事 ${String(i).padStart(2, '0')}` });
    const s = await signIn(manager.token, 'en');
    const first = await (await s.get(`/contractors?q=${encodeURIComponent('頁送り')}`)).text();
    expect(first).toContain('1–50 of 52');
    expect(first).not.toContain('rel="prev"');
    const next = /rel="next" href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(next).toContain('q=');
    const second = await (await s.get(next)).text();
    expect(second).toContain('51–52 of 52');
    expect(second).toContain('頁送り商事 51');
    expect(second).not.toContain('rel="next"');
    const prev = /rel="prev" href="([^"]+)"/.exec(second)?.[1]?.replace(/&amp;/g, '&') ?? '';
    expect(await (await s.get(prev)).text()).toContain('1–50 of 52');
  });

  it('filters by "not yet selected", which "nothing scheduled" no longer counts', async () => {
    const c = await newContractor(admin, { name: '選定前の新規社' });
    const s = await signIn(manager.token, 'ja');
    const pending = await (await s.get('/contractors?supervisionStatus=selection_pending&q=選定前')).text();
    expect(pending).toContain(`/contractors/${c.id}`);
    expect(pending).toContain('選定未了');
    const none = await (await s.get('/contractors?supervisionStatus=none_scheduled&q=選定前')).text();
    expect(none).not.toContain(`/contractors/${c.id}`);
  });
});

describe('the contractor form', () => {
  it('offers the country by name in the page’s language, Japan first, and keeps the ISO code', async () => {
    const s = await signIn(procurement.token, 'ja');
    const ja = await (await s.get('/contractors/new')).text();
    const select = /<select id="country"[\s\S]*?<\/select>/.exec(ja)?.[0] ?? '';
    expect(select).toMatch(
      /<optgroup label="よく使う国・地域"><option value="JP" selected="">日本<\/option><option value="US">アメリカ合衆国/,
    );
    expect(select).toContain('<option value="DE">ドイツ</option>');
    const en = await (await (await signIn(procurement.token, 'en')).get('/contractors/new')).text();
    expect(en).toMatch(/<option value="JP" selected="">Japan<\/option>/);
    expect(en).toContain('<option value="DE">Germany</option>');

    const res = await s.post('/contractors', {
      _csrf: await s.csrf(),
      name: '米国クラウド社',
      country: 'US',
      dataCategories: 'customers',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    // What was chosen comes back chosen, and the Art. 28 basis is asked for next to its field.
    expect(html).toMatch(/<option value="US" selected="">アメリカ合衆国<\/option>/);
    expect(html).toMatch(/id="crossBorderBasis"[^>]*aria-invalid="true"/);
    expect(html).toContain('個人情報保護法28条');
    const bad = await s.post('/contractors', {
      _csrf: await s.csrf(),
      name: '国不明社',
      country: 'ZZ',
      dataCategories: 'customers',
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toMatch(/id="country-error">国コード/);
    expect(await target.query("SELECT id FROM contractors WHERE name IN ('米国クラウド社', '国不明社')")).toEqual([]);
  });

  it('chooses the parent by search, offering the matches without saving, then saves the one chosen', async () => {
    const parent = await newContractor(admin, { name: '親会社ロジスティクス', nameKana: 'オヤガイシャロジスティクス' });
    await newContractor(admin, { name: '親和システム' });
    const s = await signIn(procurement.token, 'ja');
    const form = { _csrf: await s.csrf(), name: '孫請け配送', country: 'JP', dataCategories: 'customers' };
    const before = await auditCount();
    const searched = await s.post('/contractors', { ...form, parentQuery: 'おやがいしゃ' });
    expect(searched.status).toBe(200);
    const html = await searched.text();
    expect(html).toContain('「おやがいしゃ」に該当する委託先（1件）から選んでください。');
    expect(html).toContain(`type="radio" id="parent-${parent.id}" name="parentId" value="${parent.id}"`);
    expect(html).not.toContain('親和システム');
    expect(html).toContain('value="孫請け配送"');
    expect(await auditCount()).toBe(before);

    const saved = await s.post('/contractors', { ...form, parentId: parent.id, parentQuery: '' });
    expect(saved.status).toBe(303);
    const id = /\/contractors\/([^?]+)\?saved=1/.exec(saved.headers.get('location') ?? '')?.[1] ?? '';
    expect(await contractor(id)).toMatchObject({ parentId: parent.id });
    // Editing shows the parent as the choice made.
    const edit = await (await s.get(`/contractors/${id}/edit`)).text();
    expect(edit).toMatch(new RegExp(`value="${parent.id}" checked=""`));
    expect(edit).toContain('親会社ロジスティクス');
  });

  it('names a parent that does not exist next to the field, and saves nothing', async () => {
    const s = await signIn(procurement.token, 'en');
    const res = await s.post('/contractors', {
      _csrf: await s.csrf(),
      name: 'Orphan KK',
      country: 'JP',
      dataCategories: 'customers',
      parentId: 'no-such-contractor',
    });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain('id="parentId-error"');
    expect(await target.query("SELECT id FROM contractors WHERE name = 'Orphan KK'")).toEqual([]);
  });

  it('keeps the typing when someone else saved first, and saves it on the second try', async () => {
    const c = await newContractor(admin, { name: '同時編集社' });
    const s = await signIn(procurement.token, 'en');
    await admin.patch(`/api/v1/contractors/${c.id}`, { services: 'changed meanwhile' });
    const form = {
      _csrf: await s.csrf(),
      version: String(c.version),
      name: '同時編集社',
      country: 'JP',
      dataCategories: 'customers',
      services: 'typed here',
    };
    const stale = await s.post(`/contractors/${c.id}`, form);
    expect(stale.status).toBe(400);
    const html = await stale.text();
    expect(html).toContain('Someone else saved this contractor');
    expect(html).toContain('typed here');
    const version = /name="version" value="(\d+)"/.exec(html)?.[1] ?? '';
    expect(Number(version)).toBe(c.version + 1);
    expect((await s.post(`/contractors/${c.id}`, { ...form, version })).status).toBe(303);
    expect(await contractor(c.id)).toMatchObject({ services: 'typed here' });
  });
});

describe('the contractor page', () => {
  it('links agreements and reviews, tells the history in words with who and when, and says what to do next', async () => {
    const c = await newContractor(admin, { name: '履歴表示社' });
    const agreement = await newAgreement(admin, c.id);
    const review = await compliance.api.post('/api/v1/reviews', {
      contractorId: c.id,
      kind: 'periodic',
      dueDate: daysFromToday(60),
    });
    const reviewId = ((await review.json()) as ContractorBody).id;
    const s = await signIn(compliance.token, 'ja');
    const html = await (await s.get(`/contractors/${c.id}`)).text();
    expect(html).toContain(`href="/agreements/${agreement.id}/edit"`);
    expect(html).toContain(`href="/reviews/${reviewId}"`);
    // Not yet selected: the badge says so, and the next step is the selection review.
    expect(html).toMatch(/class="badge selection_pending">選定未了</);
    expect(html).toContain('まだ評価・監査を受けていません');
    expect(html).toContain(`href="/reviews/new?contractorId=${c.id}&amp;kind=selection"`);
    const [created] = await target.query<{ at: string }>(
      "SELECT at FROM audit_events WHERE entity_id = ? AND action = 'contractor.create'",
      c.id,
    );
    expect(html).toContain('委託先を登録');
    expect(html).not.toContain('contractor.create');
    expect(html).toContain(`<time datetime="${created?.at}">${s.i18n.dateTime(created?.at)}</time>`);
    expect(html).not.toContain(' UTC<');
  });

  it('shows the next step after a failed selection, and the status change with its reason in the history', async () => {
    const c = await newContractor(admin, { name: '再評価社' });
    const sel = await compliance.api.post('/api/v1/reviews', {
      contractorId: c.id,
      kind: 'selection',
      dueDate: today(),
    });
    const selId = ((await sel.json()) as ContractorBody).id;
    const done = await compliance.api.post(`/api/v1/reviews/${selId}/complete`, {
      completedOn: today(),
      outcome: 'unsatisfactory',
      checklist: { ...passingChecklist, technical: 'inadequate' },
    });
    const followUp = ((await done.json()) as { nextReview: ContractorBody }).nextReview;
    const s = await signIn(compliance.token, 'en');
    const html = await (await s.get(`/contractors/${c.id}`)).text();
    expect(html).toContain('The selection ended “Unsatisfactory”.');
    expect(html).toContain(`href="/reviews/${followUp.id}"`);
    expect(html).not.toContain('class="badge on_track"');

    await compliance.api.post(`/api/v1/reviews/${followUp.id}/complete`, {
      completedOn: today(),
      outcome: 'satisfactory',
      checklist: passingChecklist,
    });
    const ready = await (await s.get(`/contractors/${c.id}`)).text();
    expect(ready).toContain('Passed: Follow-up review of');
    const res = await s.post(`/contractors/${c.id}/transition`, {
      _csrf: await s.csrf(),
      version: String((await contractor(c.id)).version),
      to: 'approved',
      reason: 'フォローアップで是正を確認',
      confirm: 'on',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/contractors/${c.id}?changed=approved`);
    const after = await (await s.get(res.headers.get('location') ?? '')).text();
    expect(after).toContain('The status is now “Approved”.');
    expect(after).toContain('Contractor status changed');
    expect(after).toContain('Proposed → Approved · Reason: フォローアップで是正を確認');
    expect(after).toContain('監督 花子');
  });
});

describe('status changes', () => {
  it('asks for confirmation and, to suspend, a reason; refuses without them and changes nothing', async () => {
    const c = await activeContractor(admin, { name: '停止候補社' });
    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(compliance.token, lang);
      const page = await s.get(`/contractors/${c.id}/transition?to=suspended`);
      expect(page.status).toBe(200);
      const form = await page.text();
      expect(form).toMatch(/<textarea id="reason" name="reason" required=""/);
      expect(form).toMatch(/type="checkbox" id="confirm" name="confirm" required=""/);
      const before = await auditCount();
      const res = await s.post(`/contractors/${c.id}/transition`, {
        _csrf: await s.csrf(),
        version: String(c.version),
        to: 'suspended',
        reason: '  ',
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toContain(`id="reason-error">${s.t('ctr.tr.reasonMissing')}`);
      expect(html).toContain(`id="confirm-error">${s.t('ctr.tr.confirmMissing')}`);
      expect(html).toMatch(/id="reason"[^>]*aria-invalid="true"[^>]*aria-describedby="reason-error reason-hint"/);
      expect(await auditCount()).toBe(before);
      expect(await contractor(c.id)).toMatchObject({ status: 'active', version: c.version });
    }
  });

  it('refuses other roles and forged forms', async () => {
    const c = await activeContractor(admin, { name: '権限確認社' });
    for (const user of [manager, procurement]) {
      const s = await signIn(user.token, 'en');
      expect((await s.get(`/contractors/${c.id}/transition?to=suspended`)).status).toBe(403);
      const res = await s.post(`/contractors/${c.id}/transition`, {
        _csrf: await s.csrf(),
        version: String(c.version),
        to: 'suspended',
        reason: 'x',
        confirm: 'on',
      });
      expect(res.status).toBe(403);
      expect(await (await s.get(`/contractors/${c.id}`)).text()).not.toContain('/transition?to=');
    }
    const s = await signIn(compliance.token, 'en');
    const forged = await s.post(`/contractors/${c.id}/transition`, {
      version: String(c.version),
      to: 'suspended',
      reason: 'x',
      confirm: 'on',
    });
    expect(forged.status).toBe(403);
    const cross = await s.post(
      `/contractors/${c.id}/transition`,
      { _csrf: await s.csrf(), version: String(c.version), to: 'suspended', reason: 'x', confirm: 'on' },
      { origin: 'https://evil.example' },
    );
    expect(cross.status).toBe(403);
    expect(await contractor(c.id)).toMatchObject({ status: 'active', version: c.version });
    expect((await s.get(`/contractors/${c.id}/transition?to=gone`)).status).toBe(400);
  });

  it('links each agreement lacking the return or deletion of the data when termination is refused', async () => {
    const c = await activeContractor(admin, { name: '終了手続社' });
    const agreement = await newAgreement(admin, c.id, { title: '配送委託契約' });
    const s = await signIn(compliance.token, 'ja');
    const page = await (await s.get(`/contractors/${c.id}/transition?to=terminated`)).text();
    expect(page).toContain(`href="/agreements/${agreement.id}/edit"`);
    expect(page).toContain('予定中の評価・監査 1 件は中止されます。');
    const res = await s.post(`/contractors/${c.id}/transition`, {
      _csrf: await s.csrf(),
      version: String(c.version),
      to: 'terminated',
      reason: '委託業務の終了',
      confirm: 'on',
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(s.t('ctr.tr.dispositionMissing'));
    expect(html).toContain(`<a href="/agreements/${agreement.id}/edit">「配送委託契約」の返却・削除を記録する</a>`);
    expect(html).toContain('委託業務の終了');
    expect(await contractor(c.id)).toMatchObject({ status: 'active' });

    await admin.patch(`/api/v1/agreements/${agreement.id}`, {
      terminatedOn: today(),
      dataDisposition: { method: 'deleted', confirmedOn: today(), evidence: '削除証明書' },
    });
    const ok = await s.post(`/contractors/${c.id}/transition`, {
      _csrf: await s.csrf(),
      version: String((await contractor(c.id)).version),
      to: 'terminated',
      reason: '委託業務の終了',
      confirm: 'on',
    });
    expect(ok.status).toBe(303);
    const [event] = await target.query<{ after: string; actor: string }>(
      "SELECT after, actor FROM audit_events WHERE entity_id = ? AND action = 'contractor.transition' ORDER BY seq DESC LIMIT 1",
      c.id,
    );
    expect(JSON.parse(event?.after ?? '{}')).toMatchObject({ status: 'terminated', reason: '委託業務の終了' });
    expect(event?.actor).toBe(compliance.id);
  });

  it('explains a refused approval and where to go from there', async () => {
    const c = await newContractor(admin, { name: '未選定承認社' });
    const s = await signIn(compliance.token, 'ja');
    const res = await s.post(`/contractors/${c.id}/transition`, {
      _csrf: await s.csrf(),
      version: String(c.version),
      to: 'approved',
      confirm: 'on',
    });
    expect(res.status).toBe(409);
    const html = await res.text();
    expect(html).toContain(`href="/contractors/${c.id}#next-step"`);
    expect(await contractor(c.id)).toMatchObject({ status: 'proposed' });
  });

  it('lets one of two parallel submissions through; the other is told someone changed it first', async () => {
    const c = await activeContractor(admin, { name: '同時停止社' });
    const s = await signIn(compliance.token, 'en');
    const csrf = await s.csrf();
    const before = await auditCount();
    const form = (reason: string) => ({
      _csrf: csrf,
      version: String(c.version),
      to: 'suspended',
      reason,
      confirm: 'on',
    });
    const answers = await Promise.all([
      s.post(`/contractors/${c.id}/transition`, form('first')),
      s.post(`/contractors/${c.id}/transition`, form('second')),
    ]);
    const statuses = answers.map((r) => r.status).sort();
    expect(statuses[0]).toBe(303);
    expect([409, 412]).toContain(statuses[1]);
    const loser = answers.find((r) => r.status !== 303);
    const text = (await loser?.text()) ?? '';
    expect(text).toContain(loser?.status === 412 ? s.t('ctr.tr.conflict') : s.t('ctr.tr.notAllowed'));
    expect(await auditCount()).toBe((before ?? 0) + 1);
    expect(await contractor(c.id)).toMatchObject({ status: 'suspended', version: c.version + 1 });
  });
});

describe('the dashboard', () => {
  it('counts contractors not yet selected in their own column, and says so', async () => {
    const s = await signIn(manager.token, 'ja');
    const html = await (await s.get('/')).text();
    const summary = (await (await manager.api.get('/api/v1/dashboard/summary')).json()) as {
      supervision: Record<string, Record<string, number>>;
    };
    expect(html).toContain('data-testid="cell-low-selection_pending"');
    expect(html).toMatch(
      new RegExp(`data-testid="cell-low-selection_pending"[^>]*>${summary.supervision.low?.selection_pending}<`),
    );
    expect(summary.supervision.low?.selection_pending).toBeGreaterThan(0);
    expect(html).toContain('「選定未了」は、まだ選定していない委託先');
  });
});
