import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { reportDeadlines } from '../../src/domain/incident-deadlines';
import { labels } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { csrfOf, getJson, launchBrowser, type Signed, serverClient, signIn, submit } from '../support/browser';
import { daysFromToday, newContractor, today } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Leak incidents in Chromium, in Japanese and English: compliance records one (choosing
 * the contractor by a name search, fixing what the form refuses), reads its 速報/確報
 * deadlines, records the reports and the notice, corrects the facts, is refused closing
 * before the final report and then closes it; a manager reads, filters the overdue ones,
 * and can change nothing.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/incidents/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

interface Incident {
  id: string;
  contractorId: string;
  status: string;
  summary: string;
  affectedCount: number;
  reportable: boolean;
  factors: Record<string, boolean>;
  preliminaryDueOn: string | null;
  finalDueOn: string | null;
  preliminaryReportedOn: string | null;
  finalReportedOn: string | null;
  subjectsNotifiedOn: string | null;
  closingSummary: string | null;
  version: number;
}

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const users = {} as Record<'compliance' | 'manager', { token: string; api: Client }>;
const contexts: BrowserContext[] = [];
/** Per language: the contractor the journey records a leak at, and a leak whose preliminary report is late. */
const fixtures = {} as Record<Lang, { contractor: { id: string; name: string }; late: Incident }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-incidents-'));
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([
    startServer({
      ITAKU_DB_PATH: join(dir, 'itaku.db'),
      ITAKU_ADMIN_TOKEN: ADMIN_TOKEN,
      ITAKU_SWEEP_CRON: 'off',
      ITAKU_LOG_LEVEL: 'info',
    }),
    launchBrowser(),
  ]);
  admin = serverClient(server.url, ADMIN_TOKEN);
  const names = { compliance: '監査 花子', manager: '管理 太郎' };
  for (const role of ['compliance', 'manager'] as const) {
    const res = await admin.post('/api/v1/users', { name: names[role], role });
    if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string };
    users[role] = { token: body.token, api: serverClient(server.url, body.token) };
  }
  // Contractors around them, so the record form's list has something to narrow.
  for (const name of ['株式会社サンプル物流', 'データ入力センター', 'Acme Printing'])
    await newContractor(admin, { name });
  for (const lang of LANGS) {
    const contractor = await newContractor(admin, { name: `顧客窓口サービス ${lang}` });
    const res = await users.compliance.api.post('/api/v1/incidents', {
      contractorId: contractor.id,
      summary: `USBメモリの紛失 (${lang})`,
      discoveredOn: daysFromToday(-8),
      affectedCount: 4200,
    });
    if (res.status !== 201) throw new Error(`incident: ${res.status} ${await res.text()}`);
    fixtures[lang] = { contractor, late: (await res.json()) as Incident };
  }
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function as(role: keyof typeof users, lang: Lang): Promise<Signed> {
  const { t } = i18n(lang);
  const signed = await signIn(browser, server.url, users[role].token, lang, {
    token: t('login.token'),
    submit: t('login.submit'),
  });
  contexts.push(signed.context);
  return signed;
}

async function open(page: Page, path: string, lang: Lang, status = 200) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(status);
  expect(await page.locator('html').getAttribute('lang'), path).toBe(lang);
}

const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();
const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });
const incident = (id: string) => getJson<Incident>(users.manager.api, `/api/v1/incidents/${id}`);

describe.each(LANGS)('incidents in %s', (lang) => {
  const { t, date, label } = i18n(lang);

  it('compliance records a leak, reports it to the PPC, notifies the individuals and closes it', async () => {
    const { page } = await as('compliance', lang);
    const { contractor } = fixtures[lang];

    await open(page, '/incidents', lang);
    expect(await text(page, 'h1')).toBe(t('inc.title'));
    await expectAccessible(page);
    await page.getByRole('link', { name: t('inc.new'), exact: true }).click();
    await page.waitForURL('**/incidents/new');
    await expectAccessible(page);

    // The contractor: searched by part of its name, then chosen from the narrowed list.
    await page.getByLabel(t('inc.contractorSearch'), { exact: true }).fill(`窓口サービス ${lang}`);
    await Promise.all([
      page.waitForURL(/\/incidents\/new\?q=/),
      page.getByRole('button', { name: t('inc.search'), exact: true }).click(),
    ]);
    const select = page.getByLabel(t('inc.contractor'), { exact: true });
    expect(await select.locator('option').allTextContents()).toEqual([t('inc.choose'), contractor.name]);
    await select.selectOption(contractor.id);

    // A leak found two days ago by an attack, 300 people: reportable (a wrongful act).
    const summary = `不正アクセスによる顧客情報の漏えい (${lang})`;
    await page.getByLabel(t('inc.discoveredOn'), { exact: true }).fill(daysFromToday(2)); // a slip: the future
    await page.getByLabel(t('inc.summary'), { exact: true }).fill(summary);
    await page.getByLabel(t('inc.affectedCount'), { exact: true }).fill('300');
    const factors = page.getByRole('group', { name: t('inc.factors'), exact: true });
    await factors.getByLabel(t('inc.factor.wrongfulAct'), { exact: true }).check();
    const record = page.getByRole('button', { name: t('inc.record'), exact: true });
    expect(await submit(page, record)).toMatchObject({ status: 400, alert: t('err.title') });
    const discovered = page.getByLabel(t('inc.discoveredOn'), { exact: true });
    expect(await discovered.getAttribute('aria-invalid')).toBe('true');
    expect(await text(page, '#discoveredOn-error')).toBe(
      lang === 'ja' ? '未来の日付にはできません' : 'must not be in the future',
    );
    expect(await page.getByLabel(t('inc.summary'), { exact: true }).inputValue()).toBe(summary);
    expect(await select.inputValue()).toBe(contractor.id);
    expect(await factors.getByLabel(t('inc.factor.wrongfulAct'), { exact: true }).isChecked()).toBe(true);
    await expectAccessible(page);
    await shot(page, 'record-refused', lang);

    await discovered.fill(daysFromToday(-2));
    const saved = await submit(page, record);
    expect(saved).toMatchObject({ status: 303, location: expect.stringMatching(/^\/incidents\/[^/?]+\?saved=1$/) });
    const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const expected = reportDeadlines(daysFromToday(-2), true);
    expect(await incident(id)).toMatchObject({
      contractorId: contractor.id,
      summary,
      affectedCount: 300,
      reportable: true,
      factors: { wrongfulAct: true, specialCare: false },
      ...expected,
    });

    // The detail: both deadlines, the days left, and the rule each comes from.
    expect(await text(page, 'h1')).toContain(t('inc.detail', { name: contractor.name }));
    expect(await page.getByRole('status').textContent()).toBe(t('inc.saved'));
    const step = (s: string) => page.locator(`tr[data-step="${s}"]`);
    // The 速報 window: about 3–5 days (通則編 3-5-3-3), day 3 to day 5.
    expect(await step('preliminary').locator('td').nth(0).textContent()).toBe(
      t('il.window', { from: date(daysFromToday(0)), to: date(expected.preliminaryDueOn) }),
    );
    expect(await step('preliminary').locator('td').nth(1).textContent()).toBe(t('inc.daysLeft', { n: 2 }));
    expect(await step('final').locator('td').nth(0).textContent()).toBe(date(expected.finalDueOn));
    expect(await step('final').locator('td').nth(2).textContent()).toBe(t('inc.finalRule60'));
    expect(await step('notice').locator('td').nth(1).textContent()).toBe(t('inc.notRecorded'));
    await expectAccessible(page);
    await shot(page, 'detail', lang);

    // The preliminary report and the notice to the individuals, with their days.
    await page.getByLabel(t('inc.preliminaryReportedOn'), { exact: true }).fill(daysFromToday(-1));
    await page.getByLabel(t('inc.subjectsNotifiedOn'), { exact: true }).fill(today());
    const saveDates = page.getByRole('button', { name: t('inc.saveReports'), exact: true });
    expect(await submit(page, saveDates)).toMatchObject({ status: 303 });
    expect(await step('preliminary').locator('td').nth(1).textContent()).toBe(
      t('inc.madeOn', { date: date(daysFromToday(-1)) }),
    );
    expect(await step('notice').locator('td').nth(1).textContent()).toBe(t('inc.madeOn', { date: date(today()) }));
    expect(await incident(id)).toMatchObject({
      preliminaryReportedOn: daysFromToday(-1),
      subjectsNotifiedOn: today(),
      finalReportedOn: null,
    });

    // Someone else saves meanwhile: this browser's next save is caught, its typing kept.
    const current = await incident(id);
    const other = await users.compliance.api.patch(
      `/api/v1/incidents/${id}`,
      { affectedCount: 320 },
      { 'if-match': `"${current.version}"` },
    );
    expect(other.status).toBe(200);
    await page.getByLabel(t('inc.finalReportedOn'), { exact: true }).fill(today());
    expect(await submit(page, saveDates)).toMatchObject({ status: 412, alert: t('inc.conflict') });
    expect(await page.getByLabel(t('inc.finalReportedOn'), { exact: true }).inputValue()).toBe(today());
    expect((await incident(id)).finalReportedOn).toBeNull();
    await expectAccessible(page);

    // Closing before the final report: the confirmation page says why it cannot be done yet.
    await open(page, `/incidents/${id}/close`, lang);
    expect(await page.getByRole('alert').textContent()).toBe(t('inc.finalReportRequired'));
    expect(await page.getByRole('button', { name: t('inc.close'), exact: true }).count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'close-refused', lang);
    // …and the server refuses the post too, whatever the page offered.
    const refused = await page.request.post(`/incidents/${id}/close`, {
      form: { _csrf: await csrfOf(page), summary: '早すぎる終了' },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain(t('inc.finalReportRequired'));

    // Back to the incident: the final report, then a correction of the facts.
    await page.getByRole('link', { name: t('inc.back'), exact: true }).click();
    await page.waitForURL(`**/incidents/${id}`);
    await page.getByLabel(t('inc.finalReportedOn'), { exact: true }).fill(today());
    expect(await submit(page, saveDates)).toMatchObject({ status: 303 });
    expect(await step('final').locator('td').nth(1).textContent()).toBe(t('inc.madeOn', { date: date(today()) }));
    await page.getByRole('link', { name: t('inc.edit'), exact: true }).click();
    await page.waitForURL(`**/incidents/${id}/edit`);
    expect(await page.getByLabel(t('inc.affectedCount'), { exact: true }).inputValue()).toBe('320');
    await expectAccessible(page);
    await page.getByLabel(t('inc.affectedCount'), { exact: true }).fill('1350');
    expect(await submit(page, page.getByRole('button', { name: t('inc.save'), exact: true }))).toMatchObject({
      status: 303,
    });
    expect(await incident(id)).toMatchObject({ affectedCount: 1350, finalReportedOn: today() });
    expect(await page.locator('table.facts').textContent()).toContain(
      t('inc.reportableBecause', {
        reasons: [t('inc.reason.wrongful_act'), t('inc.reason.over_1000_people')].join(lang === 'ja' ? '、' : ', '),
      }),
    );

    // Closing, confirmed on its own page with the outcome.
    await page.getByRole('link', { name: t('inc.close'), exact: true }).click();
    await page.waitForURL(`**/incidents/${id}/close`);
    expect(await text(page, 'main form .notice')).toBe(t('inc.closeConfirm'));
    await expectAccessible(page);
    const closeButton = page.getByRole('button', { name: t('inc.close'), exact: true });
    expect(await submit(page, closeButton)).toMatchObject({ status: 400 });
    expect(await text(page, '#summary-error')).not.toBe('');
    await page
      .getByLabel(t('inc.closingSummary'), { exact: true })
      .fill('パスワードを全件リセットし、再発防止策を確認した');
    expect(await submit(page, closeButton)).toMatchObject({ status: 303, location: `/incidents/${id}?closed=1` });
    expect(await page.getByRole('status').textContent()).toBe(t('inc.closed'));
    expect(await text(page, 'h1 .badge')).toBe(label(labels.incidentStatus, 'closed'));
    expect(await page.locator('main form').count()).toBe(0);
    expect(await incident(id)).toMatchObject({
      status: 'closed',
      closingSummary: 'パスワードを全件リセットし、再発防止策を確認した',
    });
    await shot(page, 'closed', lang);
  });

  it('a manager reads the list and the deadlines, filters the overdue ones, and can change nothing', async () => {
    const { page } = await as('manager', lang);
    const { late } = fixtures[lang];
    await open(page, '/incidents', lang);
    expect(await page.getByRole('link', { name: t('inc.new'), exact: true }).count()).toBe(0);
    const row = page.locator(`tr[data-incident="${late.id}"]`);
    // Found eight days ago: day 5 (the preliminary report) was four days ago.
    expect(await row.locator('.badge.overdue').textContent()).toBe(t('inc.daysOverdue', { n: 4 }));
    await expectAccessible(page);

    await page.getByLabel(t('inc.overdueOnly'), { exact: true }).check();
    await Promise.all([
      page.waitForURL(/overdue=true/),
      page.getByRole('button', { name: t('list.filter'), exact: true }).click(),
    ]);
    const listed = await page
      .locator('tr[data-incident]')
      .evaluateAll((rs) => rs.map((r) => r.getAttribute('data-incident')));
    expect(listed.sort()).toEqual(LANGS.map((l) => fixtures[l].late.id).sort());
    expect(await text(page, '.pager')).toBe(t('list.range', { from: '1', to: '2', total: '2' }));
    await shot(page, 'list-overdue', lang);

    // At a phone's width the table scrolls sideways instead of squeezing its cells.
    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, '/incidents?status=all', lang);
    const cell = await row.locator('td').nth(1).boundingBox();
    expect(cell?.width ?? 0).toBeGreaterThan(80);
    await expectAccessible(page);
    await shot(page, 'list-390', lang);

    await row.getByRole('link').first().click();
    await page.waitForURL(`**/incidents/${late.id}`);
    expect(await page.locator('tr[data-step="preliminary"] .badge').textContent()).toBe(t('inc.daysOverdue', { n: 4 }));
    expect(await page.locator('main form').count()).toBe(0);
    for (const name of [t('inc.edit'), t('inc.close')]) {
      expect(await page.getByRole('link', { name, exact: true }).count(), name).toBe(0);
    }
    await expectAccessible(page);
    await shot(page, 'detail-390', lang);
    await page.setViewportSize({ width: 1280, height: 900 });

    await open(page, '/incidents/new', lang, 403);
    await open(page, `/incidents/${late.id}/close`, lang, 403);
    const csrf = await csrfOf(page);
    const post = await page.request.post(`/incidents/${late.id}/reports`, {
      form: { _csrf: csrf, version: String(late.version), preliminaryReportedOn: today() },
      maxRedirects: 0,
    });
    expect(post.status()).toBe(403);
    expect(await post.text()).toContain(t('err.forbidden', { role: labels.role.manager[lang] }));
    expect(await incident(late.id)).toMatchObject({ version: late.version, preliminaryReportedOn: null });
  });
});
