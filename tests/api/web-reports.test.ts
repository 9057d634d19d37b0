import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeContractor,
  allClauses,
  daysFromToday,
  newAgreement,
  newContractor,
  passingChecklist,
  scheduleReview,
  today,
} from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { postLogin } from '../support/web';

/** /reports/supervision over HTTP: what the board reads, for every role, in both languages. */
let target: Target;
let admin: Client;
const tokens: Record<string, string> = {};
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  for (const role of ['manager', 'compliance', 'procurement']) tokens[role] = (await userWithRole(target, role)).token;

  const late = await activeContractor(admin, { name: '報告書延滞株式会社', handlesSpecialCare: true });
  await scheduleReview(admin, late.id, daysFromToday(-9), 'on_site_audit');
  await admin.post('/api/v1/findings', {
    contractorId: late.id,
    severity: 'high',
    category: 'technical',
    description: 'アクセスログの保存期間が不足',
    dueDate: daysFromToday(-4),
  });
  await admin.post('/api/v1/incidents', {
    contractorId: late.id,
    summary: '顧客名簿の誤送信',
    discoveredOn: daysFromToday(-1),
    affectedCount: 1500,
    factors: { specialCare: false, financialHarm: false, wrongfulAct: false, overThousand: true },
  });
  await newAgreement(admin, late.id, {
    title: '条項不足の委託契約',
    clauses: { ...allClauses, reporting: false, afterTermination: false },
  });
  await newAgreement(admin, late.id, { title: '間もなく満了する委託契約', endDate: daysFromToday(45) });
  await newAgreement(admin, late.id, { title: '八十日後に満了する委託契約', endDate: daysFromToday(80) });
  const old = await newContractor(admin, { name: '昨年評価株式会社' });
  const r = await scheduleReview(admin, old.id, daysFromToday(-500), 'document_review');
  await admin.post(`/api/v1/reviews/${r.id}/complete`, {
    completedOn: daysFromToday(-400),
    outcome: 'major_findings',
    checklist: passingChecklist,
  });
});
afterAll(() => target.close());

async function session(token: string, lang: 'ja' | 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  return (path: string) => target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');
/** The text of one section of the report, by the id of its heading. */
const section = (html: string, id: string) =>
  text(new RegExp(`<section[^>]*aria-labelledby="${id}">(.*?)</section>`, 's').exec(html)?.[1] ?? '');

describe('the supervision report', () => {
  it('opens for every role, with the dashboard’s figures by tier', async () => {
    const summary = (await (await admin.get('/api/v1/dashboard/summary')).json()) as {
      supervision: Record<string, Record<string, number>>;
    };
    for (const role of ['manager', 'compliance', 'procurement']) {
      const res = await (await session(tokens[role] ?? '', 'ja'))('/reports/supervision');
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('<h1>委託先監督状況報告書</h1>');
      for (const tier of ['high', 'medium', 'low']) {
        const row = new RegExp(`<tr data-tier="${tier}">(.*?)</tr>`).exec(html)?.[1] ?? '';
        const cells = [...row.matchAll(/<td class="num[^"]*">(\d+)<\/td>/g)].map((m) => Number(m[1]));
        const expected = Object.values(summary.supervision[tier] ?? {});
        expect(cells).toEqual([...expected, expected.reduce((a, b) => a + b, 0)]);
      }
    }
    expect((await target.fetch('/reports/supervision', { redirect: 'manual' })).status).toBe(303);
  });

  it('lists what is overdue, the incident deadlines and the agreements to watch, in Japanese', async () => {
    const html = await (
      await (
        await session(tokens.manager ?? '', 'ja')
      )('/reports/supervision?org=株式会社サンプル')
    ).text();
    const page = text(html);
    expect(html).toContain('<p class="report-org">株式会社サンプル</p>');
    // The late one, and the follow-up its major findings scheduled a year ago.
    expect(page).toMatch(/期限を過ぎた評価・監査 \(全2件\)/);
    expect(section(html, 'rep-overdue-reviews')).toMatch(
      /昨年評価株式会社 フォローアップ .+ 報告書延滞株式会社 実地監査 .+ 9 /,
    );
    expect(page).toMatch(/是正期限を過ぎた指摘事項 \(全1件\)/);
    expect(page).toContain('アクセスログの保存期間が不足');
    expect(page).toMatch(/顧客名簿の誤送信 .+ 1,500 期限 .+ 期限 .+ 未実施/);
    expect(page).toMatch(/条項不足の委託契約 報告に関する事項、契約終了後の措置/);
    expect(page).toMatch(/間もなく満了する委託契約 .+ 終了 60日以内/);
    expect(page).toMatch(/八十日後に満了する委託契約 [^ ]+ 終了 /);
    expect(page).not.toMatch(/八十日後に満了する委託契約 [^ ]+ 終了 60日以内/);
    expect(html).toContain(`href="/api/v1/exports/supervision-status.csv?lang=ja"`);
    expect(html).toContain(`href="/api/v1/exports/reviews.csv?lang=ja&amp;status=completed&amp;completedFrom=`);
  });

  it('shows the reviews completed in the chosen period, in English', async () => {
    const get = await session(tokens.compliance ?? '', 'en');
    const lastYear = section(await (await get('/reports/supervision')).text(), 'rep-completed');
    expect(lastYear).toMatch(/Reviews completed from .+ \(1 in all\)/);
    expect(lastYear).toContain('報告書延滞株式会社 Selection Satisfactory');
    expect(lastYear).not.toContain('昨年評価株式会社');
    const wider = section(
      await (await get(`/reports/supervision?from=${daysFromToday(-450)}&to=${today()}`)).text(),
      'rep-completed',
    );
    expect(wider).toContain('昨年評価株式会社');
    expect(wider).toMatch(/By outcome: Satisfactory 1 · Minor findings 0 · Major findings 1 · Unsatisfactory 0/);
  });

  it('refuses a bad period next to its field, in either language', async () => {
    const ja = await (await session(tokens.manager ?? '', 'ja'))('/reports/supervision?from=2026-02-30');
    expect(ja.status).toBe(400);
    const jaHtml = await ja.text();
    expect(jaHtml).toMatch(/aria-invalid="true" aria-describedby="rep-from-error"/);
    expect(jaHtml).toMatch(/<p class="field-error" id="rep-from-error">[^<]+<\/p>/);
    expect(jaHtml).toContain('value="2026-02-30"');
    expect(jaHtml).not.toContain('期限を過ぎた評価・監査');
    const en = await (await session(tokens.manager ?? '', 'en'))('/reports/supervision?from=2026-05-01&to=2026-04-01');
    expect(en.status).toBe(400);
    expect(await en.text()).toContain(
      '<p class="field-error" id="rep-to-error">must not be before the start of the period</p>',
    );
  });
});
