import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomToken } from '../../src/platform/crypto';
import { browse, CookieJar, signInAtProvider, startOidcProvider, type TestProvider } from '../support/oidc-provider';
import { freePort, type RunningServer, startServer } from '../support/server';
import { compatibilityDate } from '../support/target';
import { wranglerEnv } from '../support/worker-build';

/**
 * Single sign-on end to end: the real itaku server (as `npm start` runs it) and a real
 * OpenID provider, both on 127.0.0.1, driven by a person made of fetch and a cookie jar.
 * `strict` only lets existing users in; `open` creates first-time users as compliance.
 */

const dir = mkdtempSync(join(tmpdir(), 'itaku-oidc-'));
const ADMIN = randomToken('itk');
const CLIENT_ID = 'itaku-e2e';
const CLIENT_SECRET = randomToken('secret');
const CALLBACK = '/login/oidc/callback';
/** Where the built worker answers in Miniflare. */
const WORKER = 'http://itaku.test';

const accounts = {
  hanako: { email: 'HANAKO.Sato@example.co.jp', emailVerified: true, name: '佐藤 花子' },
  taro: { email: 'taro@example.co.jp', emailVerified: true, name: '鈴木 太郎' },
  jiro: { email: 'jiro@example.co.jp', emailVerified: false, name: '田中 次郎' },
  kana: { email: 'kana@example.co.jp', emailVerified: true, name: '山本 かな' },
  ken: { email: 'ken@example.co.jp', emailVerified: true, name: '高橋 健' },
  // As Microsoft Entra ID signs people in: no email_verified; xms_edov when configured.
  entra: { email: 'mei@example.co.jp', emailVerified: undefined, xmsEdov: true, name: '伊藤 芽衣' },
  'entra-guest': { email: 'guest@partner.example', emailVerified: undefined, xmsEdov: false, name: 'Guest' },
  'entra-plain': { email: 'plain@example.co.jp', emailVerified: undefined, name: '木村 蓮' },
  'entra-false': { email: 'false@example.co.jp', emailVerified: false, xmsEdov: true, name: '林 陽' },
};
type Login = keyof typeof accounts;

let provider: TestProvider;
let strict: RunningServer;
let open: RunningServer;
/** A second process on the same database file as `open`, as a second machine would be. */
let open2: RunningServer;
let plain: RunningServer;
let down: RunningServer;

const admin = (server: RunningServer, path: string, init: RequestInit = {}) =>
  fetch(server.url + path, {
    ...init,
    headers: { authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json', ...init.headers },
  });

interface User {
  id: string;
  name: string;
  email: string | null;
  role: string;
}
const usersOf = async (server: RunningServer): Promise<User[]> =>
  ((await (await admin(server, '/api/v1/users?limit=200')).json()) as { items: User[] }).items;

beforeAll(async () => {
  const issuer = `http://127.0.0.1:${await freePort()}`;
  const common = {
    ITAKU_ADMIN_TOKEN: ADMIN,
    ITAKU_SWEEP_CRON: 'off',
    ITAKU_LOG_LEVEL: 'warn',
    ITAKU_OIDC_ISSUER: issuer,
    ITAKU_OIDC_CLIENT_ID: CLIENT_ID,
    ITAKU_OIDC_CLIENT_SECRET: CLIENT_SECRET,
  };
  const nobody = `http://127.0.0.1:${await freePort()}`;
  const openEnv = {
    ...common,
    ITAKU_DB_PATH: join(dir, 'open.db'),
    ITAKU_AUDIT_KEY: randomToken('itka'),
    ITAKU_OIDC_CREATE_ROLE: 'compliance',
  };
  // One after the other: five servers starting at once on a busy machine miss startServer's deadline.
  strict = await startServer({ ...common, ITAKU_DB_PATH: join(dir, 'strict.db') });
  open = await startServer(openEnv);
  plain = await startServer({
    ITAKU_ADMIN_TOKEN: ADMIN,
    ITAKU_SWEEP_CRON: 'off',
    ITAKU_DB_PATH: join(dir, 'plain.db'),
  });
  down = await startServer({ ...common, ITAKU_DB_PATH: join(dir, 'down.db'), ITAKU_OIDC_ISSUER: nobody });
  open2 = await startServer(openEnv);
  provider = await startOidcProvider({
    issuer,
    clientId: CLIENT_ID,
    clientSecret: CLIENT_SECRET,
    redirectUris: [strict.url + CALLBACK, open.url + CALLBACK, open2.url + CALLBACK, WORKER + CALLBACK],
    accounts,
  });
  // Hanako was added by an administrator, her address typed in another case than the provider's.
  const created = await admin(strict, '/api/v1/users', {
    method: 'POST',
    body: JSON.stringify({ name: '佐藤 花子', email: 'hanako.sato@EXAMPLE.co.jp', role: 'procurement' }),
  });
  expect(created.status).toBe(201);
});

afterAll(async () => {
  await Promise.all([strict?.stop(), open?.stop(), open2?.stop(), plain?.stop(), down?.stop(), provider?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

/** One person in one browser: leaves itaku for the provider and comes back with the callback URL, unopened. */
async function toCallback(server: RunningServer, person: { login: Login } | { cancel: true }, next?: string) {
  const jar = new CookieJar();
  const start = await browse(jar, `${server.url}/login/oidc${next ? `?next=${encodeURIComponent(next)}` : ''}`);
  expect(start.status).toBe(302);
  const location = start.headers.get('location') ?? '';
  expect(location.startsWith(`${provider.issuer}/auth?`)).toBe(true);
  const callback = await signInAtProvider(jar, location, server.url + CALLBACK, person);
  return { jar, callback, start };
}

const back = (jar: CookieJar, url: string, lang = 'en') => browse(jar, url, { headers: { 'accept-language': lang } });

const alertOf = async (res: Response) => /role="alert">([\s\S]*?)<\/div>/.exec(await res.text())?.[1] ?? '';

describe('single sign-on', () => {
  it('signs an existing user in, matched by e-mail whatever its case, and goes on to `next`', async () => {
    const { jar, callback, start } = await toCallback(strict, { login: 'hanako' }, '/contractors?status=active');
    const authorization = new URL(start.headers.get('location') ?? '');
    // Authorization code flow with PKCE (S256), state and nonce, to the registered redirect URI.
    expect(Object.fromEntries(authorization.searchParams)).toMatchObject({
      response_type: 'code',
      client_id: CLIENT_ID,
      redirect_uri: strict.url + CALLBACK,
      scope: 'openid email profile',
      code_challenge_method: 'S256',
    });
    for (const p of ['state', 'nonce', 'code_challenge']) expect(authorization.searchParams.get(p)).toMatch(/^.{43}/);
    const flowCookie = start.headers.getSetCookie().find((c) => c.startsWith('itaku_oidc=')) ?? '';
    expect(flowCookie).toMatch(/; Max-Age=600/);
    expect(flowCookie).toMatch(/; Path=\/login\/oidc/);
    expect(flowCookie).toMatch(/; HttpOnly/);
    expect(flowCookie).toMatch(/; SameSite=Lax/);
    // Sealed: neither the state nor the verifier can be read from it.
    expect(flowCookie).not.toContain(authorization.searchParams.get('state'));

    const res = await back(jar, callback);
    expect(res.status).toBe(200);
    expect(res.headers.get('refresh')).toBe('0; url=/contractors?status=active');
    expect(await res.text()).toContain('href="/contractors?status=active"');
    expect(jar.get(strict.url, 'itaku_oidc')).toBeUndefined();
    const session = jar.get(strict.url, 'itaku_session');
    expect(session).toBeDefined();

    const me = await browse(jar, `${strict.url}/api/v1/users/me`);
    expect(me.status).toBe(200);
    expect(await me.json()).toMatchObject({ email: 'hanako.sato@example.co.jp', role: 'procurement' });
    const page = await browse(jar, `${strict.url}/contractors?lang=ja`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('佐藤 花子');
  });

  it('keeps `next` on this site: any other destination becomes the dashboard', async () => {
    const { jar, callback } = await toCallback(strict, { login: 'hanako' }, '//evil.example/phish');
    const res = await back(jar, callback);
    expect(res.status).toBe(200);
    expect(res.headers.get('refresh')).toBe('0; url=/');
  });

  it('refuses a person unknown to itaku when first sign-ins create nobody, and says whom to ask', async () => {
    const before = await usersOf(strict);
    const { jar, callback } = await toCallback(strict, { login: 'taro' });
    const en = await back(jar, callback);
    expect(en.status).toBe(403);
    expect(await alertOf(en)).toContain('No itaku user has the e-mail address taro@example.co.jp');
    expect(jar.get(strict.url, 'itaku_session')).toBeUndefined();

    const again = await toCallback(strict, { login: 'taro' });
    const ja = await back(again.jar, again.callback, 'ja');
    expect(ja.status).toBe(403);
    const html = await ja.text();
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('itaku の管理者にこのメールアドレスでの利用者登録を依頼し');
    expect(await usersOf(strict)).toEqual(before);
  });

  it('creates a first-time person with the configured role, audited as itaku’s own act', async () => {
    const { jar, callback } = await toCallback(open, { login: 'taro' });
    const res = await back(jar, callback);
    expect(res.status).toBe(200);
    const me = (await (await browse(jar, `${open.url}/api/v1/users/me`)).json()) as User;
    expect(me).toMatchObject({ name: '鈴木 太郎', email: 'taro@example.co.jp', role: 'compliance' });
    const events = (await (await admin(open, `/api/v1/audit-events?entityType=user&entityId=${me.id}`)).json()) as {
      items: { action: string; actor: string }[];
    };
    expect(events.items.find((e) => e.action === 'user.create')).toMatchObject({ actor: 'system' });

    // The second sign-in finds the same user.
    const second = await toCallback(open, { login: 'taro' });
    expect((await back(second.jar, second.callback)).status).toBe(200);
    expect((await usersOf(open)).filter((u) => u.email === 'taro@example.co.jp')).toHaveLength(1);
  });

  it('refuses an e-mail address the provider has not verified, and creates nobody', async () => {
    const { jar, callback } = await toCallback(open, { login: 'jiro' });
    const res = await back(jar, callback);
    expect(res.status).toBe(403);
    const alert = await alertOf(res);
    expect(alert).toContain('did not confirm an e-mail address');
    expect(alert).toContain('jiro@example.co.jp');
    expect(jar.get(open.url, 'itaku_session')).toBeUndefined();
    expect((await usersOf(open)).some((u) => u.email === 'jiro@example.co.jp')).toBe(false);
  });

  it('takes Entra ID’s xms_edov for a verified address only where email_verified is absent', async () => {
    const ok = await toCallback(open, { login: 'entra' });
    expect((await back(ok.jar, ok.callback)).status).toBe(200);
    for (const login of ['entra-guest', 'entra-plain', 'entra-false'] as const) {
      const refused = await toCallback(open, { login });
      const res = await back(refused.jar, refused.callback);
      expect(res.status, login).toBe(403);
      expect(await alertOf(res), login).toContain('did not confirm an e-mail address');
    }
    const emails = (await usersOf(open)).map((u) => u.email);
    expect(emails).toContain('mei@example.co.jp');
    for (const email of ['guest@partner.example', 'plain@example.co.jp', 'false@example.co.jp']) {
      expect(emails).not.toContain(email);
    }
  });

  it('shows the provider’s refusal (the person cancelled) as a page, not an error', async () => {
    const { jar, callback } = await toCallback(strict, { cancel: true });
    expect(new URL(callback).searchParams.get('error')).toBe('access_denied');
    const res = await back(jar, callback, 'ja');
    expect(res.status).toBe(403);
    const alert = await alertOf(res);
    expect(alert).toContain('サインインが取り消されました');
    expect(alert).toContain('access_denied');
  });

  it('refuses a wrong state, and a callback brought from another browser (login CSRF)', async () => {
    const { jar, callback } = await toCallback(strict, { login: 'hanako' });
    const forged = new URL(callback);
    forged.searchParams.set('state', 'x'.repeat(43));
    const wrong = await back(jar, forged.href);
    expect(wrong.status).toBe(400);
    expect(await alertOf(wrong)).toContain('Please start again');
    expect(jar.get(strict.url, 'itaku_session')).toBeUndefined();

    // The attacker's own, genuine callback opened in the victim's browser: no flow of this browser.
    const attacker = await toCallback(strict, { login: 'hanako' });
    const victim = new CookieJar();
    const res = await back(victim, attacker.callback);
    expect(res.status).toBe(400);
    expect(victim.get(strict.url, 'itaku_session')).toBeUndefined();
  });

  it('completes a callback once: neither the browser nor someone holding its flow cookie can replay it', async () => {
    const { jar, callback } = await toCallback(strict, { login: 'hanako' });
    const sealed = jar.get(strict.url, 'itaku_oidc') ?? '';
    expect((await back(jar, callback)).status).toBe(200);

    // The browser's back button: its flow cookie is gone.
    expect((await back(jar, callback)).status).toBe(400);
    const replay = new CookieJar();
    expect((await back(replay, callback)).status).toBe(400);
    // With the flow cookie restored, the provider itself refuses a second use of the code.
    replay.set(strict.url, 'itaku_oidc', sealed);
    const again = await back(replay, callback);
    expect(again.status).toBe(400);
    expect(await alertOf(again)).toContain('already used');
    expect(strict.output()).toContain('"error":"invalid_grant"');
    expect(replay.get(strict.url, 'itaku_session')).toBeUndefined();
  });

  it('refuses a tampered or foreign flow cookie', async () => {
    const { jar, callback } = await toCallback(strict, { login: 'hanako' });
    const sealed = jar.get(strict.url, 'itaku_oidc') ?? '';
    const flipped = sealed.slice(0, -2) + (sealed.endsWith('A') ? 'BB' : 'AA');
    jar.set(strict.url, 'itaku_oidc', flipped);
    expect((await back(jar, callback)).status).toBe(400);
    // A flow sealed by another itaku (another key) does not open here either.
    const other = await toCallback(open, { login: 'taro' });
    const foreign = new CookieJar();
    foreign.set(strict.url, 'itaku_oidc', other.jar.get(open.url, 'itaku_oidc') ?? '');
    const url = new URL(other.callback);
    expect((await back(foreign, `${strict.url}${CALLBACK}${url.search}`)).status).toBe(400);
  });

  it('creates one user when the same new person signs in from several browsers at once, on two processes', async () => {
    // On Node each process checks and inserts without yielding, so the two processes are
    // where the race is; the Workers test below has it within one worker.
    const browsers = [0, 1, 2, 3, 4, 5].map((i) => (i % 2 ? open2 : open));
    const people = await Promise.all(browsers.map((server) => toCallback(server, { login: 'kana' })));
    // Every callback waits on the provider's UserInfo answer, released to all at once.
    provider.holdUserInfo(people.length);
    const results = await Promise.all(people.map((p) => back(p.jar, p.callback)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200, 200, 200]);
    const kana = (await usersOf(open)).filter((u) => u.email === 'kana@example.co.jp');
    expect(kana).toHaveLength(1);
    for (const [i, p] of people.entries()) {
      const me = (await (await browse(p.jar, `${browsers[i]?.url}/api/v1/users/me`)).json()) as User;
      expect(me.id).toBe(kana[0]?.id);
    }
  });

  it('refuses a deactivated user, and ends the session single sign-on opened', async () => {
    const created = await admin(strict, '/api/v1/users', {
      method: 'POST',
      body: JSON.stringify({ name: '高橋 健', email: 'ken@example.co.jp', role: 'manager' }),
    });
    const ken = ((await created.json()) as { user: User }).user;
    const first = await toCallback(strict, { login: 'ken' });
    expect((await back(first.jar, first.callback)).status).toBe(200);
    expect((await browse(first.jar, `${strict.url}/api/v1/users/me`)).status).toBe(200);

    const patched = await admin(strict, `/api/v1/users/${ken.id}`, {
      method: 'PATCH',
      body: JSON.stringify({ active: false }),
    });
    expect(patched.status).toBe(200);
    expect((await browse(first.jar, `${strict.url}/api/v1/users/me`)).status).toBe(401);

    const again = await toCallback(strict, { login: 'ken' });
    const res = await back(again.jar, again.callback);
    expect(res.status).toBe(403);
    expect(await alertOf(res)).toContain('ken@example.co.jp has been deactivated');
    expect(again.jar.get(strict.url, 'itaku_session')).toBeUndefined();
  });

  it('says the provider cannot be reached, with a 502 page rather than an error', async () => {
    const res = await fetch(`${down.url}/login/oidc`, { redirect: 'manual', headers: { 'accept-language': 'ja' } });
    expect(res.status).toBe(502);
    expect(await alertOf(res)).toContain('認証サービスに接続できません');
    expect(down.output()).toContain('OpenID provider discovery failed');
  });

  it('answers a callback with nothing to complete by sending the person to the sign-in page', async () => {
    const res = await fetch(`${strict.url}${CALLBACK}?lang=en`, { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?lang=en');
  });

  it('does not exist where single sign-on is not configured', async () => {
    for (const path of ['/login/oidc', `${CALLBACK}?code=x&state=y`]) {
      const res = await fetch(plain.url + path, { redirect: 'manual' });
      expect(res.status, path).toBe(404);
    }
  });
});

/**
 * The same flow on the other runtime: the worker as `wrangler deploy` would upload it, in
 * workerd with D1 (Miniflare), calling the provider with workerd's own fetch and Web Crypto.
 */
describe('single sign-on on Workers', () => {
  let mf: import('miniflare').Miniflare;
  let out: string;

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'itaku-oidc-worker-'));
    const wrangler = (args: string[]) =>
      execFileSync('npx', ['wrangler', ...args], { env: wranglerEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    wrangler(['deploy', '--dry-run', '--outdir', join(out, 'build')]);
    wrangler(['d1', 'migrations', 'apply', 'DB', '--local', '--persist-to', join(out, 'd1')]);
    const { Miniflare } = await import('miniflare');
    mf = new Miniflare({
      scriptPath: join(out, 'build', 'worker.js'),
      modulesRoot: join(out, 'build'),
      modules: true,
      modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
      compatibilityDate: compatibilityDate(),
      compatibilityFlags: ['nodejs_compat'],
      d1Databases: { DB: '00000000-0000-0000-0000-000000000000' },
      d1Persist: join(out, 'd1', 'v3', 'd1'),
      bindings: {
        ITAKU_ADMIN_TOKEN: ADMIN,
        ITAKU_AUDIT_KEY: randomToken('itka'),
        ITAKU_LOG_LEVEL: 'silent',
        ITAKU_OIDC_ISSUER: provider.issuer,
        ITAKU_OIDC_CLIENT_ID: CLIENT_ID,
        ITAKU_OIDC_CLIENT_SECRET: CLIENT_SECRET,
        ITAKU_OIDC_CREATE_ROLE: 'manager',
      },
    });
  }, 120_000);

  afterAll(async () => {
    await mf?.dispose();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  /** A browser's request to the worker: the jar's cookies sent, the answer's kept. */
  async function worker(jar: CookieJar, url: string, headers: Record<string, string> = {}): Promise<Response> {
    const res = await mf.dispatchFetch(url, { headers: { cookie: jar.header(url), ...headers }, redirect: 'manual' });
    const copy = new Response(await res.arrayBuffer(), {
      status: res.status,
      headers: [...(res.headers as unknown as Iterable<[string, string]>)],
    });
    jar.store(url, copy);
    return copy;
  }

  async function toWorkerCallback(login: Login) {
    const jar = new CookieJar();
    const start = await worker(jar, `${WORKER}/login/oidc?next=%2Freviews`);
    expect(start.status).toBe(302);
    const callback = await signInAtProvider(jar, start.headers.get('location') ?? '', WORKER + CALLBACK, { login });
    return { jar, callback };
  }

  const workerUsers = async () => {
    const res = await mf.dispatchFetch(`${WORKER}/api/v1/users?limit=200`, {
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    return ((await res.json()) as { items: User[] }).items;
  };

  it('signs a first-time person in with the configured role; the callback works once', async () => {
    const { jar, callback } = await toWorkerCallback('taro');
    const res = await worker(jar, callback);
    expect(res.status).toBe(200);
    expect(res.headers.get('refresh')).toBe('0; url=/reviews');
    const me = await worker(jar, `${WORKER}/api/v1/users/me`);
    expect(await me.json()).toMatchObject({ email: 'taro@example.co.jp', role: 'manager' });
    expect((await worker(jar, callback)).status).toBe(400);
  });

  it('refuses an unverified e-mail address', async () => {
    const { jar, callback } = await toWorkerCallback('jiro');
    const res = await worker(jar, callback, { 'accept-language': 'ja' });
    expect(res.status).toBe(403);
    expect(await alertOf(res)).toContain('確認済みとしていない');
  });

  it('creates one user when the same new person signs in from several browsers at once', async () => {
    const people = await Promise.all([0, 1, 2, 3, 4, 5, 6, 7].map(() => toWorkerCallback('ken')));
    provider.holdUserInfo(people.length);
    const results = await Promise.all(people.map((p) => worker(p.jar, p.callback)));
    expect(results.map((r) => r.status)).toEqual(people.map(() => 200));
    expect((await workerUsers()).filter((u) => u.email === 'ken@example.co.jp')).toHaveLength(1);
  });
});
