import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/** /settings/calendar over HTTP: issue the feed address (shown once), reissue and revoke with confirmation. */
let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

async function session(token: string, lang: 'ja' | 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const headers = { cookie, 'accept-language': lang };
  const get = (path: string) => target.fetch(path, { headers, redirect: 'manual' });
  const csrf = async () => /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string>) =>
    target.fetch(path, {
      method: 'POST',
      headers: { ...headers, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
  return { get, post, csrf };
}

const feedUrlOf = (html: string) =>
  /<input type="text" id="feed-url" class="feed-url" readonly="" value="([^"]+)"/.exec(html)?.[1];
const liveFeedTokens = async (userId: string) =>
  (
    await target.query<{ n: number }>(
      `SELECT count(*) AS n FROM api_tokens WHERE user_id = ? AND kind = 'feed' AND revoked_at IS NULL`,
      userId,
    )
  )[0]?.n;
const subscribe = (url: string) => target.fetch(new URL(url).pathname + new URL(url).search);

describe('the calendar feed settings', () => {
  it('issues an address for every role, shown once in full, that a calendar client can subscribe to', async () => {
    for (const role of ['manager', 'compliance', 'procurement'] as const) {
      const user = await userWithRole(target, role);
      const s = await session(user.token, 'ja');
      const page = await (await s.get('/settings/calendar')).text();
      expect(page).toContain('有効な配信URLはありません。');
      const res = await s.post('/settings/calendar/token', { _csrf: await s.csrf() });
      expect(res.status).toBe(200);
      const html = await res.text();
      expect(html).toContain('このURLは今回だけ表示されます。');
      const url = feedUrlOf(html) ?? '';
      expect(url).toMatch(/^http:\/\/itaku\.test\/api\/v1\/calendar\.ics\?token=itkf_/);
      const ics = await subscribe(url);
      expect(ics.status).toBe(200);
      expect(await ics.text()).toContain('BEGIN:VCALENDAR');
      const again = await (await s.get('/settings/calendar')).text();
      expect(again).toContain('配信URLは有効です（発行日時:');
      expect(feedUrlOf(again)).toBeUndefined();
    }
  });

  it('asks for confirmation before replacing or revoking a live address, in either language', async () => {
    const user = await userWithRole(target, 'manager');
    const s = await session(user.token, 'en');
    const url = feedUrlOf(await (await s.post('/settings/calendar/token', { _csrf: await s.csrf() })).text()) ?? '';

    const reissue = await s.post('/settings/calendar/token', { _csrf: await s.csrf() });
    expect(reissue.status).toBe(400);
    expect(await reissue.text()).toContain(
      '<p class="field-error" id="confirm-issue-error">Tick the box to confirm.</p>',
    );
    const revoke = await s.post('/settings/calendar/revoke', { _csrf: await s.csrf() });
    expect(revoke.status).toBe(400);
    expect((await subscribe(url)).status).toBe(200);

    const ja = await session(user.token, 'ja');
    const jaRevoke = await ja.post('/settings/calendar/revoke', { _csrf: await ja.csrf() });
    expect(await jaRevoke.text()).toContain(
      '<p class="field-error" id="confirm-revoke-error">確認のため、チェックを入れてください。</p>',
    );
    expect((await subscribe(url)).status).toBe(200);

    const replaced = await s.post('/settings/calendar/token', { _csrf: await s.csrf(), confirm: 'on' });
    expect(replaced.status).toBe(200);
    const next = feedUrlOf(await replaced.text()) ?? '';
    expect((await subscribe(url)).status).toBe(401);
    expect((await subscribe(next)).status).toBe(200);

    const done = await s.post('/settings/calendar/revoke', { _csrf: await s.csrf(), confirm: 'on' });
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe('/settings/calendar?revoked=1');
    expect(await (await s.get('/settings/calendar?revoked=1')).text()).toContain('The feed address was revoked.');
    expect((await subscribe(next)).status).toBe(401);
    expect(await liveFeedTokens(user.id)).toBe(0);
  });

  it('refuses a post without the CSRF token, and changes nothing', async () => {
    const user = await userWithRole(target, 'compliance');
    const s = await session(user.token, 'en');
    expect((await s.post('/settings/calendar/token', {})).status).toBe(403);
    expect((await s.post('/settings/calendar/token', { _csrf: 'forged' })).status).toBe(403);
    expect(await liveFeedTokens(user.id)).toBe(0);
    const cross = await target.fetch('/settings/calendar/token', {
      method: 'POST',
      headers: {
        cookie: (await postLogin(target, { token: user.token })).headers.get('set-cookie')?.split(';')[0] ?? '',
        origin: 'https://evil.example',
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ _csrf: await s.csrf() }).toString(),
      redirect: 'manual',
    });
    expect(cross.status).toBe(403);
    expect(await liveFeedTokens(user.id)).toBe(0);
    expect((await target.fetch('/settings/calendar', { redirect: 'manual' })).status).toBe(303);
  });

  it('leaves exactly one live address when several are issued at once', async () => {
    const user = await userWithRole(target, 'procurement');
    const s = await session(user.token, 'en');
    const csrf = await s.csrf();
    const results = await Promise.all(
      Array.from({ length: 5 }, () => s.post('/settings/calendar/token', { _csrf: csrf, confirm: 'on' })),
    );
    expect(results.every((r) => r.status === 200)).toBe(true);
    expect(await liveFeedTokens(user.id)).toBe(1);
    const urls = await Promise.all(results.map(async (r) => feedUrlOf(await r.text()) ?? ''));
    const working = (await Promise.all(urls.map(async (u) => (await subscribe(u)).status))).filter((x) => x === 200);
    expect(working).toHaveLength(1);
  });
});
