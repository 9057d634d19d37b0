import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, problem } from '../support/http';
import {
  browserSession,
  linkPath,
  openForm,
  PASSWORDS,
  passwordLogin,
  person,
  signedInWithPassword,
  signInLink,
  versionOf,
} from '../support/people';
import { createTarget, type Target } from '../support/target';
import { cookiesOf, loginForm, ORIGIN } from '../support/web';

/** People: passwords, throttled sign-in, the user's record and its last-admin rule, one-time links. */

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

interface User {
  id: string;
  name: string;
  email: string | null;
  role: string;
  active: boolean;
  hasPassword: boolean;
  version: number;
}

const count = async (sql: string, ...params: unknown[]) =>
  Number((await target.query<{ n: number }>(sql, ...params))[0]?.n);

const meId = async () => ((await (await client(target).get('/api/v1/users/me')).json()) as User).id;

describe('creating people with passwords', () => {
  it('stores only a salted scrypt hash, never returned', async () => {
    const p = await person(target, { password: PASSWORDS.a });
    const user = (await (await client(target).get(`/api/v1/users/${p.id}`)).json()) as User;
    expect(user).toMatchObject({ active: true, hasPassword: true });
    const [row] = await target.query<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = ?', p.id);
    expect(row?.password_hash).toMatch(/^\$scrypt\$ln=14,r=8,p=5\$[A-Za-z0-9+/]{22}\$[A-Za-z0-9+/]{43}$/);
    const audit = await (await client(target).get(`/api/v1/audit-events?entityType=user&entityId=${p.id}`)).text();
    expect(audit).not.toContain(row?.password_hash.slice(-20));
    expect(audit).not.toContain(PASSWORDS.a);
    expect(JSON.stringify(user)).not.toContain('scrypt');
  });

  it.each([
    ['short', 'passwordTooShort'],
    ['qazwsxedcrfv', 'passwordCommon'],
    ['ALEX.TANAKA@example.co.jp', 'passwordLikeName'],
  ])('refuses the password %j at `password` (%s) and creates nothing', async (password, code) => {
    const before = await count('SELECT count(*) AS n FROM users');
    const res = await client(target).post('/api/v1/users', {
      name: 'Alex Tanaka',
      email: 'alex.tanaka@example.co.jp',
      role: 'manager',
      password,
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { errors: { path: string; code: string }[] };
    expect(body.errors).toEqual([expect.objectContaining({ path: 'password', code })]);
    expect(await count('SELECT count(*) AS n FROM users')).toBe(before);
  });

  it('creates a deactivated user whose token does not work', async () => {
    const p = await person(target, { active: false });
    expect((await p.api.get('/api/v1/users/me')).status).toBe(401);
    expect((await passwordLogin(target, p.email, PASSWORDS.a)).status).toBe(401);
  });
});

describe('PATCH /users/{id}', () => {
  it('changes name, e-mail and role with If-Match, and audits before and after', async () => {
    const p = await person(target);
    const res = await client(target).patch(
      `/api/v1/users/${p.id}`,
      { name: '山田 花子', email: 'Hanako.New@Example.co.jp', role: 'compliance' },
      { 'if-match': await versionOf(target, p.id) },
    );
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBe('"2"');
    expect(await res.json()).toMatchObject({
      name: '山田 花子',
      email: 'hanako.new@example.co.jp',
      role: 'compliance',
    });
    const events = (await (
      await client(target).get(`/api/v1/audit-events?entityType=user&entityId=${p.id}`)
    ).json()) as { items: { action: string; before: User; after: User }[] };
    expect(events.items[0]).toMatchObject({
      action: 'user.update',
      before: { role: 'manager', version: 1 },
      after: { role: 'compliance', version: 2 },
    });
  });

  it('answers a stale If-Match with 412 and changes nothing', async () => {
    const p = await person(target);
    const res = await client(target).patch(`/api/v1/users/${p.id}`, { role: 'admin' }, { 'if-match': '"7"' });
    expect(res.status).toBe(412);
    expect(((await (await client(target).get(`/api/v1/users/${p.id}`)).json()) as User).role).toBe('manager');
  });

  it('names the refused fields, refuses a taken address, other roles and unknown users', async () => {
    const p = await person(target);
    const other = await person(target);
    const bad = await client(target).patch(`/api/v1/users/${p.id}`, { role: 'boss', active: 'no', nickname: 'x' });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path).sort()).toEqual(['active', 'nickname', 'role']);
    const taken = await client(target).patch(`/api/v1/users/${p.id}`, { email: other.email.toUpperCase() });
    expect(taken.status).toBe(409);
    expect((await problem(taken)).type).toBe('/problems/email-taken');
    expect((await p.api.patch(`/api/v1/users/${other.id}`, { name: 'x' })).status).toBe(403);
    expect((await client(target).patch('/api/v1/users/nope', { name: 'x' })).status).toBe(404);
    expect(((await (await client(target).get(`/api/v1/users/${p.id}`)).json()) as User).version).toBe(1);
  });
});

describe('deactivating a user', () => {
  it('ends their sessions and tokens at once; reactivating brings back the password, not the tokens', async () => {
    const p = await person(target, { role: 'compliance' });
    const browser = await signedInWithPassword(target, p.email, PASSWORDS.a);
    expect((await browser.get('/')).status).toBe(200);
    expect((await browser.get('/api/v1/users/me')).status).toBe(200);

    const off = await client(target).patch(`/api/v1/users/${p.id}`, { active: false });
    expect(off.status).toBe(200);
    expect(((await off.json()) as User).active).toBe(false);
    expect((await p.api.get('/api/v1/users/me')).status).toBe(401);
    expect((await browser.get('/')).status).toBe(303);
    expect((await browser.get('/api/v1/users/me')).status).toBe(401);
    const refused = await passwordLogin(target, p.email, PASSWORDS.a);
    expect(refused.status).toBe(401);
    expect(await count('SELECT count(*) AS n FROM api_tokens WHERE user_id = ? AND revoked_at IS NULL', p.id)).toBe(0);

    const on = await client(target).patch(`/api/v1/users/${p.id}`, { active: true });
    expect(on.status).toBe(200);
    expect((await p.api.get('/api/v1/users/me')).status).toBe(401);
    expect((await passwordLogin(target, p.email, PASSWORDS.a)).status).toBe(303);
    const actions = (
      (await (await client(target).get(`/api/v1/audit-events?entityType=user&entityId=${p.id}`)).json()) as {
        items: { action: string }[];
      }
    ).items.map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual(['user.sign_in', 'user.reactivate', 'user.deactivate']);
  });
});

describe('the last active admin', () => {
  it('cannot be demoted or deactivated; with a second admin, it can', async () => {
    const me = await meId();
    const demote = await client(target).patch(`/api/v1/users/${me}`, { role: 'manager' });
    expect(demote.status).toBe(409);
    expect((await problem(demote)).errors).toEqual([expect.objectContaining({ path: 'role', code: 'lastAdmin' })]);
    const off = await client(target).patch(`/api/v1/users/${me}`, { active: false });
    expect((await problem(off)).errors).toEqual([expect.objectContaining({ path: 'active', code: 'lastAdmin' })]);
    expect(((await (await client(target).get('/api/v1/users/me')).json()) as User).version).toBe(1);

    // A deactivated admin does not count as another admin.
    const dormant = await person(target, { role: 'admin', active: false });
    expect((await client(target).patch(`/api/v1/users/${me}`, { role: 'manager' })).status).toBe(409);
    expect((await client(target).patch(`/api/v1/users/${dormant.id}`, { active: true })).status).toBe(200);
    const backToAdmin = await client(target).patch(`/api/v1/users/${dormant.id}`, { role: 'manager' });
    expect(backToAdmin.status).toBe(200);
  });

  it('stays: two admins stepping down at once, exactly one succeeds', async () => {
    const a = await person(target, { role: 'admin' });
    const b = await person(target, { role: 'admin' });
    // Leave only a and b as admins who can sign in: the first admin becomes a manager.
    const me = await meId();
    expect((await a.api.patch(`/api/v1/users/${me}`, { role: 'manager' })).status).toBe(200);
    try {
      const results = await Promise.all([
        a.api.patch(`/api/v1/users/${a.id}`, { role: 'manager' }),
        b.api.patch(`/api/v1/users/${b.id}`, { role: 'manager' }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
      expect(await count("SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1")).toBe(1);
    } finally {
      // Whoever is left makes the first admin an admin again, for the tests after this one.
      const left = (await a.api.get('/api/v1/users/me').then((r) => r.json())) as User;
      const api = left.role === 'admin' ? a.api : b.api;
      expect((await api.patch(`/api/v1/users/${me}`, { role: 'admin' })).status).toBe(200);
    }
  });
});

describe('POST /users/me/password', () => {
  it('needs the current password when there is one; the new one follows the rules', async () => {
    const p = await person(target, { password: PASSWORDS.a });
    const missing = await p.api.post('/api/v1/users/me/password', { newPassword: PASSWORDS.b });
    expect((await problem(missing)).errors?.[0]?.path).toBe('currentPassword');
    const wrong = await p.api.post('/api/v1/users/me/password', {
      currentPassword: PASSWORDS.c,
      newPassword: PASSWORDS.b,
    });
    expect(wrong.status).toBe(400);
    expect((await problem(wrong)).errors).toEqual([
      expect.objectContaining({ path: 'currentPassword', code: 'currentPasswordWrong' }),
    ]);
    const weak = await p.api.post('/api/v1/users/me/password', {
      currentPassword: PASSWORDS.a,
      newPassword: 'too short',
    });
    expect((await problem(weak)).errors).toEqual([
      expect.objectContaining({ path: 'newPassword', code: 'passwordTooShort' }),
    ]);
    expect((await passwordLogin(target, p.email, PASSWORDS.a)).status).toBe(303);

    const ok = await p.api.post('/api/v1/users/me/password', {
      currentPassword: PASSWORDS.a,
      newPassword: PASSWORDS.b,
    });
    expect(ok.status).toBe(204);
    expect((await passwordLogin(target, p.email, PASSWORDS.a)).status).toBe(401);
    expect((await passwordLogin(target, p.email, PASSWORDS.b)).status).toBe(303);
  });

  it('ends the user’s web sessions', async () => {
    const p = await person(target);
    const browser = await signedInWithPassword(target, p.email, PASSWORDS.a);
    await p.api.post('/api/v1/users/me/password', { currentPassword: PASSWORDS.a, newPassword: PASSWORDS.c });
    expect((await browser.get('/')).status).toBe(303);
  });

  it('sets a first password without a current one', async () => {
    const res = await client(target).post('/api/v1/users', {
      name: 'Token only',
      email: 'token.only@example.co.jp',
      role: 'manager',
    });
    const { token } = (await res.json()) as { token: string };
    expect((await client(target, token).post('/api/v1/users/me/password', { newPassword: PASSWORDS.d })).status).toBe(
      204,
    );
    expect((await passwordLogin(target, 'token.only@example.co.jp', PASSWORDS.d)).status).toBe(303);
  });

  it('throttles wrong current passwords: 429 with Retry-After, even for the right one then', async () => {
    const p = await person(target);
    for (let i = 0; i < 5; i++) {
      const res = await p.api.post('/api/v1/users/me/password', {
        currentPassword: PASSWORDS.b,
        newPassword: PASSWORDS.c,
      });
      expect(res.status).toBe(400);
    }
    const res = await p.api.post('/api/v1/users/me/password', {
      currentPassword: PASSWORDS.a,
      newPassword: PASSWORDS.c,
    });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(res.headers.get('retry-after'))).toBeLessThanOrEqual(900);
    expect((await problem(res)).type).toBe('/problems/too-many-attempts');
    expect((await passwordLogin(target, p.email, PASSWORDS.a)).status).toBe(303);
  });
});

/** `n` wrong passwords for the address at once, each answered 401. */
async function wrongGuesses(email: string, n: number) {
  const results = await Promise.all(Array.from({ length: n }, () => passwordLogin(target, email, PASSWORDS.b)));
  expect(results.map((r) => r.status)).toEqual(Array(n).fill(401));
}

describe('signing in with a password', () => {
  it('answers a wrong password, an unknown address and a user without a password alike', async () => {
    const p = await person(target);
    await client(target).post('/api/v1/users', {
      name: 'No password',
      email: 'token.only.none@example.co.jp',
      role: 'manager',
    });
    const texts = [];
    for (const [email, password] of [
      [p.email, PASSWORDS.b],
      ['nobody@example.co.jp', PASSWORDS.b],
      ['token.only.none@example.co.jp', PASSWORDS.b],
    ] as const) {
      const res = await passwordLogin(target, email, password, { lang: 'ja' });
      expect(res.status).toBe(401);
      expect(cookiesOf(res).some((c) => c.startsWith('itaku_session='))).toBe(false);
      texts.push((await res.text()).replace(/value="[^"]*"/g, ''));
    }
    expect(texts[0]).toContain('メールアドレスまたはパスワードが正しくありません。');
    expect(new Set(texts).size).toBe(1);
  });

  it('gives a new session id at every sign-in and ends the one the browser held', async () => {
    const p = await person(target);
    const first = await signedInWithPassword(target, p.email, PASSWORDS.a);
    // The same browser signs in again: it sends its session cookie along with the sign-in page's.
    const form = await loginForm(target);
    const again = await target.fetch('/login', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: ORIGIN,
        cookie: `${form.cookie}; ${first.cookie}`,
      },
      body: new URLSearchParams({ _csrf: form.csrf, email: p.email, password: PASSWORDS.a }).toString(),
      redirect: 'manual',
    });
    expect(again.status).toBe(303);
    const second = browserSession(target, again);
    expect(second.cookie).not.toBe(first.cookie);
    expect((await first.get('/')).status).toBe(303);
    expect((await second.get('/')).status).toBe(200);
  });

  it('throttles an account after 5 failures: 429 with Retry-After, the right password too, in the page’s language', async () => {
    const p = await person(target);
    await wrongGuesses(p.email, 5);
    const res = await passwordLogin(target, p.email, PASSWORDS.a, { lang: 'ja' });
    expect(res.status).toBe(429);
    const retry = Number(res.headers.get('retry-after'));
    expect(retry).toBeGreaterThan(0);
    expect(retry).toBeLessThanOrEqual(900);
    expect(await res.text()).toContain('サインインの失敗が続いたため');
    // The window is over (its start moved back): the right password works and clears the count.
    await target.exec("UPDATE sign_in_throttle SET window_start = '2000-01-01T00:00:00.000Z'");
    expect((await passwordLogin(target, p.email, PASSWORDS.a)).status).toBe(303);
  });

  it('forgets an account’s failures after a success', async () => {
    const p = await person(target);
    await wrongGuesses(p.email, 4);
    expect((await passwordLogin(target, p.email, PASSWORDS.a)).status).toBe(303);
    await wrongGuesses(p.email, 5);
    expect((await passwordLogin(target, p.email, PASSWORDS.b)).status).toBe(429);
  });

  it('lets no more than 5 of 12 parallel wrong guesses reach the password check', async () => {
    const p = await person(target);
    const results = await Promise.all(Array.from({ length: 12 }, () => passwordLogin(target, p.email, PASSWORDS.b)));
    const statuses = results.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBe(5);
    expect(statuses.filter((s) => s === 429).length).toBe(7);
  });

  it('throttles a client address after 20 failures, whichever accounts they tried; successes do not count', async () => {
    const from = (ip: string) => ({ headers: { 'cf-connecting-ip': ip } });
    const guess = (n: number, offset: number) =>
      Promise.all(
        Array.from({ length: n }, (_, i) =>
          passwordLogin(target, `guess${offset + i}@example.co.jp`, PASSWORDS.b, from('203.0.113.7')),
        ),
      );
    const p = await person(target);
    expect((await guess(18, 0)).map((r) => r.status)).toEqual(Array(18).fill(401));
    // People of the same office signing in meanwhile: 21 attempts so far, 18 of them failed.
    for (let i = 0; i < 3; i++)
      expect((await passwordLogin(target, p.email, PASSWORDS.a, from('203.0.113.7'))).status).toBe(303);
    expect((await guess(2, 18)).map((r) => r.status)).toEqual([401, 401]);
    expect((await passwordLogin(target, p.email, PASSWORDS.a, from('203.0.113.7'))).status).toBe(429);
    expect((await passwordLogin(target, p.email, PASSWORDS.a, from('198.51.100.4'))).status).toBe(303);
    await target.exec('DELETE FROM sign_in_throttle');
  }, 90_000);

  it('records the sign-in in the audit trail', async () => {
    const p = await person(target);
    await passwordLogin(target, p.email, PASSWORDS.a);
    const events = (await (
      await client(target).get(`/api/v1/audit-events?entityType=user&entityId=${p.id}&actor=${p.id}`)
    ).json()) as { items: { action: string; after: unknown }[] };
    expect(events.items[0]).toMatchObject({ action: 'user.sign_in', after: { method: 'password' } });
  });
});

describe('one-time sign-in links', () => {
  it('are issued by admins only, shown once, stored as a hash, for 72 hours', async () => {
    const p = await person(target);
    expect((await p.api.post(`/api/v1/users/${p.id}/sign-in-link`)).status).toBe(403);
    expect((await client(target).post('/api/v1/users/nope/sign-in-link')).status).toBe(404);
    const link = await signInLink(target, p.id);
    const token = new URL(link.url).searchParams.get('token') ?? '';
    expect(link.url).toMatch(/^http:\/\/itaku\.test\/password\/set\?token=pwl_[A-Za-z0-9_-]{43}$/);
    const hours = (Date.parse(link.expiresAt) - Date.now()) / 3_600_000;
    expect(hours).toBeGreaterThan(71.9);
    expect(hours).toBeLessThanOrEqual(72);
    const rows = await target.query<{ token_hash: string }>(
      'SELECT token_hash FROM password_links WHERE user_id = ?',
      p.id,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(rows)).not.toContain(token);
    const audit = await (await client(target).get(`/api/v1/audit-events?entityType=user&entityId=${p.id}`)).text();
    expect(audit).toContain('user.sign_in_link');
    expect(audit).not.toContain(token);
  });

  it('set a password once; a second use, an older link and an expired one are refused', async () => {
    const res = await client(target).post('/api/v1/users', {
      name: 'Newcomer',
      email: 'newcomer@example.co.jp',
      role: 'compliance',
    });
    const { user } = (await res.json()) as { user: User };
    const older = await signInLink(target, user.id);
    const link = await signInLink(target, user.id);
    expect((await openForm(target, linkPath(older.url))).status).toBe(410);

    const form = await openForm(target, linkPath(link.url));
    expect(form.status).toBe(200);
    const token = new URL(link.url).searchParams.get('token') ?? '';
    const set = await form.post({ token, password: PASSWORDS.c, confirm: PASSWORDS.c });
    expect(set.status).toBe(303);
    expect(set.headers.get('location')).toBe('/login?passwordSet=1');
    expect((await passwordLogin(target, 'newcomer@example.co.jp', PASSWORDS.c)).status).toBe(303);

    const again = await openForm(target, linkPath(link.url));
    expect(again.status).toBe(410);
    const reuse = await form.post({ token, password: PASSWORDS.d, confirm: PASSWORDS.d });
    expect(reuse.status).toBe(410);
    expect((await passwordLogin(target, 'newcomer@example.co.jp', PASSWORDS.d)).status).toBe(401);

    const expiring = await signInLink(target, user.id);
    await target.exec(
      `UPDATE password_links SET expires_at = '2000-01-01T00:00:00.000Z' WHERE used_at IS NULL AND revoked_at IS NULL`,
    );
    const expired = await openForm(target, linkPath(expiring.url));
    expect(expired.status).toBe(410);
    expect(expired.html).toContain('This link has expired.');
  });

  it('work exactly once when used twice at the same moment', async () => {
    const p = await person(target);
    const link = await signInLink(target, p.id);
    const token = new URL(link.url).searchParams.get('token') ?? '';
    const [one, two] = await Promise.all([openForm(target, linkPath(link.url)), openForm(target, linkPath(link.url))]);
    const results = await Promise.all([
      one.post({ token, password: PASSWORDS.c, confirm: PASSWORDS.c }),
      two.post({ token, password: PASSWORDS.d, confirm: PASSWORDS.d }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 410]);
    const winner = results[0]?.status === 303 ? PASSWORDS.c : PASSWORDS.d;
    const loser = winner === PASSWORDS.c ? PASSWORDS.d : PASSWORDS.c;
    expect((await passwordLogin(target, p.email, winner)).status).toBe(303);
    expect((await passwordLogin(target, p.email, loser)).status).toBe(401);
    expect(
      await count('SELECT count(*) AS n FROM password_links WHERE user_id = ? AND used_at IS NOT NULL', p.id),
    ).toBe(1);
  });

  it('are not issued for a deactivated user, and stop working when the user is deactivated', async () => {
    const p = await person(target);
    const link = await signInLink(target, p.id);
    await client(target).patch(`/api/v1/users/${p.id}`, { active: false });
    expect((await openForm(target, linkPath(link.url))).status).toBe(410);
    expect((await client(target).post(`/api/v1/users/${p.id}/sign-in-link`)).status).toBe(409);
  });
});
