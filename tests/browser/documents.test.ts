import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addDays, addMonths } from '../../src/domain/calendar';
import { labels } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { launchBrowser, serverClient, signIn, submit } from '../support/browser';
import { today } from '../support/factories';
import { type RunningServer, startServer } from '../support/server';

/**
 * Documents in a real Chromium against the real Node server: procurement uploads an ISMS
 * certificate in Japanese (a refused first try included) and finds it on the contractor's
 * page with its validity; a manager reads the certificates in English on a phone.
 */

const SHOTS = fileURLToPath(new URL('../../test-results/documents/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

let dir: string;
let server: RunningServer;
let browser: Browser;
let contractorId: string;
const tokens = {} as Record<'procurement' | 'manager', string>;
const contexts: BrowserContext[] = [];

const pdf = (note: string) =>
  new TextEncoder().encode(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${note}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-documents-browser-'));
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
  const admin = serverClient(server.url, ADMIN_TOKEN);
  const names = { procurement: '調達 花子', manager: '管理 太郎' };
  for (const role of ['procurement', 'manager'] as const) {
    const res = await admin.post('/api/v1/users', { name: names[role], role });
    if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${await res.text()}`);
    tokens[role] = ((await res.json()) as { token: string }).token;
  }
  const res = await admin.post('/api/v1/contractors', {
    name: '株式会社みなと情報処理',
    dataCategories: ['customers'],
  });
  contractorId = ((await res.json()) as { id: string }).id;
  // A Privacy Mark whose renewal application window is open now (expiry in 6 months).
  const form = new FormData();
  form.set('file', new File([pdf('pmark') as Uint8Array<ArrayBuffer>], 'プライバシーマーク登録証.pdf'));
  for (const [k, v] of Object.entries({
    contractorId,
    kind: 'privacy_mark',
    title: 'プライバシーマーク登録証',
    number: '第12345678(05)号',
    issuer: '一般財団法人日本情報経済社会推進協会（JIPDEC）',
    validFrom: addMonths(today(), -18),
    validUntil: addMonths(today(), 6),
  })) {
    form.set(k, v);
  }
  const up = await fetch(`${server.url}/api/v1/documents`, {
    method: 'POST',
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    body: form,
  });
  if (up.status !== 201) throw new Error(`seed document: ${up.status} ${await up.text()}`);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function as(role: keyof typeof tokens, lang: Lang) {
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

describe('documents and certificates', () => {
  it('procurement uploads an ISMS certificate in Japanese and sees it on the contractor page', async () => {
    const lang = 'ja';
    const { t, date, label } = i18n(lang);
    const page = await as('procurement', lang);
    await page.goto('/documents/new');
    await expectAccessible(page);
    await page.getByLabel(t('doc.contractor')).selectOption(contractorId);
    await page.getByRole('button', { name: t('doc.next') }).click();
    await page.waitForURL(`**/documents/new?contractorId=${contractorId}`);
    expect(await page.locator('h1').textContent()).toBe(t('doc.uploadFor', { name: '株式会社みなと情報処理' }));

    const file = join(dir, 'ISMS認証登録証_2026.pdf');
    writeFileSync(file, pdf('isms'));
    const from = addDays(today(), -10);
    const until = addDays(today(), 3 * 365);
    await page.getByLabel(t('doc.file')).setInputFiles(file);
    await page.getByLabel(t('doc.kind')).selectOption('isms_certificate');
    await page.getByLabel(t('doc.docTitle')).fill('ISMS認証登録証');
    await page.getByLabel(t('doc.number')).fill('IS 654321');
    await page.getByLabel(t('doc.issuer')).fill('BSIグループジャパン株式会社');
    // The dates reversed first: refused next to the field, the typing kept, the file asked for again.
    await page.getByLabel(t('doc.validFrom')).fill(until);
    await page.getByLabel(t('doc.validUntil')).fill(from);
    const refused = await submit(page, page.getByRole('button', { name: t('doc.save') }));
    expect(refused.status).toBe(400);
    expect(await page.locator('#validUntil-error').textContent()).toBe(t('doc.untilBeforeFrom'));
    expect(await page.locator('#file-again').textContent()).toBe(t('doc.fileAgain'));
    expect(await page.getByLabel(t('doc.issuer')).inputValue()).toBe('BSIグループジャパン株式会社');
    await expectAccessible(page);
    await shot(page, 'upload-refused', lang);

    await page.getByLabel(t('doc.file')).setInputFiles(file);
    await page.getByLabel(t('doc.validFrom')).fill(from);
    await page.getByLabel(t('doc.validUntil')).fill(until);
    const done = await submit(page, page.getByRole('button', { name: t('doc.save') }));
    expect(done.status).toBe(303);
    expect(await page.getByRole('status').textContent()).toBe(t('doc.uploaded'));
    expect(await page.locator('table.profile').textContent()).toContain('ISMS認証登録証_2026.pdf');
    await expectAccessible(page);
    await shot(page, 'detail', lang);

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: new RegExp(t('doc.download')) }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('ISMS認証登録証_2026.pdf');
    expect(readFileSync(await download.path())).toEqual(Buffer.from(pdf('isms')));

    await page.getByRole('link', { name: t('doc.delete') }).click();
    await page.waitForURL('**/delete');
    await expectAccessible(page);
    await shot(page, 'delete-confirm', lang);

    await page.goto(`/contractors/${contractorId}`);
    const row = page.locator('table.documents tr', { hasText: 'ISMS認証登録証' });
    expect(await row.locator('td').nth(0).textContent()).toBe(label(labels.documentKind, 'isms_certificate'));
    expect(await row.locator('.validity').textContent()).toBe(`${date(from)} – ${date(until)}`);
    expect(await row.locator('.badge').textContent()).toBe(t('doc.status.valid'));
    const pm = page.locator('table.documents tr', { hasText: 'プライバシーマーク登録証' });
    expect(await pm.locator('.pm-window .badge').textContent()).toBe(t('doc.pm.open'));
    await expectAccessible(page);
    await page.locator('#documents').scrollIntoViewIfNeeded();
    await shot(page, 'contractor', lang);

    await page.goto('/documents?kind=isms_certificate');
    expect(await page.locator('table.documents tbody tr').count()).toBe(1);
    await expectAccessible(page);
    await shot(page, 'list', lang);
  });

  it('a manager reads the certificates in English on a phone, with no way to change them', async () => {
    const lang = 'en';
    const { t, date } = i18n(lang);
    const page = await as('manager', lang);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto(`/contractors/${contractorId}`);
    expect(await page.getByRole('link', { name: t('doc.upload') }).count()).toBe(0);
    const until = addMonths(today(), 6);
    const pm = page.locator('table.documents tr', { hasText: 'プライバシーマーク登録証' });
    expect(await pm.locator('.pm-window').textContent()).toContain(
      t('doc.pm.window', { from: date(addMonths(until, -8)), until: date(addMonths(until, -4)) }),
    );
    expect(await pm.locator('td').nth(3).textContent()).toBe(t('doc.status.valid'));
    await expectAccessible(page);
    await shot(page, 'contractor-390', lang);

    await pm.getByRole('link', { name: 'プライバシーマーク登録証' }).click();
    await page.waitForURL('**/documents/*');
    expect(await page.getByRole('link', { name: t('doc.delete') }).count()).toBe(0);
    expect(await page.getByRole('link', { name: new RegExp(t('doc.download')) }).count()).toBe(1);
    await expectAccessible(page);
    await shot(page, 'detail-390', lang);

    await page.goto('/documents');
    expect(await page.locator('table.documents tbody tr').count()).toBe(2);
    expect(await page.getByRole('link', { name: t('doc.upload') }).count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'list-390', lang);
    const width = await page.evaluate(
      () =>
        (globalThis as unknown as { document: { documentElement: { scrollWidth: number } } }).document.documentElement
          .scrollWidth,
    );
    expect(width).toBeLessThanOrEqual(390);
  });
});
