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
import { daysFromToday, newContractor, today } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Provision records in Chromium: compliance (in Japanese) records a provision to a
 * contractor abroad on consent, is told next to the field what the rule asks, and lands on
 * the record with its derived retention; a manager (in English) narrows the list by data
 * category for a disclosure request and reads the record, with nothing to change.
 */

const SHOTS = fileURLToPath(new URL('../../test-results/provision-records/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const users = {} as Record<'compliance' | 'manager', { token: string; api: Client }>;
const contexts: BrowserContext[] = [];
let contractor: { id: string; name: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-provision-'));
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
  for (const role of ['compliance', 'manager'] as const) {
    const res = await admin.post('/api/v1/users', { name: `${role} 担当`, role });
    if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string };
    users[role] = { token: body.token, api: serverClient(server.url, body.token) };
  }
  contractor = await newContractor(admin, {
    name: 'Pacific Fulfilment LLC',
    country: 'US',
    crossBorderBasis: 'consent',
    crossBorderConsent: {
      informedOn: today(),
      countryName: '米国',
      systemInfo: '州法による保護',
      measuresInfo: '暗号化',
    },
  });
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

const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });

describe('provision records', () => {
  it('compliance records a provision in Japanese, fixing what the rule asks for', async () => {
    const lang = 'ja';
    const { t } = i18n(lang);
    const { page } = await as('compliance', lang);
    // The records are reached from the contractor's page (handling abroad) or by address.
    await page.goto('/provision-records');
    expect(await page.locator('h1').textContent()).toBe(t('prov.title'));
    await expectAccessible(page);

    await page.getByRole('link', { name: t('prov.new'), exact: true }).click();
    await page.getByLabel(t('prov.contractor'), { exact: true }).selectOption(contractor.id);
    await page.getByRole('button', { name: t('prov.chooseContractor'), exact: true }).click();
    await page.waitForURL(/contractorId=/);
    await expectAccessible(page);
    await page.getByLabel(t('prov.providedFrom'), { exact: true }).fill(daysFromToday(-5));
    await page.getByLabel('顧客', { exact: true }).check();
    await page.getByLabel(t('prov.subjects'), { exact: true }).fill('2026年春キャンペーン応募者（応募番号で特定）');
    await page.getByLabel(t('prov.items'), { exact: true }).fill('氏名、配送先住所、電話番号');
    const save = page.getByRole('button', { name: t('prov.save'), exact: true });
    // Consent is the basis: the record must say the person consented (規則20条1項2号イ).
    expect(await submit(page, save)).toMatchObject({ status: 400, alert: t('err.title') });
    const note = page.getByLabel(t('prov.consentNote'), { exact: true });
    expect(await note.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#consentNote-error').textContent()).toContain('本人の同意を得ている旨');
    expect(await page.getByLabel(t('prov.items'), { exact: true }).inputValue()).toBe('氏名、配送先住所、電話番号');
    await shot(page, 'refused', lang);
    await note.fill('応募フォームで外国名・制度・措置を示して同意を取得');
    const saved = await submit(page, save);
    expect(saved).toMatchObject({ status: 303 });
    expect(await page.locator('.notice[role="status"]').textContent()).toBe(t('prov.saved'));
    const id = new URL(page.url()).pathname.split('/').pop() ?? '';
    const record = await getJson<{ retainUntil: string }>(users.manager.api, `/api/v1/provision-records/${id}`);
    expect(await page.locator('table.facts').textContent()).toContain(i18n(lang).date(record.retainUntil));
    await expectAccessible(page);
    await shot(page, 'record', lang);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'record-390', lang);
  });

  it('a manager narrows the list by data category in English and reads a record', async () => {
    const lang = 'en';
    const { t, label } = i18n(lang);
    await users.compliance.api.post('/api/v1/provision-records', {
      contractorId: contractor.id,
      providedFrom: daysFromToday(-60),
      providedUntil: daysFromToday(100),
      country: 'US',
      dataCategories: ['employees'],
      subjects: 'Employees seconded to the US office',
      items: 'Name, employee number, salary grade',
      consentNote: 'Written consent at secondment',
    });
    const { page } = await as('manager', lang);
    await page.goto('/provision-records');
    expect(await page.locator('tr[data-record]').count()).toBe(2);
    expect(await page.getByRole('link', { name: t('prov.new'), exact: true }).count()).toBe(0);
    await page.getByLabel(t('prov.categories'), { exact: true }).selectOption('employees');
    await Promise.all([
      page.waitForURL(/dataCategory=employees/),
      page.getByRole('button', { name: t('list.filter'), exact: true }).click(),
    ]);
    const rows = page.locator('tr[data-record]');
    expect(await rows.count()).toBe(1);
    expect(await rows.first().textContent()).toContain(label(labels.dataCategory, 'employees'));
    await expectAccessible(page);
    await shot(page, 'list', lang);
    await rows.first().getByRole('link').first().click();
    await page.waitForURL(/\/provision-records\/[^/?]+$/);
    expect(await page.locator('table.facts').textContent()).toContain(t('prov.methodCollective'));
    expect(await page.locator('form.prov-form').count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'record', lang);
  });
});
