import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractorBody, daysFromToday, newAgreement, newContractor } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let api: Client;
beforeAll(async () => {
  target = await createTarget({ env: { ITAKU_REVIEW_MONTHS_HIGH: '3' } });
  api = client(target);
});
afterAll(() => target.close());

const snapshot = async () => ({
  contractors: await target.query('SELECT * FROM contractors ORDER BY id'),
  audit: await target.query('SELECT count(*) AS n FROM audit_events'),
});

async function expect400(res: Response, path: string) {
  expect(res.status).toBe(400);
  const body = await problem(res);
  expect(body.type).toBe('/problems/validation');
  expect(body.errors?.map((e) => e.path)).toContain(path);
}

describe('registering contractors', () => {
  it('starts proposed with a derived tier, interval and supervision status', async () => {
    const res = await api.post('/api/v1/contractors', {
      name: '株式会社サンプル物流',
      nameKana: 'カブシキガイシャサンプルブツリュウ',
      corporateNumber: '7010705000725',
      contactName: '鈴木 一郎',
      contactEmail: 'Suzuki@Example.co.jp',
      services: '配送',
      dataCategories: ['employees', 'customers', 'customers'],
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const c = (await res.json()) as ContractorBody;
    expect(res.headers.get('location')).toBe(`/api/v1/contractors/${c.id}`);
    expect(c).toMatchObject({
      status: 'proposed',
      country: 'JP',
      corporateNumber: '7010705000725',
      contactEmail: 'suzuki@example.co.jp',
      dataCategories: ['customers', 'employees'],
      handlesSpecialCare: false,
      subjectCount: 0,
      parentId: null,
      crossBorderBasis: null,
      riskTier: 'low',
      riskFactors: [],
      reviewIntervalMonths: 24,
      // Not yet selected: never "nothing scheduled" nor "on track" (APPI Art. 25).
      supervisionStatus: 'selection_pending',
      nextReviewDue: null,
      version: 1,
    });
    const got = await api.get(`/api/v1/contractors/${c.id}`);
    expect(got.status).toBe(200);
    expect(await got.json()).toEqual(c);
  });

  it('scores the risk factors and uses the configured interval per tier', async () => {
    const c = await newContractor(api, { handlesSpecialCare: true, subjectCount: 5000 });
    expect(c).toMatchObject({
      riskTier: 'high',
      riskFactors: ['special_care_data', 'subjects_1k_or_more'],
      riskPoints: 4,
      reviewIntervalMonths: 3,
    });
    const medium = await newContractor(api, { systemAccess: true });
    expect(medium).toMatchObject({ riskTier: 'medium', riskFactors: ['system_access'], reviewIntervalMonths: 12 });
  });

  it('needs a reason for a manual tier and keeps the computed one visible', async () => {
    await expect400(
      await api.post('/api/v1/contractors', { name: 'X', dataCategories: ['customers'], riskTierOverride: 'high' }),
      'riskOverrideReason',
    );
    const c = await newContractor(api, { riskTierOverride: 'high', riskOverrideReason: '過去に漏えい事故あり' });
    expect(c).toMatchObject({
      riskTier: 'high',
      computedRiskTier: 'low',
      riskTierOverride: 'high',
      reviewIntervalMonths: 3,
    });
    const cleared = await api.patch(`/api/v1/contractors/${c.id}`, { riskTierOverride: null });
    expect(await cleared.json()).toMatchObject({ riskTier: 'low', riskTierOverride: null, riskOverrideReason: null });
  });

  it('validates the corporate number with its check digit', async () => {
    await expect400(
      await api.post('/api/v1/contractors', {
        name: 'X',
        dataCategories: ['customers'],
        corporateNumber: '8010705000725',
      }),
      'corporateNumber',
    );
    await expect400(
      await api.post('/api/v1/contractors', { name: 'X', dataCategories: ['customers'], corporateNumber: '12345' }),
      'corporateNumber',
    );
    const c = await newContractor(api, { corporateNumber: '４０１１００１０９８９９３' });
    expect(c.corporateNumber).toBe('4011001098993');
    // One company, one record.
    const again = await api.post('/api/v1/contractors', {
      name: '別名',
      dataCategories: ['customers'],
      corporateNumber: '4011001098993',
    });
    expect(again.status).toBe(409);
    expect((await problem(again)).type).toBe('/problems/duplicate-contractor');
    const other = await newContractor(api);
    expect((await api.patch(`/api/v1/contractors/${other.id}`, { corporateNumber: '4011001098993' })).status).toBe(409);
    expect(
      (await api.patch(`/api/v1/contractors/${c.id}`, { corporateNumber: '4011001098993', services: 'x' })).status,
    ).toBe(200);
  });

  it('needs an APPI Art. 28 basis outside Japan, the EEA and the UK', async () => {
    await expect400(
      await api.post('/api/v1/contractors', { name: 'US Corp', country: 'US', dataCategories: ['customers'] }),
      'crossBorderBasis',
    );
    expect((await newContractor(api, { country: 'US', crossBorderBasis: 'equivalent_measures' })).riskFactors).toEqual([
      'outside_japan',
    ]);
    expect((await newContractor(api, { country: 'DE' })).crossBorderBasis).toBeNull();
    expect((await newContractor(api, { country: 'gb' })).country).toBe('GB');
    await expect400(
      await api.post('/api/v1/contractors', { name: 'X', country: 'XX', dataCategories: ['customers'] }),
      'country',
    );
  });

  it('rejects bad fields with a 400 naming each, and changes nothing', async () => {
    const before = await snapshot();
    const res = await api.post('/api/v1/contractors', {
      name: '',
      contactEmail: 'nope',
      dataCategories: ['customers', 'aliens'],
      subjectCount: -1,
      status: 'active',
    });
    expect(res.status).toBe(400);
    const paths = (await problem(res)).errors?.map((e) => e.path) ?? [];
    expect(paths).toEqual(
      expect.arrayContaining(['name', 'contactEmail', 'dataCategories.1', 'subjectCount', 'status']),
    );
    await expect400(
      await api.post('/api/v1/contractors', { name: 'x'.repeat(201), dataCategories: ['customers'] }),
      'name',
    );
    await expect400(await api.post('/api/v1/contractors', { name: 'X', dataCategories: [] }), 'dataCategories');
    await expect400(
      await api.post('/api/v1/contractors', { name: 'X', dataCategories: ['customers'], subjectCount: 1.5 }),
      'subjectCount',
    );
    await expect400(
      await api.post('/api/v1/contractors', { name: 'X', dataCategories: ['customers'], parentId: 'missing' }),
      'parentId',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('answers 404 for unknown ids', async () => {
    expect((await api.get('/api/v1/contractors/missing')).status).toBe(404);
    expect((await api.patch('/api/v1/contractors/missing', { name: 'x' })).status).toBe(404);
    expect((await api.get('/api/v1/contractors/missing/chain')).status).toBe(404);
  });
});

describe('re-consignment (再委託)', () => {
  it('refuses a sub-contractor handling data the parent does not', async () => {
    const parent = await newContractor(api, { dataCategories: ['customers'] });
    const before = await snapshot();
    const res = await api.post('/api/v1/contractors', {
      name: '孫請け',
      dataCategories: ['customers', 'employees'],
      parentId: parent.id,
    });
    expect(res.status).toBe(409);
    const body = await problem(res);
    expect(body.type).toBe('/problems/reconsignment-scope');
    expect(body.detail).toContain('employees');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a sub-contractor when an agreement of the parent in force prohibits it', async () => {
    const parent = await newContractor(api);
    await newAgreement(api, parent.id, { reconsignment: 'prior_approval' });
    const allowed = await newContractor(api, {
      parentId: parent.id,
      dataCategories: ['customers'],
      reconsignmentApproval: {
        approvedOn: daysFromToday(-1),
        approvedBy: '部長',
        work: '配送',
        handling: '委託元と同等',
      },
    });
    expect(allowed).toMatchObject({ parentId: parent.id, riskFactors: ['sub_contractor'], riskTier: 'medium' });

    await newAgreement(api, parent.id, { reconsignment: 'prohibited', title: '再委託禁止の契約' });
    const res = await api.post('/api/v1/contractors', {
      name: '再委託先',
      dataCategories: ['customers'],
      parentId: parent.id,
    });
    expect(res.status).toBe(409);
    const body = await problem(res);
    expect(body.type).toBe('/problems/reconsignment-prohibited');
    expect(body.detail).toContain('再委託禁止の契約');
    // Moving an existing contractor under that parent is refused too.
    const other = await newContractor(api, { dataCategories: ['customers'] });
    expect((await api.patch(`/api/v1/contractors/${other.id}`, { parentId: parent.id })).status).toBe(409);
  });

  it('ignores prohibiting agreements that have expired or not started', async () => {
    const parent = await newContractor(api);
    await newAgreement(api, parent.id, {
      reconsignment: 'prohibited',
      startDate: daysFromToday(-400),
      endDate: daysFromToday(-10),
    });
    await newAgreement(api, parent.id, {
      reconsignment: 'prohibited',
      startDate: daysFromToday(10),
      endDate: daysFromToday(400),
    });
    expect((await newContractor(api, { parentId: parent.id, dataCategories: ['employees'] })).parentId).toBe(parent.id);
  });

  it('shows the whole chain and refuses cycles and very deep chains', async () => {
    const top = await newContractor(api, { name: '元請け' });
    const levels: ContractorBody[] = [top];
    for (let i = 1; i <= 5; i++) {
      levels.push(
        await newContractor(api, {
          name: `第${i}次委託先`,
          parentId: levels[i - 1]?.id,
          dataCategories: ['customers'],
        }),
      );
    }
    const sibling = await newContractor(api, { name: '兄弟', parentId: top.id, dataCategories: ['employees'] });
    const res = await api.get(`/api/v1/contractors/${levels[2]?.id}/chain`);
    expect(res.status).toBe(200);
    const chain = (await res.json()) as {
      contractor: { id: string; depth: number };
      ancestors: { name: string; depth: number }[];
      descendants: { name: string; depth: number }[];
    };
    expect(chain.contractor).toMatchObject({ id: levels[2]?.id, depth: 0 });
    expect(chain.ancestors.map((a) => [a.name, a.depth])).toEqual([
      ['元請け', -2],
      ['第1次委託先', -1],
    ]);
    expect(chain.descendants.map((d) => [d.name, d.depth])).toEqual([
      ['第3次委託先', 1],
      ['第4次委託先', 2],
      ['第5次委託先', 3],
    ]);
    const fromTop = (await (await api.get(`/api/v1/contractors/${top.id}/chain`)).json()) as typeof chain;
    expect(fromTop.descendants).toHaveLength(6);
    expect(fromTop.descendants.map((d) => d.name)).toContain(sibling.name);

    const deep = await api.post('/api/v1/contractors', {
      name: '第6次',
      parentId: levels[5]?.id,
      dataCategories: ['customers'],
    });
    expect(deep.status).toBe(409);
    expect((await problem(deep)).type).toBe('/problems/chain-too-deep');

    const before = await snapshot();
    const cycle = await api.patch(`/api/v1/contractors/${top.id}`, { parentId: levels[3]?.id });
    expect(cycle.status).toBe(409);
    expect((await problem(cycle)).type).toBe('/problems/reconsignment-cycle');
    const self = await api.patch(`/api/v1/contractors/${top.id}`, { parentId: top.id });
    expect((await problem(self)).type).toBe('/problems/reconsignment-cycle');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses to narrow a parent’s data categories below a sub-contractor’s', async () => {
    const parent = await newContractor(api, { dataCategories: ['customers', 'employees'] });
    await newContractor(api, { parentId: parent.id, dataCategories: ['employees'] });
    const res = await api.patch(`/api/v1/contractors/${parent.id}`, { dataCategories: ['customers'] });
    expect(res.status).toBe(409);
    expect((await problem(res)).type).toBe('/problems/reconsignment-scope');
  });
});

describe('changing contractors', () => {
  it('honours If-Match and bumps the version', async () => {
    const c = await newContractor(api);
    const before = await snapshot();
    const stale = await api.patch(`/api/v1/contractors/${c.id}`, { name: '新しい名前' }, { 'if-match': '"7"' });
    expect(stale.status).toBe(412);
    expect((await problem(stale)).type).toBe('/problems/precondition-failed');
    expect(await snapshot()).toEqual(before);

    const ok = await api.patch(
      `/api/v1/contractors/${c.id}`,
      { name: '新しい名前', services: null },
      { 'if-match': '"1"' },
    );
    expect(ok.status).toBe(200);
    expect(ok.headers.get('etag')).toBe('"2"');
    expect(await ok.json()).toMatchObject({ name: '新しい名前', services: null, version: 2 });
    const again = await api.patch(`/api/v1/contractors/${c.id}`, { name: 'again' }, { 'if-match': '"1"' });
    expect(again.status).toBe(412);
  });

  it('re-derives the tier when the profile changes', async () => {
    const c = await newContractor(api);
    const res = await api.patch(`/api/v1/contractors/${c.id}`, { handlesPaymentData: true });
    expect(await res.json()).toMatchObject({
      riskTier: 'high',
      riskFactors: ['payment_data'],
      reviewIntervalMonths: 3,
    });
    await expect400(await api.patch(`/api/v1/contractors/${c.id}`, { country: 'CN' }), 'crossBorderBasis');
    const cn = await api.patch(`/api/v1/contractors/${c.id}`, {
      country: 'CN',
      crossBorderBasis: 'consent',
      crossBorderConsent: {
        informedOn: daysFromToday(-1),
        countryName: '中国',
        systemInfo: '個人情報保護法',
        measuresInfo: '社内規程',
      },
    });
    expect(cn.status).toBe(200);
  });

  it('records creation and every change with before and after', async () => {
    const c = await newContractor(api, { name: '監査対象' });
    await api.patch(`/api/v1/contractors/${c.id}`, { systemAccess: true });
    const res = await api.get(`/api/v1/audit-events?entityType=contractor&entityId=${c.id}`);
    const { items } = (await res.json()) as {
      items: { action: string; before: ContractorBody | null; after: ContractorBody }[];
    };
    expect(items.map((e) => e.action)).toEqual(['contractor.update', 'contractor.create']);
    expect(items[0]?.before).toMatchObject({ systemAccess: false, version: 1 });
    expect(items[0]?.after).toMatchObject({ systemAccess: true, version: 2, riskTier: 'medium' });
    expect(items[1]?.after).toMatchObject({ name: '監査対象' });
  });
});

describe('listing contractors', () => {
  let list: Target;
  let listApi: Client;
  beforeAll(async () => {
    list = await createTarget();
    listApi = client(list);
    await newContractor(listApi, {
      name: '株式会社サンプル物流',
      nameKana: 'カブシキガイシャサンプルブツリュウ',
      handlesSpecialCare: true,
    });
    await newContractor(listApi, { name: 'ｻﾝﾌﾟﾙ･ﾃﾞｰﾀ株式会社', systemAccess: true });
    await newContractor(listApi, { name: '山田運送', nameKana: 'やまだうんそう' });
    await newContractor(listApi, { name: 'Ｓａｍｐｌｅ　Ｃｏｒｐ' });
    for (let i = 0; i < 6; i++) await newContractor(listApi, { name: `その他 ${i}` });
  });
  afterAll(() => list.close());

  const names = async (query: string) => {
    const res = await listApi.get(`/api/v1/contractors?${query}`);
    expect(res.status, query).toBe(200);
    return ((await res.json()) as { items: ContractorBody[] }).items.map((c) => c.name);
  };

  it('pages by keyset without gaps or repeats', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await listApi.get(
        `/api/v1/contractors?limit=3${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      const page = (await res.json()) as { items: ContractorBody[]; nextCursor: string | null };
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(seen).toHaveLength(10);
    expect(new Set(seen).size).toBe(10);
    expect((await names('limit=50')).length).toBe(10);
  });

  it('finds Japanese names whatever the width and kana form', async () => {
    expect(await names(`q=${encodeURIComponent('さんぷる')}`)).toEqual(['株式会社サンプル物流', 'ｻﾝﾌﾟﾙ･ﾃﾞｰﾀ株式会社']);
    expect(await names(`q=${encodeURIComponent('ｻﾝﾌﾟﾙ')}`)).toEqual(['株式会社サンプル物流', 'ｻﾝﾌﾟﾙ･ﾃﾞｰﾀ株式会社']);
    expect(await names(`q=${encodeURIComponent('ヤマダ')}`)).toEqual(['山田運送']);
    expect(await names(`q=${encodeURIComponent('ぶつりゅう')}`)).toEqual(['株式会社サンプル物流']);
    expect(await names('q=sample')).toEqual(['Ｓａｍｐｌｅ　Ｃｏｒｐ']);
    expect(await names(`q=${encodeURIComponent('%')}`)).toEqual([]);
  });

  it('filters by status, tier, parent and supervision status', async () => {
    expect((await names('status=proposed')).length).toBe(10);
    expect(await names('status=active')).toEqual([]);
    expect(await names('riskTier=high')).toEqual(['株式会社サンプル物流']);
    expect(await names('riskTier=medium')).toEqual(['ｻﾝﾌﾟﾙ･ﾃﾞｰﾀ株式会社']);
    // Every one of them is proposed: not yet selected, so not "nothing scheduled".
    expect(await names('supervisionStatus=none_scheduled')).toEqual([]);
    expect((await names('supervisionStatus=selection_pending')).length).toBe(10);
    // Reviews keep next_review_due current and approval needs a selection; set both directly here.
    await list.exec(`UPDATE contractors SET next_review_due = '${daysFromToday(-1)}' WHERE name = '山田運送'`);
    await list.exec(`UPDATE contractors SET next_review_due = '${daysFromToday(14)}' WHERE name = 'その他 0'`);
    await list.exec(`UPDATE contractors SET next_review_due = '${daysFromToday(15)}' WHERE name = 'その他 1'`);
    await list.exec(`UPDATE contractors SET next_review_due = '${daysFromToday(0)}' WHERE name = 'その他 2'`);
    await list.exec(`UPDATE contractors SET next_review_due = '${daysFromToday(40)}' WHERE name = 'その他 4'`);
    await list.exec(`UPDATE contractors SET status = 'active' WHERE name IN ('その他 1', 'その他 3')`);
    expect(await names('supervisionStatus=overdue')).toEqual(['山田運送']);
    // Due-date filters list the most urgent first.
    expect(await names('supervisionStatus=due_soon')).toEqual(['その他 2', 'その他 0']);
    const firstPage = (await (await listApi.get('/api/v1/contractors?supervisionStatus=due_soon&limit=1')).json()) as {
      items: ContractorBody[];
      nextCursor: string;
    };
    expect(firstPage.items.map((c) => c.name)).toEqual(['その他 2']);
    const secondPage = (await (
      await listApi.get(`/api/v1/contractors?supervisionStatus=due_soon&limit=1&cursor=${firstPage.nextCursor}`)
    ).json()) as { items: ContractorBody[]; nextCursor: string | null };
    expect(secondPage.items.map((c) => c.name)).toEqual(['その他 0']);
    expect(secondPage.nextCursor).toBeNull();
    // A selected contractor with its review ahead is on track; one not yet selected never is.
    expect(await names('supervisionStatus=on_track')).toEqual(['その他 1']);
    expect(await names('supervisionStatus=none_scheduled')).toEqual(['その他 3']);
    const pending = await names('supervisionStatus=selection_pending');
    expect(pending).toHaveLength(5);
    expect(pending).toContain('その他 4');
    const shown = (await (await listApi.get(`/api/v1/contractors?q=${encodeURIComponent('その他 4')}`)).json()) as {
      items: ContractorBody[];
    };
    expect(shown.items[0]).toMatchObject({ supervisionStatus: 'selection_pending', nextReviewDue: daysFromToday(40) });
    const parent = (await (await listApi.get(`/api/v1/contractors?q=${encodeURIComponent('山田')}`)).json()) as {
      items: ContractorBody[];
    };
    const child = await newContractor(listApi, {
      name: '山田の下請け',
      parentId: parent.items[0]?.id,
      dataCategories: ['customers'],
    });
    expect(await names(`parentId=${parent.items[0]?.id}`)).toEqual([child.name]);
  });

  it('rejects bad filters with a 400 naming them', async () => {
    for (const [query, path] of [
      ['status=gone', 'status'],
      ['riskTier=extreme', 'riskTier'],
      ['supervisionStatus=late', 'supervisionStatus'],
      ['limit=500', 'limit'],
      ['cursor=abc', 'cursor'],
      [`q=${'x'.repeat(101)}`, 'q'],
    ]) {
      const res = await listApi.get(`/api/v1/contractors?${query}`);
      expect(res.status, query).toBe(400);
      expect((await problem(res)).errors?.[0]?.path, query).toBe(path);
    }
  });
});

describe('roles', () => {
  it('lets procurement and admin write, everyone read', async () => {
    const c = await newContractor(api);
    for (const role of ['procurement', 'compliance', 'manager']) {
      const user = await userWithRole(target, role);
      const post = await user.api.post('/api/v1/contractors', { name: `by ${role}`, dataCategories: ['customers'] });
      const patch = await user.api.patch(`/api/v1/contractors/${c.id}`, { services: role });
      expect(post.status, role).toBe(role === 'procurement' ? 201 : 403);
      expect(patch.status, role).toBe(role === 'procurement' ? 200 : 403);
      expect((await user.api.get(`/api/v1/contractors/${c.id}`)).status).toBe(200);
      expect((await user.api.get('/api/v1/contractors')).status).toBe(200);
      expect((await user.api.get(`/api/v1/contractors/${c.id}/chain`)).status).toBe(200);
    }
  });
});

describe('selection and approval (APPI Art. 25; 通則編 3-4-4)', () => {
  const adequate = {
    handlingRules: 'adequate',
    organizational: 'adequate',
    human: 'adequate',
    physical: 'adequate',
    technical: 'adequate',
  };
  const inadequate = { ...adequate, technical: 'inadequate' };
  let compliance: Client;
  beforeAll(async () => {
    compliance = (await userWithRole(target, 'compliance')).api;
  });

  const complete = async (reviewId: string, outcome: string, checklist = adequate) => {
    const res = await compliance.post(`/api/v1/reviews/${reviewId}/complete`, {
      completedOn: daysFromToday(0),
      outcome,
      checklist,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    return (await res.json()) as { nextReview: (ContractorBody & { kind: string; dueDate: string }) | null };
  };
  const selection = async (contractorId: string) => {
    const res = await compliance.post('/api/v1/reviews', {
      contractorId,
      kind: 'selection',
      dueDate: daysFromToday(0),
    });
    expect(res.status).toBe(201);
    return (await res.json()) as ContractorBody;
  };
  const approve = (id: string) => compliance.post(`/api/v1/contractors/${id}/transition`, { to: 'approved' });
  const contractor = async (id: string) =>
    (await (await api.get(`/api/v1/contractors/${id}`)).json()) as ContractorBody;

  it('counts a passing follow-up after a failed selection, and the contractor is never on track before', async () => {
    const c = await newContractor(api);
    const { nextReview: followUp } = await complete((await selection(c.id)).id, 'unsatisfactory', inadequate);
    expect(followUp).toMatchObject({ kind: 'follow_up', dueDate: expect.any(String) });
    // Its follow-up is a month away: not "on track" while it is not selected.
    expect(await contractor(c.id)).toMatchObject({ status: 'proposed', supervisionStatus: 'selection_pending' });
    const refused = await approve(c.id);
    expect(refused.status).toBe(409);
    expect((await problem(refused)).type).toBe('/problems/selection-required');
    expect((await contractor(c.id)).version).toBe(c.version);

    await complete(String(followUp?.id), 'minor_findings');
    const approved = await approve(c.id);
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'approved', supervisionStatus: 'on_track' });
  });

  it('keeps refusing while the follow-ups fail, and the latest selection decides', async () => {
    const c = await newContractor(api);
    const first = await complete((await selection(c.id)).id, 'major_findings', inadequate);
    const second = await complete(String(first.nextReview?.id), 'unsatisfactory', inadequate);
    expect(second.nextReview?.kind).toBe('follow_up');
    expect((await approve(c.id)).status).toBe(409);
    // A new selection review counts too.
    await complete((await selection(c.id)).id, 'satisfactory');
    expect((await approve(c.id)).status).toBe(200);

    // Passing once is not enough when a later selection failed.
    const d = await newContractor(api);
    await complete((await selection(d.id)).id, 'satisfactory');
    await complete((await selection(d.id)).id, 'unsatisfactory', inadequate);
    expect((await problem(await approve(d.id))).type).toBe('/problems/selection-required');
  });

  it('does not count a follow-up that no selection review came before', async () => {
    const c = await newContractor(api);
    const res = await compliance.post('/api/v1/reviews', {
      contractorId: c.id,
      kind: 'follow_up',
      dueDate: daysFromToday(0),
    });
    await complete(((await res.json()) as ContractorBody).id, 'satisfactory');
    expect((await problem(await approve(c.id))).type).toBe('/problems/selection-required');
  });

  it('keeps the reason of a status change in the audit trail', async () => {
    const c = await newContractor(api);
    await complete((await selection(c.id)).id, 'satisfactory');
    expect((await approve(c.id)).status).toBe(200);
    const res = await compliance.post(`/api/v1/contractors/${c.id}/transition`, {
      to: 'terminated',
      reason: '委託業務の終了',
    });
    expect(res.status).toBe(200);
    const [event] = await target.query<{ after: string }>(
      "SELECT after FROM audit_events WHERE entity_id = ? AND action = 'contractor.transition' ORDER BY seq DESC LIMIT 1",
      c.id,
    );
    expect(JSON.parse(event?.after ?? '{}')).toMatchObject({ status: 'terminated', reason: '委託業務の終了' });
  });
});
