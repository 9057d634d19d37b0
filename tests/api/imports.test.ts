import { readFileSync } from 'node:fs';
import Encoding from 'encoding-japanese';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newAgreement, newContractor } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let admin: Client;
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
});
afterAll(() => target.close());

const utf8 = (text: string) => new TextEncoder().encode(text);
const sjis = (text: string) =>
  Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' }));

/** POSTs raw bytes as a CSV upload. */
async function upload(t: Target, bytes: Uint8Array, query = '', token = t.adminToken, type = 'text/csv') {
  return t.fetch(`/api/v1/imports/contractors${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': type },
    body: bytes,
  });
}

interface Result {
  dryRun: boolean;
  encoding: string;
  rows: number;
  created: number;
  errors: { row: number; field: string; message: string }[];
}

const counts = async (t: Target) => ({
  contractors: await t.query('SELECT count(*) AS n FROM contractors'),
  audit: await t.query('SELECT count(*) AS n FROM audit_events'),
});

const names = async (t: Target, q: string) =>
  (
    (await (await client(t).get(`/api/v1/contractors?q=${encodeURIComponent(q)}`)).json()) as {
      items: Record<string, unknown>[];
    }
  ).items;

describe('importing contractors', () => {
  it('imports the sample file from the repository (UTF-8 with BOM, Japanese headers, quoted newlines)', async () => {
    const bytes = new Uint8Array(readFileSync('docs/contractors-import-sample.csv'));
    const dry = await upload(target, bytes, '?dryRun=true');
    expect(dry.status).toBe(200);
    expect(await dry.json()).toEqual({ dryRun: true, encoding: 'utf-8', rows: 6, created: 6, errors: [] });
    expect((await names(target, 'サンプル物流')).length).toBe(0);

    const res = await upload(target, bytes);
    expect(res.status).toBe(201);
    expect(((await res.json()) as Result).created).toBe(6);
    const [logistics] = await names(target, 'サンプル物流');
    expect(logistics).toMatchObject({
      corporateNumber: '7010705000725',
      dataCategories: ['customers', 'employees'],
      subjectCount: 150000,
      systemAccess: true,
      services: '配送業務\n（関東・関西）',
      status: 'proposed',
    });
    const [sub] = await names(target, 'サンプル配送');
    expect(sub).toMatchObject({
      parentId: logistics?.id,
      subjectCount: 20000,
      riskFactors: ['subjects_1k_or_more', 'system_access', 'sub_contractor'],
    });
    const [cloud] = await names(target, 'example cloud');
    expect(cloud).toMatchObject({
      country: 'US',
      crossBorderBasis: 'equivalent_measures',
      // Its cross-border confirmation is scheduled, but it is not yet selected.
      supervisionStatus: 'selection_pending',
      nextReviewDue: expect.any(String),
    });
    const [printer] = await names(target, '印刷');
    expect(printer).toMatchObject({
      riskTier: 'high',
      riskTierOverride: 'high',
      riskOverrideReason: '過去に誤送付事故あり',
    });
    const audit = (await (await admin.get(`/api/v1/audit-events?entityId=${logistics?.id}`)).json()) as {
      items: { action: string; after: { sourceRow: number } }[];
    };
    expect(audit.items[0]).toMatchObject({ action: 'contractor.import', after: { sourceRow: 1 } });
    // The same file again registers nobody twice.
    const again = await upload(target, bytes);
    expect(again.status).toBe(400);
    expect(((await again.json()) as Result).errors.length).toBe(6);
  });

  it('reads Shift_JIS as Excel saves it, with full-width digits', async () => {
    const t = await createTarget();
    try {
      const csv =
        '名称,フリガナ,法人番号,取扱データ,本人数,要配慮個人情報\r\n髙橋商事株式会社,タカハシショウジ,７１２０００１０７７５２３,顧客;従業員,"１，２００",はい\r\n①丸数字運輸,マルスウジウンユ,,顧客,０,いいえ\r\n';
      const res = await upload(t, sjis(csv));
      expect(res.status).toBe(201);
      expect(await res.json()).toMatchObject({ encoding: 'shift_jis', created: 2 });
      const [row] = await names(t, 'たかはし');
      expect(row).toMatchObject({
        name: '髙橋商事株式会社',
        corporateNumber: '7120001077523',
        subjectCount: 1200,
        handlesSpecialCare: true,
        riskTier: 'high',
      });
      expect((await names(t, '丸数字'))[0]?.name).toBe('①丸数字運輸');
    } finally {
      await t.close();
    }
  });

  it('imports nothing when one row in the middle is bad, and lists every error', async () => {
    const before = await counts(target);
    const csv = [
      'name,corporateNumber,country,dataCategories,subjectCount,handlesSpecialCare,contactEmail',
      'Good One,,JP,customers,10,no,',
      'Bad Two,1234567890123,XX,aliens,-5,maybe,not-an-email',
      'Good Three,,JP,customers,10,no,',
      'Foreign Four,,US,customers,10,no,',
    ].join('\r\n');
    const dry = await upload(target, utf8(csv), '?dryRun=true');
    expect(dry.status).toBe(200);
    const report = (await dry.json()) as Result;
    expect(report.created).toBe(0);
    expect(report.errors.map((e) => `${e.row}:${e.field}`).sort()).toEqual(
      ['2:dataCategories', '2:subjectCount', '2:handlesSpecialCare', '2:contactEmail', '4:crossBorderBasis'].sort(),
    );
    const res = await upload(target, utf8(csv));
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    const body = (await problem(res)) as Awaited<ReturnType<typeof problem>> & { created: number };
    expect(body.type).toBe('/problems/import-invalid');
    expect(body.created).toBe(0);
    expect(body.errors?.length).toBe(5);
    expect(await counts(target)).toEqual(before);
    // With the data category fixed, the corporate number and country are checked too.
    const fixed = csv.replace('aliens,-5,maybe,not-an-email', 'customers,5,no,');
    const second = (await (await upload(target, utf8(fixed), '?dryRun=true')).json()) as Result;
    expect(second.errors.map((e) => `${e.row}:${e.field}`).sort()).toEqual([
      '2:corporateNumber',
      '2:country',
      '4:crossBorderBasis',
    ]);
  });

  it('checks parents by name: in the file, registered, missing, out of scope, cycles', async () => {
    const parent = await newContractor(admin, { name: '登録済み元請', dataCategories: ['customers'] });
    const prohibited = await newContractor(admin, { name: '再委託禁止社', dataCategories: ['customers'] });
    await newAgreement(admin, String(prohibited.id), { reconsignment: 'prohibited' });
    const csv = [
      'name,dataCategories,parentName',
      'ファイル内の子,customers,ファイル内の親',
      'ファイル内の親,customers;employees,',
      '登録済みの子,customers,登録済み元請',
      '範囲外の子,employees,登録済み元請',
      '行方不明の子,customers,存在しない会社',
      '循環A,customers,循環B',
      '循環B,customers,循環A',
      '禁止の子,customers,再委託禁止社',
    ].join('\n');
    const report = (await (await upload(target, utf8(csv), '?dryRun=true')).json()) as Result;
    expect(report.errors.map((e) => `${e.row}:${e.field}`)).toEqual([
      '4:dataCategories',
      '5:parentName',
      '6:parentName',
      '7:parentName',
      '8:parentName',
    ]);
    expect(report.errors[3]?.message).toContain('cycle');
    expect(report.errors[4]?.message).toContain('prohibits');
    const ok = csv.split('\n').slice(0, 4).join('\n');
    const res = await upload(target, utf8(ok));
    expect(res.status).toBe(201);
    const [child] = await names(target, 'ファイル内の子');
    const [inFileParent] = await names(target, 'ファイル内の親');
    expect(child?.parentId).toBe(inFileParent?.id);
    expect((await names(target, '登録済みの子'))[0]?.parentId).toBe(parent.id);
  });

  it('refuses unknown columns, a missing name column, other content types and oversized files', async () => {
    const unknown = (await (
      await upload(target, utf8('name,dataCategories,favouriteColour\nA,customers,blue'), '?dryRun=true')
    ).json()) as Result;
    expect(unknown.errors).toEqual([
      { row: 0, field: 'favouriteColour', message: 'is not a contractor column', code: 'notAColumn' },
    ]);
    const noName = (await (await upload(target, utf8('dataCategories\ncustomers'), '?dryRun=true')).json()) as Result;
    expect(noName.errors).toEqual([{ row: 0, field: 'name', message: 'column is required', code: 'columnRequired' }]);
    const empty = (await (await upload(target, utf8(''), '?dryRun=true')).json()) as Result;
    expect(empty.errors[0]?.field).toBe('(file)');
    const json = await upload(target, utf8('{}'), '', target.adminToken, 'application/json');
    expect(json.status).toBe(415);
    const big = new Uint8Array(8 * 1024 * 1024 + 1).fill(0x41);
    const tooBig = await upload(target, big);
    expect(tooBig.status).toBe(413);
    expect((await problem(tooBig)).detail).toContain('8 MiB');
    expect(
      (await admin.post('/api/v1/imports/contractors?dryRun=maybe', 'x', { 'content-type': 'text/csv' })).status,
    ).toBe(400);
  });

  it('lets procurement and admin import; others may download the template only', async () => {
    for (const role of ['compliance', 'manager']) {
      const user = await userWithRole(target, role);
      expect((await upload(target, utf8('name,dataCategories\nX,customers'), '?dryRun=true', user.token)).status).toBe(
        403,
      );
      expect((await user.api.get('/api/v1/imports/contractors/template.csv')).status).toBe(200);
    }
    const buyer = await userWithRole(target, 'procurement');
    expect((await upload(target, utf8('name,dataCategories\nX,customers'), '?dryRun=true', buyer.token)).status).toBe(
      200,
    );
  });

  it('offers a template whose example rows import as they are, in both header languages', async () => {
    for (const lang of ['en', 'ja']) {
      const res = await admin.get(`/api/v1/imports/contractors/template.csv?headers=${lang}`);
      expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const t = await createTarget();
      try {
        expect(await (await upload(t, bytes, '?dryRun=true')).json()).toMatchObject({ created: 2, errors: [] });
      } finally {
        await t.close();
      }
    }
  });

  it('offers the template with English or Japanese header labels (?lang=), which import as they are', async () => {
    for (const [lang, first] of [
      ['en', 'Name'],
      ['ja', '名称'],
    ]) {
      const res = await admin.get(`/api/v1/imports/contractors/template.csv?lang=${lang}`);
      const bytes = new Uint8Array(await res.arrayBuffer());
      expect(new TextDecoder().decode(bytes.slice(3)).split(',')[0]).toBe(first);
      const t = await createTarget();
      try {
        expect(await (await upload(t, bytes, '?dryRun=true')).json()).toMatchObject({ created: 2, errors: [] });
      } finally {
        await t.close();
      }
    }
  });

  it('registers a file without corporate numbers once when it is imported twice at once', async () => {
    const t = await createTarget();
    try {
      const file = utf8('name,dataCategories\r\n同時取込商事,customers\r\n同時取込物産,employees\r\n');
      const results = await Promise.all(Array.from({ length: 4 }, () => upload(t, file)));
      const statuses = results.map((r) => r.status).sort();
      expect(statuses).toEqual([201, 400, 400, 400]);
      const refused = (await results.find((r) => r.status === 400)?.json()) as { errors: { field: string }[] };
      expect(refused.errors.map((e) => e.field)).toEqual(['name', 'name']);
      expect(await t.query('SELECT count(*) AS n FROM contractors')).toEqual([{ n: 2 }]);
    } finally {
      await t.close();
    }
  });

  it('imports a few hundred rows in one unit', async () => {
    const t = await createTarget();
    try {
      const lines = ['name,nameKana,dataCategories,subjectCount,parentName'];
      for (let i = 0; i < 300; i++)
        lines.push(
          `委託先${i},イタクサキ${i},customers,${i * 10},${i % 10 === 0 || i < 10 ? '' : `委託先${i - (i % 10)}`}`,
        );
      const res = await upload(t, utf8(lines.join('\r\n')));
      expect(res.status).toBe(201);
      expect(((await res.json()) as Result).created).toBe(300);
      expect(await t.query('SELECT count(*) AS n FROM contractors')).toEqual([{ n: 300 }]);
      expect(await t.query('SELECT count(*) AS n FROM contractors WHERE parent_id IS NOT NULL')).toEqual([{ n: 261 }]);
      const verify = (await (await client(t).get('/api/v1/audit-events/verify')).json()) as {
        ok: boolean;
        count: number;
      };
      // The key registration and the bootstrap, then one event per imported contractor.
      expect(verify).toMatchObject({ ok: true, count: 302, unsealed: 0 });
    } finally {
      await t.close();
    }
  });
});

describe('exports', () => {
  it('streams the supervision status as UTF-8 CSV with BOM and CRLF that round-trips through the import', async () => {
    const res = await admin.get('/api/v1/exports/supervision-status.csv');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toMatch(
      /attachment; filename="itaku-supervision-status-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text).toMatch(/\r\n$/);
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    const total = (await target.query<{ n: number }>('SELECT count(*) AS n FROM contractors'))[0]?.n;
    expect(parsed.data.length).toBe(total);
    const logistics = parsed.data.find((r) => r.name === '株式会社サンプル物流');
    expect(logistics).toMatchObject({
      corporateNumber: '7010705000725',
      dataCategories: 'customers;employees',
      supervisionStatus: 'selection_pending',
      riskTier: 'high',
      openFindings: '0',
    });

    // Into an empty itaku, the exported file is an import file.
    const fresh = await createTarget();
    try {
      const imported = await upload(fresh, bytes);
      expect(imported.status).toBe(201);
      expect(((await imported.json()) as Result).created).toBe(total);
      const profile = (c: Record<string, unknown>) => ({
        name: c.name,
        nameKana: c.nameKana,
        corporateNumber: c.corporateNumber,
        country: c.country,
        services: c.services,
        dataCategories: c.dataCategories,
        subjectCount: c.subjectCount,
        systemAccess: c.systemAccess,
        riskTier: c.riskTier,
        riskFactors: c.riskFactors,
      });
      const all = async (t: Target) =>
        (
          (await (await client(t).get('/api/v1/contractors?limit=200')).json()) as { items: Record<string, unknown>[] }
        ).items
          .map(profile)
          .sort((a, b) => String(a.name).localeCompare(String(b.name)));
      expect(await all(fresh)).toEqual(await all(target));
    } finally {
      await fresh.close();
    }
  });

  it('filters like the contractor list and offers Japanese headers', async () => {
    const res = await admin.get(
      `/api/v1/exports/supervision-status.csv?riskTier=high&headers=ja&q=${encodeURIComponent('サンプル')}`,
    );
    const text = (await res.text()).replace(/^\uFEFF/, '');
    const parsed = Papa.parse<Record<string, string>>(text, { header: true, skipEmptyLines: true });
    expect(parsed.meta.fields?.slice(0, 3)).toEqual(['名称', 'フリガナ', '法人番号']);
    expect(parsed.data.length).toBeGreaterThan(0);
    expect(parsed.data.every((r) => r.リスク区分 === 'high' && r.名称?.includes('サンプル'))).toBe(true);
    expect((await admin.get('/api/v1/exports/supervision-status.csv?riskTier=extreme')).status).toBe(400);
  });

  it('exports the review history, readable by every role', async () => {
    const [c] = await names(target, 'サンプル物流');
    await admin.post('/api/v1/reviews', {
      contractorId: c?.id,
      kind: 'on_site_audit',
      dueDate: '2026-01-15',
      assignee: '監査 太郎',
    });
    const manager = await userWithRole(target, 'manager');
    const res = await manager.api.get(`/api/v1/exports/reviews.csv?contractorId=${c?.id}`);
    expect(res.status).toBe(200);
    const parsed = Papa.parse<Record<string, string>>((await res.text()).replace(/^\uFEFF/, ''), {
      header: true,
      skipEmptyLines: true,
    });
    expect(parsed.data).toEqual([
      expect.objectContaining({
        contractorName: '株式会社サンプル物流',
        kind: 'on_site_audit',
        dueDate: '2026-01-15',
        overdue: 'true',
        assignee: '監査 太郎',
      }),
    ]);
  });

  it('protects cells a spreadsheet would run as formulas, and the import restores them', async () => {
    const t = await createTarget();
    try {
      await newContractor(client(t), { name: '=HYPERLINK("http://evil")', services: '+81 3 1234 5678' });
      const csv = await (await client(t).get('/api/v1/exports/supervision-status.csv')).text();
      expect(csv).toContain(`"'=HYPERLINK(""http://evil"")"`);
      expect(csv).toContain("'+81 3 1234 5678");
      const fresh = await createTarget();
      try {
        await upload(fresh, utf8(csv));
        const [row] = (
          (await (await client(fresh).get('/api/v1/contractors')).json()) as { items: Record<string, unknown>[] }
        ).items;
        expect(row).toMatchObject({ name: '=HYPERLINK("http://evil")', services: '+81 3 1234 5678' });
      } finally {
        await fresh.close();
      }
    } finally {
      await t.close();
    }
  });
});
