import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { reportDeadlines } from '../../src/domain/incident-deadlines';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, serverClient, signIn, submit } from '../support/browser';
import { daysFromToday, newContractor, today } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * What the law asks of a leak beyond its deadlines, in Chromium: in Japanese, compliance
 * records an encrypted laptop's loss (refused until it says what was encrypted), with the
 * contractor's late notice, and closes it without a 確報; adds an extra closed day on the
 * settings page and sees a deadline move. In English, it reads the 速報 window and the
 * report's items for the PPC's form, is refused closing without the notice, records an
 * inquiry desk instead and closes.
 */

const SHOTS = fileURLToPath(new URL('../../test-results/incidents-law/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

interface Incident {
  id: string;
  reportable: boolean;
  excludedReasons: string[];
  finalDueOn: string | null;
  status: string;
  contractorNotice: { late: boolean } | null;
  alternativeNotice: { kind: string; on: string } | null;
}

let dir: string;
let server: RunningServer;
let browser: Browser;
let compliance: { token: string; api: Client };
let contractor: { id: string; name: string };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-incidents-law-'));
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
  const admin = serverClient(server.url, ADMIN_TOKEN);
  const res = await admin.post('/api/v1/users', { name: '監査 花子', role: 'compliance' });
  const body = (await res.json()) as { token: string };
  compliance = { token: body.token, api: serverClient(server.url, body.token) };
  const c = await newContractor(admin, { name: '株式会社サンプル物流' });
  contractor = { id: c.id, name: '株式会社サンプル物流' };
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function as(lang: Lang): Promise<{ context: BrowserContext; page: Page }> {
  const { t } = i18n(lang);
  return signIn(browser, server.url, compliance.token, lang, { token: t('login.token'), submit: t('login.submit') });
}
const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });
const incident = (id: string) => getJson<Incident>(compliance.api, `/api/v1/incidents/${id}`);
const idOf = (page: Page) => new URL(page.url()).pathname.split('/').at(-1) ?? '';

describe('the law around a leak', () => {
  it('in Japanese: an encrypted laptop, a late contractor, an extra closed day', async () => {
    const lang = 'ja';
    const { t, date } = i18n(lang);
    const { context, page } = await as(lang);
    try {
      await page.goto(`/incidents/new?contractorId=${contractor.id}`);
      await page.getByLabel(t('inc.summary'), { exact: true }).fill('委託先社員が暗号化済みノートPCを紛失');
      await page.getByLabel(t('inc.affectedCount'), { exact: true }).fill('5000');
      await page.getByLabel(t('il.factor.highlyEncrypted'), { exact: true }).check();
      await page.getByLabel(t('il.contractorAwareOn'), { exact: true }).fill(daysFromToday(-9));
      await page.getByLabel(t('il.contractorNotifiedOn'), { exact: true }).fill(daysFromToday(-1));
      const record = page.getByRole('button', { name: t('inc.record'), exact: true });
      expect(await submit(page, record)).toMatchObject({ status: 400 });
      expect(await page.locator('#encryptionNote-error').textContent()).toContain('復号鍵');
      expect(await page.getByLabel(t('il.encryptionNote'), { exact: true }).getAttribute('aria-invalid')).toBe('true');
      await expectAccessible(page);
      await shot(page, 'record-refused', lang);
      await page
        .getByLabel(t('il.encryptionNote'), { exact: true })
        .fill('BitLocker（AES-256）で暗号化。回復キーは社内の鍵管理サーバにあり、紛失していない');
      expect(await submit(page, record)).toMatchObject({ status: 303 });
      const id = idOf(page);
      expect(await incident(id)).toMatchObject({
        reportable: false,
        excludedReasons: ['over_1000_people'],
        contractorNotice: { late: true },
      });
      expect(await page.locator('main').textContent()).toContain('不要（高度な暗号化のため');
      expect(await page.locator('main').textContent()).toContain('遅延：');
      await expectAccessible(page);
      await shot(page, 'encrypted', lang);
      await page.goto(`/incidents/${id}/close`);
      await page.getByLabel(t('inc.closingSummary'), { exact: true }).fill('高度な暗号化により報告対象外');
      expect(await submit(page, page.getByRole('button', { name: t('inc.close'), exact: true }))).toMatchObject({
        status: 303,
      });

      // An extra closed day on the final deadline of a reportable leak moves it.
      const res = await compliance.api.post('/api/v1/incidents', {
        contractorId: contractor.id,
        summary: '不正アクセス',
        discoveredOn: daysFromToday(-3),
        affectedCount: 1500,
      });
      const leak = (await res.json()) as Incident;
      const due = reportDeadlines(daysFromToday(-3), false).finalDueOn;
      await page.goto('/settings/holidays');
      await expectAccessible(page);
      await page.getByLabel(t('hol.day'), { exact: true }).fill('2027-01-01');
      await page.getByLabel(t('hol.name'), { exact: true }).fill('元日');
      const add = page.getByRole('button', { name: t('hol.addButton'), exact: true });
      expect(await submit(page, add)).toMatchObject({ status: 400 });
      expect(await page.locator('#hol-day-error').textContent()).toContain('行政機関の休日');
      await page.getByLabel(t('hol.day'), { exact: true }).fill(due);
      await page.getByLabel(t('hol.name'), { exact: true }).fill('臨時の休日');
      expect(await submit(page, add)).toMatchObject({ status: 303 });
      expect(await page.getByRole('status').textContent()).toBe(t('hol.added.notice'));
      const moved = reportDeadlines(daysFromToday(-3), false, new Set([due])).finalDueOn;
      expect(moved).not.toBe(due);
      expect((await incident(leak.id)).finalDueOn).toBe(moved);
      expect(await page.locator(`tr[data-day="${due}"] td`).first().textContent()).toBe(date(due));
      await expectAccessible(page);
      await page.setViewportSize({ width: 390, height: 844 });
      await shot(page, 'holidays-390', lang);
    } finally {
      await context.close();
    }
  });

  it('in English: the 速報 window, the report items, and the notice before closing', async () => {
    const lang = 'en';
    const { t, date } = i18n(lang);
    const res = await compliance.api.post('/api/v1/incidents', {
      contractorId: contractor.id,
      summary: 'Ransomware on the contractor’s file server',
      discoveredOn: daysFromToday(-1),
      affectedCount: 300,
      factors: { wrongfulAct: true },
      reportedJointly: true,
    });
    const id = ((await res.json()) as Incident).id;
    const { context, page } = await as(lang);
    try {
      await page.goto(`/incidents/${id}`);
      const window = page.locator('tr[data-step="preliminary"] td').first();
      expect(await window.textContent()).toBe(
        t('il.window', { from: date(daysFromToday(1)), to: date(daysFromToday(3)) }),
      );
      const items = page.getByRole('textbox', { name: t('il.ppcText'), exact: true });
      expect(await items.getAttribute('readonly')).not.toBeNull();
      const text = await items.inputValue();
      expect(text).toContain('【漏えい等報告（速報）の報告事項');
      expect(text).toContain('委託先との連名：あり');
      expect(text).toContain('本人の数：300人');
      expect(text).toContain('不正の目的をもって行われたおそれがある行為');
      await expectAccessible(page);
      await shot(page, 'report-items', lang);

      await page.getByLabel(t('inc.preliminaryReportedOn'), { exact: true }).fill(today());
      await page.getByLabel(t('inc.finalReportedOn'), { exact: true }).fill(today());
      const save = page.getByRole('button', { name: t('inc.saveReports'), exact: true });
      expect(await submit(page, save)).toMatchObject({ status: 303 });
      await page.goto(`/incidents/${id}/close`);
      expect(await page.getByRole('alert').textContent()).toBe(t('il.subjectNoticeRequired'));
      expect(await page.getByRole('button', { name: t('inc.close'), exact: true }).count()).toBe(0);
      await expectAccessible(page);
      await shot(page, 'close-refused', lang);

      await page.goto(`/incidents/${id}`);
      await page.getByLabel(t('il.alternativeKind'), { exact: true }).selectOption('inquiry_desk');
      expect(await submit(page, save)).toMatchObject({ status: 400 });
      expect(await page.locator('[id="alternativeNotice.on-error"]').textContent()).toBe('is required');
      await page.getByLabel(t('il.alternativeOn'), { exact: true }).fill(today());
      expect(await submit(page, save)).toMatchObject({ status: 303 });
      expect((await incident(id)).alternativeNotice).toEqual({ kind: 'inquiry_desk', on: today() });
      await page.goto(`/incidents/${id}/close`);
      await page.getByLabel(t('inc.closingSummary'), { exact: true }).fill('Inquiry desk opened; contractor rebuilt');
      expect(await submit(page, page.getByRole('button', { name: t('inc.close'), exact: true }))).toMatchObject({
        status: 303,
      });
      expect((await incident(id)).status).toBe('closed');
    } finally {
      await context.close();
    }
  });
});
