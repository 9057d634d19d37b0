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
import { getJson, launchBrowser, type Signed, serverClient, signIn, submit } from '../support/browser';
import { daysFromToday, newContractor, scheduleReview } from '../support/factories';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * Questionnaires in Chromium: compliance sends one in Japanese from a review, reads the
 * answers beside last year's, returns one question with a comment and accepts the answers
 * given again; a manager reads them in English on a phone. The contractor answers through
 * the JSON API, as its own tools would.
 */

const SHOTS = fileURLToPath(new URL('../../test-results/questionnaires/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

interface Questionnaire {
  id: string;
  status: string;
  version: number;
}

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const users = {} as Record<'compliance' | 'manager', { token: string; api: Client }>;
const contexts: BrowserContext[] = [];
/** The contractor compliance sends to: last year's questionnaire accepted, this year's review open. */
let fresh: { contractor: { id: string; name: string }; review: { id: string } };
/** What the manager reads: last year's accepted, this year's submitted. */
let answered: Questionnaire;

const anon = () => serverClient(server.url, null);

/** The contractor's answers through the JSON API: every question that takes a value; `no` for the ones listed. */
async function answer(token: string, no: string[] = []) {
  const view = await getJson<{ template: { sections: { questions: { id: string; type: string }[] }[] } }>(
    anon(),
    `/api/v1/respond/${token}`,
  );
  const answers = view.template.sections
    .flatMap((s) => s.questions)
    .filter((q) => q.type !== 'file')
    .map((q) => ({
      questionId: q.id,
      value:
        q.type === 'yes_partly_no'
          ? no.includes(q.id)
            ? 'no'
            : 'yes'
          : q.type === 'date'
            ? daysFromToday(-200)
            : '年1回、規程を見直しています',
      comment: no.includes(q.id) ? '現在、策定中です' : null,
    }));
  const put = await anon().send('PUT', `/api/v1/respond/${token}`, { answers });
  if (put.status !== 200) throw new Error(`answers: ${put.status} ${await put.text()}`);
  const done = await anon().post(`/api/v1/respond/${token}/submit`, {});
  if (done.status !== 200) throw new Error(`submit: ${done.status} ${await done.text()}`);
}

/** A questionnaire sent through the API and answered; accepted when asked. */
async function sentAndAnswered(reviewId: string, no: string[], accept: boolean): Promise<Questionnaire> {
  const res = await users.compliance.api.post(`/api/v1/reviews/${reviewId}/questionnaire`, {
    templateId: 'appi-standard',
    recipientName: '山本 さくら',
    recipientEmail: 'yamamoto@example.co.jp',
    dueDate: daysFromToday(10),
    language: 'ja',
  });
  if (res.status !== 201) throw new Error(`send: ${res.status} ${await res.text()}`);
  const sent = (await res.json()) as Questionnaire & { respondentUrl: string };
  await answer(sent.respondentUrl.split('/').pop() as string, no);
  if (accept) {
    const ok = await users.compliance.api.post(`/api/v1/questionnaires/${sent.id}/accept`, {});
    if (ok.status !== 200) throw new Error(`accept: ${ok.status} ${await ok.text()}`);
  }
  return getJson<Questionnaire>(admin, `/api/v1/questionnaires/${sent.id}`);
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-questionnaires-'));
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([
    startServer({
      ITAKU_DB_PATH: join(dir, 'itaku.db'),
      ITAKU_ADMIN_TOKEN: ADMIN_TOKEN,
      ITAKU_SWEEP_CRON: 'off',
      ITAKU_LOG_LEVEL: 'warn',
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
  const setUp = async (name: string) => {
    const contractor = await newContractor(admin, { name });
    const last = (await scheduleReview(users.compliance.api, contractor.id, daysFromToday(-300))) as { id: string };
    const now = (await scheduleReview(users.compliance.api, contractor.id, daysFromToday(30), 'document_review')) as {
      id: string;
    };
    await sentAndAnswered(last.id, [], true);
    return { contractor, review: now };
  };
  const [sakura, other] = await Promise.all([setUp('株式会社さくら物流'), setUp('Northwind Data Services')]);
  fresh = sakura;
  answered = await sentAndAnswered(other.review.id, ['10-3-1', '10-6-1'], false);
});

afterAll(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
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
const mainText = async (page: Page) => (await page.locator('main').textContent()) ?? '';

describe('questionnaires', () => {
  it('compliance sends one in Japanese, reads the answers beside last year’s, returns a question and accepts', async () => {
    const { t, date, label } = i18n('ja');
    const { page } = await as('compliance', 'ja');
    const { review, contractor } = fresh;

    await open(page, `/reviews/${review.id}/questionnaire`);
    expect(await page.locator('h1').textContent()).toContain(contractor.name);
    const send = page.getByRole('button', { name: t('qn.send.submit'), exact: true });
    await page.getByLabel(t('qn.recipientName'), { exact: true }).fill('山本 さくら');
    await page.getByLabel(t('qn.recipientEmail'), { exact: true }).fill('yamamoto@example.co.jp');
    await page.getByLabel(t('qn.dueDate'), { exact: true }).fill(daysFromToday(14));
    expect(await page.getByLabel(t('qn.language'), { exact: true }).inputValue()).toBe('ja');
    await expectAccessible(page);
    await shot(page, 'send', 'ja');
    const sent = await submit(page, send);
    expect(sent.status).toBe(201);
    // The link, shown once, in a field to copy from; the address is the form's, not the link's.
    const link = await page.getByLabel(t('qn.link.label'), { exact: true }).inputValue();
    expect(link).toMatch(/\/respond\/itq_/);
    expect(page.url()).toBe(`${server.url}/reviews/${review.id}/questionnaire`);
    expect(await mainText(page)).toContain(t('qn.link.once'));
    await expectAccessible(page);
    await shot(page, 'link', 'ja');

    // The contractor answers: two measures it says it lacks this year.
    await answer(link.split('/').pop() as string, ['10-1-1', '10-4-1']);
    await page.getByRole('link', { name: t('qn.open'), exact: true }).click();
    await page.waitForURL(/\/questionnaires\/[^/]+$/);
    const id = new URL(page.url()).pathname.split('/').pop() as string;
    const main = await mainText(page);
    expect(main).not.toContain(link.split('/').pop() as string);
    for (const expected of [
      label(labels.questionnaireStatus, 'submitted'),
      t('qn.previous'),
      t('qn.answer.no'),
      '現在、策定中です',
      date(daysFromToday(14)),
    ]) {
      expect(main, expected).toContain(expected);
    }
    // Changed since last year: marked in words, on exactly the rows that changed.
    const changed = page.locator('tr.qn-changed');
    expect(await changed.count()).toBe(2);
    expect(await page.locator('tr#q-10-1-1').getAttribute('class')).toBe('qn-changed');
    expect(await page.locator('tr#q-10-1-1').textContent()).toContain(t('qn.changed'));
    expect(await page.locator('table.qn-scores').textContent()).toContain(labels.checklistRating.inadequate.ja);
    await expectAccessible(page);
    await shot(page, 'answers', 'ja');

    // Return 10-1-1 for clarification.
    await page.getByRole('link', { name: t('qn.return'), exact: true }).click();
    await page.waitForURL(`**/questionnaires/${id}/return`);
    await page.locator('textarea[name="comment.10-1-1"]').fill('策定の予定時期を記入してください。');
    await expectAccessible(page);
    const returned = await submit(page, page.getByRole('button', { name: t('qn.return'), exact: true }));
    expect(returned).toMatchObject({ status: 303, location: `/questionnaires/${id}?done=returned` });
    expect(await page.getByRole('status').first().textContent()).toBe(t('qn.notice.returned'));
    expect(await page.locator('tr#q-10-1-1').textContent()).toContain('策定の予定時期を記入してください。');

    // Answered again and accepted, after the confirmation.
    await answer(link.split('/').pop() as string, ['10-4-1']);
    await page.reload();
    await page.getByRole('link', { name: t('qn.accept'), exact: true }).click();
    await page.waitForURL(`**/questionnaires/${id}/accept`);
    await expectAccessible(page);
    const accept = page.getByRole('button', { name: t('qn.accept'), exact: true });
    expect((await submit(page, accept)).status).toBe(400);
    expect(await page.locator('#confirm-error').textContent()).toBe(t('rev.confirmRequired'));
    await page.getByLabel(t('qn.accept.confirm'), { exact: true }).check();
    expect(await submit(page, accept)).toMatchObject({ status: 303, location: `/questionnaires/${id}?done=accepted` });
    expect((await getJson<Questionnaire>(admin, `/api/v1/questionnaires/${id}`)).status).toBe('accepted');
    expect(await page.locator('main .actions a').count()).toBe(0);

    // The list, filtered by contractor: last year's and this one.
    await open(page, `/questionnaires?contractorId=${contractor.id}`);
    expect(await page.locator('table.qn-list tbody tr').count()).toBe(2);
    expect(await page.locator('table.qn-list').textContent()).toContain(label(labels.questionnaireStatus, 'accepted'));

    // A template of its own: copied from the built-in one, renamed, a question added.
    await open(page, '/questionnaire-templates');
    await page.locator('form[action="/questionnaire-templates/appi-standard/copy"] button').click();
    await page.waitForURL(/\/questionnaire-templates\/[^/]+\/edit\?copied=1$/);
    expect(await page.getByRole('status').textContent()).toBe(t('qn.tpl.copied'));
    await page.getByLabel(t('qn.tpl.nameJa'), { exact: true }).fill('当社版 委託先チェックシート');
    const add = page.locator('details.qn-add').first();
    await add.locator('summary').click();
    await add.getByLabel(t('qn.tpl.textJa'), { exact: true }).fill('個人情報保護方針を自社サイトで公表していますか。');
    await add
      .getByLabel(t('qn.tpl.textEn'), { exact: true })
      .fill('Do you publish your privacy policy on your website?');
    await expectAccessible(page);
    await shot(page, 'template-edit', 'ja');
    const saved = await submit(page, page.getByRole('button', { name: t('qn.tpl.save'), exact: true }));
    expect(saved).toMatchObject({ status: 303, location: expect.stringMatching(/\?section=10-1&saved=1$/) });
    expect(await page.getByRole('status').textContent()).toBe(t('qn.tpl.saved'));
    expect(await page.locator('h1').textContent()).toContain('当社版 委託先チェックシート');
    expect(await page.locator('textarea[name="q.10-1-c1.textJa"]').inputValue()).toBe(
      '個人情報保護方針を自社サイトで公表していますか。',
    );
  });

  it('a manager reads the questionnaires and templates in English on a phone, and can change nothing', async () => {
    const { t, label } = i18n('en');
    const { page } = await as('manager', 'en');
    await page.setViewportSize({ width: 390, height: 844 });
    const widthOk = async () =>
      expect(
        await page.evaluate(
          () =>
            (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document
              .documentElement.scrollWidth,
        ),
      ).toBeLessThanOrEqual(390);

    await open(page, '/questionnaires?status=submitted');
    expect(await page.locator('table.qn-list tbody tr').count()).toBe(1);
    expect(await mainText(page)).toContain('Northwind Data Services');
    await widthOk();
    await expectAccessible(page);
    await shot(page, 'list-390', 'en');

    await open(page, `/questionnaires/${answered.id}`);
    const main = await mainText(page);
    for (const expected of [
      label(labels.questionnaireStatus, 'submitted'),
      t('qn.previous'),
      t('qn.changed'),
      'Basic policy',
    ]) {
      expect(main, expected).toContain(expected);
    }
    expect(await page.locator('tr.qn-changed').count()).toBe(2);
    // Read only: no action, and the action pages refuse.
    expect(await page.locator('main form').count()).toBe(0);
    await widthOk();
    await expectAccessible(page);
    await shot(page, 'answers-390', 'en');
    await open(page, `/questionnaires/${answered.id}/accept`, 403);

    await open(page, '/questionnaire-templates');
    expect(await mainText(page)).toContain(t('qn.tpl.builtIn'));
    expect(await page.locator('main form').count()).toBe(0);
    await expectAccessible(page);
    await open(page, '/questionnaire-templates/appi-standard');
    expect(await page.locator('main h2').count()).toBeGreaterThanOrEqual(8);
    await widthOk();
    await expectAccessible(page);
  });
});
