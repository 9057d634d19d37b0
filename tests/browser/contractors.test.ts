import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, type Signed, serverClient, signIn, submit } from '../support/browser';
import {
  activeContractor,
  type ContractorBody,
  newAgreement,
  newContractor,
  passingChecklist,
  today,
} from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * The contractor register in a real Chromium against the real Node server, in Japanese and
 * English: procurement registers a sub-contractor abroad (country by name, parent by search,
 * by keyboard); compliance takes a contractor from a failed selection through the follow-up
 * to approval and activation, suspends it with a reason, and finds what termination needs;
 * a manager reads the register page by page, on a phone too, and can change nothing.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/contractors/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const users = {} as Record<'procurement' | 'compliance' | 'manager', { id: string; token: string; api: Client }>;
const contexts: BrowserContext[] = [];
/** Per language: a parent for the sub-contractor procurement registers. */
const parents = {} as Record<Lang, ContractorBody>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-contractors-'));
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
    const body = (await res.json()) as { user: { id: string }; token: string };
    users[role] = { id: body.user.id, token: body.token, api: serverClient(server.url, body.token) };
  }
  for (const lang of LANGS) {
    parents[lang] = await newContractor(admin, {
      name: `親元物流 ${lang}`,
      nameKana: lang === 'ja' ? 'オヤモトブツリュウ' : 'オヤモトロジ',
      dataCategories: ['customers', 'employees'],
    });
  }
  // Enough contractors for a second page of the register.
  for (let i = 0; i < 52; i++) await newContractor(admin, { name: `一覧用 ${String(i).padStart(2, '0')}` });
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

// Run in the page; the project has no DOM types, so the page's objects are described here.
interface PageElement {
  className: string;
  textContent: string | null;
  selectedOptions: { textContent: string | null }[];
}
interface PageGlobals {
  document: { activeElement: PageElement | null; body: PageElement; documentElement: { scrollWidth: number } };
  getComputedStyle(el: unknown, pseudo?: string): { content: string; outlineStyle: string; outlineWidth: string };
}
const scrollWidth = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).document.documentElement.scrollWidth);
const selectedText = (select: Locator) =>
  select.evaluate((s) => (s as unknown as PageElement).selectedOptions[0]?.textContent);
const labelBefore = (cell: Locator) =>
  cell.evaluate((td) => (globalThis as unknown as PageGlobals).getComputedStyle(td, '::before').content);
const focusedClass = (page: Page) =>
  page.evaluate(() => (globalThis as unknown as PageGlobals).document.activeElement?.className);

/** The element that has the keyboard focus draws a visible ring. */
async function expectFocusRing(page: Page) {
  const outline = await page.evaluate(() => {
    const g = globalThis as unknown as PageGlobals;
    const el = g.document.activeElement;
    if (!el || el === g.document.body) return null;
    const style = g.getComputedStyle(el);
    return { style: style.outlineStyle, width: Number.parseFloat(style.outlineWidth) };
  });
  expect(outline?.style).not.toBe('none');
  expect(outline?.width ?? 0).toBeGreaterThanOrEqual(2);
}

describe.each(LANGS)('contractors in %s', (lang) => {
  const { t, label } = i18n(lang);
  const supLabel = (s: string) =>
    s === 'selection_pending' ? t('ctr.sup.selectionPending') : label(labels.supervisionStatus, s as 'on_track');

  it('procurement registers a sub-contractor abroad by keyboard: country by name, parent by search', async () => {
    const { page } = await as('procurement', lang);
    await open(page, '/contractors/new');
    await expectAccessible(page);
    const name = `海外クラウド ${lang}`;
    await page.getByLabel(t('c.name'), { exact: true }).fill(name);
    // The country is a list of names; the value sent is the ISO code.
    const country = page.getByLabel(t('ctr.country'), { exact: true });
    expect(await selectedText(country)).toBe(lang === 'ja' ? '日本' : 'Japan');
    await country.selectOption('SG');
    expect(await selectedText(country)).toBe(lang === 'ja' ? 'シンガポール' : 'Singapore');
    const categories = page.getByRole('group', { name: t('c.dataCategories'), exact: true });
    await categories.getByLabel(label(labels.dataCategory, 'customers'), { exact: true }).check();
    await page.getByLabel(t('c.crossBorderBasis'), { exact: true }).selectOption('equivalent_measures');

    // The parent: type part of its kana, press Enter in the search field; the matches come back as choices.
    const search = page.getByLabel(t('ctr.parent.search'), { exact: true });
    await search.focus();
    await page.keyboard.type('おやもと');
    const loaded = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await loaded;
    expect(await page.getByRole('status').first().textContent()).toContain(
      t('ctr.parent.found', { q: 'おやもと', n: 2 }),
    );
    // What was typed and chosen is still there; nothing was saved.
    expect(await page.getByLabel(t('c.name'), { exact: true }).inputValue()).toBe(name);
    expect(await page.getByLabel(t('ctr.country'), { exact: true }).inputValue()).toBe('SG');
    await shot(page, 'parent-search', lang);
    await expectAccessible(page);
    const group = page.getByRole('group', { name: t('c.parentId'), exact: true });
    const choice = group.getByRole('radio', { name: new RegExp(`^${parents[lang].name}`) });
    await choice.focus();
    await page.keyboard.press('Space');
    expect(await choice.isChecked()).toBe(true);
    await expectFocusRing(page);
    const saved = await submit(page, page.getByRole('button', { name: t('c.save'), exact: true }));
    expect(saved).toMatchObject({ status: 303, location: expect.stringMatching(/\?saved=1$/) });
    const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    const body = await getJson<ContractorBody>(users.manager.api, `/api/v1/contractors/${id}`);
    expect(body).toMatchObject({
      name,
      country: 'SG',
      parentId: parents[lang].id,
      crossBorderBasis: 'equivalent_measures',
    });
    // Its page names the country in words and links its place in the chain.
    expect(await page.locator('table.profile').textContent()).toContain(
      lang === 'ja' ? 'シンガポール (SG)' : 'Singapore (SG)',
    );
    expect(await page.getByRole('link', { name: parents[lang].name, exact: true }).count()).toBe(1);
    expect(await page.locator('h1 .badge').textContent()).toBe(t('ctr.sup.selectionPending'));
    await expectAccessible(page);
    // Procurement does not supervise: no status changes.
    expect(await page.locator('a[href*="/transition?to="]').count()).toBe(0);

    // Editing keeps the parent and the country chosen.
    await page.getByRole('link', { name: t('c.edit'), exact: true }).click();
    await page.waitForURL(`**/contractors/${id}/edit`);
    expect(await page.getByRole('radio', { name: new RegExp(`^${parents[lang].name}`) }).isChecked()).toBe(true);
    expect(await page.getByLabel(t('ctr.country'), { exact: true }).inputValue()).toBe('SG');
    await expectAccessible(page);
  });

  it('compliance takes a contractor from a failed selection to approval, activation and suspension', async () => {
    const c = await newContractor(admin, { name: `再選定 ${lang}`, handlesPaymentData: true });
    const sel = await getJson<{ items: ContractorBody[] }>(admin, `/api/v1/reviews?contractorId=${c.id}`);
    expect(sel.items).toEqual([]);
    const { page } = await as('compliance', lang);
    await open(page, `/contractors/${c.id}`);
    // Never reviewed: not "on track", and the next step is the selection review, which defaults to selection.
    expect(await page.locator('h1 .badge').textContent()).toBe(t('ctr.sup.selectionPending'));
    const next = page.getByRole('region', { name: t('ctr.next.title') });
    expect(await next.textContent()).toContain(t('ctr.next.noSelection'));
    expect(await next.getByRole('link', { name: t('ctr.next.scheduleSelection') }).getAttribute('href')).toBe(
      `/reviews/new?contractorId=${c.id}&kind=selection`,
    );
    await expectAccessible(page);

    // The selection fails; its follow-up is scheduled; the page says the follow-up can clear it.
    const created = await users.compliance.api.post('/api/v1/reviews', {
      contractorId: c.id,
      kind: 'selection',
      dueDate: today(),
    });
    const selection = (await created.json()) as ContractorBody;
    const failed = await users.compliance.api.post(`/api/v1/reviews/${selection.id}/complete`, {
      completedOn: today(),
      outcome: 'major_findings',
      checklist: { ...passingChecklist, technical: 'inadequate' },
    });
    const followUp = ((await failed.json()) as { nextReview: ContractorBody }).nextReview;
    await open(page, `/contractors/${c.id}`);
    expect(await page.locator('h1 .badge').textContent()).toBe(t('ctr.sup.selectionPending'));
    expect(await next.textContent()).toContain(label(labels.reviewOutcome, 'major_findings'));
    expect(await next.getByRole('link', { name: t('ctr.next.openReview') }).getAttribute('href')).toBe(
      `/reviews/${followUp.id}`,
    );
    expect(await page.locator(`li[data-review="${selection.id}"] a`).first().getAttribute('href')).toBe(
      `/reviews/${selection.id}`,
    );
    await shot(page, 'failed-selection', lang);

    // Approving now is refused, with the way forward.
    await open(page, `/contractors/${c.id}/transition?to=approved`);
    await page.getByLabel(t('ctr.tr.confirm', { to: label(labels.contractorStatus, 'approved') })).check();
    const refused = await submit(page, page.getByRole('button', { name: t('ctr.to.approved'), exact: true }));
    expect(refused.status).toBe(409);
    expect(await page.getByRole('link', { name: t('ctr.tr.seeNextStep') }).count()).toBe(1);
    await expectAccessible(page);

    // The follow-up passes: approval goes through, confirmed.
    await users.compliance.api.post(`/api/v1/reviews/${followUp.id}/complete`, {
      completedOn: today(),
      outcome: 'satisfactory',
      checklist: passingChecklist,
    });
    await open(page, `/contractors/${c.id}`);
    expect(await next.textContent()).toContain(
      t('ctr.next.approve', { kind: label(labels.reviewKind, 'follow_up'), date: i18n(lang).date(today()) }),
    );
    await next.getByRole('link', { name: t('ctr.to.approved') }).click();
    await page.waitForURL(`**/contractors/${c.id}/transition?to=approved`);
    expect(await page.locator('h1').textContent()).toBe(t('ctr.tr.title', { name: c.name }));
    await expectAccessible(page);
    // Without the box ticked, nothing happens; the message is next to the box.
    const send = page.getByRole('button', { name: t('ctr.to.approved'), exact: true });
    expect(await submit(page, send)).toMatchObject({ status: 400 });
    expect(await page.locator('#confirm-error').textContent()).toBe(t('ctr.tr.confirmMissing'));
    await page.getByLabel(t('ctr.tr.confirm', { to: label(labels.contractorStatus, 'approved') })).check();
    expect(await submit(page, send)).toMatchObject({ status: 303, location: `/contractors/${c.id}?changed=approved` });
    expect(await page.getByRole('status').textContent()).toBe(
      t('ctr.changed', { status: label(labels.contractorStatus, 'approved') }),
    );

    // Activate, then suspend: a reason is required, and the history tells it in words.
    await page
      .getByRole('link', { name: t('ctr.to.active') })
      .first()
      .click();
    await page.getByLabel(t('ctr.tr.confirm', { to: label(labels.contractorStatus, 'active') })).check();
    await submit(page, page.getByRole('button', { name: t('ctr.to.active'), exact: true }));
    await page.getByRole('link', { name: t('ctr.to.suspended') }).click();
    await page.waitForURL(`**/transition?to=suspended`);
    const reason = page.getByLabel(new RegExp(`^${t('ctr.reason')}`));
    expect(await reason.getAttribute('required')).not.toBeNull();
    await page.getByLabel(t('ctr.tr.confirm', { to: label(labels.contractorStatus, 'suspended') })).check();
    const suspend = page.getByRole('button', { name: t('ctr.to.suspended'), exact: true });
    expect(await submit(page, suspend)).toMatchObject({ status: 400 });
    expect(await page.locator('#reason-error').textContent()).toBe(t('ctr.tr.reasonMissing'));
    expect(await reason.getAttribute('aria-invalid')).toBe('true');
    await shot(page, 'suspend-refused', lang);
    await expectAccessible(page);
    await reason.fill('個人情報の取扱状況を確認するため');
    expect(
      await page.getByLabel(t('ctr.tr.confirm', { to: label(labels.contractorStatus, 'suspended') })).isChecked(),
    ).toBe(true);
    expect(await submit(page, suspend)).toMatchObject({ status: 303 });
    const history = page.locator('table.history');
    expect(await history.textContent()).toContain(
      `${label(labels.contractorStatus, 'active')} → ${label(labels.contractorStatus, 'suspended')} · ${t('ctr.reason')}: 個人情報の取扱状況を確認するため`,
    );
    expect(await history.textContent()).toContain('Carol Compliance');
    expect(await history.textContent()).not.toContain('contractor.transition');
    const api = await getJson<ContractorBody>(users.manager.api, `/api/v1/contractors/${c.id}`);
    expect(api.status).toBe('suspended');
    await shot(page, 'contractor', lang);
  });

  it('compliance is sent to the agreement when termination lacks the return or deletion of the data', async () => {
    const c = await activeContractor(admin, { name: `終了予定 ${lang}` });
    const agreement = await newAgreement(admin, c.id, { title: `業務委託契約 ${lang}` });
    const { page } = await as('compliance', lang);
    await open(page, `/contractors/${c.id}`);
    expect(await page.locator(`tr[data-agreement="${agreement.id}"] a`).getAttribute('href')).toBe(
      `/agreements/${agreement.id}/edit`,
    );
    await page.getByRole('link', { name: t('ctr.to.terminated') }).click();
    await page.getByLabel(new RegExp(`^${t('ctr.reason')}`)).fill('契約満了');
    await page.getByLabel(t('ctr.tr.confirm', { to: label(labels.contractorStatus, 'terminated') })).check();
    const res = await submit(page, page.getByRole('button', { name: t('ctr.to.terminated'), exact: true }));
    expect(res.status).toBe(409);
    const link = page.getByRole('link', { name: t('ctr.tr.recordDisposition', { title: agreement.title as string }) });
    expect(await link.first().getAttribute('href')).toBe(`/agreements/${agreement.id}/edit`);
    expect(await page.getByLabel(new RegExp(`^${t('ctr.reason')}`)).inputValue()).toBe('契約満了');
    await shot(page, 'terminate-refused', lang);
    await expectAccessible(page);
    expect((await getJson<ContractorBody>(users.manager.api, `/api/v1/contractors/${c.id}`)).status).toBe('active');
  });

  it('a manager pages through the register with the total, on a phone too, and can change nothing', async () => {
    const { context, page } = await as('manager', lang);
    await open(page, '/contractors');
    const total = (await getJson<{ contractors: { total: number } }>(users.manager.api, '/api/v1/dashboard/summary'))
      .contractors.total;
    const pager = page.getByRole('navigation', { name: t('list.pages') });
    const n = (v: number) => v.toLocaleString(lang === 'ja' ? 'ja-JP' : 'en-GB');
    expect(await pager.textContent()).toContain(t('list.range', { from: 1, to: 50, total: n(total) }));
    await expectAccessible(page);
    await pager.getByRole('link', { name: t('list.next') }).click();
    await page.waitForURL(/cursor=/);
    expect(await pager.textContent()).toContain(
      t('list.range', { from: 51, to: n(Math.min(100, total)), total: n(total) }),
    );
    await pager.getByRole('link', { name: t('list.prev') }).click();
    await page.waitForURL((u) => !u.search.includes('cursor='));
    expect(await pager.textContent()).toContain(t('list.range', { from: 1, to: 50, total: n(total) }));
    // The filter by "not yet selected" uses the label, never the code.
    await page.getByLabel(t('c.supervisionStatus'), { exact: true }).selectOption('selection_pending');
    await page.getByRole('button', { name: t('list.filter'), exact: true }).click();
    await page.waitForURL(/supervisionStatus=selection_pending/);
    expect(await page.locator('tbody .badge.selection_pending').first().textContent()).toBe(
      supLabel('selection_pending'),
    );
    expect(await page.getByRole('link', { name: t('c.new'), exact: true }).count()).toBe(0);

    // At 390 px the rows become cards: every value has its label, nothing is cut off sideways.
    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await phone.goto('/contractors');
    const width = await scrollWidth(phone);
    expect(width).toBeLessThanOrEqual(390);
    const cell = phone.locator('tbody tr').first().locator('td').nth(1);
    expect(await labelBefore(cell)).toBe(`"${t('c.status')}"`);
    // A name is never one character per line: its cell is wider than a few characters.
    const nameCell = await phone.locator('tbody tr').first().locator('td').first().boundingBox();
    expect(nameCell?.width ?? 0).toBeGreaterThan(200);
    await shot(phone, 'list-390', lang);
    await expectAccessible(phone);
    await phone.goto(`/contractors/${parents[lang].id}`);
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await shot(phone, 'contractor-390', lang);
    await expectAccessible(phone);
    await phone.goto('/');
    expect(await scrollWidth(phone)).toBeLessThanOrEqual(390);
    await shot(phone, 'dashboard-390', lang);
    await expectAccessible(phone);

    // The dashboard counts contractors not yet selected apart, and says so.
    await open(page, '/');
    const s = await getJson<{ supervision: Record<string, Record<string, number>> }>(
      users.manager.api,
      '/api/v1/dashboard/summary',
    );
    for (const tier of ['high', 'medium', 'low']) {
      expect(await page.getByTestId(`cell-${tier}-selection_pending`).textContent()).toBe(
        String(s.supervision[tier]?.selection_pending),
      );
    }
    expect(await page.locator('#matrix-note').textContent()).toBe(
      t('dsh.matrixNote', { pending: supLabel('selection_pending') }),
    );
    await expectAccessible(page);
    await open(page, `/contractors/${parents[lang].id}/transition?to=approved`, 403);
    await open(page, `/contractors/${parents[lang].id}`);
    expect(await page.locator('main form').count()).toBe(0);
    // Keyboard: the skip link comes first and shows its focus.
    await page.keyboard.press('Tab');
    expect(await focusedClass(page)).toBe('skip');
    await expectFocusRing(page);
  });
});
