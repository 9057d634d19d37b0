import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Encoding from 'encoding-japanese';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { corporateCheckDigit } from '../../src/domain/corporate-number';
import { labels } from '../../src/i18n/labels';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, type Signed, serverClient, signIn, submit } from '../support/browser';
import type { Client } from '../support/http';
import { type RunningServer, startServer } from '../support/server';

/**
 * The contractor import in a real Chromium against the real Node server, in Japanese and
 * English: procurement downloads the template, uploads a Shift_JIS file as Excel saves
 * it, reads every row's error in its language, uploads the corrected file, checks the
 * preview and registers it; a manager has no way in.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/imports/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
const tokens = {} as Record<'procurement' | 'manager', string>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-imports-browser-'));
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
  const names = { procurement: '調達 花子', manager: '管理 太郎' };
  for (const role of ['procurement', 'manager'] as const) {
    const res = await admin.post('/api/v1/users', { name: names[role], role });
    if (res.status !== 201) throw new Error(`user ${role}: ${res.status} ${await res.text()}`);
    tokens[role] = ((await res.json()) as { token: string }).token;
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

async function as(role: keyof typeof tokens, lang: Lang): Promise<Signed> {
  const { t } = i18n(lang);
  const signed = await signIn(browser, server.url, tokens[role], lang, {
    token: t('login.token'),
    submit: t('login.submit'),
  });
  contexts.push(signed.context);
  return signed;
}

const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });

const sjisFile = (name: string, text: string) => {
  const path = join(dir, name);
  writeFileSync(path, Uint8Array.from(Encoding.convert(Encoding.stringToCode(text), { to: 'SJIS', from: 'UNICODE' })));
  return path;
};

const corporateNumber = (n: number) => {
  const base = String(200_000_000_000 + n).padStart(12, '0');
  return `${corporateCheckDigit(base)}${base}`;
};

/** Cell texts of each row of a table. */
const rowsOf = (page: Page, selector: string) =>
  page
    .locator(`${selector} tbody tr`)
    .evaluateAll((trs) =>
      trs.map((tr) =>
        Array.from(
          (tr as { querySelectorAll(s: string): ArrayLike<{ textContent: string | null }> }).querySelectorAll('td'),
          (td) => (td.textContent ?? '').trim(),
        ),
      ),
    );

describe.each(LANGS)('importing contractors in %s', (lang) => {
  const { t } = i18n(lang);
  const n = lang === 'ja' ? 1 : 2;
  const header = '名称,法人番号,取扱データ,本人数,システムアクセス,再委託元,委託業務';
  const parent = `取込物流 ${lang}`;
  const child = `取込配送 ${lang}`;

  it('procurement fixes what the dry run shows and registers the file', async () => {
    const { page } = await as('procurement', lang);
    await page.getByRole('link', { name: t('nav.imports'), exact: true }).click();
    await page.waitForURL('**/imports/contractors');
    expect(await page.locator('h1').textContent()).toBe(t('imp.title'));
    await expectAccessible(page);
    await shot(page, 'upload', lang);

    // The template, with headers in this language.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: t(lang === 'ja' ? 'imp.templateJa' : 'imp.templateEn'), exact: true }).click(),
    ]);
    const template = readFileSync((await download.path()) ?? '', 'utf8');
    expect(template.replace(/^\uFEFF/, '').split(',')[0]).toBe(lang === 'ja' ? '名称' : 'Name');

    // A file with mistakes, as Excel on Japanese Windows saves it.
    const wrong = sjisFile(
      `wrong-${lang}.csv`,
      `${header}\r\n${parent},1234567890123,顧客;従業員,"150,000",はい,,配送\r\n${child},,顧客;宇宙人,500,たぶん,${parent},再委託\r\n`,
    );
    await page.getByLabel(t('imp.file'), { exact: true }).setInputFiles(wrong);
    const check = page.getByRole('button', { name: t('imp.check'), exact: true });
    expect(await submit(page, check)).toMatchObject({ status: 400, alert: t('imp.hasErrors', { n: 3 }) });
    expect(await page.getByTestId('import-error-count').textContent()).toBe('3');
    const errors = await rowsOf(page, 'table.import-errors');
    expect(errors.map(([row, column]) => [row, column])).toEqual(
      lang === 'ja'
        ? [
            ['1', '法人番号'],
            ['2', '取扱データ'],
            ['2', 'システムアクセス'],
          ]
        : [
            ['1', 'Corporate number'],
            ['2', 'Data categories'],
            ['2', 'Access to our systems'],
          ],
    );
    for (const [, , message] of errors) expect(message).not.toBe('');
    if (lang === 'ja') expect(errors[0]?.[2]).toMatch(/[ぁ-んァ-ン一-龥]/);
    expect(await page.locator('form[action="/imports/contractors/import"]').count()).toBe(0);
    await expectAccessible(page);
    await shot(page, 'preview-errors', lang);
    await page.setViewportSize({ width: 390, height: 844 });
    const overflow = await page.evaluate<number>('document.documentElement.scrollWidth - window.innerWidth');
    expect(overflow).toBeLessThanOrEqual(0);
    await shot(page, 'preview-errors-390', lang);
    await page.setViewportSize({ width: 1280, height: 900 });

    // Nothing registered by the dry run.
    const before = await getJson<{ items: unknown[] }>(admin, `/api/v1/contractors?q=${encodeURIComponent(parent)}`);
    expect(before.items).toEqual([]);

    // The corrected file: a clean preview, then one click registers exactly it.
    const fixed = sjisFile(
      `fixed-${lang}.csv`,
      `${header}\r\n${parent},${corporateNumber(n)},顧客;従業員,"150,000",はい,,配送\r\n${child},,顧客,500,いいえ,${parent},再委託\r\n`,
    );
    await page.getByLabel(t('imp.file'), { exact: true }).setInputFiles(fixed);
    expect(await submit(page, page.getByRole('button', { name: t('imp.check'), exact: true }))).toMatchObject({
      status: 200,
    });
    expect(await page.getByRole('status').textContent()).toBe(t('imp.ok', { n: 2 }));
    expect(await page.locator('.import-facts').textContent()).toContain('Shift_JIS');
    const rows = await rowsOf(page, 'table.import-rows');
    expect(rows.map((r) => [r[0], r[1], r[5]])).toEqual([
      ['1', parent, '—'],
      ['2', child, parent],
    ]);
    await expectAccessible(page);
    await shot(page, 'preview-ok', lang);
    const register = page.getByRole('button', { name: t('imp.import', { n: 2 }), exact: true });
    expect(await submit(page, register)).toMatchObject({ status: 303, location: '/imports/contractors?imported=2' });
    expect(await page.getByRole('status').textContent()).toContain(t('imp.imported', { n: 2 }));
    await expectAccessible(page);
    await shot(page, 'imported', lang);

    const found = await getJson<{ items: { id: string; name: string; parentId: string | null; status: string }[] }>(
      admin,
      `/api/v1/contractors?q=${encodeURIComponent(`取込`)}&limit=200`,
    );
    const p = found.items.find((c) => c.name === parent);
    expect(p?.status).toBe('proposed');
    expect(found.items.find((c) => c.name === child)?.parentId).toBe(p?.id);
    await page.getByRole('link', { name: t('imp.viewProposed'), exact: true }).click();
    await page.waitForURL('**/contractors?status=proposed');
    expect(await page.getByRole('link', { name: child, exact: true }).count()).toBe(1);
  });

  it('a manager has no import in the menu and is refused the page', async () => {
    const { page } = await as('manager', lang);
    expect(await page.getByRole('link', { name: t('nav.imports'), exact: true }).count()).toBe(0);
    const res = await page.goto('/imports/contractors');
    expect(res?.status()).toBe(403);
    expect(await page.getByRole('alert').textContent()).toBe(t('err.forbidden', { role: labels.role.manager[lang] }));
  });
});
