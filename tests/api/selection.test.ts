import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appiStandard } from '../../src/domain/questionnaire/appi-standard';
import { i18n } from '../../src/web/i18n';
import {
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
 * Selection that selects (APPI Art. 25; PPC General Guidelines 通則編 3-4-4 (1), 10 別添):
 * approval needs the deciding selection review to confirm each required measure, and the
 * company's selection criteria; an agreement recorded before that carries a warning. Over
 * HTTP on Node and on the worker: the API, the settings page and the approval page.
 */

let target: Target;
let admin: Client;
let compliance: { id: string; token: string; api: Client };
let manager: { id: string; token: string; api: Client };
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  [compliance, manager] = await Promise.all([
    userWithRole(target, 'compliance', { name: '監督 花子' }),
    userWithRole(target, 'manager'),
  ]);
});
afterAll(() => target.close());

const json = async <T = Record<string, unknown>>(res: Response) => (await res.json()) as T;
/** A refusal with the message code of each field (src/i18n/messages/reviews.ts). */
const refusal = (res: Response) =>
  json<{ type: string; title: string; detail: string; errors?: { path: string; code?: string; message: string }[] }>(
    res,
  );

/** A contractor whose selection review passed with this checklist. */
async function selected(checklist: Record<string, string>, overrides: Record<string, unknown> = {}) {
  const c = await newContractor(admin, overrides);
  const r = await json<{ id: string }>(
    await compliance.api.post('/api/v1/reviews', { contractorId: c.id, kind: 'selection', dueDate: today() }),
  );
  const done = await compliance.api.post(`/api/v1/reviews/${r.id}/complete`, {
    completedOn: today(),
    outcome: 'satisfactory',
    checklist,
  });
  expect(done.status, await done.clone().text()).toBe(200);
  return { contractor: c, reviewId: r.id, review: (await json<{ review: { checklist: unknown } }>(done)).review };
}
const approve = (id: string, headers?: Record<string, string>) =>
  compliance.api.post(`/api/v1/contractors/${id}/transition`, { to: 'approved' }, headers);
const contractorOf = async (id: string) => json<ContractorBody>(await admin.get(`/api/v1/contractors/${id}`));
const four = { organizational: 'adequate', human: 'adequate', physical: 'adequate', technical: 'adequate' };

/** A browser signed in through the form. */
async function signIn(token: string, lang: 'ja' | 'en') {
  const res = await postLogin(target, { token }, { lang });
  const cookie = cookiesOf(res).find((c) => c.startsWith('itaku_session=')) ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string>, withCsrf = true) =>
    target.fetch(path, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': lang,
        origin: ORIGIN,
      },
      body: new URLSearchParams(withCsrf ? { _csrf: csrf, ...form } : form).toString(),
      redirect: 'manual',
    });
  return { get, post, t: i18n(lang).t };
}

describe('the checklist of 通則編 10 (10-1 … 10-7)', () => {
  it('records all seven categories; clients sending the four older ones get the rest as not assessed', async () => {
    const { review } = await selected(four);
    expect(review.checklist).toEqual({
      ...four,
      basicPolicy: 'not_assessed',
      handlingRules: 'not_assessed',
      externalEnvironment: 'not_assessed',
    });
    const full = await selected(passingChecklist);
    expect(full.review.checklist).toEqual(passingChecklist);
    const doc = await json<{ components: { schemas: Record<string, { properties: Record<string, unknown> }> } }>(
      await admin.get('/api/openapi.json'),
    );
    expect(Object.keys(doc.components.schemas.SafetyManagementChecklist?.properties ?? {})).toEqual(
      Object.keys(passingChecklist),
    );
    expect(doc.components.schemas.Agreement?.properties).toHaveProperty('warnings');
  });

  it('refuses a rating that is not one, naming the field, and records nothing', async () => {
    const c = await newContractor(admin);
    const r = await json<{ id: string; version: number }>(
      await compliance.api.post('/api/v1/reviews', { contractorId: c.id, kind: 'selection', dueDate: today() }),
    );
    const res = await compliance.api.post(`/api/v1/reviews/${r.id}/complete`, {
      completedOn: today(),
      outcome: 'satisfactory',
      checklist: { ...four, handlingRules: 'fine' },
    });
    expect(res.status).toBe(400);
    expect((await refusal(res)).errors?.map((e) => e.path)).toEqual(['checklist.handlingRules']);
    expect(await json(await admin.get(`/api/v1/reviews/${r.id}`))).toMatchObject({ status: 'scheduled', version: 1 });
  });
});

describe('approval (通則編 3-4-4 (1): each item confirmed beforehand)', () => {
  it('is refused with 409 selection-incomplete naming each category, and changes nothing', async () => {
    const empty = await selected({
      organizational: 'not_assessed',
      human: 'not_assessed',
      physical: 'not_assessed',
      technical: 'not_assessed',
    });
    const res = await approve(empty.contractor.id);
    expect(res.status).toBe(409);
    const body = await refusal(res);
    expect(body.type).toBe('/problems/selection-incomplete');
    expect(body.title).toBeTruthy();
    expect(body.errors?.map((e) => [e.path, e.code])).toEqual([
      ['checklist.handlingRules', 'selectionNotAssessed'],
      ['checklist.organizational', 'selectionNotAssessed'],
      ['checklist.human', 'selectionNotAssessed'],
      ['checklist.physical', 'selectionNotAssessed'],
      ['checklist.technical', 'selectionNotAssessed'],
    ]);
    expect(body.detail).toContain('handlingRules');
    expect(await contractorOf(empty.contractor.id)).toMatchObject({ status: 'proposed', version: 1 });

    // The four older categories alone: the handling rules (10-2) are still to be confirmed.
    const older = await selected({ ...four, technical: 'inadequate' });
    const refused = await refusal(await approve(older.contractor.id));
    expect(refused.errors?.map((e) => [e.path, e.code])).toEqual([
      ['checklist.handlingRules', 'selectionNotAssessed'],
      ['checklist.technical', 'selectionInadequate'],
    ]);
  });

  it('asks for the external environment (10-7) only when the data is handled abroad', async () => {
    const checklist = { ...passingChecklist, basicPolicy: 'not_assessed', externalEnvironment: 'not_assessed' };
    const domestic = await selected(checklist);
    expect((await approve(domestic.contractor.id)).status).toBe(200);
    // Germany: no Art. 28 basis needed (EEA), yet the data is handled abroad.
    const abroad = await selected(checklist, { country: 'DE' });
    const res = await approve(abroad.contractor.id);
    expect(res.status).toBe(409);
    expect((await refusal(res)).errors?.map((e) => e.path)).toEqual(['checklist.externalEnvironment']);
    const again = await selected({ ...checklist, externalEnvironment: 'needs_improvement' }, { country: 'DE' });
    expect((await approve(again.contractor.id)).status).toBe(200);
  });

  it('shows the reasons in words on the approval page, in Japanese and English', async () => {
    const { contractor } = await selected({ ...four, human: 'inadequate' });
    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(compliance.token, lang);
      const before = await (await s.get(`/contractors/${contractor.id}/transition?to=approved`)).text();
      expect(before).toContain('/transition');
      const res = await s.post(`/contractors/${contractor.id}/transition`, {
        to: 'approved',
        version: '1',
        confirm: 'on',
      });
      expect(res.status).toBe(409);
      const html = await res.text();
      expect(html).toContain(s.t('rev.gaps.title'));
      const items = [...html.matchAll(/<li data-category="(\w+)">([^<]+)<\/li>/g)].map((m) => [m[1], m[2]]);
      expect(items.map(([category]) => category)).toEqual(['handlingRules', 'human']);
      expect(items[0]?.[1]).toContain(lang === 'ja' ? '個人データの取扱いに係る規律の整備' : 'handling rules');
      expect(items[1]?.[1]).toContain(lang === 'ja' ? '「不適切」' : '“Inadequate”');
    }
    expect(await contractorOf(contractor.id)).toMatchObject({ status: 'proposed', version: 1 });
  });
});

describe('an agreement before its contractor is approved (data handed over only after selection)', () => {
  it('carries warnings: ["selection-pending"] in every response until the approval, then none', async () => {
    const { contractor } = await selected(passingChecklist);
    const a = await newAgreement(admin, contractor.id);
    expect(a.warnings).toEqual(['selection-pending']);
    const path = `/api/v1/agreements/${a.id}`;
    expect((await json(await admin.get(path))).warnings).toEqual(['selection-pending']);
    const page = await json<{ items: { id: string; warnings: string[] }[] }>(
      await admin.get(`/api/v1/agreements?contractorId=${contractor.id}`),
    );
    expect(page.items.map((i) => i.warnings)).toEqual([['selection-pending']]);
    const patched = await json(await admin.patch(path, { reference: 'K-1' }));
    expect(patched).toMatchObject({ warnings: ['selection-pending'], status: expect.any(String) });

    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(manager.token, lang);
      const html = await (await s.get(`/agreements/${a.id}`)).text();
      expect(html).toContain('id="selection-pending"');
      expect(html).toContain(s.t('agr.selectionPending'));
    }
    expect((await approve(contractor.id)).status).toBe(200);
    expect((await json(await admin.get(path))).warnings).toEqual([]);
    const s = await signIn(manager.token, 'en');
    expect(await (await s.get(`/agreements/${a.id}`)).text()).not.toContain('id="selection-pending"');
  });
});

describe('the selection criteria (選定基準)', () => {
  const criteria = '/api/v1/settings/selection-criteria';

  it('start at the guideline’s floor, are changed by compliance only, and refuse what the law does not allow', async () => {
    const res = await manager.api.get(criteria);
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"0"');
    expect(await res.json()).toEqual({
      checklist: {
        basicPolicy: null,
        handlingRules: 'needs_improvement',
        organizational: 'needs_improvement',
        human: 'needs_improvement',
        physical: 'needs_improvement',
        technical: 'needs_improvement',
        externalEnvironment: 'needs_improvement',
      },
      version: 0,
      updatedAt: null,
      updatedBy: null,
    });
    expect((await manager.api.patch(criteria, { checklist: { technical: 'adequate' } })).status).toBe(403);
    for (const [body, path] of [
      [{ checklist: { handlingRules: null } }, 'checklist.handlingRules'],
      [{ checklist: { technical: 'inadequate' } }, 'checklist.technical'],
      [{ checklist: { consignment: 'adequate' } }, 'checklist.consignment'],
    ] as const) {
      const refused = await compliance.api.patch(criteria, body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect((await refusal(refused)).errors?.map((e) => e.path)).toContain(path);
    }
    expect((await json(await admin.get(criteria))).version).toBe(0);
  });

  it('refuse an approval below a criterion, are audited, and let only one of two racing changes in', async () => {
    const { contractor } = await selected({
      ...passingChecklist,
      technical: 'needs_improvement',
      basicPolicy: 'not_assessed',
    });
    const raised = await compliance.api.patch(
      criteria,
      { checklist: { technical: 'adequate', basicPolicy: 'needs_improvement' } },
      { 'if-match': '"0"' },
    );
    expect(raised.status).toBe(200);
    expect(await raised.json()).toMatchObject({
      checklist: { technical: 'adequate', basicPolicy: 'needs_improvement', human: 'needs_improvement' },
      version: 1,
      updatedBy: compliance.id,
    });
    const res = await approve(contractor.id);
    expect(res.status).toBe(409);
    const body = await refusal(res);
    expect(body.type).toBe('/problems/selection-incomplete');
    expect(body.errors?.map((e) => [e.path, e.code])).toEqual([
      ['checklist.basicPolicy', 'selectionNotAssessed'],
      ['checklist.technical', 'selectionBelowCriterion'],
    ]);
    expect(body.errors?.[1]?.message).toContain('Adequate');

    const events = await json<{ items: { action: string; actor: string; after: { checklist: object } }[] }>(
      await admin.get('/api/v1/audit-events?entityType=setting&entityId=selection-criteria'),
    );
    expect(events.items.map((e) => [e.action, e.actor])).toEqual([['selection_criteria.update', compliance.id]]);
    expect(events.items[0]?.after.checklist).toMatchObject({ technical: 'adequate' });

    // Two changes over the same version: one wins, the other gets 412 and changes nothing.
    const racing = await Promise.all(
      (['adequate', 'needs_improvement'] as const).map((human) =>
        compliance.api.patch(criteria, { checklist: { human } }, { 'if-match': '"1"' }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 412]);
    expect((await json(await admin.get(criteria))).version).toBe(2);
  });

  it('are edited on the settings page by compliance, shown read-only to a manager, refused without the CSRF token', async () => {
    const before = await json<{ version: number }>(await admin.get(criteria));
    const m = await signIn(manager.token, 'ja');
    const readOnly = await (await m.get('/settings/selection')).text();
    expect(readOnly).toContain(m.t('set.sel.title'));
    expect(readOnly).not.toContain('action="/settings/selection"');
    expect((await m.post('/settings/selection', { 'checklist.technical': 'adequate' })).status).toBe(403);

    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(compliance.token, lang);
      const bad = await s.post('/settings/selection', {
        version: String(before.version),
        'checklist.handlingRules': 'none',
        'checklist.technical': 'needs_improvement',
      });
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(html).toMatch(/<select id="checklist\.handlingRules"[^>]*aria-invalid="true"/);
      expect(html).toContain('id="checklist.handlingRules-error"');
    }
    const s = await signIn(compliance.token, 'en');
    expect((await s.post('/settings/selection', { 'checklist.technical': 'adequate' }, false)).status).toBe(403);
    expect((await json(await admin.get(criteria))).version).toBe(before.version);

    const saved = await s.post('/settings/selection', {
      version: String(before.version),
      'checklist.basicPolicy': 'none',
      'checklist.technical': 'needs_improvement',
    });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe('/settings/selection?saved=1');
    expect(await json(await admin.get(criteria))).toMatchObject({
      checklist: { basicPolicy: null, technical: 'needs_improvement' },
      version: before.version + 1,
    });
    const page = await (await s.get('/settings/selection?saved=1')).text();
    expect(page).toContain(s.t('set.sel.saved'));
    // The form still holds the version it showed: a second send of it is stale.
    const stale = await s.post('/settings/selection', {
      version: String(before.version),
      'checklist.human': 'adequate',
    });
    expect(stale.status).toBe(412);
    expect(await stale.text()).toContain(s.t('set.sel.conflict'));
  });
});

describe('the ratings a questionnaire suggests on the complete-review form', () => {
  it('shows each next to its category once the answers are in, and prefills them only when asked', async () => {
    const c = await newContractor(admin);
    const r = await json<{ id: string }>(
      await compliance.api.post('/api/v1/reviews', { contractorId: c.id, kind: 'selection', dueDate: today() }),
    );
    const s = await signIn(compliance.token, 'en');
    const form = `/reviews/${r.id}/complete`;
    expect(await (await s.get(form)).text()).not.toContain('id="suggested-ratings"');

    const sent = await json<{ id: string; respondentUrl: string }>(
      await compliance.api.post(`/api/v1/reviews/${r.id}/questionnaire`, {
        templateId: 'appi-standard',
        recipientName: '佐藤 一郎',
        recipientEmail: 'sato@example.co.jp',
        dueDate: daysFromToday(14),
        language: 'ja',
      }),
    );
    const link = `/api/v1/respond/${sent.respondentUrl.split('/respond/')[1]}`;
    const questions = appiStandard.sections.flatMap((sec) => sec.questions).filter((q) => q.type !== 'file');
    const answers = questions.map((q) => ({
      questionId: q.id,
      // The technical measures answered "no": the questionnaire suggests "inadequate" for them.
      value:
        q.type === 'yes_partly_no'
          ? q.category === 'technical'
            ? 'no'
            : 'yes'
          : q.type === 'date'
            ? today()
            : '国内のみ',
    }));
    const anonymous = client(target, null);
    expect((await anonymous.send('PUT', link, { answers })).status).toBe(200);
    // Answers still being written suggest nothing yet.
    expect(await (await s.get(form)).text()).not.toContain('id="suggested-ratings"');
    expect((await anonymous.post(`${link}/submit`)).status).toBe(200);

    const html = await (await s.get(form)).text();
    expect(html).toContain(s.t('rev.useSuggested'));
    expect(html).toContain(`href="/reviews/${r.id}/complete?suggested=1"`);
    const hint = (category: string) =>
      new RegExp(`<p class="hint suggested" data-category="${category}">([^<]*)</p>`).exec(html)?.[1];
    expect(hint('technical')).toBe(s.t('rev.suggested', { rating: 'Inadequate' }));
    expect(hint('human')).toBe(s.t('rev.suggested', { rating: 'Adequate' }));
    // Nothing chosen until the reviewer asks for the suggestion.
    expect(html).not.toMatch(/<option value="adequate" selected/);

    const prefilled = await (await s.get(`${form}?suggested=1`)).text();
    const chosen = (category: string) =>
      new RegExp(`<select id="checklist\\.${category}"[^>]*>[\\s\\S]*?<option value="(\\w+)" selected`).exec(
        prefilled,
      )?.[1];
    expect(chosen('technical')).toBe('inadequate');
    expect(chosen('human')).toBe('adequate');
    expect(prefilled).toMatch(/<select id="outcome"[^>]*>(?:(?!selected)[\s\S])*?<\/select>/);
    expect(await json(await admin.get(`/api/v1/reviews/${r.id}`))).toMatchObject({ status: 'scheduled', version: 1 });
  });
});
