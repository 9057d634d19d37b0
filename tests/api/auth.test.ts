import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

describe('authentication', () => {
  const expect401 = async (res: Response) => {
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = await problem(res);
    expect(body.type).toBe('/problems/unauthorized');
    expect(body.status).toBe(401);
  };

  it('refuses a request without a token', async () => {
    await expect401(await client(target, null).get('/api/v1/users/me'));
  });

  it('refuses an unknown token', async () => {
    await expect401(await client(target, 'itk_not-a-real-token-but-long-enough-000000').get('/api/v1/users/me'));
  });

  it('refuses a malformed Authorization header', async () => {
    await expect401(await client(target, null).get('/api/v1/users/me', { authorization: `Basic ${btoa('admin:x')}` }));
    await expect401(await client(target, null).get('/api/v1/users/me', { authorization: 'Bearer' }));
  });

  it('refuses a revoked token and accepts the rotated one', async () => {
    const alice = await userWithRole(target, 'procurement');
    expect((await alice.api.get('/api/v1/users/me')).status).toBe(200);

    const rotated = await client(target).post(`/api/v1/users/${alice.id}/tokens`);
    expect(rotated.status).toBe(201);
    const { token } = (await rotated.json()) as { token: string };
    expect(token).not.toBe(alice.token);
    await expect401(await alice.api.get('/api/v1/users/me'));
    const fresh = client(target, token);
    expect((await fresh.get('/api/v1/users/me')).status).toBe(200);

    expect((await client(target).delete(`/api/v1/users/${alice.id}/tokens`)).status).toBe(204);
    await expect401(await fresh.get('/api/v1/users/me'));
  });

  it('stores only a hash of each token', async () => {
    const bob = await userWithRole(target, 'manager');
    const rows = await target.query<{ token_hash: string }>('SELECT token_hash FROM api_tokens');
    expect(rows.length).toBeGreaterThan(1);
    for (const row of rows) {
      expect(row.token_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(row.token_hash).not.toContain(bob.token);
    }
    expect(bob.token).toMatch(/^itk_[A-Za-z0-9_-]{43}$/);
  });
});

describe('role matrix of the user endpoints', () => {
  const cases: {
    method: 'get' | 'post' | 'delete';
    path: (self: string, other: string) => string;
    allowed: string[];
  }[] = [
    { method: 'post', path: () => '/api/v1/users', allowed: ['admin'] },
    { method: 'get', path: () => '/api/v1/users', allowed: ['admin'] },
    { method: 'get', path: (_s, o) => `/api/v1/users/${o}`, allowed: ['admin'] },
    { method: 'get', path: () => '/api/v1/users/me', allowed: ['admin', 'procurement', 'compliance', 'manager'] },
    { method: 'post', path: (_s, o) => `/api/v1/users/${o}/tokens`, allowed: ['admin'] },
    { method: 'delete', path: (_s, o) => `/api/v1/users/${o}/tokens`, allowed: ['admin'] },
  ];

  for (const role of ['admin', 'procurement', 'compliance', 'manager']) {
    for (const c of cases) {
      const expected = c.allowed.includes(role) ? 'allowed' : 'forbidden';
      it(`${role} ${c.method.toUpperCase()} ${c.path(':self', ':other')} is ${expected}`, async () => {
        const actor = await userWithRole(target, role);
        const other = await userWithRole(target, 'manager');
        const path = c.path(actor.id, other.id);
        const res =
          c.method === 'post'
            ? await actor.api.post(path, path.endsWith('/users') ? { name: 'New', role: 'manager' } : undefined)
            : c.method === 'delete'
              ? await actor.api.delete(path)
              : await actor.api.get(path);
        if (expected === 'allowed') {
          expect(res.status).toBeLessThan(300);
        } else {
          expect(res.status).toBe(403);
          const body = await problem(res);
          expect(body.type).toBe('/problems/forbidden');
          expect(body.detail).toContain(role);
        }
      });
    }
  }

  it('lets any user rotate and revoke their own tokens', async () => {
    const carol = await userWithRole(target, 'compliance');
    const rotated = await carol.api.post(`/api/v1/users/${carol.id}/tokens`);
    expect(rotated.status).toBe(201);
    const { token } = (await rotated.json()) as { token: string };
    const again = client(target, token);
    expect((await again.delete(`/api/v1/users/${carol.id}/tokens`)).status).toBe(204);
    expect((await again.get('/api/v1/users/me')).status).toBe(401);
  });

  it('checks the role before validating the body', async () => {
    const manager = await userWithRole(target, 'manager');
    const res = await manager.api.post('/api/v1/users', { nonsense: true });
    expect(res.status).toBe(403);
  });
});
