import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, newContractor, scheduleReview } from '../support/factories';
import { client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { postLogin } from '../support/web';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

/** A browser-like session: keeps the cookie, reads the CSRF token from the page. */
async function signIn(token: string, lang = 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const setCookie = res.headers.get('set-cookie') ?? '';
  const cookie = setCookie.split(';')[0] ?? '';
  const get = (path: string, extra: Record<string, string> = {}) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang, ...extra }, redirect: 'manual' });
  const csrf = async () => /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string | string[]>) => {
    const body = new URLSearchParams();
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return target.fetch(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
      body: body.toString(),
      redirect: 'manual',
    });
  };
  return { setCookie, cookie, get, post, csrf };
}

describe('web sign-in', () => {
  it('sends unknown visitors to the sign-in page and refuses bad tokens', async () => {
    const res = await target.fetch('/contractors?status=active', { redirect: 'manual' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/login?next=%2Fcontractors%3Fstatus%3Dactive');
    const bad = await postLogin(target, { token: 'nope' }, { lang: 'ja' });
    expect(bad.status).toBe(401);
    expect(await bad.text()).toContain('このトークンは無効か、失効しています。');
  });

  it('keeps the session in an HttpOnly, SameSite=Strict cookie stored server-side, and signs out', async () => {
    const s = await signIn(target.adminToken);
    expect(s.setCookie).toMatch(/HttpOnly/i);
    expect(s.setCookie).toMatch(/SameSite=Strict/i);
    expect(s.setCookie).not.toMatch(/itk_/);
    const rows = await target.query<{ id_hash: string }>('SELECT id_hash FROM sessions');
    expect(rows[0]?.id_hash).toMatch(/^[0-9a-f]{64}$/);
    expect((await s.get('/')).status).toBe(200);
    const out = await s.post('/logout', { _csrf: await s.csrf() });
    expect(out.headers.get('location')).toBe('/login?signedOut=1');
    expect((await s.get('/')).status).toBe(303);
  });

  it('never redirects outside itaku after sign-in', async () => {
    const res = await postLogin(target, { token: target.adminToken, next: '//evil.example/' });
    expect(res.headers.get('location')).toBe('/');
  });
});

describe('web forms', () => {
  it('refuses a form without the CSRF token, or from another origin', async () => {
    const s = await signIn(target.adminToken);
    const form = { name: 'CSRF社', dataCategories: 'customers', country: 'JP' };
    expect((await s.post('/contractors', form)).status).toBe(403);
    expect((await s.post('/contractors', { ...form, _csrf: 'forged' })).status).toBe(403);
    const cross = await target.fetch('/contractors', {
      method: 'POST',
      headers: {
        cookie: s.cookie,
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ ...form, _csrf: await s.csrf() }).toString(),
      redirect: 'manual',
    });
    expect(cross.status).toBe(403);
    expect(await target.query("SELECT count(*) AS n FROM contractors WHERE name = 'CSRF社'")).toEqual([{ n: 0 }]);
  });

  it('shows validation errors next to the field and keeps what was typed', async () => {
    const s = await signIn(target.adminToken, 'ja');
    const res = await s.post('/contractors', {
      _csrf: await s.csrf(),
      name: '入力保持テスト株式会社',
      corporateNumber: '1234567890123',
      country: 'JP',
      contactEmail: 'not-an-email',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('value="入力保持テスト株式会社"');
    expect(html).toContain('value="1234567890123"');
    expect(html).toMatch(/id="corporateNumber"[^>]*aria-invalid="true"/);
    expect(html).toContain('id="corporateNumber-error"');
    expect(html).toContain('id="dataCategories-error"');
    expect(html).toContain('入力内容を確認してください。');
    // Messages next to the fields are in the page's language too.
    expect(html).toContain('チェックデジットが一致しません');
    expect(html).toContain('取り扱う個人情報の区分を1つ以上選んでください');
    expect(html).toContain('メールアドレスの形式で入力してください');
  });

  it('registers a contractor and shows it', async () => {
    const s = await signIn(target.adminToken);
    const res = await s.post('/contractors', {
      _csrf: await s.csrf(),
      name: 'Web登録株式会社',
      country: 'JP',
      dataCategories: ['customers', 'employees'],
      subjectCount: '1500',
      systemAccess: 'on',
    });
    expect(res.status).toBe(303);
    const page = await s.get(res.headers.get('location') ?? '');
    const html = await page.text();
    expect(html).toContain('Web登録株式会社');
    expect(html).toContain('Saved.');
  });

  it('applies the API role rules: a manager sees no edit controls and the server refuses the POST', async () => {
    const c = await newContractor(client(target), { name: '閲覧のみ社' });
    await scheduleReview(client(target), String(c.id), daysFromToday(-2));
    const manager = await userWithRole(target, 'manager');
    const s = await signIn(manager.token);
    const html = await (await s.get(`/contractors/${c.id}`)).text();
    expect(html).toContain('閲覧のみ社');
    expect(html).not.toContain(`/contractors/${c.id}/edit`);
    expect(html).not.toContain('/complete');
    expect(html).not.toContain('/transition');
    const res = await s.post(`/contractors/${c.id}`, {
      _csrf: await s.csrf(),
      name: 'changed',
      dataCategories: 'customers',
    });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Your role (Manager) may not do this.');
    expect((await s.get('/contractors/new')).status).toBe(403);
  });
});

describe('language', () => {
  it('follows ?lang=, remembers it in a cookie, else Accept-Language', async () => {
    const s = await signIn(target.adminToken, 'en');
    expect(await (await s.get('/')).text()).toContain('<html lang="en">');
    const ja = await s.get('/?lang=ja');
    expect(await ja.text()).toContain('<html lang="ja">');
    expect(ja.headers.get('set-cookie')).toMatch(/itaku_lang=ja/);
    const remembered = await s.get('/', { cookie: `${s.cookie}; itaku_lang=ja` });
    const html = await remembered.text();
    expect(html).toContain('委託先監督の状況');
  });

  it('leaves the API alone: no redirects, problem+json as before', async () => {
    const res = await target.fetch('/api/v1/contractors', { redirect: 'manual' });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/problem\+json/);
    expect((await target.fetch('/nowhere', { redirect: 'manual' })).status).toBe(404);
  });
});

describe('sessions end with the token', () => {
  it('signs the user out everywhere when their tokens are revoked', async () => {
    const user = await userWithRole(target, 'compliance');
    const s = await signIn(user.token);
    expect((await s.get('/')).status).toBe(200);
    await client(target).delete(`/api/v1/users/${user.id}/tokens`);
    expect((await s.get('/')).status).toBe(303);
  });
});
