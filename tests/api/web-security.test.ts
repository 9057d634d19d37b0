import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { i18n } from '../../src/web/i18n';
import { newContractor } from '../support/factories';
import { client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { cookiesOf, loginForm, ORIGIN, postLogin } from '../support/web';

/** The web UI's front door: body limits, redirects after sign-in, CSRF, caching, query values. */

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

const MiB = 1024 * 1024;
const FORM = { 'content-type': 'application/x-www-form-urlencoded' };
const en = i18n('en');
const ja = i18n('ja');

/** A browser signed in through the form: its session cookie and the page's CSRF token. */
async function signIn(token: string, lang = 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = cookiesOf(res).find((c) => c.startsWith('itaku_session=')) ?? '';
  expect(cookie).not.toBe('itaku_session=');
  const get = (path: string, headers: Record<string, string> = {}) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang, ...headers }, redirect: 'manual' });
  const csrf = async () => /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    target.fetch(path, {
      method: 'POST',
      headers: { cookie, ...FORM, 'accept-language': lang, origin: ORIGIN, ...headers },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
  return { cookie, get, post, csrf };
}

const sessionCount = async () => (await target.query<{ n: number }>('SELECT count(*) AS n FROM sessions'))[0]?.n;

describe('form bodies are limited to 1 MiB before they are read', () => {
  it('answers 413 to a 2 MiB form on every form route, signed in or not', async () => {
    const body = `token=${'a'.repeat(2 * MiB)}`;
    const before = await sessionCount();
    for (const path of ['/login', '/logout', '/contractors', '/contractors/x', '/reviews', '/alerts/x/acknowledge']) {
      const res = await target.fetch(path, {
        method: 'POST',
        headers: { ...FORM, origin: ORIGIN, 'accept-language': 'ja' },
        body,
        redirect: 'manual',
      });
      expect(res.status, path).toBe(413);
      expect(res.headers.get('content-type'), path).toMatch(/text\/html/);
      expect(await res.text(), path).toContain('送信された内容が大きすぎます');
    }
    expect(await sessionCount()).toBe(before);
  });

  it('refuses the same form on a signed-in page', async () => {
    const s = await signIn(target.adminToken);
    const res = await s.post('/contractors', { _csrf: await s.csrf(), name: 'x'.repeat(2 * MiB) });
    expect(res.status).toBe(413);
    expect(await target.query("SELECT count(*) AS n FROM contractors WHERE name LIKE 'xxx%'")).toEqual([{ n: 0 }]);
  });

  it('stops reading a body streamed without Content-Length once it passes the limit', async () => {
    const total = 8 * MiB;
    const chunk = new TextEncoder().encode(`token=${'b'.repeat(64 * 1024 - 6)}`);
    let pulled = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (pulled >= total) return controller.close();
        pulled += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const before = await sessionCount();
    const answer = await target
      .fetch('/login', {
        method: 'POST',
        headers: { ...FORM, origin: ORIGIN },
        body: stream,
        duplex: 'half',
        redirect: 'manual',
      } as RequestInit)
      .then(
        (res) => res.status,
        (err: Error & { cause?: { code?: string } }) => err.cause?.code ?? err.message,
      );
    if (target.kind === 'node') {
      // In process the reader is the app itself: it stopped just past the limit.
      expect(answer).toBe(413);
      expect(pulled).toBeLessThan(2 * MiB);
    } else {
      // workerd answers 413 and closes the socket: a client still writing may see the reset
      // before it reads the answer. Either way the body was refused, not read to its end.
      expect([413, 'ECONNRESET', 'EPIPE']).toContain(answer);
      expect(pulled).toBeLessThan(total);
    }
    expect(await sessionCount()).toBe(before);
    expect((await target.fetch('/healthz')).status).toBe(200);
  });

  it('still takes a form under the limit', async () => {
    const res = await postLogin(target, { token: target.adminToken, padding: 'p'.repeat(MiB - 4096) });
    expect(res.status).toBe(303);
  });
});

describe('after sign-in, only paths of this site are followed', () => {
  const leaving = [
    '/\\evil.example',
    '/\\/evil.example',
    '\\\\evil.example',
    '/%5Cevil',
    '/%5cevil.example',
    '/%2F/evil.example',
    '/\t/evil.example',
    '/\n/evil.example',
    '/\r\n/evil.example',
    '/ /evil.example',
    '//evil.example',
    '///evil.example',
    'https://evil.example',
    'http:evil.example',
    'javascript:alert(1)',
    'evil.example',
    `/${'a'.repeat(3000)}`,
  ];

  const label = (n: string) => (n.length > 40 ? `${n.slice(0, 8)}… (${n.length} characters)` : JSON.stringify(n));
  it.each(leaving.map((n) => [label(n), n]))('goes to / for next=%s', async (_, next) => {
    const res = await postLogin(target, { token: target.adminToken, next });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/');
  });

  it('follows a path of this site, query included', async () => {
    for (const next of ['/contractors?status=active&q=%E6%A0%AA', '/alerts', '/contractors/abc/edit']) {
      const res = await postLogin(target, { token: target.adminToken, next });
      expect(res.headers.get('location')).toBe(next);
    }
  });

  it('does not even put a foreign next into the sign-in form', async () => {
    const page = await loginForm(target, `/login?next=${encodeURIComponent('/\\evil.example')}`);
    expect(page.html).toContain('name="next" value="/"');
    expect(page.html).not.toContain('evil.example');
    const kept = await loginForm(target, `/login?next=${encodeURIComponent('/contractors?status=active')}`);
    expect(kept.html).toContain('name="next" value="/contractors?status=active"');
  });
});

describe('rotating a token ends the sessions opened with the old one', () => {
  it('signs the user out of the browser when they rotate their own token', async () => {
    const user = await userWithRole(target, 'compliance');
    const s = await signIn(user.token);
    expect((await s.get('/')).status).toBe(200);
    const rotated = await user.api.post(`/api/v1/users/${user.id}/tokens`);
    expect(rotated.status).toBe(201);
    const { token } = (await rotated.json()) as { token: string };
    const after = await s.get('/');
    expect(after.status).toBe(303);
    expect(after.headers.get('location')).toBe('/login?next=%2F');
    const live = await target.query(
      'SELECT count(*) AS n FROM sessions WHERE user_id = ? AND revoked_at IS NULL',
      user.id,
    );
    expect(live).toEqual([{ n: 0 }]);
    // The new token signs in again; the old one does not.
    expect((await postLogin(target, { token })).status).toBe(303);
    expect((await postLogin(target, { token: user.token })).status).toBe(401);
  });

  it('ends only that user’s sessions when an admin rotates them', async () => {
    const user = await userWithRole(target, 'procurement');
    const userSession = await signIn(user.token);
    const adminSession = await signIn(target.adminToken);
    expect((await client(target).post(`/api/v1/users/${user.id}/tokens`)).status).toBe(201);
    expect((await userSession.get('/contractors')).status).toBe(303);
    expect((await adminSession.get('/contractors')).status).toBe(200);
  });
});

describe('the sign-in form is protected against cross-site posts', () => {
  const refused = async (res: Response) => {
    expect(res.status).toBe(403);
    expect(cookiesOf(res).some((c) => c.startsWith('itaku_session='))).toBe(false);
    const html = await res.text();
    expect(html).toContain(en.t('err.csrf'));
    // The page comes back with a fresh form, so a person who hit this can simply retry.
    expect(html).toMatch(/name="_csrf" value="\d+\.[0-9a-f]{64}"/);
  };

  it('refuses a post from another site, or from nowhere, without looking at the token', async () => {
    const before = await sessionCount();
    const token = target.adminToken;
    await refused(await postLogin(target, { token }, { headers: { origin: 'https://evil.example' } }));
    await refused(await postLogin(target, { token }, { headers: { origin: 'null' } }));
    await refused(await postLogin(target, { token }, { headers: { origin: 'http://itaku.test.evil.example' } }));
    await refused(
      await postLogin(target, { token }, { headers: { origin: null, referer: 'https://evil.example/login' } }),
    );
    await refused(await postLogin(target, { token }, { headers: { origin: null } }));
    expect(await sessionCount()).toBe(before);
  });

  it('takes a same-origin Referer when the browser sent no Origin', async () => {
    const res = await postLogin(
      target,
      { token: target.adminToken },
      { headers: { origin: null, referer: `${ORIGIN}/login` } },
    );
    expect(res.status).toBe(303);
  });

  it('takes the origin a TLS-terminating proxy reports', async () => {
    const res = await postLogin(
      target,
      { token: target.adminToken },
      { headers: { origin: 'https://itaku.test', 'x-forwarded-proto': 'https' } },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('set-cookie')).toMatch(/Secure/);
  });

  it('refuses a post without the token of the page opened in this browser', async () => {
    const before = await sessionCount();
    const token = target.adminToken;
    await refused(await postLogin(target, { token, _csrf: '' }));
    await refused(await postLogin(target, { token, _csrf: 'forged' }));
    await refused(await postLogin(target, { token, _csrf: `${Date.now() + 3_600_000}.${'0'.repeat(64)}` }));
    // A token read by someone else (their own visit to the sign-in page) does not fit this browser's cookie.
    const theirs = await loginForm(target);
    await refused(await postLogin(target, { token, _csrf: theirs.csrf }));
    // Nor does a browser without the cookie.
    await refused(await postLogin(target, { token, _csrf: theirs.csrf }, { headers: { cookie: null } }));
    expect(await sessionCount()).toBe(before);
  });

  it('refuses in the page’s language', async () => {
    const res = await postLogin(
      target,
      { token: target.adminToken },
      { lang: 'ja', headers: { origin: 'https://evil.example' } },
    );
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(ja.t('err.csrf'));
  });
});

describe('sign-out needs the page’s CSRF token', () => {
  it('refuses a forged sign-out and keeps the session; a real one ends it', async () => {
    const s = await signIn(target.adminToken);
    for (const forged of [
      s.post('/logout', {}),
      s.post('/logout', { _csrf: 'forged' }),
      s.post('/logout', { _csrf: await s.csrf() }, { origin: 'https://evil.example' }),
    ]) {
      const res = await forged;
      expect(res.status).toBe(403);
      expect(res.headers.get('location')).toBeNull();
      expect(await res.text()).toContain(en.t('err.csrf'));
      expect((await s.get('/')).status).toBe(200);
    }
    const out = await s.post('/logout', { _csrf: await s.csrf() });
    expect(out.status).toBe(303);
    expect(out.headers.get('location')).toBe('/login?signedOut=1');
    expect((await s.get('/')).status).toBe(303);
  });
});

describe('nothing personal is left in caches', () => {
  it('marks every signed-in page no-store, and the sign-in page too', async () => {
    const c = await newContractor(client(target), { name: 'キャッシュ確認株式会社' });
    const s = await signIn(target.adminToken);
    // An error page too (404 for an unknown contractor).
    for (const path of [
      '/',
      '/contractors',
      `/contractors/${c.id}`,
      '/contractors/new',
      '/alerts',
      '/contractors/none',
    ]) {
      expect((await s.get(path)).headers.get('cache-control'), path).toBe('no-store');
    }
    expect((await target.fetch('/login')).headers.get('cache-control')).toBe('no-store');
    // A redirect to sign-in, too: it carries the address the visitor asked for.
    expect((await target.fetch('/contractors', { redirect: 'manual' })).headers.get('cache-control')).toBe('no-store');
    // The stylesheet is the same for everybody and may be cached.
    expect((await s.get('/assets/itaku.css')).headers.get('cache-control')).toMatch(/^public/);
  });

  it('marks API answers no-store', async () => {
    const api = client(target);
    const c = await newContractor(api, { name: 'API キャッシュ株式会社' });
    const answers = [
      await api.get('/api/v1/users/me'),
      await api.get('/api/v1/users'),
      await api.get('/api/v1/contractors'),
      await api.get(`/api/v1/contractors/${c.id}`),
      await api.get('/api/v1/dashboard/summary'),
      await api.get('/api/v1/contractors/does-not-exist'),
      await api.patch(`/api/v1/contractors/${c.id}`, { services: 'storage' }),
    ];
    for (const res of answers) expect(res.headers.get('cache-control'), res.url).toBe('no-store');
  });
});

describe('bad query values on pages are 400 pages naming the parameter', () => {
  let contractorId = '';
  let s: Awaited<ReturnType<typeof signIn>>;
  beforeAll(async () => {
    contractorId = String((await newContractor(client(target), { name: 'クエリ検証株式会社' })).id);
    s = await signIn(target.adminToken);
  });

  const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const bad: [string, string][] = [
    ['/contractors/{id}?next=not-a-date', 'next'],
    ['/contractors/{id}?next=2026-02-30', 'next'],
    ['/contractors/{id}?next=%3Cscript%3E', 'next'],
    ['/contractors/{id}?next=99999-01-01', 'next'],
    ['/contractors/{id}?saved=yes', 'saved'],
    ['/contractors/{id}?lang=de', 'lang'],
    ['/contractors?status=bogus', 'status'],
    ['/contractors?riskTier=extreme', 'riskTier'],
    ['/contractors?supervisionStatus=late', 'supervisionStatus'],
    [`/contractors?q=${'あ'.repeat(101)}`, 'q'],
    ['/contractors?cursor=!!!not-base64', 'cursor'],
    [`/contractors?cursor=${cursorOf({ a: 1 })}`, 'cursor'],
    [`/contractors?cursor=${cursorOf([1])}`, 'cursor'],
    [`/contractors?cursor=${'A'.repeat(600)}`, 'cursor'],
    ['/contractors?lang=xx', 'lang'],
    ['/alerts?status=closed', 'status'],
    ['/alerts?cursor=%00%FF', 'cursor'],
    [`/alerts?cursor=${cursorOf(['only-one'])}`, 'cursor'],
    ['/reviews/new', 'contractorId'],
    [`/reviews/new?contractorId=${'x'.repeat(100)}`, 'contractorId'],
    ['/?lang=fr', 'lang'],
    ['/login?signedOut=2', 'signedOut'],
    ['/login?lang=%E6%97%A5', 'lang'],
  ];

  it.each(bad)('%s → 400 naming %s', async (path, param) => {
    const res = await s.get(path.replace('{id}', contractorId));
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(`<code>${param}</code>`);
    expect(html).toContain('This address has a value the page cannot use');
  });

  it('says it in Japanese to a Japanese reader', async () => {
    const res = await s.get(`/contractors/${contractorId}?next=2026-13-01`, { 'accept-language': 'ja' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('このURLのパラメータの値は使えません: next');
    expect(html).toContain('日付を入力してください');
    expect(html).toContain('<html lang="ja">');
  });

  it('still shows the pages for good values, and for filters left at "any"', async () => {
    const detail = await s.get(`/contractors/${contractorId}?saved=1&next=2027-04-01`);
    expect(detail.status).toBe(200);
    expect(await detail.text()).toContain(en.t('r.next', { date: en.date('2027-04-01') }));
    for (const path of [
      '/contractors?status=&riskTier=&supervisionStatus=&q=',
      '/contractors?q=%20%20',
      '/contractors?status=proposed&q=%E3%82%AF%E3%82%A8%E3%83%AA',
      `/contractors?cursor=${cursorOf(['0'])}`,
      '/alerts?status=resolved',
      `/alerts?cursor=${cursorOf(['2026-01-01T00:00:00.000Z', 'x'])}`,
      `/reviews/new?contractorId=${contractorId}`,
      '/login?signedOut=1&next=%2Falerts',
      '/?lang=en&utm_source=mail',
    ]) {
      expect((await s.get(path)).status, path).toBe(200);
    }
  });
});
