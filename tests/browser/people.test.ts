import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { simpleParser } from 'mailparser';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { fieldMessage } from '../../src/i18n/messages';
import { randomToken } from '../../src/platform/crypto';
import { i18n, type Lang } from '../../src/web/i18n';
import { expectAccessible } from '../support/axe';
import { getJson, launchBrowser, type Signed, serverClient, signIn, submit } from '../support/browser';
import type { Client } from '../support/http';
import { PASSWORDS } from '../support/people';
import { eventually, smtpReceiver } from '../support/receivers';
import { type RunningServer, startServer } from '../support/server';

/**
 * People in a real Chromium against the real Node server, in Japanese and English: an
 * admin adds a person (fixing what the form refuses), hands them a sign-in link; the
 * person sets a password from it, signs in with e-mail and password and changes it; the
 * admin changes their role, deactivates them (which signs them out at once) and
 * reactivates them, issues and revokes API tokens. A forgotten password is reset from an
 * e-mailed link (real SMTP); failed sign-ins are throttled, per account and per address.
 */

const LANGS: Lang[] = ['ja', 'en'];
const SHOTS = fileURLToPath(new URL('../../test-results/people/', import.meta.url));
const ADMIN_TOKEN = randomToken('itk').slice(0, 40);

let dir: string;
let server: RunningServer;
let browser: Browser;
let admin: Client;
let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'itaku-people-browser-'));
  mkdirSync(SHOTS, { recursive: true });
  smtp = await smtpReceiver();
  [server, browser] = await Promise.all([
    startServer({
      ITAKU_ADMIN_TOKEN: ADMIN_TOKEN,
      ITAKU_SWEEP_CRON: 'off',
      ITAKU_DB_PATH: join(dir, 'itaku.db'),
      ITAKU_SMTP_URL: smtp.url,
      ITAKU_MAIL_FROM: 'itaku <itaku@example.co.jp>',
    }),
    launchBrowser(),
  ]);
  admin = serverClient(server.url, ADMIN_TOKEN);
});

afterEach(async () => {
  await Promise.all(contexts.splice(0).map((c) => c.close()));
});

afterAll(async () => {
  await browser?.close();
  await Promise.all([server?.stop(), smtp?.close()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface User {
  id: string;
  name: string;
  email: string | null;
  role: string;
  active: boolean;
  hasPassword: boolean;
}

async function asAdmin(lang: Lang): Promise<Signed> {
  const { t } = i18n(lang);
  const signed = await signIn(browser, server.url, ADMIN_TOKEN, lang, {
    token: t('login.token'),
    submit: t('login.submit'),
  });
  contexts.push(signed.context);
  return signed;
}

/** A browser of someone not signed in, reading `lang` (the other language as its locale). */
async function visitor(lang: Lang): Promise<Page> {
  const context = await browser.newContext({
    baseURL: server.url,
    locale: lang === 'ja' ? 'en-GB' : 'ja-JP',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(10_000);
  contexts.push(context);
  return context.newPage();
}

async function open(page: Page, path: string, lang: Lang, status = 200) {
  const res = await page.goto(path.includes('?') ? `${path}&lang=${lang}` : `${path}?lang=${lang}`);
  expect(res?.status(), path).toBe(status);
  expect(await page.locator('html').getAttribute('lang'), path).toBe(lang);
}

const shot = (page: Page, name: string, lang: Lang) =>
  page.screenshot({ path: join(SHOTS, `${name}-${lang}.png`), fullPage: true });

/** At 390 px the page itself never scrolls sideways. */
async function expectFitsPhone(page: Page) {
  await page.setViewportSize({ width: 390, height: 844 });
  const overflow = await page.evaluate('document.documentElement.scrollWidth - window.innerWidth');
  expect(overflow).toBeLessThanOrEqual(0);
}

/** Signs in through the e-mail and password form; returns what the server answered. */
async function passwordSignIn(page: Page, lang: Lang, email: string, password: string) {
  const { t } = i18n(lang);
  await page.getByLabel(t('people.email'), { exact: true }).fill(email);
  await page.getByLabel(t('people.password'), { exact: true }).fill(password);
  return submit(page, page.getByRole('button', { name: t('people.signIn'), exact: true }));
}

async function setPassword(page: Page, lang: Lang, password: string, confirm = password) {
  const { t } = i18n(lang);
  await page.getByLabel(t('people.newPassword'), { exact: true }).fill(password);
  await page.getByLabel(t('people.confirmPassword'), { exact: true }).fill(confirm);
}

describe.each(LANGS)('people in %s', (lang) => {
  const { t, label } = i18n(lang);
  const email = `hanako.${lang}@example.co.jp`;
  const name = lang === 'ja' ? '山田 花子' : 'Hanako Yamada';

  it('an admin adds a person, who sets a password from a sign-in link and signs in with it', async () => {
    const { page } = await asAdmin(lang);
    await open(page, '/users', lang);
    expect(await page.locator('h1').textContent()).toBe(t('people.usersTitle'));
    await expectAccessible(page);
    await page.getByRole('link', { name: t('people.addUser'), exact: true }).click();
    await page.waitForURL('**/users/new');

    // Refused: a commonly used initial password; what was typed stays, the password does not.
    await page.getByLabel(t('people.name'), { exact: true }).fill(name);
    await page.getByLabel(t('people.email'), { exact: true }).fill(email);
    await page.getByLabel(t('people.role'), { exact: true }).selectOption('procurement');
    await page.getByLabel(t('people.initialPassword'), { exact: true }).fill('qazwsxedcrfv');
    const add = page.getByRole('button', { name: t('people.create'), exact: true });
    expect(await submit(page, add)).toMatchObject({ status: 400, alert: t('err.title') });
    expect(await page.locator('#password-error').textContent()).toBe(fieldMessage('passwordCommon', undefined, lang));
    expect(await page.getByLabel(t('people.name'), { exact: true }).inputValue()).toBe(name);
    expect(await page.getByLabel(t('people.initialPassword'), { exact: true }).inputValue()).toBe('');
    expect(await page.getByLabel(t('people.initialPassword'), { exact: true }).getAttribute('aria-invalid')).toBe(
      'true',
    );
    await expectAccessible(page);
    await shot(page, 'user-form-errors', lang);

    // Without a password this time: the person will choose their own.
    const added = await submit(page, add);
    expect(added).toMatchObject({ status: 303, location: expect.stringMatching(/^\/users\/[^/]+\?notice=created$/) });
    expect(await page.getByRole('status').textContent()).toBe(t('people.created'));
    const id = new URL(page.url()).pathname.split('/').at(-1) ?? '';
    expect(await getJson<User>(admin, `/api/v1/users/${id}`)).toMatchObject({
      name,
      email,
      role: 'procurement',
      hasPassword: false,
    });
    await expectAccessible(page);
    await shot(page, 'user-detail', lang);

    const issued = await submit(page, page.getByRole('button', { name: t('people.issueLink'), exact: true }));
    expect(issued.status).toBe(200);
    const link = await page.getByLabel(t('people.linkTitle'), { exact: true }).inputValue();
    expect(link).toMatch(new RegExp(`^${server.url}/password/set\\?token=pwl_[A-Za-z0-9_-]{43}$`));
    expect(await page.getByRole('status').textContent()).toContain(name);
    await expectAccessible(page);
    await shot(page, 'sign-in-link', lang);

    // The person, in a browser of their own.
    const person = await visitor(lang);
    await person.goto(`${link}&lang=${lang}`);
    expect(await person.locator('h1').textContent()).toBe(t('people.setTitle'));
    await setPassword(person, lang, PASSWORDS.a, PASSWORDS.c);
    const mismatch = await submit(person, person.getByRole('button', { name: t('people.setSubmit'), exact: true }));
    expect(mismatch).toMatchObject({ status: 400 });
    expect(await person.locator('#confirm-error').textContent()).toBe(t('people.mismatch'));
    await expectAccessible(person);
    await shot(person, 'set-password-errors', lang);
    await setPassword(person, lang, PASSWORDS.a);
    const set = await submit(person, person.getByRole('button', { name: t('people.setSubmit'), exact: true }));
    expect(set).toMatchObject({ status: 303, location: '/login?passwordSet=1' });
    expect(await person.locator('.notice').first().textContent()).toBe(t('people.passwordSet'));
    await expectAccessible(person);
    await shot(person, 'login', lang);

    const signedIn = await passwordSignIn(person, lang, email, PASSWORDS.a);
    expect(signedIn).toMatchObject({ status: 303, location: '/' });
    expect(await person.locator('header .me').textContent()).toContain(name);
    expect(await person.locator('header .me').textContent()).toContain(label(labels.role, 'procurement'));

    // The link worked once.
    await person.goto(`${link}&lang=${lang}`);
    expect(await person.getByRole('alert').textContent()).toBe(t('people.linkUsed'));
    await expectAccessible(person);
    await shot(person, 'link-used', lang);

    // The person changes their password.
    await open(person, '/settings/password', lang);
    await person.getByLabel(t('people.currentPassword'), { exact: true }).fill(PASSWORDS.b);
    await setPassword(person, lang, PASSWORDS.c);
    const change = person.getByRole('button', { name: t('people.changeSubmit'), exact: true });
    expect(await submit(person, change)).toMatchObject({ status: 400 });
    expect(await person.locator('#currentPassword-error').textContent()).toBe(
      fieldMessage('currentPasswordWrong', undefined, lang),
    );
    await person.getByLabel(t('people.currentPassword'), { exact: true }).fill(PASSWORDS.a);
    await setPassword(person, lang, PASSWORDS.c);
    expect(await submit(person, change)).toMatchObject({ status: 303, location: '/settings/password?changed=1' });
    expect(await person.getByRole('status').textContent()).toBe(t('people.changed'));
    await expectAccessible(person);
    await shot(person, 'change-password', lang);
    await expectFitsPhone(person);
    await shot(person, 'change-password-390', lang);
  });

  it('the admin changes the role and deactivates the person, who is signed out at once; then reactivates', async () => {
    const users = await getJson<{ items: User[] }>(admin, '/api/v1/users?limit=200');
    const user = users.items.find((u) => u.email === email);
    expect(user).toBeDefined();
    const person = await visitor(lang);
    await open(person, '/login', lang);
    expect((await passwordSignIn(person, lang, email, PASSWORDS.c)).status).toBe(303);

    const { page } = await asAdmin(lang);
    await open(page, `/users/${user?.id}`, lang);
    await page.getByLabel(t('people.role'), { exact: true }).selectOption('compliance');
    expect(await submit(page, page.getByRole('button', { name: t('people.save'), exact: true }))).toMatchObject({
      status: 303,
    });
    expect(await page.getByRole('status').textContent()).toBe(t('people.saved'));
    expect((await getJson<User>(admin, `/api/v1/users/${user?.id}`)).role).toBe('compliance');

    // Deactivating needs the box ticked.
    const deactivate = page.getByRole('button', { name: t('people.deactivate'), exact: true });
    await deactivate.evaluate((b) => b.closest('form')?.setAttribute('novalidate', ''));
    expect(await submit(page, deactivate)).toMatchObject({ status: 400 });
    expect(await page.locator('#confirmDeactivate-error').textContent()).toBe(t('people.confirmRequired'));
    expect((await getJson<User>(admin, `/api/v1/users/${user?.id}`)).active).toBe(true);
    await page.getByLabel(t('people.deactivateConfirm', { name }), { exact: true }).check();
    expect(await submit(page, page.getByRole('button', { name: t('people.deactivate'), exact: true }))).toMatchObject({
      status: 303,
    });
    expect(await page.getByRole('status').textContent()).toBe(t('people.deactivated'));
    await expectAccessible(page);
    await shot(page, 'user-deactivated', lang);

    // The person's next page is the sign-in page, and their password no longer lets them in.
    await person.goto('/contractors');
    expect(new URL(person.url()).pathname).toBe('/login');
    expect(await passwordSignIn(person, lang, email, PASSWORDS.c)).toMatchObject({
      status: 401,
      alert: t('people.invalid'),
    });

    expect(await submit(page, page.getByRole('button', { name: t('people.reactivate'), exact: true }))).toMatchObject({
      status: 303,
    });
    expect(await page.getByRole('status').textContent()).toBe(t('people.reactivated'));
    expect(await passwordSignIn(person, lang, email, PASSWORDS.c)).toMatchObject({ status: 303 });

    // The list shows everyone with role and status in words, readable at 390 px.
    await open(page, '/users', lang);
    const row = page.locator(`tr[data-user="${user?.id}"]`);
    expect(await row.textContent()).toContain(label(labels.role, 'compliance'));
    expect(await row.textContent()).toContain(t('people.active'));
    expect(await page.locator('.pager').textContent()).toContain(
      t('list.range', { from: '1', to: String(users.items.length), total: String(users.items.length) }),
    );
    await shot(page, 'users', lang);
    await expectFitsPhone(page);
    await shot(page, 'users-390', lang);
  });

  it('the admin issues an API token shown once and revokes the tokens after confirming', async () => {
    const res = await admin.post('/api/v1/users', { name: `Batch job ${lang}`, role: 'manager' });
    const { user, token: first } = (await res.json()) as { user: User; token: string };
    const { page } = await asAdmin(lang);
    await open(page, `/users/${user.id}`, lang);
    expect(await submit(page, page.getByRole('button', { name: t('people.rotate'), exact: true }))).toMatchObject({
      status: 200,
    });
    const token = await page.getByLabel(t('people.tokensTitle'), { exact: true }).inputValue();
    expect(token).toMatch(/^itk_/);
    expect((await serverClient(server.url, token).get('/api/v1/users/me')).status).toBe(200);
    expect((await serverClient(server.url, first).get('/api/v1/users/me')).status).toBe(401);
    await expectAccessible(page);
    await shot(page, 'token-issued', lang);

    await open(page, `/users/${user.id}`, lang);
    await page.getByLabel(t('people.revokeConfirm', { name: user.name }), { exact: true }).check();
    expect(await submit(page, page.getByRole('button', { name: t('people.revoke'), exact: true }))).toMatchObject({
      status: 303,
    });
    expect(await page.getByRole('status').textContent()).toBe(t('people.revoked'));
    expect((await serverClient(server.url, token).get('/api/v1/users/me')).status).toBe(401);
  });

  it('a person who forgot their password gets a link by e-mail and sets a new one', async () => {
    const address = `forgetful.${lang}@example.co.jp`;
    const created = await admin.post('/api/v1/users', {
      name: `Forgetful ${lang}`,
      email: address,
      role: 'manager',
      password: PASSWORDS.d,
    });
    expect(created.status).toBe(201);
    const page = await visitor(lang);
    await open(page, '/login', lang);
    await page.getByRole('link', { name: t('people.forgot'), exact: true }).click();
    await page.waitForURL('**/password/forgot');
    await expectAccessible(page);
    await page.getByLabel(t('people.email'), { exact: true }).fill(address);
    const before = smtp.received.length;
    expect(await submit(page, page.getByRole('button', { name: t('people.forgotSend'), exact: true }))).toMatchObject({
      status: 303,
      location: '/password/forgot?sent=1',
    });
    expect(await page.getByRole('status').textContent()).toBe(t('people.forgotSent'));
    await shot(page, 'forgot-sent', lang);

    await eventually(() => smtp.received.length > before, 15_000);
    const mail = await simpleParser(smtp.received.at(-1)?.raw ?? '');
    expect(smtp.received.at(-1)?.to).toEqual([address]);
    const link = new RegExp(`${server.url}/password/set\\?token=pwl_[A-Za-z0-9_-]{43}`).exec(mail.text ?? '')?.[0];
    expect(link).toBeDefined();
    await page.goto(`${link}&lang=${lang}`);
    await setPassword(page, lang, PASSWORDS.b);
    expect(await submit(page, page.getByRole('button', { name: t('people.setSubmit'), exact: true }))).toMatchObject({
      status: 303,
    });
    expect(await passwordSignIn(page, lang, address, PASSWORDS.b)).toMatchObject({ status: 303, location: '/' });
  });

  it('failed sign-ins are throttled: the sixth is answered 429 with the reason, the right password too', async () => {
    const address = `guessed.${lang}@example.co.jp`;
    await admin.post('/api/v1/users', {
      name: `Guessed ${lang}`,
      email: address,
      role: 'manager',
      password: PASSWORDS.a,
    });
    const page = await visitor(lang);
    await open(page, '/login', lang);
    for (let i = 0; i < 5; i++) {
      expect(await passwordSignIn(page, lang, address, `${PASSWORDS.b} ${i}`)).toMatchObject({
        status: 401,
        alert: t('people.invalid'),
      });
      expect(await page.getByLabel(t('people.email'), { exact: true }).inputValue()).toBe(address);
    }
    const throttled = await passwordSignIn(page, lang, address, PASSWORDS.a);
    expect(throttled.status).toBe(429);
    // The window began with the first failure, moments ago.
    expect([15, 14].map((minutes) => t('people.throttled', { minutes }))).toContain(throttled.alert);
    await expectAccessible(page);
    await shot(page, 'login-throttled', lang);
  });
});

describe('the client address on Node', () => {
  it('is the connection’s, whatever CF-Connecting-IP a client sends', async () => {
    const other = await startServer({
      ITAKU_ADMIN_TOKEN: ADMIN_TOKEN,
      ITAKU_SWEEP_CRON: 'off',
      ITAKU_DB_PATH: join(dir, 'address.db'),
    });
    try {
      const attempt = async (i: number) => {
        const page = await fetch(`${other.url}/login`);
        const html = await page.text();
        const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? '';
        const cookie =
          page.headers
            .getSetCookie()
            .find((c) => c.startsWith('itaku_login='))
            ?.split(';')[0] ?? '';
        return fetch(`${other.url}/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: {
            'content-type': 'application/x-www-form-urlencoded',
            origin: other.url,
            cookie,
            // A different forged address every time: if it were believed, no address would reach the limit.
            'cf-connecting-ip': `203.0.113.${i}`,
            'x-forwarded-for': `198.51.100.${i}`,
          },
          body: new URLSearchParams({
            _csrf: csrf,
            email: `nobody${i}@example.co.jp`,
            password: PASSWORDS.b,
          }).toString(),
        });
      };
      const statuses = (await Promise.all(Array.from({ length: 20 }, (_, i) => attempt(i)))).map((r) => r.status);
      expect(statuses).toEqual(Array(20).fill(401));
      const res = await attempt(99);
      expect(res.status).toBe(429);
      expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    } finally {
      await other.stop();
    }
  });
});
