import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { eventLabels } from '../../src/i18n/events';
import { labels } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, type Signed, serverClient, signIn, submit } from '../support/browser';
import { daysFromToday, newContractor, scheduleReview, today } from '../support/factories';
import type { Client } from '../support/http';
import { eventually, httpReceiver } from '../support/receivers';
import { type RunningServer, startServer } from '../support/server';

/**
 * The admin pages in a real Chromium against the real Node server, in Japanese and
 * English: an admin registers a webhook (fixing what the form refuses), runs the sweep,
 * sees the delivery arrive and deletes the webhook; a second server with the default
 * network rules refuses an internal receiver. Compliance and a manager read the audit
 * trail, filter it and verify it; the admin records a checkpoint and verifies against it.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/admin/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);
const SECRET = 'browser-signing-secret-0123456789';

let dir: string;
let server: RunningServer;
let strict: RunningServer;
let browser: Browser;
let admin: Client;
let receiver: Awaited<ReturnType<typeof httpReceiver>>;
const users = {} as Record<'compliance' | 'manager', { id: string; token: string }>;
let contractorId: string;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-admin-browser-'));
  mkdirSync(SHOTS, { recursive: true });
  receiver = await httpReceiver(() => 204, { secret: SECRET });
  const common = { ITAKU_ADMIN_TOKEN: ADMIN_TOKEN, ITAKU_SWEEP_CRON: 'off', ITAKU_LOG_LEVEL: 'info' };
  [server, strict, browser] = await Promise.all([
    // The receiver listens on 127.0.0.1: this server may deliver there.
    startServer({ ...common, ITAKU_DB_PATH: join(dir, 'itaku.db'), ITAKU_WEBHOOK_ALLOW_PRIVATE: 'true' }),
    // The default rules: internal addresses are refused.
    startServer({ ...common, ITAKU_DB_PATH: join(dir, 'strict.db') }),
    launchBrowser(),
  ]);
  admin = serverClient(server.url, ADMIN_TOKEN);
  const names = { compliance: 'Carol Compliance', manager: '管理 太郎' };
  for (const role of ['compliance', 'manager'] as const) {
    const res = await admin.post('/api/v1/users', { name: names[role], role });
    if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { user: { id: string }; token: string };
    users[role] = { id: body.user.id, token: body.token };
  }
  // Something for the trail to show: a contractor registered and changed, its review moved.
  const c = await newContractor(admin, { name: '監査証跡株式会社' });
  contractorId = c.id;
  const patched = await admin.patch(`/api/v1/contractors/${c.id}`, {
    name: '監査証跡株式会社（本社）',
    riskTierOverride: 'high',
    riskOverrideReason: '顧客データを大量に取り扱う',
  });
  if (patched.status !== 200) throw new Error(`patch: ${patched.status} ${await patched.text()}`);
  const review = await scheduleReview(serverClient(server.url, users.compliance.token), c.id, daysFromToday(-3));
  await serverClient(server.url, users.compliance.token).patch(`/api/v1/reviews/${review.id}`, {
    dueDate: daysFromToday(40),
  });
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.stop(), strict?.stop(), receiver?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function as(token: string, lang: Lang, base = server.url): Promise<Signed> {
  const { t } = i18n(lang);
  const signed = await signIn(browser, base, token, lang, { token: t('login.token'), submit: t('login.submit') });
  contexts.push(signed.context);
  return signed;
}

async function open(page: Page, path: string, lang: Lang, status = 200) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(status);
  expect(await page.locator('html').getAttribute('lang'), path).toBe(lang);
}

const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });

/** What the reader sees holds no raw timestamp or stored code. */
async function expectWords(page: Page, codes: string[] = []) {
  const text = (await page.locator('main').textContent()) ?? '';
  expect(text).not.toMatch(/\d{4}-\d{2}-\d{2}T\d{2}:/);
  for (const code of codes) expect(text).not.toContain(code);
}

/** At 390 px the page itself never scrolls sideways: wide tables scroll inside their box. */
async function expectFitsPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
}

describe.each(LANGS)('admin pages in %s', (lang) => {
  const { t, label } = i18n(lang);

  it('an admin registers a webhook, runs the sweep, sees the delivery and deletes the webhook', async () => {
    const { page } = await as(ADMIN_TOKEN, lang);
    await open(page, '/webhooks', lang);
    await expectAccessible(page);
    await page.getByRole('link', { name: t('adm.wh.new'), exact: true }).click();
    await page.waitForURL('**/webhooks/new');
    const url = page.getByLabel(t('adm.wh.url'), { exact: true });
    const secret = page.getByLabel(t('adm.wh.secret'), { exact: true });
    const save = page.getByRole('button', { name: t('adm.wh.save'), exact: true });

    // Refused: a scheme that is not http(s), a short secret, no alert chosen.
    await url.fill('ftp://files.example.jp/in');
    await secret.fill('short');
    await page.getByLabel(t('adm.wh.description'), { exact: true }).fill(`監視システム ${lang}`);
    expect(await submit(page, save)).toMatchObject({ status: 400, alert: t('err.title') });
    expect(await url.inputValue()).toBe('ftp://files.example.jp/in');
    expect(await url.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#url-error').textContent()).toBe(
      lang === 'ja' ? 'http:// または https:// で始まるURLを入力してください' : 'must be an http:// or https:// URL',
    );
    // The secret is write-only: it is not sent back, and the hint says to type it again.
    expect(await secret.inputValue()).toBe('');
    expect(await page.locator('#secret-error').textContent()).not.toBe('');
    expect(await page.locator('#events-error').textContent()).not.toBe('');
    expect(await page.getByLabel(t('adm.wh.description'), { exact: true }).inputValue()).toBe(`監視システム ${lang}`);
    await expectAccessible(page);
    await shot(page, 'webhook-form-errors', lang);

    await url.fill(receiver.url);
    await secret.fill(SECRET);
    const events = page.getByRole('group', { name: t('adm.wh.events'), exact: true });
    await events.getByLabel(label(labels.alertKind, 'review_overdue'), { exact: true }).check();
    await events.getByLabel(label(labels.alertKind, 'finding_overdue'), { exact: true }).check();
    const saved = await submit(page, save);
    expect(saved).toMatchObject({ status: 303, location: expect.stringMatching(/^\/webhooks\/[^/]+\?saved=1$/) });
    expect(await page.getByRole('status').textContent()).toBe(t('adm.wh.saved'));
    const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(await page.content()).not.toContain(SECRET);
    const api = await getJson<{ url: string; events: string[] }>(admin, `/api/v1/webhooks/${id}`);
    expect(api).toMatchObject({ url: receiver.url, events: ['review_overdue', 'finding_overdue'] });

    // The sweep, run from the jobs page by keyboard, with the counts it returned: it finds
    // a review overdue for three days.
    const late = await newContractor(admin, { name: `延滞確認 ${lang}` });
    await scheduleReview(admin, late.id, daysFromToday(-3));
    const before = receiver.received.length;
    await open(page, '/jobs', lang);
    const run = page.getByRole('button', { name: t('adm.job.run'), exact: true });
    await run.focus();
    const [response] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST' && r.url().endsWith('/jobs/sweep')),
      page.keyboard.press('Enter'),
    ]);
    expect(response.status()).toBe(303);
    await page.waitForURL(/\/jobs\?run=/);
    const notice = page.getByRole('status');
    expect(await notice.textContent()).toContain(t('adm.job.done'));
    expect(await notice.textContent()).toContain(t('adm.job.c.raised'));
    const runId = new URL(page.url()).searchParams.get('run');
    const row = page.locator(`tr[data-run="${runId}"]`);
    expect(await row.textContent()).toContain(t('adm.job.tr.web'));
    expect(await row.textContent()).toContain(t('adm.job.st.succeeded'));
    await expectWords(page, ['succeeded', 'queuedWebhooks']);
    await expectAccessible(page);
    await shot(page, 'jobs', lang);
    await expectFitsPhone(page);
    await shot(page, 'jobs-390', lang);
    await page.setViewportSize({ width: 1280, height: 900 });

    // The receiver gets the overdue review's alert and the checkpoint, signed with the secret.
    await eventually(() => receiver.received.length >= before + 2, 15_000);
    expect(receiver.received.slice(before).every((r) => r.verified)).toBe(true);
    await open(page, `/webhooks/${id}`, lang);
    await expect
      .poll(async () => {
        await page.reload();
        return page.locator('tr[data-delivery][data-status="delivered"]').count();
      })
      .toBeGreaterThanOrEqual(2);
    const delivered = page.locator('tr[data-delivery]').first();
    expect(await delivered.textContent()).toContain(t('adm.wh.st.delivered'));
    await expectWords(page, ['alert.raised', 'audit.checkpoint', 'review_overdue']);
    expect(await page.locator('.pager').textContent()).toContain(lang === 'ja' ? '件中' : ' of ');
    await expectAccessible(page);
    await shot(page, 'webhook-deliveries', lang);
    await expectFitsPhone(page);
    await shot(page, 'webhook-deliveries-390', lang);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Deleting asks first, then says so; the API no longer has it.
    await page.getByRole('link', { name: t('adm.wh.delete'), exact: true }).click();
    await page.waitForURL(`**/webhooks/${id}/delete`);
    expect(await page.locator('h1').textContent()).toBe(t('adm.wh.deleteTitle'));
    await expectAccessible(page);
    await shot(page, 'webhook-delete', lang);
    const confirm = page.getByRole('button', { name: t('adm.wh.deleteConfirm'), exact: true });
    expect(await submit(page, confirm)).toMatchObject({ status: 303, location: '/webhooks?deleted=1' });
    expect(await page.getByRole('status').textContent()).toBe(t('adm.wh.deleted'));
    expect((await admin.get(`/api/v1/webhooks/${id}`)).status).toBe(404);
    await shot(page, 'webhooks', lang);
  });

  it('the default network rules refuse an internal receiver, saying so next to the URL', async () => {
    const { page } = await as(ADMIN_TOKEN, lang, strict.url);
    await open(page, '/webhooks/new', lang);
    const url = page.getByLabel(t('adm.wh.url'), { exact: true });
    await url.fill('http://192.168.1.20:8080/hook');
    await page.getByLabel(t('adm.wh.secret'), { exact: true }).fill(SECRET);
    await page.getByLabel(label(labels.alertKind, 'incident_report_due'), { exact: true }).check();
    const refused = await submit(page, page.getByRole('button', { name: t('adm.wh.save'), exact: true }));
    expect(refused.status).toBe(400);
    expect(await url.inputValue()).toBe('http://192.168.1.20:8080/hook');
    expect(await page.locator('#url-error').textContent()).toMatch(
      lang === 'ja'
        ? /^公開されていないアドレス（192\.168\.1\.20）には送信できません$/
        : /^must not point at .*192\.168\.1\.20/,
    );
    expect(await page.getByLabel(label(labels.alertKind, 'incident_report_due'), { exact: true }).isChecked()).toBe(
      true,
    );
    await expectAccessible(page);
    await shot(page, 'webhook-refused', lang);
    const list = await getJson<{ items: unknown[] }>(serverClient(strict.url, ADMIN_TOKEN), '/api/v1/webhooks');
    expect(list.items).toEqual([]);
  });

  it('compliance reads the trail in words, filters it, follows a record and verifies the chain', async () => {
    const { page } = await as(users.compliance.token, lang);
    await open(page, '/audit', lang);
    const updated = page.locator('li.audit-event', { hasText: eventLabels['contractor.update']?.[lang] }).first();
    // The change, field by field: the old and new names, the manual tier in words.
    const diff = updated.locator('table.diff');
    expect(
      await diff
        .locator('tr', { hasText: lang === 'ja' ? '名称' : 'Name' })
        .first()
        .textContent(),
    ).toContain('監査証跡株式会社（本社）');
    const tier = diff.locator('tr', { hasText: lang === 'ja' ? 'リスク区分（手動）' : 'Manual risk tier' });
    expect(await tier.locator('td.after').textContent()).toBe(label(labels.riskTier, 'high'));
    expect(await updated.locator('.audit-actor').textContent()).toBe('Administrator');
    await expectWords(page, ['contractor.update', 'riskTierOverride']);
    // No user or webhook events for compliance.
    expect(await page.locator('li.audit-event', { hasText: eventLabels['user.create']?.[lang] }).count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'audit', lang);

    // Filter: reviews rescheduled or changed today, through the form.
    await page.getByLabel(t('adm.au.entityType'), { exact: true }).selectOption('review');
    await page.getByLabel(t('adm.au.actor'), { exact: true }).selectOption(users.compliance.id);
    await page.getByLabel(t('adm.au.from'), { exact: true }).fill(today());
    await page.getByLabel(t('adm.au.to'), { exact: true }).fill(today());
    await Promise.all([
      page.waitForURL(/entityType=review/),
      page.getByRole('button', { name: t('list.filter'), exact: true }).click(),
    ]);
    const shown = page.locator('li.audit-event');
    expect(await shown.count()).toBe(2);
    expect(await shown.first().locator('h2').textContent()).toMatch(
      new RegExp(`${eventLabels['review.update']?.[lang]}|${eventLabels['review.reschedule']?.[lang]}`),
    );
    expect(await shown.first().locator('table.diff').textContent()).toContain(i18n(lang).date(daysFromToday(40)));
    expect(await page.locator('.pager').textContent()).toContain(lang === 'ja' ? '2件中 1〜2件' : '1–2 of 2');
    await expectAccessible(page);
    await shot(page, 'audit-filtered', lang);
    await expectFitsPhone(page);
    await shot(page, 'audit-390', lang);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Following the record's contractor opens its page.
    await Promise.all([
      page.waitForURL(`**/contractors/${contractorId}`),
      shown.first().locator('.audit-entity a', { hasText: '監査証跡株式会社（本社）' }).click(),
    ]);
    expect(await page.locator('h1').textContent()).toContain('監査証跡株式会社（本社）');

    await open(page, '/audit', lang);
    await Promise.all([
      page.waitForURL(/\/audit\/verify\?run=1/),
      page.getByRole('button', { name: t('adm.au.verifyButton'), exact: true }).click(),
    ]);
    const outcome = page.locator('#verify-outcome');
    expect(await outcome.getAttribute('data-ok')).toBe('true');
    expect(await outcome.textContent()).toMatch(lang === 'ja' ? /改ざんされていません/ : /intact/);
    expect(await page.locator('code[data-head]').textContent()).toMatch(/^\d+:[0-9a-f]{64}$/);
    // Recording a checkpoint is the admin's.
    expect(await page.getByRole('button', { name: t('adm.ve.record'), exact: true }).count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'audit-verify', lang);
  });

  it('an admin records a checkpoint and verifies against it; a malformed one is refused next to its field', async () => {
    const { page } = await as(ADMIN_TOKEN, lang);
    await open(page, '/audit/verify', lang);
    const record = page.getByRole('button', { name: t('adm.ve.record'), exact: true });
    const recorded = await submit(page, record);
    expect(recorded).toMatchObject({ status: 303, location: expect.stringMatching(/^\/audit\/verify\?recorded=\d+$/) });
    const seq = new URL(page.url()).searchParams.get('recorded');
    const row = page.locator(`tr[data-checkpoint^="${seq}:"]`);
    expect(await row.count()).toBe(1);
    await Promise.all([page.waitForURL(/checkpoint=/), row.getByRole('link').click()]);
    expect(await page.locator('[data-checkpoint-ok]').getAttribute('data-checkpoint-ok')).toBe('true');
    await expectAccessible(page);
    await shot(page, 'audit-checkpoint', lang);

    const box = page.getByLabel(t('adm.ve.checkpoint'), { exact: true });
    await box.fill('42-not-a-checkpoint');
    await Promise.all([
      page.waitForURL(/checkpoint=42-not/),
      page.getByRole('button', { name: t('adm.ve.run'), exact: true }).click(),
    ]);
    expect(await box.inputValue()).toBe('42-not-a-checkpoint');
    expect(await box.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#checkpoint-error').textContent()).toBe(
      lang === 'ja'
        ? 'チェックポイントの形式（<番号>:<64桁の16進数>）で入力してください'
        : 'must be <seq>:<hash> as a checkpoint prints it, e.g. 42:3f…(64 hex digits)',
    );
    await expectAccessible(page);
  });

  it('a manager reads and verifies the trail, but may not open webhooks or jobs', async () => {
    const { page } = await as(users.manager.token, lang);
    await open(page, '/audit', lang);
    expect(
      await page
        .getByRole('navigation', { name: 'main' })
        .getByRole('link', { name: t('nav.webhooks') })
        .count(),
    ).toBe(0);
    expect(await page.locator('select#f-entityType option[value="user"]').count()).toBe(0);
    await open(page, '/webhooks', lang, 403);
    await open(page, '/jobs', lang, 403);
    await open(page, '/audit/verify?run=1', lang);
    expect(await page.locator('#verify-outcome').getAttribute('data-ok')).toBe('true');
  });
});
