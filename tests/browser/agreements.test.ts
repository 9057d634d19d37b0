import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, type Signed, serverClient, signIn, submit } from '../support/browser';
import { daysFromToday, newAgreement, newContractor, today } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * An agreement in Chromium, in Japanese and English: procurement reads it, edits its
 * terms (fixing what the form refuses, meeting someone else's change), terminates it and
 * records the deletion of the data, after which compliance can terminate the contractor;
 * a manager reads it and can change nothing.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/agreements/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

interface Agreement {
  id: string;
  title: string;
  reference: string | null;
  status: string;
  startDate: string;
  endDate: string | null;
  clauses: Record<string, boolean>;
  dataCategories: string[];
  terminatedOn: string | null;
  dataDisposition: { method: string; confirmedOn: string; evidence: string } | null;
  version: number;
}

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const users = {} as Record<'procurement' | 'compliance' | 'manager', { token: string; api: Client }>;
const contexts: BrowserContext[] = [];
const fixtures = {} as Record<Lang, { contractor: { id: string; name: string }; agreement: Agreement }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-agreements-'));
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
  const names = { procurement: '調達 花子', compliance: 'Carol Compliance', manager: '管理 太郎' };
  for (const role of ['procurement', 'compliance', 'manager'] as const) {
    const res = await admin.post('/api/v1/users', { name: names[role], role });
    if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string };
    users[role] = { token: body.token, api: serverClient(server.url, body.token) };
  }
  for (const lang of LANGS) {
    const contractor = await newContractor(admin, { name: `終了予定データ ${lang}` });
    const agreement = (await newAgreement(admin, contractor.id, {
      title: `顧客データ処理委託契約 ${lang}`,
    })) as unknown as Agreement;
    fixtures[lang] = { contractor, agreement };
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

async function open(page: Page, path: string, status = 200) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(status);
}

const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });
/** How wide the page's content is (wider than the window means sideways scrolling). */
const pageWidth = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
        .scrollWidth,
  );
const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();
const agreement = (id: string) => getJson<Agreement>(admin, `/api/v1/agreements/${id}`);

describe.each(LANGS)('agreements in %s', (lang) => {
  const { t, label, date } = i18n(lang);

  it('procurement edits the terms, terminates the agreement and records the deletion of the data', async () => {
    const { page } = await as('procurement', lang);
    const { contractor, agreement: a } = fixtures[lang];
    await open(page, `/agreements/${a.id}`);
    expect(await text(page, 'h1')).toBe(`${t('agr.title')}: ${a.title}`);
    expect(await page.locator('main').textContent()).toContain(t('agr.dispositionMissing'));
    await expectAccessible(page);
    await shot(page, 'detail', lang);

    await page.getByRole('link', { name: t('agr.edit'), exact: true }).click();
    await page.waitForURL(`**/agreements/${a.id}/edit`);
    const terms = page.locator(`form[action="/agreements/${a.id}"]`);
    const field = (name: string) => terms.getByLabel(name, { exact: true });
    expect(await field(t('a.title')).inputValue()).toBe(a.title);
    await expectAccessible(page);

    // An end before the start and no data category: both named next to their fields, the typing kept.
    await field(t('a.title')).fill(`改定 顧客データ処理委託契約 ${lang}`);
    await field(t('agr.reference')).fill('C-2026-042');
    await field(t('a.endDate')).fill(daysFromToday(-200));
    const categories = terms.getByRole('group', { name: t('c.dataCategories'), exact: true });
    await categories.getByLabel(label(labels.dataCategory, 'customers'), { exact: true }).uncheck();
    const clauses = terms.getByRole('group', { name: t('a.clauses'), exact: true });
    await clauses.getByLabel(label(labels.clause, 'reporting'), { exact: true }).uncheck();
    const save = terms.getByRole('button', { name: t('c.save'), exact: true });
    expect(await submit(page, save)).toMatchObject({ status: 400, alert: t('err.title') });
    expect(await text(page, '#endDate-error')).not.toBe('');
    expect(await field(t('a.endDate')).getAttribute('aria-invalid')).toBe('true');
    expect(await categories.getAttribute('aria-invalid')).toBe('true');
    expect(await text(page, '#dataCategories-error')).not.toBe('');
    expect(await field(t('a.title')).inputValue()).toBe(`改定 顧客データ処理委託契約 ${lang}`);
    expect(await clauses.getByLabel(label(labels.clause, 'reporting'), { exact: true }).isChecked()).toBe(false);
    expect(await agreement(a.id)).toMatchObject({ title: a.title, version: 1 });
    await expectAccessible(page);
    await shot(page, 'edit-errors', lang);

    // Someone else saves first: what is saved now is shown, the typing stays.
    const other = await users.procurement.api.patch(
      `/api/v1/agreements/${a.id}`,
      { noticePeriodDays: 90 },
      { 'if-match': '"1"' },
    );
    expect(other.status).toBe(200);
    await field(t('a.endDate')).fill(daysFromToday(400));
    await categories.getByLabel(label(labels.dataCategory, 'employees'), { exact: true }).check();
    expect(await submit(page, save)).toMatchObject({ status: 412, alert: t('agr.conflict') });
    const savedNow = page.locator('details.saved-now');
    expect(await savedNow.getAttribute('open')).not.toBeNull();
    expect(await savedNow.textContent()).toContain(t('agr.days', { n: 90 }));
    expect(await field(t('a.endDate')).inputValue()).toBe(daysFromToday(400));
    expect(await field(t('agr.reference')).inputValue()).toBe('C-2026-042');
    await expectAccessible(page);
    await shot(page, 'edit-conflict', lang);
    const saved = await submit(page, save);
    expect(saved).toMatchObject({ status: 303, location: `/agreements/${a.id}?saved=1` });
    expect(await page.getByRole('status').textContent()).toBe(t('c.saved'));
    expect(await agreement(a.id)).toMatchObject({
      title: `改定 顧客データ処理委託契約 ${lang}`,
      reference: 'C-2026-042',
      endDate: daysFromToday(400),
      dataCategories: ['employees'],
      clauses: expect.objectContaining({ reporting: false, responsibilities: true }),
      version: 3,
    });
    expect(await page.locator('main').textContent()).toContain(
      `${label(labels.clause, 'reporting')}: ${t('a.missing')}`,
    );

    // Terminate: the date and a confirmation, ticked by keyboard.
    await page.getByRole('link', { name: t('agr.edit'), exact: true }).click();
    await page.waitForURL(`**/agreements/${a.id}/edit`);
    const terminate = page.locator(`form[action="/agreements/${a.id}/terminate"]`);
    await terminate.getByLabel(t('agr.terminatedOn'), { exact: true }).fill(today());
    const end = terminate.getByRole('button', { name: t('agr.terminate'), exact: true });
    expect(await submit(page, end)).toMatchObject({ status: 400 });
    expect(await text(page, '#confirmTerminate-error')).toBe(t('agr.confirmRequired'));
    expect((await agreement(a.id)).terminatedOn).toBeNull();
    await page.getByLabel(t('agr.terminateConfirm'), { exact: true }).focus();
    await page.keyboard.press('Space');
    expect(await submit(page, end)).toMatchObject({ status: 303, location: `/agreements/${a.id}?saved=1` });
    expect(await page.locator('main').textContent()).toContain(t('agr.terminated', { date: date(today()) }));
    expect(await agreement(a.id)).toMatchObject({ terminatedOn: today(), status: 'terminated' });

    // The contractor cannot be terminated yet: the data has not come back.
    const blocked = await users.compliance.api.post(`/api/v1/contractors/${contractor.id}/transition`, {
      to: 'terminated',
      reason: '委託終了',
    });
    expect(blocked.status).toBe(409);

    // Record the deletion: the method must be chosen, not defaulted.
    await page.getByRole('link', { name: t('agr.edit'), exact: true }).click();
    await page.waitForURL(`**/agreements/${a.id}/edit`);
    const disposition = page.locator(`form[action="/agreements/${a.id}/disposition"]`);
    const method = disposition.getByLabel(t('agr.dispositionMethod'), { exact: true });
    expect(await method.inputValue()).toBe('');
    const evidence = disposition.getByLabel(t('agr.evidence'), { exact: true });
    await evidence.fill('データ消去証明書 No. 2026-118');
    const record = disposition.getByRole('button', { name: t('agr.recordDisposition'), exact: true });
    expect(await submit(page, record)).toMatchObject({ status: 400 });
    expect(await text(page, '[id="dataDisposition.method-error"]')).toBe(
      lang === 'ja' ? '指定してください' : 'is required',
    );
    expect(await evidence.inputValue()).toBe('データ消去証明書 No. 2026-118');
    await method.selectOption('deleted');
    expect(await submit(page, record)).toMatchObject({ status: 303 });
    const main = (await page.locator('main').textContent()) ?? '';
    expect(main).toContain(label(labels.dispositionMethod, 'deleted'));
    expect(main).toContain('データ消去証明書 No. 2026-118');
    expect(main).not.toContain(t('agr.dispositionMissing'));
    expect(await agreement(a.id)).toMatchObject({
      dataDisposition: { method: 'deleted', confirmedOn: today(), evidence: 'データ消去証明書 No. 2026-118' },
    });
    await expectAccessible(page);
    await shot(page, 'disposed', lang);

    // …which was the last thing in the way of terminating the contractor.
    const ended = await users.compliance.api.post(`/api/v1/contractors/${contractor.id}/transition`, {
      to: 'terminated',
      reason: '委託終了',
    });
    expect(ended.status).toBe(200);
  });

  it('a manager reads the agreement, also on a phone, and can change nothing', async () => {
    const { context, page } = await as('manager', lang);
    const { agreement: a } = fixtures[lang];
    await open(page, `/agreements/${a.id}`);
    expect(await page.getByRole('link', { name: t('agr.edit'), exact: true }).count()).toBe(0);
    expect(await page.locator('main form').count()).toBe(0);
    await open(page, `/agreements/${a.id}/edit`, 403);
    expect(await page.getByRole('alert').textContent()).toBe(t('err.forbidden', { role: labels.role.manager[lang] }));

    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await open(phone, `/agreements/${a.id}`);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
    const box = await phone.locator('table.record td').first().boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(120);
    await expectAccessible(phone);
    await shot(phone, 'phone', lang);
  });

  it('procurement’s edit page works on a phone too', async () => {
    const { context } = await as('procurement', lang);
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    const c = await newContractor(admin, { name: `携帯確認 ${lang}` });
    const a = (await newAgreement(admin, c.id)) as unknown as Agreement;
    await open(phone, `/agreements/${a.id}/edit`);
    expect(await pageWidth(phone)).toBeLessThanOrEqual(390);
    await expectAccessible(phone);
    await shot(phone, 'phone-edit', lang);
  });
});
