import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { corporateCheckDigit } from '../../src/domain/corporate-number';
import {
  activeContractor,
  daysFromToday,
  newAgreement,
  newContractor,
  passingChecklist,
  today,
} from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { cookiesOf, ORIGIN, postLogin } from '../support/web';

let target: Target;
let api: Client;
beforeAll(async () => {
  target = await createTarget();
  api = client(target);
});
afterAll(() => target.close());

type Body = Record<string, unknown> & { id: string; version: number };
type Problem = Omit<Awaited<ReturnType<typeof problem>>, 'errors'> & {
  errors?: { path: string; message: string; code?: string }[];
};

async function refused(res: Response, status: number, type: string, path?: string): Promise<Problem> {
  const body = (await problem(res)) as Problem;
  expect({ status: res.status, type: body.type }).toEqual({ status, type: `/problems/${type}` });
  if (path) expect(body.errors?.map((e) => e.path)).toContain(path);
  return body;
}

const snapshot = () => target.query('SELECT id, version, status, parent_id FROM contractors ORDER BY id');

const consent = {
  informedOn: daysFromToday(-30),
  countryName: 'アメリカ合衆国',
  systemInfo: '連邦レベルの包括的な個人情報保護法はなく、州法（CCPA等）がある',
  measuresInfo: '提供先はプライバシーポリシーに基づく安全管理措置を講じている',
};
const approval = {
  approvedOn: daysFromToday(-5),
  approvedBy: '情報システム部長 佐藤',
  work: '配送伝票の印字',
  handling: '印字後24時間で削除',
};
const permission = { permittedOn: daysFromToday(-3), permittedBy: '人事部長 高橋' };
const disposition = { method: 'deleted', confirmedOn: today(), evidence: '削除証明書' };

describe('contractors abroad (APPI Art. 28; Rules Art. 17(2); 通則編 10-7)', () => {
  it('treats each processing country as the country: basis, consent information, risk and 10-7', async () => {
    const before = await snapshot();
    const noBasis = await api.post('/api/v1/contractors', {
      name: '国内クラウド株式会社',
      dataCategories: ['customers'],
      processingCountries: ['US'],
    });
    const p = await refused(noBasis, 400, 'validation', 'crossBorderBasis');
    expect(p.errors?.find((e) => e.path === 'crossBorderBasis')?.code).toBe('processingCountryBasis');
    await refused(
      await api.post('/api/v1/contractors', {
        name: 'X',
        dataCategories: ['customers'],
        processingCountries: ['SG', 'XX', 'SG'],
      }),
      400,
      'validation',
      'processingCountries.1',
    );
    const bare = await api.post('/api/v1/contractors', {
      name: 'X',
      dataCategories: ['customers'],
      processingCountries: ['US'],
      crossBorderBasis: 'consent',
    });
    const bareProblem = await refused(bare, 400, 'validation', 'crossBorderConsent');
    expect(bareProblem.errors?.find((e) => e.path === 'crossBorderConsent')?.code).toBe('crossBorderConsentRequired');
    await refused(
      await api.post('/api/v1/contractors', {
        name: 'X',
        dataCategories: ['customers'],
        processingCountries: ['US'],
        crossBorderBasis: 'consent',
        crossBorderConsent: { ...consent, systemInfo: ' ' },
      }),
      400,
      'validation',
      'crossBorderConsent.systemInfo',
    );
    expect(await snapshot()).toEqual(before);

    const c = await newContractor(api, {
      processingCountries: ['us'],
      crossBorderBasis: 'consent',
      crossBorderConsent: consent,
      countryNotes: [{ country: 'US', notes: '州法による規制を確認', checkedOn: daysFromToday(-1) }],
    });
    expect(c).toMatchObject({
      country: 'JP',
      processingCountries: ['US'],
      crossBorderConsent: consent,
      countryNotes: [{ country: 'US', notes: '州法による規制を確認', checkedOn: daysFromToday(-1) }],
      riskFactors: ['outside_japan'],
    });
    expect(await (await api.get(`/api/v1/contractors/${c.id}`)).json()).toEqual(c);
    // Withdrawing the information while the basis stays consent, or a note on Japan: refused.
    await refused(
      await api.patch(`/api/v1/contractors/${c.id}`, { crossBorderConsent: null }),
      400,
      'validation',
      'crossBorderConsent',
    );
    await refused(
      await api.patch(`/api/v1/contractors/${c.id}`, { countryNotes: [{ country: 'JP', notes: '国内' }] }),
      400,
      'validation',
      'countryNotes.0.country',
    );

    // Inside EU member states (RE, AX…) and the EEA: no basis needed; still abroad for risk and 10-7.
    const eu = await newContractor(api, { country: 'RE', processingCountries: ['AX', 'GF', 'DE'] });
    expect(eu).toMatchObject({ crossBorderBasis: null, riskFactors: ['outside_japan'] });
    const review = (await (
      await api.post('/api/v1/reviews', { contractorId: eu.id, kind: 'selection', dueDate: today() })
    ).json()) as Body;
    await api.post(`/api/v1/reviews/${review.id}/complete`, {
      completedOn: today(),
      outcome: 'satisfactory',
      checklist: { ...passingChecklist, externalEnvironment: 'not_assessed' },
    });
    await refused(
      await api.post(`/api/v1/contractors/${eu.id}/transition`, { to: 'approved' }),
      409,
      'selection-incomplete',
      'checklist.externalEnvironment',
    );
  });

  it('normalises corporate numbers typed with −, ー, ｰ, full-width digits and hyphens', async () => {
    const base = '010705000726';
    const number = `${corporateCheckDigit(base)}${base}`;
    const typed = `${number.slice(0, 1)}−${number.slice(1, 5)}ー${number.slice(5, 9)}ｰ${number.slice(9)}`;
    const c = await newContractor(api, { corporateNumber: typed });
    expect(c.corporateNumber).toBe(number);
    const wide = [...number].map((d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)).join('');
    const dup = await api.post('/api/v1/contractors', {
      name: '重複',
      dataCategories: ['customers'],
      corporateNumber: `${wide.slice(0, 4)}－${wide.slice(4)}`,
    });
    await refused(dup, 409, 'duplicate-contractor', 'corporateNumber');
  });
});

describe('re-consignment (通則編 3-4-4; 番号法10条)', () => {
  it('needs the approval under prior_approval, checked for every creation even in parallel, and on re-parenting', async () => {
    const parent = await newContractor(api, { dataCategories: ['customers', 'my_number'] });
    await newAgreement(api, parent.id, { reconsignment: 'prior_approval', dataCategories: ['customers'] });
    const before = await snapshot();
    const bare = await Promise.all(
      [1, 2].map((n) =>
        api.post('/api/v1/contractors', { name: `再委託先 ${n}`, dataCategories: ['customers'], parentId: parent.id }),
      ),
    );
    for (const res of bare) await refused(res, 409, 'reconsignment-approval-required', 'reconsignmentApproval');
    expect(await snapshot()).toEqual(before);
    const approved = await Promise.all(
      [1, 2].map((n) =>
        api.post('/api/v1/contractors', {
          name: `再委託先 ${n}`,
          dataCategories: ['customers'],
          parentId: parent.id,
          reconsignmentApproval: approval,
        }),
      ),
    );
    expect(approved.map((r) => r.status)).toEqual([201, 201]);
    const child = (await approved[0]?.json()) as Body;
    expect(child.reconsignmentApproval).toEqual(approval);
    await refused(
      await api.patch(`/api/v1/contractors/${child.id}`, { reconsignmentApproval: null }),
      409,
      'reconsignment-approval-required',
      'reconsignmentApproval',
    );

    const other = await newContractor(api, { dataCategories: ['customers'] });
    await refused(
      await api.patch(`/api/v1/contractors/${other.id}`, { parentId: parent.id }),
      409,
      'reconsignment-approval-required',
    );
    const moved = await api.patch(`/api/v1/contractors/${other.id}`, {
      parentId: parent.id,
      reconsignmentApproval: approval,
    });
    expect(moved.status).toBe(200);

    // My Number data: the original consignor's permission, whatever the agreement says.
    const free = await newContractor(api, { dataCategories: ['my_number'] });
    await newAgreement(api, free.id, { reconsignment: 'allowed', dataCategories: ['my_number'] });
    const sub = { name: '番号再委託先', dataCategories: ['my_number'], parentId: free.id };
    await refused(
      await api.post('/api/v1/contractors', sub),
      409,
      'my-number-permission-required',
      'myNumberPermission',
    );
    const ok = await api.post('/api/v1/contractors', { ...sub, myNumberPermission: permission });
    expect(ok.status).toBe(201);
    expect(((await ok.json()) as Body).myNumberPermission).toEqual(permission);
  });

  it('terminates a parent only with its chain ended, or the chain with it (cascade), atomically', async () => {
    const parent = await activeContractor(api, { name: '親委託先' });
    const pa = await newAgreement(api, parent.id, { reconsignment: 'allowed' });
    const child = await newContractor(api, { name: '子委託先', dataCategories: ['customers'], parentId: parent.id });
    const ca = await newAgreement(api, child.id, { reconsignment: 'allowed' });
    const grandchild = await newContractor(api, {
      name: '孫委託先',
      dataCategories: ['customers'],
      parentId: child.id,
    });
    await api.patch(`/api/v1/agreements/${pa.id}`, { dataDisposition: disposition });
    const before = await snapshot();

    const alone = await refused(
      await api.post(`/api/v1/contractors/${parent.id}/transition`, { to: 'terminated', reason: '契約終了' }),
      409,
      'sub-contractors-active',
    );
    expect(alone.errors?.map((e) => e.path).sort()).toEqual(
      [`subContractors.${child.id}`, `subContractors.${grandchild.id}`].sort(),
    );
    const lacking = await refused(
      await api.post(`/api/v1/contractors/${parent.id}/transition`, { to: 'terminated', cascade: true }),
      409,
      'data-disposition-required',
      `subContractors.${child.id}`,
    );
    expect(lacking.errors).toHaveLength(1);
    await refused(
      await api.post(`/api/v1/contractors/${parent.id}/transition`, { to: 'suspended', cascade: true }),
      400,
      'validation',
      'cascade',
    );
    expect(await snapshot()).toEqual(before);

    await api.patch(`/api/v1/agreements/${ca.id}`, { dataDisposition: disposition });
    const done = await api.post(`/api/v1/contractors/${parent.id}/transition`, {
      to: 'terminated',
      cascade: true,
      reason: '契約終了',
    });
    expect(done.status).toBe(200);
    for (const id of [parent.id, child.id, grandchild.id]) {
      expect(((await (await api.get(`/api/v1/contractors/${id}`)).json()) as Body).status).toBe('terminated');
    }
    const events = await target.query<{ entity_id: string; action: string }>(
      `SELECT entity_id, action FROM audit_events WHERE action = 'contractor.transition' AND entity_id IN ('${child.id}', '${grandchild.id}')`,
    );
    expect(events).toHaveLength(2);
    await refused(
      await api.post('/api/v1/contractors', { name: '遅れた子', dataCategories: ['customers'], parentId: parent.id }),
      409,
      'contractor-terminated',
      'parentId',
    );
  });

  it('never leaves a half-terminated chain when a cascade races an edit or a new sub-contractor', async () => {
    for (let round = 0; round < 4; round++) {
      const parent = await newContractor(api, { name: `競合親 ${round}` });
      const child = await newContractor(api, {
        name: `競合子 ${round}`,
        dataCategories: ['customers'],
        parentId: parent.id,
      });
      const terminate = () =>
        api.post(`/api/v1/contractors/${parent.id}/transition`, { to: 'terminated', cascade: true });
      const edit = () =>
        api.patch(
          `/api/v1/contractors/${child.id}`,
          { services: `保守 ${round}` },
          { 'if-match': `"${child.version}"` },
        );
      const add = () =>
        api.post('/api/v1/contractors', {
          name: `競合孫 ${round}`,
          dataCategories: ['customers'],
          parentId: parent.id,
        });
      // Sent in a different order each round, so each side gets to read first.
      const [terminated, edited, added] =
        round % 2 === 0
          ? await Promise.all([terminate(), edit(), add()])
          : await Promise.all([add(), edit(), terminate()]).then(([a, e, t]) => [t, e, a] as const);
      expect([200, 409, 412]).toContain(terminated.status);
      expect([200, 412]).toContain(edited.status);
      expect([201, 409, 412]).toContain(added.status);
      const rows = await target.query<{ status: string }>(
        `SELECT status FROM contractors WHERE id = '${parent.id}' OR parent_id = '${parent.id}'`,
      );
      const statuses = new Set(rows.map((r) => r.status));
      // All terminated, or the parent still running: nothing in between.
      if (terminated.status === 200) expect([...statuses]).toEqual(['terminated']);
      else expect(statuses.has('terminated')).toBe(false);
    }
  });
});

describe('the pages (both languages, messages next to the field)', () => {
  const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
  async function signIn(token: string, lang: 'ja' | 'en') {
    const res = await postLogin(target, { token }, { lang });
    const cookie = cookiesOf(res).find((c) => c.startsWith('itaku_session=')) ?? '';
    const get = (path: string) =>
      target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
    const post = (path: string, form: Record<string, string | string[]>, withCsrf = true) => {
      const body = new URLSearchParams(withCsrf ? { _csrf: csrf } : {});
      for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
      return target.fetch(path, {
        method: 'POST',
        headers: { cookie, ...FORM, 'accept-language': lang, origin: ORIGIN },
        body: body.toString(),
        redirect: 'manual',
      });
    };
    return { get, post };
  }
  const errorNear = (html: string, id: string) => new RegExp(`id="${id}-error">([^<]+)<`).exec(html)?.[1] ?? '';

  it('registers a sub-contractor abroad through the form, refusing what the law needs in ja and en', async () => {
    const procurement = await userWithRole(target, 'procurement');
    const parent = await newContractor(api, { name: '画面の親委託先', dataCategories: ['customers', 'my_number'] });
    await newAgreement(api, parent.id, { reconsignment: 'prior_approval' });
    const base = {
      name: '画面の再委託先',
      dataCategories: ['customers', 'my_number'],
      subjectCount: '10',
      parentId: parent.id,
      crossBorderBasis: 'consent',
      processingCountries: ['US', 'SG'],
    };
    const ja = await signIn(procurement.token, 'ja');
    const before = await snapshot();
    const noConsent = await ja.post('/contractors', base);
    expect(noConsent.status).toBe(400);
    const html = await noConsent.text();
    expect(errorNear(html, 'crossBorderConsent')).toContain('施行規則17条2項');
    expect(html).toMatch(/<option value="SG" selected/);
    const en = await signIn(procurement.token, 'en');
    const withConsent = {
      ...base,
      'crossBorderConsent.informedOn': daysFromToday(-2),
      'crossBorderConsent.countryName': '米国・シンガポール',
      'crossBorderConsent.systemInfo': '各国の制度',
      'crossBorderConsent.measuresInfo': '提供先の措置',
    };
    const noApproval = await en.post('/contractors', withConsent);
    // The form answers 400 for every refusal it shows next to a field.
    expect(noApproval.status).toBe(400);
    const enHtml = await noApproval.text();
    expect(errorNear(enHtml, 'reconsignmentApproval')).toContain('prior approval');
    expect(enHtml).toContain('value="米国・シンガポール"');
    const noPermission = await ja.post('/contractors', {
      ...withConsent,
      'reconsignmentApproval.approvedOn': daysFromToday(-1),
      'reconsignmentApproval.approvedBy': '部長',
      'reconsignmentApproval.work': '印字',
      'reconsignmentApproval.handling': '即日削除',
    });
    expect(noPermission.status).toBe(400);
    expect(errorNear(await noPermission.text(), 'myNumberPermission')).toContain('番号法10条');
    expect(await snapshot()).toEqual(before);
    const saved = await ja.post('/contractors', {
      ...withConsent,
      'reconsignmentApproval.approvedOn': daysFromToday(-1),
      'reconsignmentApproval.approvedBy': '部長',
      'reconsignmentApproval.work': '印字',
      'reconsignmentApproval.handling': '即日削除',
      'myNumberPermission.permittedOn': daysFromToday(-1),
      'myNumberPermission.permittedBy': '人事部長',
    });
    expect(saved.status).toBe(303);
    const id = /\/contractors\/([^?]+)/.exec(saved.headers.get('location') ?? '')?.[1] ?? '';
    const page = await (await ja.get(`/contractors/${id}`)).text();
    expect(page).toContain('シンガポール (SG)');
    expect(page).toContain('各国の制度');
    expect(page).toContain('再委託元からの報告');
    // The edit form brings every record back, and a note for each foreign place.
    const edit = await (await ja.get(`/contractors/${id}/edit`)).text();
    expect(edit).toContain('>即日削除</textarea>');
    expect(edit.match(/name="noteCountry"/g)).toHaveLength(2);
    const noted = await ja.post(`/contractors/${id}`, {
      ...withConsent,
      version: '1',
      'reconsignmentApproval.approvedOn': daysFromToday(-1),
      'reconsignmentApproval.approvedBy': '部長',
      'reconsignmentApproval.work': '印字',
      'reconsignmentApproval.handling': '即日削除',
      'myNumberPermission.permittedOn': daysFromToday(-1),
      'myNumberPermission.permittedBy': '人事部長',
      noteCountry: ['US', 'SG'],
      noteText: ['', 'PDPA を確認'],
      noteCheckedOn: ['', daysFromToday(-1)],
    });
    expect(noted.status).toBe(303);
    const stored = (await (await api.get(`/api/v1/contractors/${id}`)).json()) as Body;
    expect(stored.countryNotes).toEqual([{ country: 'SG', notes: 'PDPA を確認', checkedOn: daysFromToday(-1) }]);
  });

  it('terminates the chain from its confirmation page (compliance), naming each refusal', async () => {
    const compliance = await userWithRole(target, 'compliance');
    const manager = await userWithRole(target, 'manager');
    const parent = await newContractor(api, { name: '終了する親' });
    const child = await newContractor(api, { name: '終了する子', dataCategories: ['customers'], parentId: parent.id });
    const ca = await newAgreement(api, child.id, { reconsignment: 'allowed' });
    const ja = await signIn(compliance.token, 'ja');
    const redirected = await ja.get(`/contractors/${parent.id}/transition?to=terminated`);
    expect(redirected.status).toBe(303);
    expect(redirected.headers.get('location')).toBe(`/contractors/${parent.id}/terminate-chain`);
    const confirm = await (await ja.get(`/contractors/${parent.id}/terminate-chain`)).text();
    expect(confirm).toContain('終了する子');
    const chainState = /name="chainState" value="([^"]+)"/.exec(confirm)?.[1] ?? '';
    const form = { version: String(parent.version), chainState, reason: '契約満了', confirm: 'on' };
    const before = await snapshot();
    const noCascade = await ja.post(`/contractors/${parent.id}/terminate-chain`, form);
    expect(noCascade.status).toBe(400);
    expect(errorNear(await noCascade.text(), 'cascade')).toContain('再委託先も同時に');
    const en = await signIn(compliance.token, 'en');
    const lacking = await en.post(`/contractors/${parent.id}/terminate-chain`, { ...form, cascade: 'on' });
    expect(lacking.status).toBe(409);
    expect(errorNear(await lacking.text(), `subContractors-${child.id}`)).toContain('return or deletion');
    const mgr = await signIn(manager.token, 'en');
    expect((await mgr.get(`/contractors/${parent.id}/terminate-chain`)).status).toBe(403);
    expect((await mgr.post(`/contractors/${parent.id}/terminate-chain`, { ...form, cascade: 'on' })).status).toBe(403);
    expect((await ja.post(`/contractors/${parent.id}/terminate-chain`, { ...form, cascade: 'on' }, false)).status).toBe(
      403,
    );
    expect(await snapshot()).toEqual(before);
    await api.patch(`/api/v1/agreements/${ca.id}`, { dataDisposition: disposition });
    const done = await ja.post(`/contractors/${parent.id}/terminate-chain`, { ...form, cascade: 'on' });
    expect(done.status).toBe(303);
    const child2 = (await (await api.get(`/api/v1/contractors/${child.id}`)).json()) as Body;
    expect(child2.status).toBe('terminated');
  });
});
