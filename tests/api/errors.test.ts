import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client, problem } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

const countUsers = async () => (await target.query<{ n: number }>('SELECT count(*) AS n FROM users'))[0]?.n;

async function expectProblem(res: Response, status: number, type: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  const body = await problem(res);
  expect(body).toMatchObject({ type, status });
  expect(typeof body.title).toBe('string');
  expect(typeof body.detail).toBe('string');
  expect(body.requestId).toBe(res.headers.get('x-request-id'));
  return body;
}

describe('problem+json for every error', () => {
  it('404 for unknown routes, with or without a token', async () => {
    await expectProblem(await client(target).get('/api/v1/nothing-here'), 404, '/problems/not-found');
    await expectProblem(await client(target, null).get('/nowhere'), 404, '/problems/not-found');
  });

  it('400 for malformed JSON, and nothing changes', async () => {
    const before = await countUsers();
    const res = await client(target).post('/api/v1/users', '{"name": "x", ', { 'content-type': 'application/json' });
    await expectProblem(res, 400, '/problems/malformed-json');
    expect(await countUsers()).toBe(before);
  });

  it('415 for a body that is not JSON', async () => {
    const res = await client(target).post('/api/v1/users', 'name=x&role=admin', {
      'content-type': 'application/x-www-form-urlencoded',
    });
    await expectProblem(res, 415, '/problems/unsupported-media-type');
    const csv = await client(target).post('/api/v1/users', 'name,role\nx,admin', { 'content-type': 'text/csv' });
    await expectProblem(csv, 415, '/problems/unsupported-media-type');
  });

  it('413 for a body over 1 MiB, and nothing changes', async () => {
    const before = await countUsers();
    const big = JSON.stringify({ name: 'x'.repeat(1024 * 1024 + 10), role: 'manager' });
    const res = await client(target).post('/api/v1/users', big, { 'content-type': 'application/json' });
    await expectProblem(res, 413, '/problems/payload-too-large');
    expect(await countUsers()).toBe(before);
  });

  it('400 with errors[{path, message}] for validation failures', async () => {
    const res = await client(target).post('/api/v1/users', { name: 42 });
    const body = await expectProblem(res, 400, '/problems/validation');
    expect(body.errors).toEqual(
      expect.arrayContaining([
        { path: 'name', message: expect.any(String), code: 'wrongType', params: { expected: 'string' } },
        { path: 'role', message: 'is required', code: 'required' },
      ]),
    );
  });

  it('400 for a JSON body that is not an object', async () => {
    for (const raw of ['[]', '"text"', 'null', '7']) {
      const res = await client(target).post('/api/v1/users', raw, { 'content-type': 'application/json' });
      expect(res.status, raw).toBe(400);
    }
  });

  it('documents each problem type at its URI', async () => {
    const res = await client(target, null).get('/problems/validation');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Request validation failed');
    expect((await client(target, null).get('/problems/no-such-problem')).status).toBe(404);
  });

  it('sends security headers and a request id', async () => {
    const res = await client(target, null).get('/healthz');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-frame-options')).toBeTruthy();
    expect(res.headers.get('x-request-id')).toMatch(/.{8,}/);
  });
});
