import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../src/domain/calendar';
import { type ContractorBody, daysFromToday, newContractor, today } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

/**
 * Records of provision to third parties abroad (APPI Art. 29; Enforcement Rules Art. 19–21),
 * listable for a disclosure request (Art. 33(5)).
 */
let target: Target;
let admin: Client;
let compliance: Client;
let manager: Client;
let procurement: Client;
let consent: ContractorBody;
let domestic: ContractorBody;
let cloud: ContractorBody;

interface Rec {
  id: string;
  retainUntil: string;
  recordMethod: string;
  version: number;
  [k: string]: unknown;
}
const kept3y = (from: string) => addDays(addMonths(from, 36), -1);
const body = (contractorId: string, extra: Record<string, unknown> = {}) => ({
  contractorId,
  providedFrom: daysFromToday(-10),
  country: 'US',
  dataCategories: ['customers'],
  subjects: '2026年度キャンペーン応募者（会員番号で特定）',
  items: '氏名、メールアドレス、購入履歴',
  consentNote: '応募フォームで同意取得（外国名・制度・措置を提示）',
  ...extra,
});
const count = async () => Number((await target.query('SELECT count(*) AS n FROM provision_records'))[0]?.n);
const fields = async (res: Response) => (await problem(res)).errors?.map((e) => (e as { path: string }).path);

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = (await userWithRole(target, 'compliance')).api;
  manager = (await userWithRole(target, 'manager')).api;
  procurement = (await userWithRole(target, 'procurement')).api;
  consent = await newContractor(admin, {
    name: 'Consent Corp.',
    country: 'US',
    crossBorderBasis: 'consent',
    crossBorderConsent: { informedOn: today(), countryName: '米国', systemInfo: '連邦・州法', measuresInfo: 'SCC相当' },
  });
  domestic = await newContractor(admin, { name: '国内配送社' });
  cloud = await newContractor(admin, { name: '国内クラウド社', processingCountries: ['DE'] });
});
afterAll(() => target.close());

describe('recording a provision', () => {
  it('derives how long it is kept, and refuses what is not a record here', async () => {
    const single = await compliance.post('/api/v1/provision-records', body(consent.id));
    expect(single.status).toBe(201);
    expect(single.headers.get('etag')).toBe('"1"');
    const one = (await single.json()) as Rec;
    // Rules Art. 21(iii): 3 years, from the day recorded (later than the provision).
    expect(one).toMatchObject({
      recordMethod: 'per_provision',
      retainUntil: kept3y(today()),
      contractorName: 'Consent Corp.',
    });
    const continuous = (await (
      await compliance.post(
        '/api/v1/provision-records',
        body(consent.id, {
          providedFrom: daysFromToday(-100),
          providedUntil: daysFromToday(200),
          dataCategories: ['employees'],
        }),
      )
    ).json()) as Rec;
    // Rules Art. 21(ii): recorded once for a continuous provision: 3 years from the last one.
    expect(continuous).toMatchObject({ recordMethod: 'collective', retainUntil: kept3y(daysFromToday(200)) });
    const de = await compliance.post('/api/v1/provision-records', body(cloud.id, { country: 'DE', consentNote: null }));
    expect(de.status).toBe(201);

    const before = await count();
    const refused = [
      [compliance, body(domestic.id), 400, ['contractorId']],
      [compliance, body(consent.id, { consentNote: '  ' }), 400, ['consentNote']],
      [compliance, body(consent.id, { country: 'SG' }), 400, ['country']],
      [compliance, body(consent.id, { providedUntil: daysFromToday(-11) }), 400, ['providedUntil']],
      [compliance, body(consent.id, { providedFrom: daysFromToday(1) }), 400, ['providedFrom']],
      [compliance, body(consent.id, { retainUntil: '2099-01-01' }), 400, ['retainUntil']],
      [compliance, body('nope'), 400, ['contractorId']],
      [procurement, body(consent.id), 403, undefined],
      [manager, body(consent.id), 403, undefined],
    ] as const;
    for (const [who, payload, status, paths] of refused) {
      const res = await who.post('/api/v1/provision-records', payload);
      expect(res.status, JSON.stringify(payload)).toBe(status);
      if (paths) expect(await fields(res)).toEqual(paths);
    }
    expect(await count()).toBe(before);
    const events = (await (
      await admin.get(`/api/v1/audit-events?entityType=provision_record&entityId=${one.id}`)
    ).json()) as { items: { action: string }[] };
    expect(events.items.map((e) => e.action)).toEqual(['provision_record.create']);
  });

  it('lists them for a disclosure request by category, period, contractor and retention', async () => {
    const ids = async (query: string, who = manager) => {
      const res = await who.get(`/api/v1/provision-records?${query}`);
      expect(res.status).toBe(200);
      return ((await res.json()) as { items: Rec[] }).items.map((r) => [r.country, r.recordMethod]);
    };
    expect(await ids(`contractorId=${consent.id}`)).toEqual([
      ['US', 'collective'],
      ['US', 'per_provision'],
    ]);
    expect(await ids('dataCategory=employees')).toEqual([['US', 'collective']]);
    expect(await ids(`from=${daysFromToday(-5)}&to=${today()}`)).toEqual([['US', 'collective']]);
    expect(
      await ids(`from=${daysFromToday(-10)}&to=${daysFromToday(-10)}&dataCategory=customers`, procurement),
    ).toEqual([
      ['US', 'per_provision'],
      ['DE', 'per_provision'],
    ]);
    expect(await ids('country=DE')).toEqual([['DE', 'per_provision']]);
    expect(await ids(`retainedOn=${addDays(kept3y(today()), 1)}`)).toEqual([['US', 'collective']]);
    const first = (await (await manager.get('/api/v1/provision-records?limit=2')).json()) as { nextCursor: string };
    const rest = (await (await manager.get(`/api/v1/provision-records?limit=2&cursor=${first.nextCursor}`)).json()) as {
      items: Rec[];
      nextCursor: string | null;
    };
    expect([rest.items.length, rest.nextCursor]).toEqual([1, null]);
    expect((await manager.get('/api/v1/provision-records?dataCategory=pets')).status).toBe(400);
    expect((await manager.get('/api/v1/provision-records/unknown')).status).toBe(404);
  });

  it('corrects a record under If-Match; its retention follows, one of two racing writers wins', async () => {
    const rec = (await (await compliance.post('/api/v1/provision-records', body(consent.id))).json()) as Rec;
    const path = `/api/v1/provision-records/${rec.id}`;
    expect((await compliance.patch(path, { retainUntil: '2099-01-01' }, { 'if-match': '"1"' })).status).toBe(400);
    expect((await manager.patch(path, { items: '氏名' }, { 'if-match': '"1"' })).status).toBe(403);
    const until = daysFromToday(400);
    const racing = await Promise.all(
      ['氏名', '氏名、住所'].map((items) =>
        compliance.patch(path, { items, providedUntil: until }, { 'if-match': '"1"' }),
      ),
    );
    expect(racing.map((r) => r.status).sort()).toEqual([200, 412]);
    const now = (await (await manager.get(path)).json()) as Rec;
    expect(now).toMatchObject({ version: 2, recordMethod: 'collective', retainUntil: kept3y(until) });
    expect((await compliance.patch(path, { items: 'x' }, { 'if-match': '"1"' })).status).toBe(412);
    const events = (await (
      await admin.get(`/api/v1/audit-events?entityType=provision_record&entityId=${rec.id}`)
    ).json()) as { items: { action: string }[] };
    expect(events.items.map((e) => e.action).sort()).toEqual(['provision_record.create', 'provision_record.update']);
  });
});
