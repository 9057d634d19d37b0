import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, serverClient, signIn, submit } from '../support/browser';
import { type ContractorBody, daysFromToday, newAgreement, newContractor, today } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Abroad and re-consignment in a real Chromium against the real Node server: procurement
 * (Japanese) registers a sub-contractor that stores data abroad under a prior-approval
 * agreement, is told next to each fieldset what the law needs, and records it; compliance
 * (English) terminates a parent with its sub-contractor from the chain's confirmation page.
 */

const SHOTS = fileURLToPath(new URL('../../test-results/contractors-law/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const tokens = {} as Record<'procurement' | 'compliance', string>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-contractors-law-'));
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([
    startServer({ ITAKU_DB_PATH: join(dir, 'itaku.db'), ITAKU_ADMIN_TOKEN: ADMIN_TOKEN, ITAKU_SWEEP_CRON: 'off' }),
    launchBrowser(),
  ]);
  admin = serverClient(server.url, ADMIN_TOKEN);
  for (const role of ['procurement', 'compliance'] as const) {
    const res = await admin.post('/api/v1/users', { name: `${role} 担当`, role });
    tokens[role] = ((await res.json()) as { token: string }).token;
  }
});

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
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

describe('abroad and re-consignment', () => {
  it('procurement registers a sub-contractor abroad, told what the law needs next to each fieldset (ja)', async () => {
    const lang: Lang = 'ja';
    const { t, label } = i18n(lang);
    const parent = await newContractor(admin, { name: '親元印刷株式会社', dataCategories: ['customers', 'my_number'] });
    await newAgreement(admin, parent.id, { reconsignment: 'prior_approval' });
    const page = await as('procurement', lang);
    await page.goto('/contractors/new');
    await page.getByLabel(t('c.name'), { exact: true }).fill('海外保管サービス株式会社');
    const categories = page.getByRole('group', { name: t('c.dataCategories'), exact: true });
    await categories.getByLabel(label(labels.dataCategory, 'customers'), { exact: true }).check();
    await categories.getByLabel(label(labels.dataCategory, 'my_number'), { exact: true }).check();
    await page.getByLabel(t('cl.processing'), { exact: true }).selectOption(['US', 'SG']);
    await page.getByLabel(t('c.crossBorderBasis'), { exact: true }).selectOption('consent');
    // The parent by search, as the register does it.
    await page.getByLabel(t('ctr.parent.search'), { exact: true }).fill('親元印刷');
    await submit(page, page.getByRole('button', { name: t('ctr.parent.find'), exact: true }));
    await page.getByRole('radio', { name: /^親元印刷株式会社/ }).check();
    await expectAccessible(page);

    const noConsent = await submit(page, page.getByRole('button', { name: t('c.save'), exact: true }));
    expect(noConsent.status).toBe(400);
    expect(await page.locator('#crossBorderConsent-error').textContent()).toContain('施行規則17条2項');
    expect(
      await page
        .getByLabel(t('cl.processing'), { exact: true })
        .evaluate((s) =>
          [...(s as unknown as { selectedOptions: { value: string }[] }).selectedOptions].map((o) => o.value),
        ),
    ).toEqual(['US', 'SG']);
    await shot(page, 'form-refused', lang);
    await expectAccessible(page);
    const consent = page.getByRole('group', { name: t('cl.consent') });
    await consent.getByLabel(t('cl.consent.informedOn')).fill(daysFromToday(-3));
    await consent.getByLabel(t('cl.consent.countryName')).fill('アメリカ合衆国、シンガポール');
    await consent.getByLabel(t('cl.consent.systemInfo')).fill('米国: 州法（CCPA 等）\nシンガポール: PDPA');
    await consent.getByLabel(t('cl.consent.measuresInfo')).fill('提供先は ISO/IEC 27001 に基づく措置を講じている');

    const noApproval = await submit(page, page.getByRole('button', { name: t('c.save'), exact: true }));
    expect(noApproval.status).toBe(400);
    expect(await page.locator('#reconsignmentApproval-error').textContent()).toContain('事前承認');
    const approval = page.getByRole('group', { name: t('cl.approval') });
    await approval.getByLabel(t('cl.approval.approvedOn')).fill(daysFromToday(-1));
    await approval.getByLabel(t('cl.approval.approvedBy')).fill('親元印刷 情報システム部長');
    await approval.getByLabel(t('cl.approval.work')).fill('配送伝票データの保管');
    await approval.getByLabel(t('cl.approval.handling')).fill('暗号化して保管し、90日後に削除');
    const myNumber = page.getByRole('group', { name: t('cl.myNumber') });
    await myNumber.getByLabel(t('cl.myNumber.permittedOn')).fill(daysFromToday(-1));
    await myNumber.getByLabel(t('cl.myNumber.permittedBy')).fill('人事部長');
    const saved = await submit(page, page.getByRole('button', { name: t('c.save'), exact: true }));
    expect(saved.status).toBe(303);
    const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const body = await getJson<ContractorBody>(admin, `/api/v1/contractors/${id}`);
    expect(body).toMatchObject({
      processingCountries: ['US', 'SG'],
      crossBorderConsent: { countryName: 'アメリカ合衆国、シンガポール' },
      reconsignmentApproval: { approvedBy: '親元印刷 情報システム部長' },
      myNumberPermission: { permittedBy: '人事部長' },
    });
    const abroad = await page.locator('section.law').textContent();
    expect(abroad).toContain('シンガポール (SG)');
    expect(abroad).toContain(t('cl.notes.missing', { countries: 'アメリカ合衆国 (US)、シンガポール (SG)' }));
    expect(await page.locator('#chain').locator('..').textContent()).toContain('暗号化して保管し、90日後に削除');
    await expectAccessible(page);
    await shot(page, 'detail', lang);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'detail-390', lang);
  }, 20_000);

  it('compliance terminates a parent with its sub-contractor from the chain’s confirmation page (en)', async () => {
    const lang: Lang = 'en';
    const { t } = i18n(lang);
    const parent = await newContractor(admin, { name: 'Parent Logistics' });
    const child = await newContractor(admin, {
      name: 'Child Couriers',
      dataCategories: ['customers'],
      parentId: parent.id,
    });
    const agreement = await newAgreement(admin, child.id, { reconsignment: 'allowed', title: 'Courier agreement' });
    const page = await as('compliance', lang);
    await page.goto(`/contractors/${parent.id}`);
    await page.getByRole('link', { name: t('ctr.to.terminated'), exact: true }).click();
    // Sent to the chain's page: it lists the sub-contractor and what it lacks.
    expect(new URL(page.url()).pathname).toBe(`/contractors/${parent.id}/terminate-chain`);
    expect(await page.locator(`tr[data-member="${child.id}"]`).textContent()).toContain('Courier agreement');
    await expectAccessible(page);
    await page.getByLabel(new RegExp(`^${t('ctr.reason')}`)).fill('Contract ended');
    await page.getByLabel(t('cl.end.confirm', { name: 'Parent Logistics' })).check();
    const noCascade = await submit(page, page.getByRole('button', { name: t('cl.end.submit'), exact: true }));
    expect(noCascade.status).toBe(400);
    expect(await page.locator('#cascade-error').textContent()).toBe(t('cl.end.cascadeMissing'));
    await page.getByLabel(t('cl.end.cascade', { n: 1 })).check();
    const lacking = await submit(page, page.getByRole('button', { name: t('cl.end.submit'), exact: true }));
    expect(lacking.status).toBe(409);
    expect(await page.locator(`#subContractors-${child.id}-error`).textContent()).toContain('Courier agreement');
    expect(await page.getByLabel(new RegExp(`^${t('ctr.reason')}`)).inputValue()).toBe('Contract ended');
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'chain-end-refused-390', lang);
    await expectAccessible(page);
    await admin.patch(`/api/v1/agreements/${agreement.id}`, {
      dataDisposition: { method: 'deleted', confirmedOn: today(), evidence: 'Deletion certificate' },
    });
    await page.getByLabel(t('cl.end.cascade', { n: 1 })).check();
    await page.getByLabel(t('cl.end.confirm', { name: 'Parent Logistics' })).check();
    const done = await submit(page, page.getByRole('button', { name: t('cl.end.submit'), exact: true }));
    expect(done.status).toBe(303);
    for (const id of [parent.id, child.id]) {
      expect((await getJson<ContractorBody>(admin, `/api/v1/contractors/${id}`)).status).toBe('terminated');
    }
    await shot(page, 'terminated', lang);
  }, 20_000);
});
