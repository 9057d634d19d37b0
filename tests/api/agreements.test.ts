import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/calendar';
import {
  allClauses,
  type ContractorBody,
  daysFromToday,
  newAgreement,
  newContractor,
  today,
} from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let api: Client;
let contractor: ContractorBody;
beforeAll(async () => {
  target = await createTarget();
  api = client(target);
  contractor = await newContractor(api, { name: '契約テスト株式会社' });
});
afterAll(() => target.close());

const snapshot = async () => ({
  agreements: await target.query('SELECT * FROM agreements ORDER BY id'),
  audit: await target.query('SELECT count(*) AS n FROM audit_events'),
});

async function expect400(res: Response, path: string) {
  expect(res.status).toBe(400);
  expect((await problem(res)).errors?.map((e) => e.path)).toContain(path);
}

describe('agreements', () => {
  it('records an agreement with its derived gaps, status and dates', async () => {
    const res = await api.post('/api/v1/agreements', {
      contractorId: contractor.id,
      title: '業務委託基本契約',
      reference: 'C-2026-001',
      purpose: 'コールセンター業務',
      dataCategories: ['inquirers', 'customers'],
      startDate: daysFromToday(-30),
      endDate: daysFromToday(335),
      noticePeriodDays: 60,
      reconsignment: 'prior_approval',
      clauses: { responsibilities: true, securityMeasures: true, reporting: true },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const a = (await res.json()) as ContractorBody;
    expect(a).toMatchObject({
      contractorId: contractor.id,
      dataCategories: ['customers', 'inquirers'],
      autoRenew: false,
      renewalTermMonths: null,
      currentEndDate: daysFromToday(335),
      noticeDeadline: daysFromToday(275),
      status: 'active',
      missingClauses: [
        'reconsignment',
        'complianceChecks',
        'breachOfContract',
        'incidentReporting',
        'afterTermination',
      ],
      terminatedOn: null,
      dataDisposition: null,
      version: 1,
    });
    expect((a.clauses as Record<string, boolean>).responsibilities).toBe(true);
    expect(await (await api.get(`/api/v1/agreements/${a.id}`)).json()).toEqual(a);
  });

  it('derives pending, active and expired from the dates', async () => {
    const pending = await newAgreement(api, contractor.id, {
      startDate: daysFromToday(1),
      endDate: daysFromToday(100),
    });
    const active = await newAgreement(api, contractor.id, { startDate: today(), endDate: today() });
    const expired = await newAgreement(api, contractor.id, {
      startDate: daysFromToday(-100),
      endDate: daysFromToday(-1),
    });
    const open = await newAgreement(api, contractor.id, { endDate: null });
    expect([pending.status, active.status, expired.status, open.status]).toEqual([
      'pending',
      'active',
      'expired',
      'active',
    ]);
  });

  it('rolls an auto-renewing agreement forward and computes the notice deadline', async () => {
    const end = daysFromToday(-10);
    const a = await newAgreement(api, contractor.id, {
      startDate: addMonths(end, -12),
      endDate: end,
      autoRenew: true,
      renewalTermMonths: 6,
      noticePeriodDays: 30,
    });
    const current = addMonths(end, 6);
    expect(a).toMatchObject({ status: 'active', endDate: end, currentEndDate: current });
    const [y, m, d] = current.split('-').map(Number);
    const expectedNotice = new Date(Date.UTC(y ?? 0, (m ?? 1) - 1, (d ?? 1) - 30)).toISOString().slice(0, 10);
    expect(a.noticeDeadline).toBe(expectedNotice);
  });

  it('the sweep rolls stored dates forward when a renewal term has ended since they were written', async () => {
    const end = daysFromToday(-40);
    const terms = await Promise.all(
      [1, 3, 6].map((months) =>
        newAgreement(api, contractor.id, {
          title: `自動更新 ${months}か月`,
          startDate: addMonths(end, -12),
          endDate: end,
          autoRenew: true,
          renewalTermMonths: months,
          noticePeriodDays: 5,
        }),
      ),
    );
    // As stored on the day the original end passed, before any sweep rolled them forward.
    const ids = terms.map((a) => `'${a.id}'`).join(', ');
    await target.exec(
      `UPDATE agreements SET current_end_date = '${end}', notice_deadline = '${end}' WHERE id IN (${ids})`,
    );
    const res = await api.post('/api/v1/jobs/sweep');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { agreementsRolledForward: number }).agreementsRolledForward).toBeGreaterThanOrEqual(
      3,
    );
    const rows = await target.query<{ id: string; current_end_date: string; notice_deadline: string }>(
      `SELECT id, current_end_date, notice_deadline FROM agreements WHERE id IN (${ids})`,
    );
    for (const a of terms) {
      const row = rows.find((r) => r.id === a.id);
      expect(row).toMatchObject({ current_end_date: a.currentEndDate, notice_deadline: a.noticeDeadline });
    }
    expect(new Set(rows.map((r) => r.current_end_date)).size).toBe(3);
  });

  it('validates dates and renewal terms, naming each field, and changes nothing', async () => {
    const before = await snapshot();
    const base = {
      contractorId: contractor.id,
      title: 'T',
      purpose: 'P',
      dataCategories: ['customers'],
      reconsignment: 'allowed',
    };
    await expect400(await api.post('/api/v1/agreements', { ...base, startDate: '2026-02-30' }), 'startDate');
    await expect400(await api.post('/api/v1/agreements', { ...base, startDate: '2026/04/01' }), 'startDate');
    await expect400(
      await api.post('/api/v1/agreements', { ...base, startDate: '2026-04-01', endDate: '2026-03-31' }),
      'endDate',
    );
    await expect400(
      await api.post('/api/v1/agreements', {
        ...base,
        startDate: '2026-04-01',
        endDate: '2027-03-31',
        autoRenew: true,
      }),
      'renewalTermMonths',
    );
    await expect400(
      await api.post('/api/v1/agreements', {
        ...base,
        startDate: '2026-04-01',
        autoRenew: true,
        renewalTermMonths: 12,
      }),
      'endDate',
    );
    await expect400(
      await api.post('/api/v1/agreements', { ...base, startDate: '2026-04-01', reconsignment: 'maybe' }),
      'reconsignment',
    );
    await expect400(
      await api.post('/api/v1/agreements', { ...base, startDate: '2026-04-01', clauses: { bogus: true } }),
      'clauses.bogus',
    );
    await expect400(
      await api.post('/api/v1/agreements', { ...base, startDate: '2026-04-01', contractorId: 'missing' }),
      'contractorId',
    );
    await expect400(
      await api.post('/api/v1/agreements', { ...base, startDate: '2026-04-01', noticePeriodDays: -1 }),
      'noticePeriodDays',
    );
    expect(await snapshot()).toEqual(before);
  });

  it('terminates an agreement and records the return or deletion of the data', async () => {
    const a = await newAgreement(api, contractor.id);
    await expect400(
      await api.patch(`/api/v1/agreements/${a.id}`, { terminatedOn: daysFromToday(-200) }),
      'terminatedOn',
    );
    await expect400(
      await api.patch(`/api/v1/agreements/${a.id}`, {
        dataDisposition: { method: 'burned', confirmedOn: today(), evidence: 'x' },
      }),
      'dataDisposition.method',
    );
    const res = await api.patch(
      `/api/v1/agreements/${a.id}`,
      {
        terminatedOn: today(),
        dataDisposition: { method: 'deleted', confirmedOn: today(), evidence: 'データ消去証明書 No. 42' },
      },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(await res.json()).toMatchObject({
      status: 'terminated',
      terminatedOn: today(),
      dataDisposition: { method: 'deleted', confirmedOn: today(), evidence: 'データ消去証明書 No. 42' },
      version: 2,
    });
  });

  it('changes clauses one at a time and honours If-Match', async () => {
    const a = await newAgreement(api, contractor.id);
    const res = await api.patch(`/api/v1/agreements/${a.id}`, { clauses: { afterTermination: false } });
    expect(await res.json()).toMatchObject({
      missingClauses: ['afterTermination'],
      clauses: { ...allClauses, afterTermination: false },
    });
    const before = await snapshot();
    const stale = await api.patch(`/api/v1/agreements/${a.id}`, { title: 'x' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(await snapshot()).toEqual(before);
    expect((await api.patch(`/api/v1/agreements/${a.id}`, { contractorId: 'other' })).status).toBe(400);
  });

  it('takes no new agreements for a terminated contractor', async () => {
    const gone = await newContractor(api);
    // Lifecycle transitions are a later capability; set the state directly here.
    await target.exec(`UPDATE contractors SET status = 'terminated' WHERE id = '${gone.id}'`);
    const res = await api.post('/api/v1/agreements', {
      contractorId: gone.id,
      title: 'T',
      purpose: 'P',
      dataCategories: ['customers'],
      startDate: today(),
      reconsignment: 'allowed',
    });
    expect(res.status).toBe(409);
    expect((await problem(res)).type).toBe('/problems/contractor-terminated');
  });

  it('audits creation and changes', async () => {
    const a = await newAgreement(api, contractor.id);
    await api.patch(`/api/v1/agreements/${a.id}`, { reference: 'REF-9' });
    const res = await api.get(`/api/v1/audit-events?entityType=agreement&entityId=${a.id}`);
    const { items } = (await res.json()) as {
      items: { action: string; before: ContractorBody | null; after: ContractorBody }[];
    };
    expect(items.map((e) => e.action)).toEqual(['agreement.update', 'agreement.create']);
    expect(items[0]?.before?.reference).toBeNull();
    expect(items[0]?.after.reference).toBe('REF-9');
  });
});

describe('listing agreements', () => {
  let list: Target;
  let listApi: Client;
  let a: ContractorBody;
  let b: ContractorBody;
  beforeAll(async () => {
    list = await createTarget();
    listApi = client(list);
    a = await newContractor(listApi, { name: 'A社' });
    b = await newContractor(listApi, { name: 'B社' });
    await newAgreement(listApi, a.id, { title: 'pending', startDate: daysFromToday(5), endDate: daysFromToday(400) });
    await newAgreement(listApi, a.id, { title: 'expiring', endDate: daysFromToday(20) });
    await newAgreement(listApi, a.id, { title: 'expired', startDate: daysFromToday(-400), endDate: daysFromToday(-3) });
    await newAgreement(listApi, b.id, { title: 'later', endDate: daysFromToday(200) });
    await newAgreement(listApi, b.id, {
      title: 'renewing',
      endDate: daysFromToday(10),
      autoRenew: true,
      renewalTermMonths: 12,
    });
    const t = await newAgreement(listApi, b.id, { title: 'terminated' });
    await listApi.patch(`/api/v1/agreements/${t.id}`, { terminatedOn: today() });
  });
  afterAll(() => list.close());

  const titles = async (query: string) => {
    const res = await listApi.get(`/api/v1/agreements?${query}`);
    expect(res.status, query).toBe(200);
    return ((await res.json()) as { items: ContractorBody[] }).items.map((x) => x.title);
  };

  it('filters by contractor, status and expiry window', async () => {
    expect(await titles(`contractorId=${a.id}`)).toEqual(['pending', 'expiring', 'expired']);
    expect(await titles('status=pending')).toEqual(['pending']);
    expect(await titles('status=active')).toEqual(['expiring', 'later', 'renewing']);
    expect(await titles('status=expired')).toEqual(['expired']);
    expect(await titles('status=terminated')).toEqual(['terminated']);
    expect(await titles('expiringWithinDays=30')).toEqual(['expiring']);
    expect(await titles('expiringWithinDays=365')).toEqual(['expiring', 'later']);
    expect(await titles(`expiringWithinDays=365&contractorId=${b.id}`)).toEqual(['later']);
  });

  it('pages and validates its parameters', async () => {
    const first = (await (await listApi.get('/api/v1/agreements?limit=4')).json()) as {
      items: unknown[];
      nextCursor: string;
    };
    expect(first.items).toHaveLength(4);
    const second = (await (await listApi.get(`/api/v1/agreements?limit=4&cursor=${first.nextCursor}`)).json()) as {
      items: unknown[];
      nextCursor: string | null;
    };
    expect(second.items).toHaveLength(2);
    expect(second.nextCursor).toBeNull();
    for (const [q, path] of [
      ['status=old', 'status'],
      ['expiringWithinDays=-1', 'expiringWithinDays'],
      ['expiringWithinDays=x', 'expiringWithinDays'],
    ]) {
      const res = await listApi.get(`/api/v1/agreements?${q}`);
      expect(res.status, q).toBe(400);
      expect((await problem(res)).errors?.[0]?.path).toBe(path);
    }
  });

  it('lets procurement and admin write, everyone read', async () => {
    for (const role of ['procurement', 'compliance', 'manager']) {
      const user = await userWithRole(list, role);
      const res = await user.api.post('/api/v1/agreements', {
        contractorId: a.id,
        title: role,
        purpose: 'P',
        dataCategories: ['customers'],
        startDate: today(),
        reconsignment: 'allowed',
      });
      expect(res.status, role).toBe(role === 'procurement' ? 201 : 403);
      expect((await user.api.get('/api/v1/agreements')).status).toBe(200);
    }
  });
});
