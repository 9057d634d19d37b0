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
import { getJson, launchBrowser, serverClient, signIn, submit } from '../support/browser';
import { newAgreement, newContractor, today } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Selection in Chromium: compliance sets the selection criteria (選定基準) in Japanese, then
 * meets an approval refused for the categories the selection review left unconfirmed; in
 * English a manager reads the criteria (no form) and the agreement's warning, on a phone too.
 */

const SHOTS = fileURLToPath(new URL('../../test-results/selection/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const tokens = {} as Record<'compliance' | 'manager', string>;
const contexts: BrowserContext[] = [];
let contractor: { id: string; name: string };
let agreementId: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-selection-'));
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([
    startServer({ ITAKU_DB_PATH: join(dir, 'itaku.db'), ITAKU_ADMIN_TOKEN: ADMIN_TOKEN, ITAKU_SWEEP_CRON: 'off' }),
    launchBrowser(),
  ]);
  admin = serverClient(server.url, ADMIN_TOKEN);
  for (const role of ['compliance', 'manager'] as const) {
    const res = await admin.post('/api/v1/users', { name: `${role} 担当`, role });
    tokens[role] = ((await res.json()) as { token: string }).token;
  }
  // Selected "satisfactory" with the four older categories only, the technical ones inadequate.
  contractor = await newContractor(admin, { name: '選定確認株式会社', country: 'DE' });
  agreementId = (await newAgreement(admin, contractor.id)).id;
  const compliance = serverClient(server.url, tokens.compliance);
  const review = (await (
    await compliance.post('/api/v1/reviews', { contractorId: contractor.id, kind: 'selection', dueDate: today() })
  ).json()) as { id: string };
  await compliance.post(`/api/v1/reviews/${review.id}/complete`, {
    completedOn: today(),
    outcome: 'satisfactory',
    checklist: { organizational: 'adequate', human: 'adequate', physical: 'adequate', technical: 'inadequate' },
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

async function as(role: keyof typeof tokens, lang: Lang): Promise<Page> {
  const { t } = i18n(lang);
  const signed = await signIn(browser, server.url, tokens[role], lang, {
    token: t('login.token'),
    submit: t('login.submit'),
  });
  contexts.push(signed.context);
  return signed.page;
}

const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });

describe('selection', () => {
  it('compliance sets the criteria and meets a refused approval, in Japanese', async () => {
    const lang = 'ja';
    const { t, label } = i18n(lang);
    const page = await as('compliance', lang);
    await page.goto('/settings/selection');
    expect(await page.locator('h1').textContent()).toBe(t('set.sel.title'));
    const basic = page.getByLabel(label(labels.checklistCategory, 'basicPolicy'), { exact: true });
    expect(await basic.inputValue()).toBe('none');
    await basic.selectOption('needs_improvement');
    await expectAccessible(page);
    const saved = await submit(page, page.getByRole('button', { name: t('set.sel.save'), exact: true }));
    expect(saved).toMatchObject({ status: 303, location: '/settings/selection?saved=1' });
    expect(await page.getByRole('status').textContent()).toBe(t('set.sel.saved'));
    await shot(page, 'criteria', lang);
    expect(await getJson(admin, '/api/v1/settings/selection-criteria')).toMatchObject({
      checklist: { basicPolicy: 'needs_improvement' },
      version: 1,
    });

    await page.goto(`/contractors/${contractor.id}/transition?to=approved`);
    await page.getByLabel(t('ctr.tr.confirm', { to: label(labels.contractorStatus, 'approved') })).check();
    const refused = await submit(page, page.getByRole('button', { name: t('ctr.to.approved'), exact: true }));
    expect(refused.status).toBe(409);
    const items = page.locator('#selection-gaps li');
    expect(await items.evaluateAll((li) => li.map((e) => e.getAttribute('data-category')))).toEqual([
      'basicPolicy',
      'handlingRules',
      'technical',
      'externalEnvironment',
    ]);
    const reasons = await items.allTextContents();
    expect(reasons[0]).toContain('基本方針の策定');
    expect(reasons[2]).toContain('技術的安全管理措置（10-6）が「不適切」');
    expect(reasons[3]).toContain('外的環境の把握');
    await expectAccessible(page);
    await shot(page, 'refused', lang);
    expect(await getJson(admin, `/api/v1/contractors/${contractor.id}`)).toMatchObject({ status: 'proposed' });
  });

  it('a manager reads the criteria and the agreement’s warning, also on a phone, in English', async () => {
    const lang = 'en';
    const { t, label } = i18n(lang);
    const page = await as('manager', lang);
    await page.goto('/settings/selection');
    expect(await page.locator('form[action="/settings/selection"]').count()).toBe(0);
    const table = (await page.locator('main table').textContent()) ?? '';
    expect(table).toContain(label(labels.checklistCategory, 'handlingRules'));
    expect(table).toContain(t('set.sel.atLeast', { rating: label(labels.checklistRating, 'needs_improvement') }));
    await expectAccessible(page);
    await page.goto(`/agreements/${agreementId}`);
    expect(await page.locator('#selection-pending p').first().textContent()).toBe(t('agr.selectionPending'));
    await expectAccessible(page);
    await page.setViewportSize({ width: 390, height: 800 });
    await shot(page, 'agreement-phone', lang);
  });
});
