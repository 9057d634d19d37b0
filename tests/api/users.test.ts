import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

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
  version: number;
  createdAt: string;
}

describe('users', () => {
  it('creates a user, shows its token once, and reads it back', async () => {
    const api = client(target);
    const res = await api.post('/api/v1/users', {
      name: '山田 花子',
      email: 'Hanako.Yamada@Example.co.jp',
      role: 'compliance',
    });
    expect(res.status).toBe(201);
    expect(res.headers.get('etag')).toBe('"1"');
    const body = (await res.json()) as { user: User; token: string };
    expect(body.user).toMatchObject({
      name: '山田 花子',
      email: 'hanako.yamada@example.co.jp',
      role: 'compliance',
      version: 1,
    });
    expect(res.headers.get('location')).toBe(`/api/v1/users/${body.user.id}`);
    expect(body.user.createdAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);

    const got = await api.get(`/api/v1/users/${body.user.id}`);
    expect(got.status).toBe(200);
    expect(got.headers.get('etag')).toBe('"1"');
    const user = (await got.json()) as Record<string, unknown>;
    expect(user).toEqual(body.user);
    expect(JSON.stringify(user)).not.toContain(body.token);

    const me = await client(target, body.token).get('/api/v1/users/me');
    expect(((await me.json()) as User).id).toBe(body.user.id);
  });

  it('answers 404 for an unknown user', async () => {
    const res = await client(target).get('/api/v1/users/nope');
    expect(res.status).toBe(404);
    expect((await problem(res)).type).toBe('/problems/not-found');
    expect((await client(target).post('/api/v1/users/nope/tokens')).status).toBe(404);
    expect((await client(target).delete('/api/v1/users/nope/tokens')).status).toBe(404);
  });

  it('refuses a second user with the same e-mail, whatever its case', async () => {
    const api = client(target);
    expect((await api.post('/api/v1/users', { name: 'A', email: 'dup@example.com', role: 'manager' })).status).toBe(
      201,
    );
    const before = await target.query('SELECT count(*) AS n FROM users');
    const res = await api.post('/api/v1/users', { name: 'B', email: 'DUP@example.com', role: 'manager' });
    expect(res.status).toBe(409);
    const body = await problem(res);
    expect(body.type).toBe('/problems/email-taken');
    expect(body.errors?.[0]?.path).toBe('email');
    expect(await target.query('SELECT count(*) AS n FROM users')).toEqual(before);
  });

  it('validates every field and names it', async () => {
    const api = client(target);
    const res = await api.post('/api/v1/users', { name: '   ', email: 'not-an-email', role: 'boss', extra: 1 });
    expect(res.status).toBe(400);
    const body = await problem(res);
    expect(body.type).toBe('/problems/validation');
    const paths = body.errors?.map((e) => e.path).sort();
    expect(paths).toEqual(['email', 'extra', 'name', 'role']);
    expect((await api.post('/api/v1/users', { name: 'x'.repeat(101), role: 'manager' })).status).toBe(400);
  });

  it('lists users in stable pages, with a role filter', async () => {
    const api = client(target);
    for (let i = 0; i < 5; i++) await userWithRole(target, 'procurement', { name: `buyer ${i}` });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await api.get(`/api/v1/users?role=procurement&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(res.status).toBe(200);
      const page = (await res.json()) as { items: User[]; nextCursor: string | null };
      expect(page.items.length).toBeLessThanOrEqual(2);
      for (const u of page.items) expect(u.role).toBe('procurement');
      seen.push(...page.items.map((u) => u.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen.length).toBe(5);
    expect(new Set(seen).size).toBe(5);
    expect([...seen].sort()).toEqual(seen);
  });

  it('rejects bad list parameters with a 400 naming them', async () => {
    const api = client(target);
    for (const [query, path] of [
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
      ['limit=abc', 'limit'],
      ['role=boss', 'role'],
      ['cursor=%%%', 'cursor'],
      ['cursor=WzFd', 'cursor'],
    ] as const) {
      const res = await api.get(`/api/v1/users?${query}`);
      expect(res.status, query).toBe(400);
      expect((await problem(res)).errors?.[0]?.path, query).toBe(path);
    }
  });

  it('refuses to revoke the tokens of the last admin', async () => {
    const me = (await (await client(target).get('/api/v1/users/me')).json()) as User;
    const res = await client(target).delete(`/api/v1/users/${me.id}/tokens`);
    expect(res.status).toBe(409);
    expect((await client(target).get('/api/v1/users/me')).status).toBe(200);

    const second = await userWithRole(target, 'admin');
    expect((await second.api.delete(`/api/v1/users/${me.id}/tokens`)).status).toBe(204);
    expect((await client(target).get('/api/v1/users/me')).status).toBe(401);
    target.adminToken = second.token;
  });

  it('records every user change in the audit trail', async () => {
    const api = client(target);
    const created = (await (await api.post('/api/v1/users', { name: 'Audited', role: 'manager' })).json()) as {
      user: User;
      token: string;
    };
    await api.post(`/api/v1/users/${created.user.id}/tokens`);
    const res = await api.get(`/api/v1/audit-events?entityType=user&entityId=${created.user.id}`);
    const events = (await res.json()) as { items: { action: string; after: Record<string, unknown> }[] };
    expect(events.items.map((e) => e.action)).toEqual(['token.rotate', 'token.issue', 'user.create']);
    expect(events.items[2]?.after).toMatchObject({ name: 'Audited', role: 'manager' });
    expect(JSON.stringify(events)).not.toContain(created.token);
  });
});
