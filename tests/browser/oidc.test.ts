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
import { getJson, launchBrowser, listAll, serverClient } from '../support/browser';
import type { Client } from '../support/http';
import { CookieJar, signInAtProvider, startOidcProvider, type TestProvider } from '../support/oidc-provider';
import { freePort, type RunningServer, startServer } from '../support/server';

/**
 * Single sign-on in a real Chromium, in Japanese and in English: from the sign-in page's
 * "single sign-on" link through the provider's pages and back. The provider runs at
 * `localhost`, itaku at `127.0.0.1`: two sites, as a real provider and itaku are, so the
 * return is the cross-site navigation it is in production (and the SameSite=Strict
 * session cookie must still arrive). `members` signs in only users it knows; `open`
 * creates first-time users as managers.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/oidc/', import.meta.url));
const ADMIN = randomToken('itk');
const CLIENT_ID = 'itaku-browser';
const CLIENT_SECRET = randomToken('secret');
const CALLBACK = '/login/oidc/callback';

const accounts = {
  'hanako-ja': { email: 'hanako.ja@example.co.jp', emailVerified: true, name: '佐藤 花子' },
  'hanako-en': { email: 'hanako.en@example.co.jp', emailVerified: true, name: 'Hanako Sato' },
  'newcomer-ja': { email: 'newcomer.ja@example.co.jp', emailVerified: true, name: '新井 一郎' },
  'newcomer-en': { email: 'newcomer.en@example.co.jp', emailVerified: true, name: 'Ichiro Arai' },
  'stranger-ja': { email: 'stranger.ja@example.co.jp', emailVerified: true, name: '未登録 太郎' },
  'stranger-en': { email: 'stranger.en@example.co.jp', emailVerified: true, name: 'Taro Unknown' },
  'unverified-ja': { email: 'unverified.ja@example.co.jp', emailVerified: false, name: '未確認 次郎' },
  'unverified-en': { email: 'unverified.en@example.co.jp', emailVerified: false, name: 'Jiro Unverified' },
};

let dir: string;
let provider: TestProvider;
let members: RunningServer;
let open: RunningServer;
let browser: Browser;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-browser-oidc-'));
  mkdirSync(SHOTS, { recursive: true });
  const issuer = `http://localhost:${await freePort()}`;
  const common = {
    ITAKU_ADMIN_TOKEN: ADMIN,
    ITAKU_SWEEP_CRON: 'off',
    ITAKU_LOG_LEVEL: 'warn',
    ITAKU_OIDC_ISSUER: issuer,
    ITAKU_OIDC_CLIENT_ID: CLIENT_ID,
    ITAKU_OIDC_CLIENT_SECRET: CLIENT_SECRET,
  };
  [members, open, browser] = await Promise.all([
    startServer({ ...common, ITAKU_DB_PATH: join(dir, 'members.db') }),
    startServer({ ...common, ITAKU_DB_PATH: join(dir, 'open.db'), ITAKU_OIDC_CREATE_ROLE: 'manager' }),
    launchBrowser(),
  ]);
  provider = await startOidcProvider({
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [members.url + CALLBACK, open.url + CALLBACK],
    accounts,
    // As Google and Entra ID do; the fetch-driven tests cover the UserInfo way.
    claimsInIdToken: true,
  });
  for (const lang of LANGS) {
    const res = await adminOf(members).post('/api/v1/users', {
      name: accounts[`hanako-${lang}`].name,
      email: accounts[`hanako-${lang}`].email,
      role: 'compliance',
    });
    if (res.status !== 201) throw new Error(`user: ${res.status} ${await res.text()}`);
  }
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([members?.stop(), open?.stop(), provider?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

const adminOf = (server: RunningServer): Client => serverClient(server.url, ADMIN);

/** Only this machine is reached: the provider's development page imports a web font, which is refused. */
const local = (url: URL) => url.hostname === '127.0.0.1' || url.hostname === 'localhost';

async function newPage(lang: Lang, width = 1280): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    locale: lang === 'ja' ? 'ja-JP' : 'en-GB',
    viewport: { width, height: 900 },
  });
  context.setDefaultTimeout(10_000);
  await context.route(
    (url) => !local(url),
    (route) => route.abort(),
  );
  contexts.push(context);
  return { context, page: await context.newPage() };
}

const isCallback = (url: URL) => url.pathname === CALLBACK;

/**
 * From itaku's sign-in page, by its single sign-on link, through the provider's sign-in
 * and consent pages; resolves with the status of itaku's callback page once it has loaded.
 */
async function singleSignOn(page: Page, server: RunningServer, lang: Lang, login: string, next?: string) {
  const { t } = i18n(lang);
  await page.goto(`${server.url}/login?lang=${lang}${next ? `&next=${encodeURIComponent(next)}` : ''}`);
  await page.getByRole('link', { name: t('people.sso'), exact: true }).click();
  await page.waitForURL((url) => url.hostname === 'localhost');
  await page.locator('input[name="login"]').fill(login);
  await page.locator('input[name="password"]').fill('any password');
  await page.getByRole('button', { name: 'Sign-in' }).click();
  const [callback] = await Promise.all([
    page.waitForResponse((res) => isCallback(new URL(res.url()))),
    page.getByRole('button', { name: 'Continue' }).click(),
  ]);
  return callback.status();
}

/** Single sign-on that signs the person in: resolves once the browser has gone on to `next`. */
async function signedInBySso(page: Page, server: RunningServer, lang: Lang, login: string, next?: string) {
  expect(await singleSignOn(page, server, lang, login, next)).toBe(200);
  await page.waitForURL((url) => url.origin === server.url && !isCallback(url));
}

const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });

describe.each(LANGS)('single sign-on in %s', (lang) => {
  const { t } = i18n(lang);

  it('signs a known user in and lands on the page they asked for, signed in', async () => {
    const { context, page } = await newPage(lang);
    await signedInBySso(page, members, lang, `hanako-${lang}`, '/contractors');
    expect(new URL(page.url()).pathname).toBe('/contractors');
    expect(await page.locator('html').getAttribute('lang')).toBe(lang);
    const header = (await page.locator('header .me').textContent()) ?? '';
    expect(header).toContain(accounts[`hanako-${lang}`].name);
    expect(header).toContain(i18n(lang).label(labels.role, 'compliance'));
    const cookies = await context.cookies();
    expect(cookies.find((c) => c.name === 'itaku_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    // The flow cookie lived only until the callback.
    expect(cookies.find((c) => c.name === 'itaku_oidc')).toBeUndefined();
    await shot(page, 'signed-in', lang);
  });

  it('shows the page between the callback and `next`, which works without the automatic refresh', async () => {
    const { context, page } = await newPage(lang);
    // Leaving through the context's own requests (its cookies), and through the provider's
    // pages by fetch, so that the callback is a navigation of its own and can be answered
    // without its Refresh header, as a browser that ignores the header would see it.
    const start = await context.request.get(`${members.url}/login/oidc?next=%2Falerts`, { maxRedirects: 0 });
    expect(start.status()).toBe(302);
    const callback = await signInAtProvider(new CookieJar(), start.headers().location ?? '', members.url + CALLBACK, {
      login: `hanako-${lang}`,
    });
    await page.route(isCallback, async (route) => {
      const response = await route.fetch();
      const headers = { ...response.headers() };
      expect(headers.refresh).toBe('0; url=/alerts');
      delete headers.refresh;
      await route.fulfill({ response, headers });
    });
    const res = await page.goto(callback);
    expect(res?.status()).toBe(200);
    expect(await page.locator('h1').textContent()).toBe(t('sso.signedInTitle'));
    expect(await page.getByRole('status').textContent()).toContain(accounts[`hanako-${lang}`].name);
    await expectAccessible(page);
    await shot(page, 'continue', lang);
    await page.getByRole('link', { name: t('sso.continue'), exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/alerts');
    expect((await page.locator('header .me').textContent()) ?? '').toContain(accounts[`hanako-${lang}`].name);
  });

  it('asks a person unknown to itaku to see an administrator, and offers the other ways in', async () => {
    const { page } = await newPage(lang);
    expect(await singleSignOn(page, members, lang, `stranger-${lang}`)).toBe(403);
    expect(new URL(page.url()).pathname).toBe(CALLBACK);
    expect(await page.locator('h1').textContent()).toBe(t('sso.unknownUserTitle'));
    expect(await page.getByRole('alert').textContent()).toContain(
      t('sso.unknownUser', { email: accounts[`stranger-${lang}`].email }),
    );
    await expectAccessible(page);
    await shot(page, 'unknown-user', lang);
    await page.setViewportSize({ width: 390, height: 844 });
    await shot(page, 'unknown-user-390', lang);
    await page.getByRole('link', { name: t('sso.otherWays'), exact: true }).click();
    await page.waitForURL((url) => url.pathname === '/login');
    expect(await page.getByRole('link', { name: t('people.sso'), exact: true }).count()).toBe(1);
  });

  it('refuses an address the provider has not verified', async () => {
    const { page } = await newPage(lang);
    expect(await singleSignOn(page, open, lang, `unverified-${lang}`)).toBe(403);
    expect(await page.locator('h1').textContent()).toBe(t('sso.failedTitle'));
    const alert = (await page.getByRole('alert').textContent()) ?? '';
    expect(alert).toContain(t('sso.emailUnverified'));
    expect(alert).toContain(accounts[`unverified-${lang}`].email);
    await expectAccessible(page);
    await shot(page, 'unverified', lang);
    const users = await listAll<{ email: string | null }>(adminOf(open), '/api/v1/users');
    expect(users.some((u) => u.email === accounts[`unverified-${lang}`].email)).toBe(false);
  });

  it('says so when the person cancels at the provider, and lets them try again', async () => {
    const { page } = await newPage(lang);
    await page.goto(`${members.url}/login?lang=${lang}`);
    await page.getByRole('link', { name: t('people.sso'), exact: true }).click();
    await page.getByRole('link', { name: '[ Cancel ]' }).click();
    await page.waitForURL((url) => url.pathname === CALLBACK);
    expect(await page.getByRole('alert').textContent()).toContain(t('sso.providerRefused'));
    await expectAccessible(page);
    await shot(page, 'cancelled', lang);
    await page.getByRole('link', { name: t('sso.tryAgain'), exact: true }).click();
    await page.waitForURL((url) => url.hostname === 'localhost');
  });

  it('creates a first-time person as a manager, who then reads the dashboard', async () => {
    const { page } = await newPage(lang);
    await signedInBySso(page, open, lang, `newcomer-${lang}`);
    expect(new URL(page.url()).pathname).toBe('/');
    const header = (await page.locator('header .me').textContent()) ?? '';
    expect(header).toContain(accounts[`newcomer-${lang}`].name);
    expect(header).toContain(i18n(lang).label(labels.role, 'manager'));
    const users = await listAll<{ id: string; email: string | null; role: string }>(adminOf(open), '/api/v1/users');
    const created = users.filter((u) => u.email === accounts[`newcomer-${lang}`].email);
    expect(created).toMatchObject([{ role: 'manager' }]);
    const events = await getJson<{ items: { action: string; actor: string }[] }>(
      adminOf(open),
      `/api/v1/audit-events?entityType=user&entityId=${created[0]?.id}`,
    );
    expect(events.items.map((e) => [e.action, e.actor])).toContainEqual(['user.create', 'system']);
    await shot(page, 'created-dashboard', lang);
  });
});
