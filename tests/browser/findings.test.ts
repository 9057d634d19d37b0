import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { labels, overdueLabel } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { csrfOf, getJson, launchBrowser, listAll, type Signed, serverClient, signIn, submit } from '../support/browser';
import { daysFromToday, newContractor, passingChecklist, today } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Findings in Chromium, in Japanese and English: compliance narrows the list to the
 * overdue high ones, opens one from its row, fixes a refused date and resolves it with a
 * note, coming back to the same list; a manager reads the list with its links to the
 * review and the contractor, and can resolve nothing.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/findings/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

interface Finding {
  id: string;
  reviewId: string | null;
  contractorId: string;
  status: string;
  resolvedOn: string | null;
  resolutionNote: string | null;
  version: number;
}

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const users = {} as Record<'compliance' | 'manager', { token: string; api: Client }>;
const contexts: BrowserContext[] = [];
/** Per language: a contractor, its review, an overdue high finding and a later medium one from it. */
const fixtures = {} as Record<
  Lang,
  { contractor: { id: string; name: string }; reviewId: string; late: Finding; later: Finding }
>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-findings-'));
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
  const names = { compliance: '監査 花子', manager: '管理 太郎' };
  for (const role of ['compliance', 'manager'] as const) {
    const res = await admin.post('/api/v1/users', { name: names[role], role });
    if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as { token: string };
    users[role] = { token: body.token, api: serverClient(server.url, body.token) };
  }
  for (const lang of LANGS) {
    const contractor = await newContractor(admin, { name: `是正対象システム ${lang}` });
    const scheduled = await users.compliance.api.post('/api/v1/reviews', {
      contractorId: contractor.id,
      kind: 'on_site_audit',
      dueDate: daysFromToday(-30),
    });
    const review = (await scheduled.json()) as { id: string };
    const done = await users.compliance.api.post(`/api/v1/reviews/${review.id}/complete`, {
      completedOn: daysFromToday(-25),
      outcome: 'minor_findings',
      checklist: passingChecklist,
      findings: [
        {
          severity: 'high',
          category: 'technical',
          description: `管理者パスワードが共有されている (${lang})`,
          dueDate: daysFromToday(-3),
        },
        {
          severity: 'medium',
          category: 'organizational',
          description: `委託先の責任者が未指名 (${lang})`,
          dueDate: daysFromToday(30),
        },
      ],
    });
    if (done.status !== 200) throw new Error(`complete: ${done.status} ${await done.text()}`);
    const [late, later] = ((await done.json()) as { findings: Finding[] }).findings;
    if (!late || !later) throw new Error('no findings recorded');
    fixtures[lang] = { contractor, reviewId: review.id, late, later };
  }
  // One recorded outside a review, elsewhere.
  const elsewhere = await newContractor(admin, { name: '外部報告社' });
  await users.compliance.api.post('/api/v1/findings', {
    contractorId: elsewhere.id,
    severity: 'low',
    category: 'human',
    description: '教育記録の不足',
    dueDate: daysFromToday(60),
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

async function open(page: Page, path: string, lang: Lang, status = 200) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(status);
  expect(await page.locator('html').getAttribute('lang'), path).toBe(lang);
}

const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });
const finding = (id: string) => getJson<Finding>(users.manager.api, `/api/v1/findings/${id}`);
const listed = (page: Page) =>
  page.locator('tr[data-finding]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-finding') ?? '').sort());

describe.each(LANGS)('findings in %s', (lang) => {
  const { t, label, text, date } = i18n(lang);

  it('compliance narrows the list to the overdue high ones and resolves one with a note', async () => {
    const { page } = await as('compliance', lang);
    const { late, contractor } = fixtures[lang];

    await open(page, '/incidents', lang);
    await page
      .getByRole('navigation', { name: 'main' })
      .getByRole('link', { name: t('nav.findings'), exact: true })
      .click();
    await page.waitForURL('**/findings');
    expect(await page.locator('h1').textContent()).toBe(t('fnd.title'));
    await expectAccessible(page);

    await page.getByLabel(t('r.severity'), { exact: true }).selectOption('high');
    await page.getByLabel(t('fnd.overdueOnly'), { exact: true }).check();
    await Promise.all([
      page.waitForURL(/severity=high/),
      page.getByRole('button', { name: t('list.filter'), exact: true }).click(),
    ]);
    // As the API counts them (the other language's journey may have resolved its own already).
    const overdueHigh = (await listAll<Finding>(users.manager.api, '/api/v1/findings?severity=high&overdue=true'))
      .map((f) => f.id)
      .sort();
    expect(overdueHigh).toContain(late.id);
    expect(await listed(page)).toEqual(overdueHigh);
    const n = String(overdueHigh.length);
    expect(await page.locator('.pager').textContent()).toBe(t('list.range', { from: '1', to: n, total: n }));
    const row = page.locator(`tr[data-finding="${late.id}"]`);
    expect(await row.locator('.badge.overdue').textContent()).toBe(text(overdueLabel));
    expect(await row.getByRole('link', { name: contractor.name, exact: true }).getAttribute('href')).toBe(
      `/contractors/${contractor.id}`,
    );
    await shot(page, 'list-filtered', lang);
    const listUrl = page.url();

    await row.getByRole('link', { name: new RegExp(`^${t('fnd.resolve')}`) }).click();
    await page.waitForURL((url) => url.pathname === `/findings/${late.id}` && url.searchParams.has('back'));
    expect(await page.locator('h1').textContent()).toContain(t('fnd.detail', { name: contractor.name }));
    expect(
      await page
        .getByRole('link', { name: new RegExp(label(labels.reviewKind, 'on_site_audit')) })
        .getAttribute('href'),
    ).toBe(`/reviews/${fixtures[lang].reviewId}`);
    const day = page.getByLabel(t('fnd.resolvedOn'), { exact: true });
    expect(await day.inputValue()).toBe(today());
    await expectAccessible(page);

    // A day in the future is refused next to the field; the note stays as typed.
    const note = `共有アカウントを廃止し個人IDを発行した (${lang})`;
    await day.fill(daysFromToday(1));
    await page.getByLabel(t('fnd.note'), { exact: true }).fill(note);
    const resolve = page.getByRole('button', { name: t('fnd.markResolved'), exact: true });
    expect(await submit(page, resolve)).toMatchObject({ status: 400, alert: t('err.title') });
    expect(await day.getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('#resolvedOn-error').textContent()).toBe(
      lang === 'ja' ? '未来の日付にはできません' : 'must not be in the future',
    );
    expect(await page.getByLabel(t('fnd.note'), { exact: true }).inputValue()).toBe(note);
    await expectAccessible(page);
    await shot(page, 'resolve-refused', lang);

    await day.fill(daysFromToday(-1));
    const done = await submit(page, resolve);
    expect(done.status).toBe(303);
    expect(page.url()).toBe(`${listUrl}&saved=1`);
    expect(await page.getByRole('status').textContent()).toBe(t('fnd.resolved'));
    expect(await listed(page)).toEqual(overdueHigh.filter((id) => id !== late.id));
    expect(await finding(late.id)).toMatchObject({
      status: 'resolved',
      resolvedOn: daysFromToday(-1),
      resolutionNote: note,
    });

    // Among the resolved ones, with the day it was resolved.
    await open(page, `/findings?status=resolved&contractorId=${contractor.id}`, lang);
    expect(await listed(page)).toEqual([late.id]);
    expect(await page.locator(`tr[data-finding="${late.id}"]`).textContent()).toContain(date(daysFromToday(-1)));
    await open(page, `/findings/${late.id}`, lang);
    expect(await page.locator('table.facts').textContent()).toContain(note);
    expect(await page.getByRole('button', { name: t('fnd.markResolved'), exact: true }).count()).toBe(0);
  });

  it('a manager reads the findings with their review and contractor, and can resolve nothing', async () => {
    const { page } = await as('manager', lang);
    const { later, reviewId } = fixtures[lang];
    await open(page, '/findings', lang);
    const row = page.locator(`tr[data-finding="${later.id}"]`);
    expect(await row.getByRole('link', { name: t('fnd.openReview'), exact: true }).getAttribute('href')).toBe(
      `/reviews/${reviewId}`,
    );
    expect(await page.getByRole('link', { name: new RegExp(`^${t('fnd.resolve')}`) }).count()).toBe(0);
    expect(await page.locator('main').textContent()).toContain(t('fnd.noReview'));
    await expectAccessible(page);

    await page.setViewportSize({ width: 390, height: 844 });
    await open(page, '/findings?status=all', lang);
    const cell = await row.locator('td').nth(2).boundingBox();
    expect(cell?.width ?? 0).toBeGreaterThan(80);
    await expectAccessible(page);
    await shot(page, 'list-390', lang);
    await row.locator('td').nth(2).getByRole('link').click();
    await page.waitForURL((url) => url.pathname === `/findings/${later.id}` && url.searchParams.has('back'));
    expect(await page.locator('main form').count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'detail-390', lang);

    const res = await page.request.post(`/findings/${later.id}/resolve`, {
      form: { _csrf: await csrfOf(page), version: '1', resolvedOn: today() },
      maxRedirects: 0,
    });
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain(t('err.forbidden', { role: labels.role.manager[lang] }));
    expect(await finding(later.id)).toMatchObject({ status: 'open', version: 1 });
  });
});
