import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportDeadlines } from '../../src/domain/incident-deadlines';
import { type ContractorBody, daysFromToday, newContractor, today } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/** What APPI Art. 26 and Enforcement Rules Art. 7–10 ask of a leak beyond its deadlines. */
let target: Target;
let admin: Client;
let compliance: Client;
let complianceToken: string;
let contractor: ContractorBody;
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  const user = await userWithRole(target, 'compliance');
  compliance = user.api;
  complianceToken = user.token;
  contractor = await newContractor(admin, { name: '暗号化端末紛失社' });
});
afterAll(() => target.close());

type Body = Record<string, unknown> & { id: string; version: number };
const none = { specialCare: false, financialHarm: false, wrongfulAct: false, overThousand: false };

async function record(body: Record<string, unknown>): Promise<Body> {
  const res = await compliance.post('/api/v1/incidents', {
    contractorId: contractor.id,
    summary: '委託先社員がノートPCを紛失',
    discoveredOn: daysFromToday(-2),
    affectedCount: 5000,
    ...body,
  });
  if (res.status !== 201) throw new Error(`incident: ${res.status} ${await res.text()}`);
  return (await res.json()) as Body;
}

describe('high-level encryption (Rules Art. 7(1) parenthesis; 通則編 3-5-3-1)', () => {
  it('excludes an encrypted laptop with 5,000 people, needs the note, and closes without a 確報', async () => {
    const before = await target.query('SELECT * FROM incidents ORDER BY id');
    const bare = await compliance.post('/api/v1/incidents', {
      contractorId: contractor.id,
      summary: 's',
      discoveredOn: today(),
      affectedCount: 5000,
      factors: { ...none, wrongfulAct: true, highlyEncrypted: true },
    });
    expect(bare.status).toBe(400);
    expect((await problem(bare)).errors).toEqual([expect.objectContaining({ path: 'encryptionNote' })]);
    expect(await target.query('SELECT * FROM incidents ORDER BY id')).toEqual(before);

    const i = await record({
      factors: { ...none, wrongfulAct: true, highlyEncrypted: true },
      encryptionNote: 'BitLocker (AES-256) で全体を暗号化。回復キーは社内の鍵管理サーバにあり紛失していない',
    });
    expect(i).toMatchObject({
      reportable: false,
      reportableReasons: [],
      excludedReasons: ['wrongful_act', 'over_1000_people'],
      preliminaryDueOn: null,
      finalDueOn: null,
      preliminaryWindow: null,
    });
    const closed = await compliance.post(`/api/v1/incidents/${i.id}/close`, { summary: '暗号化済みのため報告対象外' });
    expect(closed.status).toBe(200);

    // The key turns out to be lost: reportable from that day (Rules Art. 8(2) 「知った日」).
    const j = await record({ factors: { ...none, highlyEncrypted: true }, encryptionNote: 'AES-256' });
    const lost = await compliance.patch(`/api/v1/incidents/${j.id}`, {
      factors: { highlyEncrypted: false },
      becameReportableOn: today(),
    });
    const expected = reportDeadlines(today(), false);
    expect(await lost.json()).toMatchObject({
      reportable: true,
      reportDay1: today(),
      preliminaryDueOn: expected.preliminaryDueOn,
      finalDueOn: expected.finalDueOn,
      preliminaryWindow: { from: daysFromToday(2), to: daysFromToday(4) },
    });
  });
});

describe('the contractor timeline (Rules Art. 9; 通則編 3-5-3-2, 3-5-3-5) and the notice to individuals', () => {
  it('records the timeline, refuses it out of order, and flags a late notice and a missing one', async () => {
    const t = await createTarget();
    try {
      const api = client(t);
      const c = await newContractor(api, { name: '通知遅延社' });
      const post = (body: Record<string, unknown>) =>
        api.post('/api/v1/incidents', {
          contractorId: c.id,
          summary: '不正アクセス',
          discoveredOn: daysFromToday(-7),
          affectedCount: 5000,
          ...body,
        });
      const refused = await post({ contractorAwareOn: daysFromToday(-3), contractorNotifiedOn: daysFromToday(-5) });
      expect(refused.status).toBe(400);
      expect((await problem(refused)).errors).toEqual([
        expect.objectContaining({ path: 'contractorNotifiedOn', code: 'notBeforeContractorAware' }),
      ]);
      expect(
        (await post({ authority: { kind: 'delegated_minister', minister: '' } })).status,
        'a minister needs a name',
      ).toBe(400);
      expect((await post({ alternativeNotice: { kind: 'billboard', on: today() } })).status).toBe(400);

      const late = (await (
        await post({
          contractorAwareOn: daysFromToday(-14),
          contractorNotifiedOn: daysFromToday(-7), // day 8 of its knowledge: later than about 3–5 days
          reportedJointly: true,
          authority: { kind: 'delegated_minister', minister: '金融庁長官' },
        })
      ).json()) as Body;
      expect(late).toMatchObject({
        contractorNotice: { dueOn: daysFromToday(-10), late: true },
        reportedJointly: true,
        authority: { kind: 'delegated_minister', minister: '金融庁長官' },
      });
      const onTime = (await (
        await post({ contractorAwareOn: daysFromToday(-9), contractorNotifiedOn: daysFromToday(-7) })
      ).json()) as Body;
      expect(onTime).toMatchObject({ contractorNotice: { late: false }, authority: { kind: 'ppc' } });
      // day 5 not yet passed and no 速報: the notice is not flagged yet
      const fresh = (await (await post({ discoveredOn: today() })).json()) as Body;

      const sweep = async () =>
        (await (await api.post('/api/v1/jobs/sweep')).json()) as {
          raisedByKind: Record<string, number>;
          resolvedByKind: Record<string, number>;
        };
      const raised = (await sweep()).raisedByKind;
      expect(raised.contractor_notice_late).toBe(1);
      // late and onTime are past day 5 without a 速報; fresh is not
      expect(raised.subject_notice_missing).toBe(2);
      const kinds = async (id: string) =>
        ((await (await api.get(`/api/v1/alerts?contractorId=${c.id}&status=open`)).json()) as { items: Body[] }).items
          .filter((a) => a.subjectId === id)
          .map((a) => a.kind)
          .sort();
      expect(await kinds(late.id)).toEqual(['contractor_notice_late', 'incident_report_due', 'subject_notice_missing']);
      expect(await kinds(fresh.id)).toEqual([]);

      // Closing needs the 確報, then the notice or its alternative (Art. 26(2) proviso; 通則編 3-5-4-5).
      await api.patch(`/api/v1/incidents/${onTime.id}`, { preliminaryReportedOn: today(), finalReportedOn: today() });
      const before = await t.query('SELECT * FROM incidents WHERE id = ?', onTime.id);
      const early = await api.post(`/api/v1/incidents/${onTime.id}/close`, { summary: '対応完了' });
      expect(early.status).toBe(409);
      expect((await problem(early)).type).toBe('/problems/subject-notice-required');
      expect(await t.query('SELECT * FROM incidents WHERE id = ?', onTime.id)).toEqual(before);
      const future = await api.patch(`/api/v1/incidents/${onTime.id}`, {
        alternativeNotice: { kind: 'inquiry_desk', on: daysFromToday(1) },
      });
      expect((await problem(future)).errors?.map((e) => e.path)).toEqual(['alternativeNotice.on']);
      const desk = await api.patch(`/api/v1/incidents/${onTime.id}`, {
        alternativeNotice: { kind: 'inquiry_desk', on: today() },
      });
      expect(await desk.json()).toMatchObject({ alternativeNotice: { kind: 'inquiry_desk', on: today() } });
      expect((await api.post(`/api/v1/incidents/${onTime.id}/close`, { summary: '問合せ窓口を設置' })).status).toBe(
        200,
      );
      await api.patch(`/api/v1/incidents/${late.id}`, { subjectsNotifiedOn: today() });
      const resolved = (await sweep()).resolvedByKind;
      expect(resolved.subject_notice_missing).toBe(2);
      expect(resolved.contractor_notice_late).toBeUndefined();
    } finally {
      await t.close();
    }
  });

  it('lets compliance write the new fields and refuses the manager', async () => {
    const manager = (await userWithRole(target, 'manager')).api;
    const i = await record({});
    const res = await manager.patch(`/api/v1/incidents/${i.id}`, { reportedJointly: true });
    expect(res.status).toBe(403);
    expect(await (await admin.get(`/api/v1/incidents/${i.id}`)).json()).toMatchObject({ reportedJointly: false });
  });
});

/** A browser-like session over HTTP: its cookie, the page's CSRF token, form posts. */
async function session(token: string, lang: 'ja' | 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/incidents')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string>) =>
    target.fetch(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang, origin: ORIGIN },
      body: new URLSearchParams({ _csrf: csrf, ...form }).toString(),
      redirect: 'manual',
    });
  return { get, post };
}

describe('the incident pages', () => {
  it('records the new fields, refuses next to the field, and shows the window and the report items', async () => {
    const ja = await session(complianceToken, 'ja');
    const form = {
      contractorId: contractor.id,
      discoveredOn: daysFromToday(-1),
      summary: '委託先サーバへの不正アクセス',
      affectedCount: '1200',
      'factors.wrongfulAct': 'on',
      'factors.highlyEncrypted': 'on',
      encryptionNote: '',
      contractorAwareOn: daysFromToday(-3),
      contractorNotifiedOn: daysFromToday(-1),
      'authority.kind': 'delegated_minister',
      'authority.minister': '',
    };
    const before = await target.query('SELECT id FROM incidents');
    const refused = await ja.post('/incidents', form);
    expect(refused.status).toBe(400);
    const html = await refused.text();
    expect(html).toContain('id="authority-error"');
    expect(html).toContain(`value="${daysFromToday(-3)}"`);
    const noNote = await ja.post('/incidents', { ...form, 'authority.minister': '金融庁長官' });
    expect(noNote.status).toBe(400);
    expect(await noNote.text()).toContain('<p class="field-error" id="encryptionNote-error">何が暗号化されていたか');
    expect(await target.query('SELECT id FROM incidents')).toEqual(before);

    const saved = await ja.post('/incidents', {
      ...form,
      'factors.highlyEncrypted': '',
      'authority.minister': '金融庁長官',
    });
    expect(saved.status).toBe(303);
    const id = /\/incidents\/([^?]+)/.exec(saved.headers.get('location') ?? '')?.[1] ?? '';
    const page = await (await ja.get(`/incidents/${id}`)).text();
    expect(page).toContain('概ね3～5日以内（通則編3-5-3-3）');
    expect(page).toContain('<textarea id="ppc-report" class="il-ppc" lang="ja" readonly');
    expect(page).toContain('報告先：金融庁長官');
    expect(page).toContain('3. 漏えい等が発生し、又は発生したおそれがある個人データに係る本人の数：1,200人');
    expect(page).toContain('【要記入】');
    expect(page).toContain('委託先が知った日');

    // Closing without the notice: refused in words, in English too.
    await compliance.patch(`/api/v1/incidents/${id}`, { preliminaryReportedOn: today(), finalReportedOn: today() });
    const en = await session(complianceToken, 'en');
    const close = await en.post(`/incidents/${id}/close`, { summary: 'done' });
    expect(close.status).toBe(409);
    expect(await close.text()).toContain('Record the day the individuals were notified');
    expect(await (await admin.get(`/api/v1/incidents/${id}`)).json()).toMatchObject({ status: 'open' });
    const version = String(((await (await admin.get(`/api/v1/incidents/${id}`)).json()) as Body).version);
    const alt = await en.post(`/incidents/${id}/reports`, {
      preliminaryReportedOn: today(),
      finalReportedOn: today(),
      subjectsNotifiedOn: '',
      'alternativeNotice.kind': 'public_announcement',
      'alternativeNotice.on': '',
      version,
    });
    expect(alt.status).toBe(400);
    expect(await alt.text()).toContain('id="alternativeNotice.on-error"');
    const ok = await en.post(`/incidents/${id}/reports`, {
      preliminaryReportedOn: today(),
      finalReportedOn: today(),
      'alternativeNotice.kind': 'public_announcement',
      'alternativeNotice.on': today(),
      version,
    });
    expect(ok.status).toBe(303);
    expect((await en.post(`/incidents/${id}/close`, { summary: 'done' })).status).toBe(303);
  });
});
