import { simpleParser } from 'mailparser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { fieldMessage } from '../../src/i18n/messages';
import { smtpMailer } from '../../src/notify/smtp-mailer';
import { i18n } from '../../src/web/i18n';
import { client } from '../support/http';
import {
  type Browserish,
  browserSession,
  linkPath,
  openForm,
  PASSWORDS,
  passwordLogin,
  person,
  signedInWithPassword,
  signInLink,
} from '../support/people';
import { smtpReceiver } from '../support/receivers';
import { createTarget, type Target, targetKind } from '../support/target';
import { cookiesOf, ORIGIN, postLogin } from '../support/web';

/** The people pages over HTTP: sign-in, passwords, and /users, in Japanese and English. */

let target: Target;
let admin: Browserish;
beforeAll(async () => {
  target = await createTarget();
  admin = await adminSession('ja');
});
afterAll(() => target.close());

const en = i18n('en');
const ja = i18n('ja');

async function adminSession(lang: string) {
  const res = await postLogin(target, { token: target.adminToken }, { lang });
  expect(res.status).toBe(303);
  return browserSession(target, res, lang);
}

interface User {
  id: string;
  name: string;
  role: string;
  active: boolean;
  hasPassword: boolean;
  version: number;
}
const userOf = async (id: string) => (await (await client(target).get(`/api/v1/users/${id}`)).json()) as User;
const usersCount = async () => Number((await target.query<{ n: number }>('SELECT count(*) AS n FROM users'))[0]?.n);

/** The text of the field error shown under the input `id`. */
const errorAt = (html: string, id: string) =>
  new RegExp(`<p class="field-error" id="${id}-error">([^<]*)</p>`).exec(html)?.[1];

describe('the sign-in page', () => {
  it('offers e-mail and password first, the token form below it, and no SSO or e-mail reset when not configured', async () => {
    const html = await (await target.fetch('/login?lang=ja')).text();
    expect(html.indexOf('name="email"')).toBeGreaterThan(0);
    expect(html.indexOf('name="email"')).toBeLessThan(html.indexOf('name="token"'));
    expect(html).toContain(`<label for="token">${ja.t('login.token')}</label>`);
    expect(html).toContain(ja.t('people.signIn'));
    expect(html).not.toContain('/login/oidc');
    expect(html).not.toContain('/password/forgot');
  });

  it('signs a person in with e-mail and password into a SameSite=Strict session', async () => {
    const p = await person(target, { role: 'procurement' });
    const res = await postLogin(target, { email: p.email.toUpperCase(), password: PASSWORDS.a, next: '/contractors' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/contractors');
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('itaku_session=')) ?? '';
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect((await browserSession(target, res).get('/contractors')).status).toBe(200);
  });

  it('refuses a wrong password in the page’s language, keeping the address typed', async () => {
    const p = await person(target);
    for (const [lang, t] of [
      ['ja', ja],
      ['en', en],
    ] as const) {
      const res = await passwordLogin(target, p.email, PASSWORDS.b, { lang });
      expect(res.status).toBe(401);
      const html = await res.text();
      expect(html).toContain(t.t('people.invalid'));
      expect(html).toContain(`value="${p.email}"`);
      expect(html).not.toContain(PASSWORDS.b);
    }
  });

  it('names a missing field next to it', async () => {
    const res = await postLogin(target, { email: 'someone@example.co.jp', password: '' }, { lang: 'ja' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(errorAt(html, 'password')).toBe(fieldMessage('required', undefined, 'ja'));
    expect(html).toMatch(/id="password"[^>]*aria-invalid="true"[^>]*aria-describedby="password-error"/);
  });

  it('refuses a password post from another site without checking it', async () => {
    const p = await person(target);
    const res = await postLogin(
      target,
      { email: p.email, password: PASSWORDS.a },
      { headers: { origin: 'https://evil.example' } },
    );
    expect(res.status).toBe(403);
    expect(cookiesOf(res).some((c) => c.startsWith('itaku_session='))).toBe(false);
  });

  it('answers 429 with Retry-After and the reason in Japanese after too many failures', async () => {
    const p = await person(target);
    const guesses = await Promise.all(Array.from({ length: 5 }, () => passwordLogin(target, p.email, PASSWORDS.c)));
    expect(guesses.map((r) => r.status)).toEqual([401, 401, 401, 401, 401]);
    const res = await passwordLogin(target, p.email, PASSWORDS.a, { lang: 'ja' });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    const seconds = Number(res.headers.get('retry-after'));
    expect(seconds).toBeGreaterThan(0);
    expect(await res.text()).toContain(ja.t('people.throttled', { minutes: Math.ceil(seconds / 60) }));
  });
});

describe('single sign-on on the sign-in page', () => {
  it('links to /login/oidc once a provider is configured', async () => {
    const sso = await createTarget({
      env: { ITAKU_OIDC_ISSUER: 'https://login.example.com/tenant/v2.0', ITAKU_OIDC_CLIENT_ID: 'itaku' },
    });
    try {
      const html = await (await sso.fetch('/login?lang=en&next=%2Falerts')).text();
      expect(html).toContain('href="/login/oidc?next=%2Falerts"');
      expect(html).toContain(en.t('people.sso'));
    } finally {
      await sso.close();
    }
  });
});

describe('/users', () => {
  it('is for admins only: other roles get the 403 page and change nothing', async () => {
    const p = await person(target, { role: 'compliance' });
    const s = await signedInWithPassword(target, p.email, PASSWORDS.a, 'ja');
    const before = await usersCount();
    for (const path of ['/users', '/users/new', `/users/${p.id}`]) {
      const res = await s.get(path);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain(ja.t('err.forbidden', { role: labels.role.compliance.ja }));
    }
    const posts = [
      s.post('/users', { name: 'X', role: 'admin' }),
      s.post(`/users/${p.id}`, { name: 'X', role: 'admin', version: '1' }),
      s.post(`/users/${p.id}/sign-in-link`, {}),
      s.post(`/users/${p.id}/tokens`, {}),
    ];
    for (const res of await Promise.all(posts)) expect(res.status).toBe(403);
    expect(await usersCount()).toBe(before);
    expect((await userOf(p.id)).role).toBe('compliance');
  });

  it('lists users with previous and next and a total', async () => {
    for (let i = 0; i < 51; i++) await client(target).post('/api/v1/users', { name: `名簿 ${i}`, role: 'manager' });
    const total = await usersCount();
    const first = await (await admin.get('/users')).text();
    expect(first).toContain(ja.t('list.range', { from: '1', to: '50', total: total.toLocaleString('ja-JP') }));
    const next = /<a class="button secondary" rel="next" href="([^"]+)"/.exec(first)?.[1]?.replace(/&amp;/g, '&');
    expect(next).toBeDefined();
    const second = await (await admin.get(next ?? '')).text();
    expect(second).toContain(
      ja.t('list.range', { from: '51', to: String(Math.min(100, total)), total: total.toLocaleString('ja-JP') }),
    );
    expect(second).toContain('rel="prev"');
  });

  it('adds a user: errors in Japanese next to the field, typing kept, password never echoed', async () => {
    const before = await usersCount();
    const res = await admin.post('/users', {
      name: '',
      email: 'kept@example.co.jp',
      role: 'compliance',
      password: 'qazwsxedcrfv',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(errorAt(html, 'name')).toBe(fieldMessage('empty', undefined, 'ja'));
    expect(html).toContain('value="kept@example.co.jp"');
    expect(html).not.toContain('qazwsxedcrfv');
    const weak = await admin.post('/users', {
      name: '佐藤 一郎',
      email: 'sato@example.co.jp',
      role: 'compliance',
      password: 'qazwsxedcrfv',
    });
    expect(errorAt(await weak.text(), 'password')).toBe(fieldMessage('passwordCommon', undefined, 'ja'));
    expect(await usersCount()).toBe(before);

    const ok = await admin.post('/users', {
      name: '佐藤 一郎',
      email: 'sato@example.co.jp',
      role: 'compliance',
      password: PASSWORDS.b,
    });
    expect(ok.status).toBe(303);
    const location = ok.headers.get('location') ?? '';
    expect(location).toMatch(/^\/users\/[^/?]+\?notice=created$/);
    expect(await (await admin.get(location)).text()).toContain(ja.t('people.created'));
    expect((await passwordLogin(target, 'sato@example.co.jp', PASSWORDS.b)).status).toBe(303);
  });

  it('refuses a form without the page’s CSRF token', async () => {
    const before = await usersCount();
    const res = await admin.post('/users', { name: 'Forged', role: 'admin', _csrf: 'forged' });
    expect(res.status).toBe(403);
    expect(await usersCount()).toBe(before);
  });

  it('changes name and role; a stale form comes back with the typing kept', async () => {
    const p = await person(target);
    const saved = await admin.post(`/users/${p.id}`, {
      name: '新しい 名前',
      email: p.email,
      role: 'compliance',
      version: '1',
    });
    expect(saved.status).toBe(303);
    expect(await userOf(p.id)).toMatchObject({ name: '新しい 名前', role: 'compliance', version: 2 });
    const stale = await admin.post(`/users/${p.id}`, {
      name: '古い 画面',
      email: p.email,
      role: 'procurement',
      version: '1',
    });
    expect(stale.status).toBe(412);
    const html = await stale.text();
    expect(html).toContain('value="古い 画面"');
    expect(html).toContain('ほかの人が先に変更しました');
    expect((await userOf(p.id)).role).toBe('compliance');
  });

  it('deactivates only with the box ticked, then reactivates', async () => {
    const p = await person(target);
    const unconfirmed = await admin.post(`/users/${p.id}/deactivate`, { version: '1' });
    expect(unconfirmed.status).toBe(400);
    expect(errorAt(await unconfirmed.text(), 'confirmDeactivate')).toBe(ja.t('people.confirmRequired'));
    expect((await userOf(p.id)).active).toBe(true);

    const off = await admin.post(`/users/${p.id}/deactivate`, { version: '1', confirmDeactivate: 'on' });
    expect(off.status).toBe(303);
    expect((await userOf(p.id)).active).toBe(false);
    expect(await (await admin.get(off.headers.get('location') ?? '')).text()).toContain(ja.t('people.deactivated'));
    const on = await admin.post(`/users/${p.id}/reactivate`, { version: '2' });
    expect(on.status).toBe(303);
    expect((await userOf(p.id)).active).toBe(true);
  });

  it('takes one of two deactivations sent at once from the same page; the other finds it changed', async () => {
    const p = await person(target);
    const results = await Promise.all([
      admin.post(`/users/${p.id}/deactivate`, { version: '1', confirmDeactivate: 'on' }),
      admin.post(`/users/${p.id}/deactivate`, { version: '1', confirmDeactivate: 'on' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 412]);
    expect((await userOf(p.id)).version).toBe(2);
  });

  it('refuses to deactivate the last admin, saying why', async () => {
    const me = (await (await client(target).get('/api/v1/users/me')).json()) as User;
    const res = await admin.post(`/users/${me.id}/deactivate`, {
      version: String(me.version),
      confirmDeactivate: 'on',
    });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain(fieldMessage('lastAdmin', undefined, 'ja'));
    expect((await userOf(me.id)).active).toBe(true);
  });

  it('issues a sign-in link, shown once, that sets a password', async () => {
    const created = await client(target).post('/api/v1/users', {
      name: 'Link user',
      email: 'link.user@example.co.jp',
      role: 'manager',
    });
    const { user } = (await created.json()) as { user: User };
    const res = await admin.post(`/users/${user.id}/sign-in-link`, {});
    expect(res.status).toBe(200);
    const url = /id="secret"[^>]*value="([^"]+)"|value="([^"]+)"[^>]*id="secret"/.exec(await res.text());
    const link = (url?.[1] ?? url?.[2] ?? '').replace(/&amp;/g, '&');
    expect(link).toMatch(/\/password\/set\?token=pwl_/);
    const form = await openForm(target, linkPath(link));
    const token = new URL(link).searchParams.get('token') ?? '';
    expect((await form.post({ token, password: PASSWORDS.d, confirm: PASSWORDS.d })).status).toBe(303);
    expect((await passwordLogin(target, 'link.user@example.co.jp', PASSWORDS.d)).status).toBe(303);
  });

  it('issues a new API token shown once, and revokes all tokens only when confirmed', async () => {
    const p = await person(target);
    const res = await admin.post(`/users/${p.id}/tokens`, {});
    expect(res.status).toBe(200);
    const token = /itk_[A-Za-z0-9_-]{43}/.exec(await res.text())?.[0] ?? '';
    expect((await client(target, token).get('/api/v1/users/me')).status).toBe(200);
    expect((await p.api.get('/api/v1/users/me')).status).toBe(401);

    const unconfirmed = await admin.post(`/users/${p.id}/tokens/revoke`, {});
    expect(unconfirmed.status).toBe(400);
    expect((await client(target, token).get('/api/v1/users/me')).status).toBe(200);
    const revoked = await admin.post(`/users/${p.id}/tokens/revoke`, { confirmRevoke: 'on' });
    expect(revoked.status).toBe(303);
    expect((await client(target, token).get('/api/v1/users/me')).status).toBe(401);
  });
});

describe('/password/set', () => {
  it('says in the reader’s language what is wrong, and keeps the link usable', async () => {
    const p = await person(target);
    const { url } = await signInLink(target, p.id);
    const token = new URL(url).searchParams.get('token') ?? '';
    const form = await openForm(target, linkPath(url), 'ja');
    expect(form.status).toBe(200);
    expect(form.html).toContain(ja.t('people.setTitle'));

    const mismatch = await form.post({ token, password: PASSWORDS.c, confirm: PASSWORDS.d });
    expect(mismatch.status).toBe(400);
    expect(errorAt(await mismatch.text(), 'confirm')).toBe(ja.t('people.mismatch'));
    const weak = await form.post({ token, password: 'short', confirm: 'short' });
    expect(weak.status).toBe(400);
    expect(errorAt(await weak.text(), 'password')).toBe(fieldMessage('passwordTooShort', { min: 12 }, 'ja'));
    const forged = await target.fetch('/password/set', {
      method: 'POST',
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
        cookie: form.cookie,
      },
      body: new URLSearchParams({ _csrf: form.csrf, token, password: PASSWORDS.c, confirm: PASSWORDS.c }).toString(),
    });
    expect(forged.status).toBe(403);
    expect((await passwordLogin(target, p.email, PASSWORDS.a)).status).toBe(303);
    expect((await form.post({ token, password: PASSWORDS.c, confirm: PASSWORDS.c })).status).toBe(303);
  });

  it('answers an unknown link with 404 and a used one with 410, both explained', async () => {
    const unknown = await openForm(target, `/password/set?token=pwl_${'x'.repeat(43)}`, 'en');
    expect(unknown.status).toBe(404);
    expect(unknown.html).toContain(en.t('people.linkUnknown'));
    const p = await person(target);
    const { url } = await signInLink(target, p.id);
    await signInLink(target, p.id);
    const replaced = await openForm(target, linkPath(url), 'ja');
    expect(replaced.status).toBe(410);
    expect(replaced.html).toContain(ja.t('people.linkUsed'));
  });
});

describe('/settings/password', () => {
  it('changes one’s own password, keeps this session and ends the others', async () => {
    const p = await person(target);
    const here = await signedInWithPassword(target, p.email, PASSWORDS.a, 'ja');
    const elsewhere = await signedInWithPassword(target, p.email, PASSWORDS.a, 'ja');
    const page = await here.get('/settings/password');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain(ja.t('people.currentPassword'));

    const wrong = await here.post('/settings/password', {
      currentPassword: PASSWORDS.b,
      newPassword: PASSWORDS.c,
      confirm: PASSWORDS.c,
    });
    expect(wrong.status).toBe(400);
    expect(errorAt(await wrong.text(), 'currentPassword')).toBe(fieldMessage('currentPasswordWrong', undefined, 'ja'));
    const ok = await here.post('/settings/password', {
      currentPassword: PASSWORDS.a,
      newPassword: PASSWORDS.c,
      confirm: PASSWORDS.c,
    });
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/settings/password?changed=1');
    expect((await here.get('/settings/password?changed=1')).status).toBe(200);
    expect((await elsewhere.get('/')).status).toBe(303);
    expect((await passwordLogin(target, p.email, PASSWORDS.c)).status).toBe(303);
  });

  it('refuses a post without the page’s token', async () => {
    const p = await person(target);
    const s = await signedInWithPassword(target, p.email, PASSWORDS.a);
    const res = await s.post('/settings/password', {
      _csrf: 'x',
      currentPassword: PASSWORDS.a,
      newPassword: PASSWORDS.c,
      confirm: PASSWORDS.c,
    });
    expect(res.status).toBe(403);
    expect((await passwordLogin(target, p.email, PASSWORDS.a)).status).toBe(303);
  });
});

if (targetKind() === 'node') {
  describe('a forgotten password, by e-mail (Node with SMTP)', () => {
    let smtp: Awaited<ReturnType<typeof smtpReceiver>>;
    let mailer: ReturnType<typeof smtpMailer>;
    let withMail: Target;
    const pending: Promise<unknown>[] = [];
    beforeAll(async () => {
      smtp = await smtpReceiver();
      mailer = smtpMailer(smtp.url, 'itaku <itaku@example.co.jp>');
      withMail = await createTarget({ mailer, background: (work) => pending.push(work) });
    });
    afterAll(async () => {
      mailer.close();
      await smtp.close();
      await withMail.close();
    });

    it('e-mails a one-time link, and answers an unknown address the same way', async () => {
      const login = await (await withMail.fetch('/login?lang=ja')).text();
      expect(login).toContain('href="/password/forgot"');
      const p = await person(withMail);
      const ask = async (email: string) => {
        const form = await openForm(withMail, '/password/forgot', 'ja');
        expect(form.status).toBe(200);
        return form.post({ email });
      };
      const known = await ask(p.email.toUpperCase());
      const unknown = await ask('nobody@example.co.jp');
      expect([known.status, unknown.status]).toEqual([303, 303]);
      expect(known.headers.get('location')).toBe(unknown.headers.get('location'));
      await Promise.all(pending);
      expect(smtp.received.map((m) => m.to)).toEqual([[p.email]]);
      const mail = await simpleParser(smtp.received[0]?.raw ?? '');
      const link = /http:\/\/127\.0\.0\.1:3000(\/password\/set\?token=pwl_[A-Za-z0-9_-]{43})/.exec(
        mail.text ?? '',
      )?.[1];
      expect(mail.text).toContain(ja.t('people.mailIgnore'));
      expect(mail.text).toContain(en.t('people.mailIgnore'));
      const form = await openForm(withMail, link ?? '');
      const token = new URL(`http://x${link}`).searchParams.get('token') ?? '';
      expect((await form.post({ token, password: PASSWORDS.d, confirm: PASSWORDS.d })).status).toBe(303);
      expect((await passwordLogin(withMail, p.email, PASSWORDS.d)).status).toBe(303);
    });

    it('names a malformed address next to the field', async () => {
      const form = await openForm(withMail, '/password/forgot', 'ja');
      const res = await form.post({ email: 'not-an-address' });
      expect(res.status).toBe(400);
      expect(errorAt(await res.text(), 'email')).toBe(fieldMessage('email', undefined, 'ja'));
    });
  });
} else {
  describe('a forgotten password without e-mail (Workers)', () => {
    it('is neither offered nor answered', async () => {
      expect(await (await target.fetch('/login')).text()).not.toContain('/password/forgot');
      const res = await target.fetch('/password/forgot', { headers: { origin: ORIGIN } });
      expect(res.status).toBe(404);
    });
  });
}
