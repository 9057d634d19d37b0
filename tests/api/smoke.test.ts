import { afterAll, beforeAll, expect, it } from 'vitest';
import { client } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

it('serves healthz and me', async () => {
  const api = client(target);
  expect((await api.get('/healthz')).status).toBe(200);
  const me = await api.get('/api/v1/users/me');
  expect(me.status).toBe(200);
  expect(((await me.json()) as { role: string }).role).toBe('admin');
});
