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
import { getJson, launchBrowser, listAll, type Signed, serverClient, signIn, submit } from '../support/browser';
import { type ContractorBody, daysFromToday, newContractor, scheduleReview } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * The alert inbox in a real Chromium against the real Node server, in Japanese and English:
 * compliance filters and sorts it, acknowledges, and resolves by keyboard an alert whose
 * condition still holds (told it comes back, and it does at the next sweep); a manager and
 * procurement read who resolved what and when, on a phone too, and can change nothing.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/alerts/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

interface Alert {
  id: string;
  kind: string;
  severity: string;
  status: string;
  subjectId: string;
  contractorId: string;
  resolvedAt: string | null;
}

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const users = {} as Record<'procurement' | 'compliance' | 'manager', { id: string; token: string; api: Client }>;
const contexts: BrowserContext[] = [];
/** Per language: a contractor with an overdue review, and one abroad whose cross-border confirmation is due. */
const late = {} as Record<Lang, { contractor: ContractorBody; review: ContractorBody }>;
const abroad = {} as Record<Lang, ContractorBody>;

async function sweep() {
  const res = await admin.post('/api/v1/jobs/sweep');
  if (res.status !== 200) throw new Error(`sweep: ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-alerts-'));
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
    const contractor = await newContractor(admin, { name: `遅延倉庫 ${lang}`, handlesSpecialCare: true });
    late[lang] = { contractor, review: await scheduleReview(admin, contractor.id, daysFromToday(-6)) };
    abroad[lang] = await newContractor(admin, {
      name: `Overseas Data ${lang}`,
      country: 'US',
      crossBorderBasis: 'equivalent_measures',
    });
    const [cb] = await listAll<ContractorBody>(admin, `/api/v1/reviews?contractorId=${abroad[lang].id}`);
    await users.compliance.api.patch(`/api/v1/reviews/${cb?.id}`, { dueDate: daysFromToday(12) });
    const soon = await newContractor(admin, { name: `間近監査 ${lang}` });
    await scheduleReview(admin, soon.id, daysFromToday(4), 'document_review');
  }
  await sweep();
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
const rows = (page: Page) => page.locator('tr[data-alert]');
const ids = async (page: Page) =>
  Promise.all((await rows(page).all()).map(async (tr) => (await tr.getAttribute('data-alert')) ?? ''));

describe.each(LANGS)('the alert inbox in %s', (lang) => {
  const { t, label, dateTime } = i18n(lang);

  it('compliance filters and sorts, acknowledges, and resolves by keyboard an alert that will come back', async () => {
    const { page } = await as('compliance', lang);
    await open(page, '/alerts');
    await expectAccessible(page);
    const open_ = await listAll<Alert>(users.compliance.api, '/api/v1/alerts?status=open');
    const pager = page.getByRole('navigation', { name: t('list.pages') });
    expect(await pager.textContent()).toContain(t('list.range', { from: 1, to: open_.length, total: open_.length }));

    // Every kind is offered by its label; the cross-border confirmation shows its label in its row.
    const kind = page.getByLabel(t('al.kind'), { exact: true });
    await kind.selectOption({ label: label(labels.alertKind, 'cross_border_confirmation_due') });
    await page.getByLabel(t('al.contractor'), { exact: true }).selectOption({ label: abroad[lang].name });
    await page.getByRole('button', { name: t('list.filter'), exact: true }).click();
    await page.waitForURL(/kind=cross_border_confirmation_due/);
    expect(await rows(page).count()).toBe(1);
    expect(await rows(page).locator('.kind').textContent()).toBe(
      label(labels.alertKind, 'cross_border_confirmation_due'),
    );

    // Most severe first.
    await open(page, '/alerts?sort=severity');
    const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
    const bySeverity = (await ids(page)).map((id) => rank[open_.find((a) => a.id === id)?.severity ?? ''] ?? 9);
    expect(bySeverity).toEqual([...bySeverity].sort());
    await shot(page, 'inbox', lang);

    // Acknowledge the overdue review's alert from a filtered list: the list and its filter stay.
    const [alert] = await listAll<Alert>(
      users.compliance.api,
      `/api/v1/alerts?status=open&kind=review_overdue&contractorId=${late[lang].contractor.id}`,
    );
    await open(page, `/alerts?contractorId=${late[lang].contractor.id}`);
    const row = page.locator(`tr[data-alert="${alert?.id}"]`);
    expect(await row.getByRole('link', { name: t('alr.subject.review') }).getAttribute('href')).toBe(
      `/reviews/${late[lang].review.id}`,
    );
    expect(await row.locator('.hint').textContent()).toBe(t('alr.recursHint'));
    const ack = await submit(page, row.getByRole('button', { name: t('al.acknowledge'), exact: true }));
    expect(ack.location).toBe(`/alerts?contractorId=${late[lang].contractor.id}&notice=acknowledged`);
    expect(await page.getByRole('status').textContent()).toBe(t('alr.notice.acknowledged'));

    // Resolve it by keyboard: the page says it will come back.
    await open(page, `/alerts?status=acknowledged&contractorId=${late[lang].contractor.id}`);
    const resolveLink = page.locator(`tr[data-alert="${alert?.id}"]`).getByRole('link', { name: t('al.resolve') });
    await resolveLink.focus();
    const loaded = page.waitForEvent('load');
    await page.keyboard.press('Enter');
    await loaded;
    expect(new URL(page.url()).pathname).toBe(`/alerts/${alert?.id}/resolve`);
    expect(await page.locator('#recurs').textContent()).toBe(t('alr.recurs'));
    await expectAccessible(page);
    await page.getByLabel(t('alr.note'), { exact: true }).focus();
    await page.keyboard.type('監査日程を再調整中');
    await page.keyboard.press('Tab');
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe(
      t('alr.resolveSubmit'),
    );
    await shot(page, 'resolve', lang);
    const resolved = await submit(page, page.getByRole('button', { name: t('alr.resolveSubmit'), exact: true }));
    expect(resolved).toMatchObject({ status: 303, location: '/alerts?status=acknowledged&notice=recurs' });
    expect(await page.getByRole('status').textContent()).toBe(t('alr.notice.recurs'));
    await expectAccessible(page);

    // The next sweep raises it again, as the page said.
    await sweep();
    const again = await listAll<Alert>(
      users.compliance.api,
      `/api/v1/alerts?status=open&kind=review_overdue&contractorId=${late[lang].contractor.id}`,
    );
    expect(again.map((a) => a.subjectId)).toEqual([late[lang].review.id]);
  });

  it('a manager and procurement read who resolved what and when, on a phone too, and can change nothing', async () => {
    const [resolved] = await listAll<Alert>(
      users.manager.api,
      `/api/v1/alerts?status=resolved&contractorId=${late[lang].contractor.id}`,
    );
    for (const role of ['manager', 'procurement'] as const) {
      const { context, page } = await as(role, lang);
      await open(page, '/alerts?status=resolved');
      const row = page.locator(`tr[data-alert="${resolved?.id}"]`);
      expect(await row.textContent()).toContain(
        t('alr.resolvedBy', { who: 'Carol Compliance', at: dateTime(resolved?.resolvedAt) }),
      );
      expect(await row.locator('blockquote.note').textContent()).toContain('監査日程を再調整中');
      expect(await page.locator('main form[method="post"]').count()).toBe(0);
      expect(await page.getByRole('link', { name: t('al.resolve'), exact: true }).count()).toBe(0);
      await expectAccessible(page);
      await open(page, `/alerts/${resolved?.id}/resolve`, 403);
      if (role === 'manager') {
        const phone = await context.newPage();
        await phone.setViewportSize({ width: 390, height: 844 });
        await phone.goto('/alerts?status=all');
        expect(await phone.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
        const cell = await phone.locator('tr[data-alert]').first().locator('td').nth(1).boundingBox();
        expect(cell?.width ?? 0).toBeGreaterThan(200);
        await shot(phone, 'inbox-390', lang);
        await expectAccessible(phone);
      }
    }
    const summary = await getJson<{ openAlerts: { total: number } }>(users.manager.api, '/api/v1/dashboard/summary');
    expect(summary.openAlerts.total).toBeGreaterThan(0);
  });
});
