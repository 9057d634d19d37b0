import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newContractor } from '../support/factories';
import { client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { cookiesOf, postLogin } from '../support/web';

/**
 * Download links on pages point at the API (api.md "Web UI"): a signed-in browser may
 * GET /api/v1/*, never write to it without a bearer token.
 */
let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

async function sessionCookie(token: string): Promise<string> {
  const res = await postLogin(target, { token });
  expect(res.status).toBe(303);
  const cookie = cookiesOf(res).find((c) => c.startsWith('itaku_session='));
  if (!cookie) throw new Error('no session cookie');
  return cookie;
}

describe('the browser session on the API', () => {
  it('authorises GETs (a manager downloads the export), as the user of the session', async () => {
    const manager = await userWithRole(target, 'manager');
    await newContractor(client(target), { name: 'セッション読取株式会社' });
    const cookie = await sessionCookie(manager.token);
    const me = await target.fetch('/api/v1/users/me', { headers: { cookie } });
    expect(me.status).toBe(200);
    expect(((await me.json()) as { id: string }).id).toBe(manager.id);
    const csv = await target.fetch('/api/v1/exports/supervision-status.csv', { headers: { cookie } });
    expect(csv.status).toBe(200);
    expect(await csv.text()).toContain('セッション読取株式会社');
  });

  it('never authorises a write, and a bad bearer token is not rescued by the cookie', async () => {
    const procurement = await userWithRole(target, 'procurement');
    const cookie = await sessionCookie(procurement.token);
    const write = await target.fetch('/api/v1/contractors', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'クッキー書込株式会社', dataCategories: ['customers'] }),
    });
    expect(write.status).toBe(401);
    const list = (await (await client(target).get('/api/v1/contractors?q=クッキー書込')).json()) as {
      items: unknown[];
    };
    expect(list.items).toEqual([]);
    const wrongBearer = await target.fetch('/api/v1/users/me', { headers: { cookie, authorization: 'Bearer nope' } });
    expect(wrongBearer.status).toBe(401);
  });

  it('stops once the session ends', async () => {
    const manager = await userWithRole(target, 'manager');
    const cookie = await sessionCookie(manager.token);
    expect((await target.fetch('/api/v1/users/me', { headers: { cookie } })).status).toBe(200);
    const page = await target.fetch('/', { headers: { cookie } });
    const csrf = /name="_csrf" value="([^"]+)"/.exec(await page.text())?.[1] ?? '';
    const out = await target.fetch('/logout', {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', origin: 'http://itaku.test' },
      body: new URLSearchParams({ _csrf: csrf }).toString(),
      redirect: 'manual',
    });
    expect(out.status).toBe(303);
    expect((await target.fetch('/api/v1/users/me', { headers: { cookie } })).status).toBe(401);
  });
});
