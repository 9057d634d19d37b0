import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { fieldMessage } from '../../src/i18n/messages';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, type Signed, serverClient, signIn, submit } from '../support/browser';
import { daysFromToday, newAgreement, newContractor, today } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Requests from the people whose data it is (開示等の請求) in Chromium. In Japanese,
 * compliance records a disclosure request (the reference refused while it is an e-mail
 * address), passes it on to the contractor and its sub-contractor, records their answers,
 * is refused a refusal without its ground, closes it, and sets the internal target. In
 * English, a manager finds an overdue request by the filters and reads it without any
 * control to change it, on a desktop and a phone-sized screen.
 */

const SHOTS = fileURLToPath(new URL('../../test-results/subject-requests/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const users = {} as Record<'compliance' | 'manager', { token: string; api: Client }>;
const contexts: BrowserContext[] = [];
let lateId = '';

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-sr-'));
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
    const res = await admin.post('/api/v1/users', { name: role === 'compliance' ? '監査 花子' : '管理 太郎', role });
    const body = (await res.json()) as { token: string };
    users[role] = { token: body.token, api: serverClient(server.url, body.token) };
  }
  const parent = await newContractor(admin, { name: '株式会社サンプル物流', dataCategories: ['customers'] });
  await newAgreement(admin, parent.id, { reconsignment: 'allowed', dataCategories: ['customers'] });
  await newContractor(admin, { name: 'データ保管センター', parentId: parent.id, dataCategories: ['customers'] });
  const late = await users.compliance.api.post('/api/v1/subject-requests', {
    kind: 'third_party_records',
    receivedOn: daysFromToday(-20),
    dataCategories: ['customers'],
    reference: 'SR-LATE-7',
  });
  lateId = ((await late.json()) as { id: string }).id;
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
const text = async (page: Page, selector: string) =>
  ((await page.locator(selector).first().textContent()) ?? '').trim();

interface Request {
  id: string;
  status: string;
  refusalGround: string | null;
  tasks: { contractorId: string; contractorName: string; answeredOn: string | null; outcome: string | null }[];
}

it('compliance records a request, passes it on, records the answers and closes it (ja)', async () => {
  const lang = 'ja';
  const { t, label } = i18n(lang);
  const { page } = await as('compliance', lang);
  await page.goto('/subject-requests');
  expect(await text(page, 'h1')).toBe(t('sr.title'));
  await expectAccessible(page);
  await page.getByRole('link', { name: t('sr.new'), exact: true }).click();
  await page.waitForURL('**/subject-requests/new');

  await page.getByLabel(t('sr.kind'), { exact: true }).selectOption('disclosure');
  const categories = page.getByRole('group', { name: t('sr.categories'), exact: true });
  await categories.getByLabel(label(labels.dataCategory, 'customers'), { exact: true }).check();
  const reference = page.getByLabel(t('sr.reference'), { exact: true });
  await reference.fill('hanako@example.jp'); // the person's address: not what the record needs
  const record = page.getByRole('button', { name: t('sr.record'), exact: true });
  expect(await submit(page, record)).toMatchObject({ status: 400 });
  expect(await reference.getAttribute('aria-invalid')).toBe('true');
  expect(await text(page, '#reference-error')).toBe(fieldMessage('srReferencePersonal', undefined, lang));
  expect(await categories.getByLabel(label(labels.dataCategory, 'customers'), { exact: true }).isChecked()).toBe(true);
  await expectAccessible(page);
  await shot(page, 'new-refused', lang);
  await reference.fill('SR-2026-0042');
  expect(await submit(page, record)).toMatchObject({ status: 303 });
  const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';

  // Both holders have a task: the contractor under its agreement and its sub-contractor.
  const tasks = page.locator('li.sr-task');
  expect(await tasks.locator('h3 a').allTextContents()).toEqual(['データ保管センター', '株式会社サンプル物流']);
  await expectAccessible(page);
  for (let i = 0; i < 2; i++) {
    const task = tasks.nth(i);
    await task.getByLabel(t('sr.forwardedOn'), { exact: true }).fill(today());
    await task.getByLabel(t('sr.answeredOn'), { exact: true }).fill(today());
    await task.getByLabel(t('sr.taskOutcome'), { exact: true }).selectOption(i === 0 ? 'done' : 'no_data');
    expect(await submit(page, task.getByRole('button', { name: t('sr.saveTask') }))).toMatchObject({ status: 303 });
  }
  expect(await tasks.locator('.badge').allTextContents()).toEqual([
    t('sr.taskStatus.answered'),
    t('sr.taskStatus.answered'),
  ]);
  await shot(page, 'detail', lang);

  // Closing: a refusal needs its ground and the reason, and the confirmation.
  await page.getByRole('link', { name: t('sr.closeLink'), exact: true }).click();
  await page.waitForURL(`**/subject-requests/${id}/close`);
  await page.getByLabel(t('sr.outcome'), { exact: true }).selectOption('partly_fulfilled');
  const close = page.getByRole('button', { name: t('sr.close'), exact: true });
  expect(await submit(page, close)).toMatchObject({ status: 400 });
  expect(await text(page, '#refusalGround-error')).toBe(fieldMessage('required', undefined, lang));
  expect(await text(page, '#confirm-error')).toBe(t('sr.confirmRequired'));
  await expectAccessible(page);
  await shot(page, 'close-refused', lang);
  await page.getByLabel(t('sr.refusalGround'), { exact: true }).selectOption('harm_to_life_or_property');
  await page.getByLabel(t('sr.refusalReason'), { exact: true }).fill('第三者の情報が含まれる部分を除いて開示');
  await page.getByLabel(t('sr.confirm'), { exact: true }).check();
  expect(await submit(page, close)).toMatchObject({ status: 303 });
  expect(await page.getByRole('status').textContent()).toBe(t('sr.closed'));
  const closed = await getJson<Request>(users.manager.api, `/api/v1/subject-requests/${id}`);
  expect(closed).toMatchObject({ status: 'closed', refusalGround: 'harm_to_life_or_property' });
  expect(closed.tasks.map((x) => x.outcome)).toEqual(['done', 'no_data']);

  // The internal target, on its settings page.
  await page.goto('/settings/subject-requests');
  await page.getByLabel(t('sr.set.days'), { exact: true }).fill('10');
  expect(await submit(page, page.getByRole('button', { name: t('sr.set.save'), exact: true }))).toMatchObject({
    status: 303,
  });
  expect(await page.getByRole('status').textContent()).toBe(t('sr.set.saved'));
  await expectAccessible(page);
  await shot(page, 'settings', lang);
});

it('a manager finds the overdue request and reads it, with nothing to change (en)', async () => {
  const lang = 'en';
  const { t, label } = i18n(lang);
  const { page } = await as('manager', lang);
  await page.goto('/subject-requests');
  expect(await page.getByRole('link', { name: t('sr.new'), exact: true }).count()).toBe(0);
  await page.getByLabel(t('sr.kind'), { exact: true }).selectOption('third_party_records');
  await page.getByLabel(t('sr.overdueOnly'), { exact: true }).check();
  await Promise.all([page.waitForURL(/overdue=true/), page.getByRole('button', { name: t('list.filter') }).click()]);
  const rows = page.locator('tr[data-request]');
  expect(await rows.count()).toBe(1);
  expect(await rows.first().textContent()).toContain(t('sr.overdue'));
  expect(await rows.first().textContent()).toContain(label(labels.subjectRequestKind, 'third_party_records'));
  await expectAccessible(page);
  await shot(page, 'list-overdue', lang);
  await rows.first().getByRole('link', { name: 'SR-LATE-7' }).click();
  await page.waitForURL(`**/subject-requests/${lateId}`);
  expect(await page.locator('form[action*="/tasks/"]').count()).toBe(0);
  expect(await page.getByRole('link', { name: t('sr.closeLink') }).count()).toBe(0);
  await expectAccessible(page);
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, 'detail-390', lang);
  expect(await page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBe(0);
  const res = await page.goto(`/subject-requests/${lateId}/close`);
  expect(res?.status()).toBe(403);
});
