import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { activeContractor, daysFromToday, newContractor, passingChecklist, scheduleReview } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { cookiesOf, postLogin } from '../support/web';

/**
 * The CSV exports for people (`?lang=`: labels, not codes, headers too) and for machines
 * (no `lang`, or `codes=true`), and the localised file imported back as it is.
 */
let target: Target;
let admin: Client;
let high: { id: string };
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  high = await activeContractor(admin, {
    name: 'ラベル出力株式会社',
    handlesSpecialCare: true,
    subjectCount: 150_000,
    dataCategories: ['customers', 'business_partners'],
  });
  await newContractor(admin, {
    name: 'Label Cloud Inc.',
    country: 'US',
    crossBorderBasis: 'equivalent_measures',
    dataCategories: ['employees'],
    riskTierOverride: 'medium',
    riskOverrideReason: '契約で確認済み',
  });
  const review = await scheduleReview(admin, high.id, daysFromToday(-3), 'on_site_audit');
  const done = await scheduleReview(admin, high.id, daysFromToday(-40), 'document_review');
  await admin.post(`/api/v1/reviews/${done.id}/complete`, {
    completedOn: daysFromToday(-20),
    outcome: 'minor_findings',
    checklist: { ...passingChecklist, technical: 'needs_improvement' },
  });
  expect(review.id).toBeTruthy();
});
afterAll(() => target.close());

const csv = async (path: string, api: Client = admin) => {
  const res = await api.get(path);
  expect(res.status).toBe(200);
  const bytes = new Uint8Array(await res.arrayBuffer());
  expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const text = new TextDecoder().decode(bytes.slice(3));
  const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
  expect(parsed.errors).toEqual([]);
  return { rows: parsed.data, fields: parsed.meta.fields ?? [], bytes };
};

describe('supervision-status.csv in a language', () => {
  it('writes Japanese headers and labels with ?lang=ja', async () => {
    const { rows, fields } = await csv('/api/v1/exports/supervision-status.csv?lang=ja');
    expect(fields.slice(0, 4)).toEqual(['名称', 'フリガナ', '法人番号', '所在国']);
    expect(fields).toContain('監督状況');
    const row = rows.find((r) => r.名称 === 'ラベル出力株式会社');
    expect(row).toMatchObject({
      取扱データ: '顧客;取引先',
      要配慮個人情報: 'はい',
      決済情報: 'いいえ',
      ステータス: '委託中',
      リスク区分: '高',
      リスク要因: '要配慮個人情報;本人10万人以上',
      監督状況: '期限超過',
      // The selection review, completed today, is the latest.
      前回評価結果: '適切',
    });
    const cloud = rows.find((r) => r.名称 === 'Label Cloud Inc.');
    expect(cloud).toMatchObject({ 外国移転の根拠: '相当措置（体制整備）', 'リスク区分（手動）': '中', 所在国: 'US' });
  });

  it('writes English headers and labels with ?lang=en', async () => {
    const { rows, fields } = await csv('/api/v1/exports/supervision-status.csv?lang=en');
    expect(fields.slice(0, 3)).toEqual(['Name', 'Name (kana)', 'Corporate number']);
    const row = rows.find((r) => r.Name === 'ラベル出力株式会社');
    expect(row).toMatchObject({
      'Data categories': 'Customers;Business partners',
      'Special-care personal information': 'Yes',
      Status: 'Active',
      'Risk tier': 'High',
      'Supervision status': 'Overdue',
      'Last review outcome': 'Satisfactory',
    });
  });

  it('keeps codes for machines: without lang, and with codes=true under localised headers', async () => {
    const machine = await csv('/api/v1/exports/supervision-status.csv');
    expect(machine.fields[0]).toBe('name');
    expect(machine.rows.find((r) => r.name === 'ラベル出力株式会社')).toMatchObject({
      dataCategories: 'customers;business_partners',
      handlesSpecialCare: 'true',
      status: 'active',
      riskTier: 'high',
      supervisionStatus: 'overdue',
    });
    const codes = await csv('/api/v1/exports/supervision-status.csv?lang=ja&codes=true');
    expect(codes.rows.find((r) => r.名称 === 'ラベル出力株式会社')).toMatchObject({
      取扱データ: 'customers;business_partners',
      リスク区分: 'high',
      監督状況: 'overdue',
      要配慮個人情報: 'true',
    });
  });

  it('imports a localised export back as it is, in either language', async () => {
    for (const lang of ['ja', 'en']) {
      const { bytes } = await csv(`/api/v1/exports/supervision-status.csv?lang=${lang}`);
      const fresh = await createTarget();
      try {
        const res = await fresh.fetch('/api/v1/imports/contractors', {
          method: 'POST',
          headers: { authorization: `Bearer ${fresh.adminToken}`, 'content-type': 'text/csv' },
          body: bytes,
        });
        const body = (await res.json()) as { created: number; errors: unknown[] };
        expect(body.errors).toEqual([]);
        expect(res.status).toBe(201);
        const list = (await (await client(fresh).get('/api/v1/contractors?limit=200')).json()) as {
          items: Record<string, unknown>[];
        };
        expect(list.items.find((c) => c.name === 'ラベル出力株式会社')).toMatchObject({
          dataCategories: ['customers', 'business_partners'],
          handlesSpecialCare: true,
          subjectCount: 150000,
          riskTier: 'high',
        });
        expect(list.items.find((c) => c.name === 'Label Cloud Inc.')).toMatchObject({
          crossBorderBasis: 'equivalent_measures',
          riskTierOverride: 'medium',
        });
      } finally {
        await fresh.close();
      }
    }
  });

  it('refuses an unknown language or codes value, naming the parameter', async () => {
    for (const q of ['lang=fr', 'codes=yes']) {
      const res = await admin.get(`/api/v1/exports/supervision-status.csv?${q}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { errors: { path: string }[] };
      expect(body.errors[0]?.path).toBe(q.split('=')[0]);
    }
  });
});

describe('reviews.csv in a language', () => {
  it('names kinds, statuses, outcomes and ratings in the chosen language, for a signed-in manager too', async () => {
    const manager = await userWithRole(target, 'manager');
    const login = await postLogin(target, { token: manager.token });
    const cookie = cookiesOf(login).find((c) => c.startsWith('itaku_session=')) ?? '';
    const res = await target.fetch(`/api/v1/exports/reviews.csv?lang=ja&contractorId=${high.id}`, {
      headers: { cookie },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toMatch(/filename="itaku-reviews-\d{4}-\d{2}-\d{2}\.csv"/);
    const parsed = Papa.parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.meta.fields).toEqual([
      'ID',
      '委託先ID',
      '委託先名',
      '種別',
      '期限',
      'ステータス',
      '期限超過',
      '担当者',
      '実施日',
      '結果',
      '基本方針の策定',
      '個人データの取扱いに係る規律の整備',
      '組織的安全管理措置',
      '人的安全管理措置',
      '物理的安全管理措置',
      '技術的安全管理措置',
      '外的環境の把握',
      '所見',
      '中止理由',
    ]);
    expect(parsed.data.find((r) => r.種別 === '実地監査')).toMatchObject({ ステータス: '予定', 期限超過: 'はい' });
    expect(parsed.data.find((r) => r.種別 === '書面確認')).toMatchObject({
      ステータス: '完了',
      結果: '軽微な指摘あり',
      技術的安全管理措置: '要改善',
      期限超過: 'いいえ',
    });
  });

  it('selects the reviews completed in a period, in English', async () => {
    const { rows } = await csv(
      `/api/v1/exports/reviews.csv?lang=en&status=completed&completedFrom=${daysFromToday(-30)}&completedTo=${daysFromToday(-10)}`,
    );
    expect(rows.map((r) => [r.Contractor, r.Kind, r.Outcome, r['Technical measures']])).toEqual([
      ['ラベル出力株式会社', 'Document review', 'Minor findings', 'Needs improvement'],
    ]);
    const none = await csv(`/api/v1/exports/reviews.csv?completedFrom=${daysFromToday(-5)}`);
    expect(none.rows.map((r) => r.kind)).not.toContain('document_review');
    expect(none.rows.map((r) => r.kind)).toContain('selection');
    expect((await admin.get('/api/v1/exports/reviews.csv?completedFrom=2026-02-30')).status).toBe(400);
  });

  it('documents lang and codes in the OpenAPI document', async () => {
    const doc = (await (await target.fetch('/api/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string; description?: string }[] } }>;
    };
    for (const path of ['/api/v1/exports/supervision-status.csv', '/api/v1/exports/reviews.csv']) {
      const names = doc.paths[path]?.get.parameters.map((p) => p.name);
      expect(names).toEqual(expect.arrayContaining(['lang', 'codes']));
      const codes = doc.paths[path]?.get.parameters.find((p) => p.name === 'codes');
      expect(codes?.description).toMatch(/codes/);
    }
  });
});
