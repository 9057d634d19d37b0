import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { checklistCategories } from '../../src/domain/selection';
import { labels } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, type Signed, serverClient, signIn, submit } from '../support/browser';
import { daysFromToday, newAgreement, newContractor, scheduleReview, today } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * A review in Chromium, in Japanese and English: compliance reads what it recorded,
 * reschedules, reassigns, meets someone else's change, completes it (no outcome chosen
 * in advance, a contradictory outcome confirmed) and cancels another; a manager reads
 * and can change nothing.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/reviews/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

interface Review {
  id: string;
  status: string;
  dueDate: string;
  assignee: string | null;
  outcome: string | null;
  checklist: Record<string, string>;
  cancelReason: string | null;
  version: number;
}

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const users = {} as Record<'compliance' | 'manager', { token: string; api: Client }>;
const contexts: BrowserContext[] = [];
/** Per language: a contractor, its agreement, an overdue review and a second open one. */
const fixtures = {} as Record<Lang, { contractor: { id: string; name: string }; review: Review; spare: Review }>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-reviews-'));
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
    const contractor = await newContractor(admin, { name: `監査対象物流 ${lang}`, handlesSpecialCare: true });
    const agreement = await newAgreement(admin, contractor.id, { title: `物流業務委託契約 ${lang}` });
    const res = await users.compliance.api.post('/api/v1/reviews', {
      contractorId: contractor.id,
      agreementId: agreement.id,
      kind: 'on_site_audit',
      dueDate: daysFromToday(-5),
    });
    const review = (await res.json()) as Review;
    const spare = (await scheduleReview(
      users.compliance.api,
      contractor.id,
      daysFromToday(40),
      'document_review',
    )) as unknown as Review;
    fixtures[lang] = { contractor, review, spare };
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
/** How wide the page's content is (wider than the window means sideways scrolling). */
const pageWidth = (page: Page) =>
  page.evaluate(
    () =>
      (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
        .scrollWidth,
  );
const text = async (page: Page, selector: string) => ((await page.locator(selector).textContent()) ?? '').trim();
const review = (id: string) => getJson<Review>(admin, `/api/v1/reviews/${id}`);

describe.each(LANGS)('reviews in %s', (lang) => {
  const { t, label, date } = i18n(lang);
  const required = lang === 'ja' ? '指定してください' : 'is required';

  it('compliance reads, reschedules, reassigns, meets a conflict, and completes the review', async () => {
    const { page } = await as('compliance', lang);
    const { contractor, review: r } = fixtures[lang];
    await open(page, `/reviews/${r.id}`);
    expect(await text(page, 'h1')).toContain(`${label(labels.reviewKind, 'on_site_audit')}: ${contractor.name}`);
    expect(await text(page, 'h1 .badge')).toBe(label(labels.supervisionStatus, 'overdue'));
    expect(await page.getByRole('link', { name: `物流業務委託契約 ${lang}`, exact: true }).count()).toBe(1);
    expect(await page.locator('main').textContent()).toContain(date(r.dueDate));
    await expectAccessible(page);
    await shot(page, 'open', lang);

    // Reschedule to a new date.
    const reschedule = page.locator(`form[action="/reviews/${r.id}/reschedule"]`);
    await reschedule.getByLabel(t('rev.newDueDate'), { exact: true }).fill(daysFromToday(14));
    const moved = await submit(page, reschedule.getByRole('button', { name: t('rev.reschedule'), exact: true }));
    expect(moved).toMatchObject({ status: 303, location: `/reviews/${r.id}?saved=1` });
    expect(await page.getByRole('status').textContent()).toBe(t('c.saved'));
    expect(await page.locator('main').textContent()).toContain(date(daysFromToday(14)));
    expect(await review(r.id)).toMatchObject({ dueDate: daysFromToday(14), version: 2 });

    // Reassign, by keyboard only: the field, then Enter submits its form.
    const reassign = page.locator(`form[action="/reviews/${r.id}/reassign"]`);
    await reassign.getByLabel(t('rev.newAssignee'), { exact: true }).focus();
    await page.keyboard.type('佐藤 一郎');
    const loaded = page.waitForEvent('load');
    const [sent] = await Promise.all([
      page.waitForResponse((res) => res.request().method() === 'POST' && res.url().endsWith('/reassign')),
      page.keyboard.press('Enter'),
    ]);
    expect(sent.status()).toBe(303);
    await loaded;
    expect(await review(r.id)).toMatchObject({ assignee: '佐藤 一郎', version: 3 });

    // Someone else reschedules meanwhile: the page says so, keeps the typing, shows what is saved.
    const other = await users.compliance.api.patch(
      `/api/v1/reviews/${r.id}`,
      { dueDate: daysFromToday(21) },
      { 'if-match': '"3"' },
    );
    expect(other.status).toBe(200);
    await reassign.getByLabel(t('rev.newAssignee'), { exact: true }).fill('田中 次郎');
    const stale = await submit(page, reassign.getByRole('button', { name: t('rev.reassign'), exact: true }));
    expect(stale).toMatchObject({ status: 412, alert: t('rev.conflict') });
    expect(await page.getByLabel(t('rev.newAssignee'), { exact: true }).inputValue()).toBe('田中 次郎');
    expect(await page.locator('main').textContent()).toContain(date(daysFromToday(21)));
    await expectAccessible(page);
    await shot(page, 'conflict', lang);
    // Sent again, it applies on top of the other change.
    const again = await submit(page, page.getByRole('button', { name: t('rev.reassign'), exact: true }));
    expect(again.status).toBe(303);
    expect(await review(r.id)).toMatchObject({ assignee: '田中 次郎', dueDate: daysFromToday(21), version: 5 });

    // Complete: nothing chosen in advance, so sending at once names each missing choice.
    await page.getByRole('link', { name: t('r.complete'), exact: true }).click();
    await page.waitForURL(`**/reviews/${r.id}/complete`);
    const outcome = page.getByLabel(t('r.outcome'), { exact: true });
    const checklist = page.getByRole('group', { name: t('r.checklist'), exact: true });
    const rating = (cat: (typeof checklistCategories)[number]) =>
      checklist.getByLabel(label(labels.checklistCategory, cat), { exact: true });
    expect(await outcome.inputValue()).toBe('');
    for (const cat of checklistCategories) {
      expect(await rating(cat).inputValue(), cat).toBe('');
    }
    await page.getByLabel(t('r.notes'), { exact: true }).fill('施錠管理に不備あり');
    const send = page.getByRole('button', { name: t('r.complete'), exact: true });
    expect(await submit(page, send)).toMatchObject({ status: 400, alert: t('err.title') });
    expect(await text(page, '#outcome-error')).toBe(required);
    expect(await outcome.getAttribute('aria-describedby')).toBe('outcome-error');
    expect(await text(page, '[id="checklist.physical-error"]')).toBe(required);
    expect(await page.getByLabel(t('r.notes'), { exact: true }).inputValue()).toBe('施錠管理に不備あり');
    await expectAccessible(page);
    await shot(page, 'complete-missing', lang);

    // "Satisfactory" with an inadequate category: asked to confirm first.
    await outcome.selectOption('satisfactory');
    for (const cat of checklistCategories) if (cat !== 'physical') await rating(cat).selectOption('adequate');
    await rating('physical').selectOption('inadequate');
    const finding = page.getByRole('group', { name: t('r.finding', { n: 1 }), exact: true });
    await finding.getByLabel(t('r.severity'), { exact: true }).selectOption('high');
    await finding.getByLabel(t('r.category'), { exact: true }).selectOption('physical');
    await finding.getByLabel(t('r.description'), { exact: true }).fill(`サーバ室の施錠を徹底する (${lang})`);
    await finding.getByLabel(t('r.findingDue'), { exact: true }).fill(daysFromToday(30));
    const words = {
      outcome: label(labels.reviewOutcome, 'satisfactory'),
      rating: label(labels.checklistRating, 'inadequate'),
    };
    const asked = await submit(page, send);
    expect(asked).toMatchObject({
      status: 200,
      alert: t('rev.satisfactoryInadequate', { ...words, categories: label(labels.findingCategory, 'physical') }),
    });
    const confirm = page.getByLabel(t('rev.confirmSatisfactory', words), { exact: true });
    expect(await confirm.isChecked()).toBe(false);
    expect(await rating('physical').inputValue()).toBe('inadequate');
    await expectAccessible(page);
    await shot(page, 'complete-confirm', lang);
    expect(await submit(page, send)).toMatchObject({ status: 400 });
    expect(await text(page, '#confirmOutcome-error')).toBe(t('rev.confirmRequired'));
    expect((await review(r.id)).status).toBe('scheduled');
    await page.getByLabel(t('rev.confirmSatisfactory', words), { exact: true }).check();
    const done = await submit(page, send);
    expect(done).toMatchObject({ status: 303, location: expect.stringMatching(`^/reviews/${r.id}\\?saved=1&next=`) });

    // The review's page: what was recorded, and when the next review is.
    const recorded = await review(r.id);
    expect(recorded).toMatchObject({
      status: 'completed',
      outcome: 'satisfactory',
      checklist: { organizational: 'adequate', human: 'adequate', physical: 'inadequate', technical: 'adequate' },
    });
    const next = new URL(page.url()).searchParams.get('next');
    expect(await page.getByRole('status').textContent()).toBe(t('r.next', { date: date(next) }));
    const main = (await page.locator('main').textContent()) ?? '';
    for (const expected of [
      label(labels.reviewStatus, 'completed'),
      label(labels.reviewOutcome, 'satisfactory'),
      label(labels.checklistRating, 'inadequate'),
      '施錠管理に不備あり',
      `サーバ室の施錠を徹底する (${lang})`,
      label(labels.findingSeverity, 'high'),
      date(daysFromToday(30)),
      '田中 次郎',
      date(today()),
    ]) {
      expect(main, expected).toContain(expected);
    }
    expect(await page.locator('main form').count()).toBe(0);
    expect(await page.getByRole('link', { name: t('r.complete'), exact: true }).count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'completed', lang);
  });

  it('compliance cancels a review with a reason and a confirmation, by keyboard', async () => {
    const { page } = await as('compliance', lang);
    const { spare } = fixtures[lang];
    await open(page, `/reviews/${spare.id}`);
    const cancel = page.locator(`form[action="/reviews/${spare.id}/cancel"]`);
    const button = cancel.getByRole('button', { name: t('rev.cancel'), exact: true });
    expect(await submit(page, button)).toMatchObject({ status: 400, alert: t('err.title') });
    expect(await text(page, '#reason-error')).not.toBe('');
    expect(await text(page, '#confirm-error')).toBe(t('rev.confirmRequired'));
    expect((await review(spare.id)).status).toBe('scheduled');
    await expectAccessible(page);

    await page.getByLabel(t('rev.cancelReason'), { exact: true }).fill('委託範囲の変更により不要');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Space');
    expect(await page.getByLabel(t('rev.cancelConfirm'), { exact: true }).isChecked()).toBe(true);
    await page.keyboard.press('Tab');
    const loaded = page.waitForEvent('load');
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    expect(res.status()).toBe(303);
    await loaded;
    expect(page.url()).toMatch(new RegExp(`/reviews/${spare.id}\\?saved=1$`));
    expect(await review(spare.id)).toMatchObject({ status: 'cancelled', cancelReason: '委託範囲の変更により不要' });
    expect(await text(page, 'h1 .badge')).toBe(label(labels.reviewStatus, 'cancelled'));
    expect(await page.locator('main').textContent()).toContain('委託範囲の変更により不要');
    expect(await page.locator('main form').count()).toBe(0);
    await shot(page, 'cancelled', lang);
  });

  it('a manager reads the review, also on a phone, and can change nothing', async () => {
    const { context, page } = await as('manager', lang);
    const { review: r } = fixtures[lang];
    await open(page, `/reviews/${r.id}`);
    expect(await page.locator('main form').count()).toBe(0);
    expect(await page.getByRole('link', { name: t('r.complete'), exact: true }).count()).toBe(0);
    await open(page, `/reviews/${r.id}/complete`, 403);
    expect(await page.getByRole('alert').textContent()).toBe(t('err.forbidden', { role: labels.role.manager[lang] }));

    const phone = await context.newPage();
    await phone.setViewportSize({ width: 390, height: 844 });
    await open(phone, `/reviews/${r.id}`);
    // Nothing wider than the screen but the tables, which scroll inside their box.
    const overflow = await pageWidth(phone);
    expect(overflow).toBeLessThanOrEqual(390);
    // A record row reads as words, not one character per line.
    const cell = phone.locator('table.record td').first();
    const box = await cell.boundingBox();
    expect(box?.width ?? 0).toBeGreaterThan(120);
    await expectAccessible(phone);
    await shot(phone, 'phone', lang);
  });
});
