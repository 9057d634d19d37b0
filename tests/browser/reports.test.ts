import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Papa from 'papaparse';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, type Signed, serverClient, signIn, submit } from '../support/browser';
import {
  activeContractor,
  allClauses,
  daysFromToday,
  newAgreement,
  passingChecklist,
  scheduleReview,
} from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * The board report, the CSV downloads and the calendar feed settings in a real Chromium
 * against the real Node server, in Japanese and English: a manager reads the report
 * (checked against the API), downloads both CSV files with labels in the page language,
 * and prints the report to an A4 PDF; compliance and procurement read it too; every role
 * issues, replaces and revokes its calendar feed address.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/reports/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const tokens = {} as Record<'procurement' | 'compliance' | 'manager', string>;
const contexts: BrowserContext[] = [];

interface Summary {
  supervision: Record<string, Record<string, number>>;
  reviews: { overdue: number };
  findings: { overdue: number };
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-reports-browser-'));
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
    tokens[role] = ((await res.json()) as { token: string }).token;
  }
  // A year of supervision, with something in every section of the report.
  const names2 = ['東京物流株式会社', '大阪決済サービス株式会社', 'Nagoya Cloud KK', '福岡コールセンター株式会社'];
  for (const [i, name] of names2.entries()) {
    const c = await activeContractor(admin, {
      name,
      handlesSpecialCare: i === 0,
      handlesPaymentData: i === 1,
      subjectCount: [150_000, 40_000, 800, 5_000][i],
    });
    await scheduleReview(admin, c.id, daysFromToday(-5 - i * 7), i % 2 ? 'document_review' : 'on_site_audit');
    const done = await scheduleReview(admin, c.id, daysFromToday(-200 + i * 30), 'periodic');
    await admin.post(`/api/v1/reviews/${done.id}/complete`, {
      completedOn: daysFromToday(-190 + i * 30),
      outcome: ['satisfactory', 'minor_findings', 'major_findings', 'satisfactory'][i],
      checklist: passingChecklist,
      findings:
        i === 2
          ? [
              {
                severity: 'high',
                category: 'technical',
                description: '管理者権限の棚卸しが未実施',
                dueDate: daysFromToday(-30),
              },
            ]
          : [],
    });
    await newAgreement(admin, c.id, {
      title: `${name} 業務委託契約`,
      endDate: daysFromToday([40, 75, 300, 20][i] ?? 300),
      clauses: i === 3 ? { ...allClauses, incidentReporting: false } : allClauses,
    });
    if (i === 0) {
      await admin.post('/api/v1/incidents', {
        contractorId: c.id,
        summary: '配送伝票の誤送付（顧客情報 1,200件）',
        discoveredOn: daysFromToday(-2),
        affectedCount: 1200,
        factors: { specialCare: false, financialHarm: false, wrongfulAct: false, overThousand: true },
      });
    }
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

async function as(role: keyof typeof tokens, lang: Lang): Promise<Signed> {
  const { t } = i18n(lang);
  const signed = await signIn(browser, server.url, tokens[role], lang, {
    token: t('login.token'),
    submit: t('login.submit'),
  });
  contexts.push(signed.context);
  return signed;
}

const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });

/** Downloads what a link points at, as the browser saves it, parsed as CSV. */
async function download(page: Page, name: string) {
  const [file] = await Promise.all([
    page.waitForEvent('download'),
    page.getByRole('link', { name, exact: true }).click(),
  ]);
  const bytes = readFileSync((await file.path()) ?? '');
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  const parsed = Papa.parse<Record<string, string>>(bytes.subarray(3).toString('utf8'), {
    header: true,
    skipEmptyLines: true,
  });
  return { name: file.suggestedFilename(), rows: parsed.data, fields: parsed.meta.fields ?? [] };
}

describe.each(LANGS)('the supervision report in %s', (lang) => {
  const { t, label } = i18n(lang);

  it('a manager reads the report, downloads the CSV files and prints it to an A4 PDF', async () => {
    const { page } = await as('manager', lang);
    await page.getByRole('link', { name: t('nav.reports'), exact: true }).click();
    await page.waitForURL('**/reports/supervision');
    expect(await page.locator('h1').textContent()).toBe(t('rep.title'));

    // The figures are the dashboard's.
    const summary = await getJson<Summary>(admin, '/api/v1/dashboard/summary');
    for (const tier of ['high', 'medium', 'low']) {
      const cells = await page.locator(`tr[data-tier="${tier}"] td`).allTextContents();
      const expected = Object.values(summary.supervision[tier] ?? {});
      expect(cells.map(Number)).toEqual([...expected, expected.reduce((a, b) => a + b, 0)]);
    }
    const overdue = page.locator('section[aria-labelledby="rep-overdue-reviews"]');
    expect(await overdue.locator('h2').textContent()).toContain(t('rep.count', { n: summary.reviews.overdue }));
    expect(await overdue.locator('tbody tr').count()).toBe(summary.reviews.overdue);
    const findings = page.locator('section[aria-labelledby="rep-overdue-findings"]');
    expect(await findings.locator('tbody tr').count()).toBe(summary.findings.overdue);
    expect(await findings.textContent()).toContain('管理者権限の棚卸しが未実施');
    const incidents = page.locator('section[aria-labelledby="rep-incidents"]');
    expect(await incidents.textContent()).toContain('配送伝票の誤送付');
    const gaps = page.locator('section[aria-labelledby="rep-gaps"]');
    expect(await gaps.textContent()).toContain(label(labels.clause, 'incidentReporting'));
    const ending = page.locator('section[aria-labelledby="rep-ending"] tbody tr');
    expect(await ending.count()).toBe(3);
    await page.getByLabel(t('rep.org'), { exact: true }).fill('株式会社サンプルホールディングス');
    await Promise.all([
      page.waitForURL('**/reports/supervision?*'),
      page.getByRole('button', { name: t('rep.show') }).click(),
    ]);
    expect(await page.locator('.report-org').textContent()).toBe('株式会社サンプルホールディングス');
    await expectAccessible(page);
    await shot(page, 'report', lang);

    // Both downloads, with labels in the page's language.
    const status = await download(page, t('rep.dlSupervision'));
    expect(status.name).toMatch(/^itaku-supervision-status-\d{4}-\d{2}-\d{2}\.csv$/);
    expect(status.rows).toHaveLength(4);
    const tokyo = status.rows.find((r) => (r[lang === 'ja' ? '名称' : 'Name'] ?? '') === '東京物流株式会社');
    expect(tokyo?.[lang === 'ja' ? 'リスク区分' : 'Risk tier']).toBe(label(labels.riskTier, 'high'));
    expect(tokyo?.[lang === 'ja' ? '監督状況' : 'Supervision status']).toBe(label(labels.supervisionStatus, 'overdue'));
    const reviews = await download(page, t('rep.dlReviews'));
    expect(reviews.fields).toContain(lang === 'ja' ? '種別' : 'Kind');
    const kinds = new Set(reviews.rows.map((r) => r[lang === 'ja' ? '種別' : 'Kind']));
    expect(kinds).toContain(label(labels.reviewKind, 'on_site_audit'));
    expect(kinds).not.toContain('on_site_audit');
    const period = await download(page, t('rep.dlPeriod'));
    expect(
      period.rows.every((r) => r[lang === 'ja' ? 'ステータス' : 'Status'] === label(labels.reviewStatus, 'completed')),
    ).toBe(true);

    // Printed: no navigation or forms, A4, each section from a new page.
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('body > header').isVisible()).toBe(false);
    expect(await page.locator('form.filters').isVisible()).toBe(false);
    expect(await page.locator('.downloads').isVisible()).toBe(false);
    expect(await page.locator('.report-org').isVisible()).toBe(true);
    await page.screenshot({ path: join(SHOTS, `report-print-${lang}.png`), fullPage: true });
    const pdf = await page.pdf({ format: 'A4', path: join(SHOTS, `supervision-report-${lang}.pdf`) });
    await page.emulateMedia({ media: 'screen' });
    const raw = pdf.toString('latin1');
    expect(raw.startsWith('%PDF-')).toBe(true);
    const pages = raw.match(/\/Type\s*\/Page[^s]/g)?.length ?? 0;
    // The status page, then one page at least per section after it.
    expect(pages).toBeGreaterThanOrEqual(7);
    // A4: 595 × 842 points.
    expect(raw).toMatch(/\/MediaBox\s*\[\s*0 0 595\.\d+ 841\.\d+\s*\]|\/MediaBox\s*\[\s*0 0 595\.\d+ 842\.\d+\s*\]/);
    // The Japanese text is embedded as a font, not drawn as boxes.
    expect(raw).toMatch(/\/FontName\s*\/[A-Z]{6}\+Noto/);

    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'report-390', lang);
  });

  it('compliance and procurement read the same report; a bad period is shown next to its field', async () => {
    for (const role of ['compliance', 'procurement'] as const) {
      const { page } = await as(role, lang);
      const res = await page.goto('/reports/supervision');
      expect(res?.status()).toBe(200);
      expect(await page.locator('h1').textContent()).toBe(t('rep.title'));
    }
    const { page } = await as('manager', lang);
    await page.goto('/reports/supervision');
    await page.getByLabel(t('rep.from'), { exact: true }).fill(daysFromToday(10));
    await page.getByLabel(t('rep.to'), { exact: true }).fill(daysFromToday(-10));
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.url().includes('/reports/supervision?')),
      page.getByRole('button', { name: t('rep.show') }).click(),
    ]);
    expect(res.status()).toBe(400);
    await page.waitForLoadState('load');
    const to = page.getByLabel(t('rep.to'), { exact: true });
    expect(await to.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#rep-to-error').textContent()).toBe(t('rep.badPeriod'));
    expect(await to.inputValue()).toBe(daysFromToday(-10));
    await expectAccessible(page);
  });
});

describe.each(LANGS)('the calendar feed settings in %s', (lang) => {
  const { t } = i18n(lang);

  it('every role issues its feed address, replaces it after confirming, and revokes it', async () => {
    for (const role of ['manager', 'compliance', 'procurement'] as const) {
      const { page } = await as(role, lang);
      // The user's name in the header leads to the personal settings.
      await page.locator('header .me a[href="/settings/calendar"]').click();
      await page.waitForURL('**/settings/calendar');
      expect(await page.locator('h1').textContent()).toBe(t('set.title'));
      expect(await page.locator('.feed-status').textContent()).toBe(t('set.inactive'));
      if (role === 'manager') {
        await expectAccessible(page);
        await shot(page, 'calendar-none', lang);
      }

      expect(await submit(page, page.getByRole('button', { name: t('set.issue'), exact: true }))).toMatchObject({
        status: 200,
      });
      const url = await page.getByLabel(t('set.url'), { exact: true }).inputValue();
      expect(url).toMatch(new RegExp(`^${server.url}/api/v1/calendar\\.ics\\?token=itkf_`));
      const feed = await fetch(url);
      expect(feed.status).toBe(200);
      expect(await feed.text()).toContain('BEGIN:VCALENDAR');
      if (role === 'manager') {
        await expectAccessible(page);
        await shot(page, 'calendar-issued', lang);
      }

      // Replacing a live address needs the box ticked; the old address then stops.
      const reissue = page.getByRole('button', { name: t('set.reissue'), exact: true });
      expect(await submit(page, reissue)).toMatchObject({ status: 400 });
      expect(await page.locator('#confirm-issue-error').textContent()).toBe(t('set.confirmRequired'));
      expect((await fetch(url)).status).toBe(200);
      await page.getByLabel(t('set.confirmReissue'), { exact: true }).check();
      expect(await submit(page, page.getByRole('button', { name: t('set.reissue'), exact: true }))).toMatchObject({
        status: 200,
      });
      const next = await page.getByLabel(t('set.url'), { exact: true }).inputValue();
      expect(next).not.toBe(url);
      expect((await fetch(url)).status).toBe(401);

      await page.getByRole('link', { name: t('set.back'), exact: true }).click();
      await page.waitForURL('**/settings/calendar');
      await page.getByLabel(t('set.confirmRevoke'), { exact: true }).check();
      expect(await submit(page, page.getByRole('button', { name: t('set.revoke'), exact: true }))).toMatchObject({
        status: 303,
        location: '/settings/calendar?revoked=1',
      });
      expect(await page.getByRole('status').textContent()).toBe(t('set.revoked'));
      expect(await page.locator('.feed-status').textContent()).toBe(t('set.inactive'));
      expect((await fetch(next)).status).toBe(401);
      if (role === 'manager') {
        await expectAccessible(page);
        await shot(page, 'calendar-revoked', lang);
        await page.setViewportSize({ width: 390, height: 844 });
        await shot(page, 'calendar-revoked-390', lang);
      }
    }
  });
});
