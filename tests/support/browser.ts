import { type Browser, type BrowserContext, chromium, type Locator, type Page } from 'playwright-core';
import type { Lang } from '../../src/web/i18n';
import type { Client } from './http';

/**
 * Debian's Chromium (installed by .ci/run). The real binary, not the /usr/bin wrapper,
 * which prints a harmless shell error from /etc/chromium.d.
 */
export const CHROMIUM = process.env.ITAKU_CHROMIUM ?? '/usr/lib/chromium/chromium';

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-sync',
  '--disable-quic',
];

/** One headless browser per test file; every user gets a context of their own. */
export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: FLAGS });
}

/** The same request helpers as tests/support/http.ts, against a real server over HTTP. */
export function serverClient(baseUrl: string, token: string | null): Client {
  const send = (method: string, path: string, body?: unknown, extra?: Record<string, string>) => {
    const headers = new Headers(extra);
    if (token !== null && !headers.has('authorization')) headers.set('authorization', `Bearer ${token}`);
    let payload: string | undefined;
    if (body !== undefined) {
      if (typeof body === 'string') payload = body;
      else {
        payload = JSON.stringify(body);
        if (!headers.has('content-type')) headers.set('content-type', 'application/json');
      }
    }
    return fetch(baseUrl + path, { method, headers, body: payload });
  };
  return {
    get: (path, extra) => send('GET', path, undefined, extra),
    post: (path, body, extra) => send('POST', path, body, extra),
    patch: (path, body, extra) => send('PATCH', path, body, extra),
    delete: (path, extra) => send('DELETE', path, undefined, extra),
    send,
  };
}

/** GETs a JSON body, failing loudly on anything but 200. */
export async function getJson<T>(api: Client, path: string): Promise<T> {
  const res = await api.get(path);
  if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** Every item of a paged API list, following the cursors. */
export async function listAll<T = Record<string, unknown>>(api: Client, path: string): Promise<T[]> {
  const items: T[] = [];
  let cursor: string | null = null;
  do {
    const sep = path.includes('?') ? '&' : '?';
    const page: { items: T[]; nextCursor: string | null } = await getJson(
      api,
      `${path}${sep}limit=200${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    items.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor);
  return items;
}

export const countAll = async (api: Client, path: string) => (await listAll(api, path)).length;

export interface Signed {
  context: BrowserContext;
  page: Page;
}

/**
 * A fresh context (own cookies, so sessions never mix) that picks the language with
 * `?lang=` on the sign-in page and signs in through the form with an API token.
 * The browser's own locale is set to the *other* language, so every later page proves
 * the remembered choice (cookie) wins over Accept-Language.
 */
export async function signIn(
  browser: Browser,
  baseURL: string,
  token: string,
  lang: Lang,
  labels: { token: string; submit: string },
): Promise<Signed> {
  const context = await browser.newContext({
    baseURL,
    locale: lang === 'ja' ? 'en-GB' : 'ja-JP',
    viewport: { width: 1280, height: 900 },
  });
  context.setDefaultTimeout(10_000);
  const page = await context.newPage();
  await page.goto(`/login?lang=${lang}`);
  await page.getByLabel(labels.token, { exact: true }).fill(token);
  await Promise.all([
    page.waitForURL((url) => url.pathname === '/'),
    page.getByRole('button', { name: labels.submit, exact: true }).click(),
  ]);
  return { context, page };
}

/** The CSRF token the page carries (every signed-in page has it in the sign-out form). */
export async function csrfOf(page: Page): Promise<string> {
  const value = await page.locator('form[action="/logout"] input[name="_csrf"]').getAttribute('value');
  if (!value) throw new Error('no CSRF token on the page');
  return value;
}

/**
 * Clicks a form's submit button, waits for the page that comes back to load, and returns
 * what the server answered to the POST: its status, where it redirected, and (when it did
 * not) the page's alert. A refused form then fails with the server's reason, not a timeout.
 */
export async function submit(
  page: Page,
  button: Locator,
): Promise<{ status: number; location: string | null; alert: string | null }> {
  const loaded = page.waitForEvent('load');
  const [res] = await Promise.all([
    page.waitForResponse((r) => r.request().method() === 'POST' && r.request().isNavigationRequest()),
    button.click(),
  ]);
  const status = res.status();
  const redirect = status >= 300 && status < 400;
  const location = redirect ? ((await res.allHeaders()).location ?? null) : null;
  const alert = redirect ? null : (/role="alert">(?:<p>)?([^<]*)/.exec(await res.text())?.[1]?.trim() ?? null);
  await loaded;
  return { status, location, alert };
}
