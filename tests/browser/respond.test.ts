import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireTemplate, TemplateQuestion } from '../../src/domain/questionnaire/template';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, serverClient, submit } from '../support/browser';
import { daysFromToday, newContractor } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * A contractor's employee, with no itaku account, answers the questionnaire by its link
 * in Chromium: in Japanese at a desk (every required question, a file attached, saved,
 * opened again, submitted), and in English on a 390 px phone, by keyboard.
 */

const SHOTS = fileURLToPath(new URL('../../test-results/respond/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);
const ORGANIZATION = '株式会社みどり銀行';
const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let dir: string;
let server: RunningServer;
let browser: Browser;
let questions: TemplateQuestion[];
let templateName: { ja: string; en: string };
const links = {} as Record<Lang, { id: string; path: string; contractor: string }>;
const contexts: BrowserContext[] = [];
let compliance: Client;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-respond-'));
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([
    startServer({
      ITAKU_DB_PATH: join(dir, 'itaku.db'),
      ITAKU_ADMIN_TOKEN: ADMIN_TOKEN,
      ITAKU_SWEEP_CRON: 'off',
      ITAKU_LOG_LEVEL: 'info',
      ITAKU_ORGANIZATION_NAME: ORGANIZATION,
    }),
    launchBrowser(),
  ]);
  const admin = serverClient(server.url, ADMIN_TOKEN);
  const created = await admin.post('/api/v1/users', { name: '監査 花子', role: 'compliance' });
  compliance = serverClient(server.url, ((await created.json()) as { token: string }).token);
  const template = await getJson<QuestionnaireTemplate>(compliance, '/api/v1/questionnaire-templates/appi-standard');
  questions = template.sections.flatMap((s) => [...s.questions]);
  templateName = template.name;
  for (const [lang, name] of [
    ['ja', '株式会社データ処理センター'],
    ['en', 'Data Processing Centre KK'],
  ] as const) {
    const contractor = await newContractor(admin, { name });
    const review = await compliance.post('/api/v1/reviews', {
      contractorId: contractor.id,
      kind: 'periodic',
      dueDate: daysFromToday(21),
    });
    const { id: reviewId } = (await review.json()) as { id: string };
    const sent = await compliance.post(`/api/v1/reviews/${reviewId}/questionnaire`, {
      templateId: 'appi-standard',
      recipientName: lang === 'ja' ? '情報 太郎' : 'Taro Joho',
      recipientEmail: 'taro@dpc.example.jp',
      dueDate: daysFromToday(21),
      language: lang,
    });
    if (sent.status !== 201) throw new Error(`sending: ${sent.status} ${await sent.text()}`);
    const body = (await sent.json()) as { id: string; respondentUrl: string };
    links[lang] = { id: body.id, path: new URL(body.respondentUrl).pathname, contractor: name };
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

/** A browser that has never seen itaku; its own locale is the other language, which must not matter. */
async function respondent(lang: Lang, width: number): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: lang === 'ja' ? 'en-GB' : 'ja-JP',
    viewport: { width, height: 900 },
  });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

async function open(page: Page, path: string, lang: Lang) {
  const res = await page.goto(path);
  expect(res?.status(), path).toBe(200);
  expect(await page.locator('html').getAttribute('lang')).toBe(lang);
}

const shot = (page: Page, name: string, lang: Lang, fullPage = true) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage });

describe('a respondent', () => {
  it('fills the Japanese questionnaire, attaches evidence, saves, comes back and submits', async () => {
    const { t } = i18n('ja');
    const page = await respondent('ja', 1280);
    await open(page, links.ja.path, 'ja');
    expect(await page.locator('h1').textContent()).toBe(templateName.ja);
    expect(await page.locator('.respond-meta').textContent()).toContain(ORGANIZATION);
    expect(await page.locator('.respond-meta').textContent()).toContain(links.ja.contractor);
    expect(await page.locator('a[href="/login"], nav[aria-label="main"]').count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'form-top', 'ja', false);

    // The table of contents jumps to a section.
    await page.getByRole('link', { name: /^10-6 / }).click();
    expect(new URL(page.url()).hash).toBe('#s-10-6');

    for (const q of questions.filter((x) => x.required)) {
      const field = page.locator(`[id="q-${q.id}"]`);
      if (q.type === 'yes_partly_no') await field.getByLabel(t('respond.answer.yes'), { exact: true }).check();
      else if (q.type === 'text') await field.getByLabel(t('respond.text'), { exact: true }).fill('日本のみ');
      else if (q.type === 'date') await field.getByLabel(t('respond.date'), { exact: true }).fill('2026-04-01');
    }
    await page.locator('[id="q-10-1-1"]').getByLabel(t('respond.comment'), { exact: true }).fill('毎年4月に改訂');

    // Evidence for a file question: the answers typed so far are saved with it.
    const fileQuestion = questions.find((x) => x.type === 'file');
    if (!fileQuestion) throw new Error('no file question');
    const attachBox = page.locator(`[id="q-${fileQuestion.id}"]`);
    await attachBox.getByLabel(t('respond.fileLabel'), { exact: true }).setInputFiles({
      name: 'ISMS認証登録証.pdf',
      mimeType: 'application/pdf',
      buffer: PDF,
    });
    const attached = await submit(page, attachBox.getByRole('button', { name: t('respond.attach'), exact: true }));
    expect(attached).toMatchObject({ status: 303 });
    expect(await page.locator('[role="status"]').first().textContent()).toBe(t('respond.attached'));
    expect(await attachBox.locator('.file-name').textContent()).toBe('ISMS認証登録証.pdf');
    await attachBox.screenshot({ path: join(SHOTS, 'attached-ja.png') });

    const saved = await submit(page, page.getByRole('button', { name: t('respond.save'), exact: true }).first());
    expect(saved).toMatchObject({ status: 303 });
    // Every required question, and the optional file question answered by its file.
    const answered = questions.filter((x) => x.required).length + 1;
    expect(await page.locator('.progress').first().textContent()).toContain(`${questions.length} 問中 ${answered} 問`);

    // Coming back later with the same link: everything is there.
    const later = await respondent('ja', 1280);
    await open(later, links.ja.path, 'ja');
    expect(await later.locator('[id="a-10-1-1-yes"]').isChecked()).toBe(true);
    expect(await later.locator('[id="c-10-1-1"]').inputValue()).toBe('毎年4月に改訂');

    // Submitting needs the box ticked: the browser itself refuses without it.
    const submitButton = later.getByRole('button', { name: t('respond.submit'), exact: true });
    await submitButton.click();
    expect(new URL(later.url()).search).toBe('');
    await later.getByLabel(t('respond.confirm'), { exact: true }).check();
    expect(await submit(later, submitButton)).toMatchObject({ status: 303 });
    expect(await later.locator('.notice.thanks').textContent()).toContain(t('respond.thanks'));
    expect(await later.locator('form').count()).toBe(0);
    await expectAccessible(later);
    await shot(later, 'thanks', 'ja', false);
    await shot(later, 'submitted-full', 'ja');
    const status = await getJson<{ status: string }>(compliance, `/api/v1/questionnaires/${links.ja.id}`);
    expect(status.status).toBe('submitted');
  });

  it('answers the English questionnaire on a 390 px phone by keyboard', async () => {
    const { t } = i18n('en');
    const page = await respondent('en', 390);
    await open(page, links.en.path, 'en');
    // Nothing wider than the phone: no sideways scrolling.
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
          .scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
    await expectAccessible(page);
    await shot(page, 'form-390', 'en', false);

    // From the skip link into the form: Tab reaches the first answer, arrows choose.
    await page.keyboard.press('Tab');
    expect(await page.locator(':focus').textContent()).toBe(t('nav.skip'));
    await page.locator('[id="a-10-1-1-yes"]').focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    expect(await page.locator('[id="a-10-1-1-partly"]').isChecked()).toBe(true);
    await page.locator('[id="c-10-1-1"]').focus();
    await page.keyboard.type('Reviewed every April');
    await page.locator('[id="a-10-2-3"]').fill('2026-04-01');
    // Enter in a field saves (the first button of the form), it does not attach a file.
    await page.locator('[id="a-10-2-3"]').focus();
    const [res] = await Promise.all([
      page.waitForResponse((r) => r.request().method() === 'POST'),
      page.keyboard.press('Enter'),
    ]);
    expect(res.status()).toBe(303);
    expect(new URL(res.url()).pathname).toBe(links.en.path);
    await page.waitForURL(/saved=1/);
    expect(await page.locator('[role="status"]').first().textContent()).toContain('Your answers are saved');
    expect(await page.locator('[id="a-10-1-1-partly"]').isChecked()).toBe(true);
    await shot(page, 'saved-390', 'en', false);
    await page.locator('[id="s-10-1"]').screenshot({ path: join(SHOTS, 'section-390-en.png') });
    await shot(page, 'form-390-full', 'en');

    // Submitting with questions unanswered: each one named at the top, linked, and marked at the question.
    await page.getByLabel(t('respond.confirm'), { exact: true }).check();
    const refused = await submit(page, page.getByRole('button', { name: t('respond.submit'), exact: true }));
    expect(refused.status).toBe(422);
    const unanswered = questions.filter((x) => x.required && !['10-1-1'].includes(x.id));
    expect(await page.locator('#problems li').count()).toBe(unanswered.length);
    expect(await page.locator('[id="q-10-1-2"][aria-invalid]').count()).toBe(0);
    const first = unanswered[0]?.id ?? '';
    expect(await page.locator(`[id="q-${first}"]`).getAttribute('aria-invalid')).toBe('true');
    expect(await page.locator('[id="c-10-1-1"]').inputValue()).toBe('Reviewed every April');
    await expectAccessible(page);
    await shot(page, 'refused-390', 'en', false);
  });
});
