import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runToExit, startServer } from '../support/server';

const dir = mkdtempSync(join(tmpdir(), 'itaku-e2e-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

describe('the Node server, as `npm start` runs it', () => {
  it('creates its data directory, prints a generated admin token once, serves, and shuts down cleanly', async () => {
    const dbPath = join(dir, 'nested', 'deeper', 'itaku.db');
    // The built server, started by the very command of `npm start`: the migrations, the
    // Swagger UI assets and everything else read from disk must be found from dist/ too.
    const first = await startServer({ ITAKU_DB_PATH: dbPath, ITAKU_SWEEP_CRON: 'off' }, 'npm start');
    const token = /itk_[A-Za-z0-9_-]{43}/.exec(first.output())?.[0];
    expect(token).toBeDefined();
    const auth = bearer(token as string);

    const health = await fetch(`${first.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: 'ok' });

    const docs = await fetch(`${first.url}/api/docs`);
    expect(docs.status).toBe(200);
    const html = await docs.text();
    expect(html).toContain('swagger-ui');
    // Every asset is served by itaku itself: no absolute URL to anywhere else.
    expect(html).not.toMatch(/(src|href)="https?:/);
    for (const asset of ['/api/docs/swagger-ui-bundle.js', '/api/docs/swagger-ui.css', '/api/docs/init.js']) {
      const res = await fetch(first.url + asset);
      expect(res.status, asset).toBe(200);
      expect((await res.text()).length, asset).toBeGreaterThan(100);
    }
    const spec = (await (await fetch(`${first.url}/api/openapi.json`)).json()) as { openapi: string };
    expect(spec.openapi).toBe('3.1.0');

    const created = await fetch(`${first.url}/api/v1/users`, {
      method: 'POST',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ name: '佐藤 一郎', email: 'ichiro@example.jp', role: 'procurement' }),
    });
    expect(created.status).toBe(201);
    const users = (await (await fetch(`${first.url}/api/v1/users`, { headers: auth })).json()) as {
      items: { name: string }[];
    };
    expect(users.items.map((u) => u.name)).toEqual(['Administrator', '佐藤 一郎']);

    expect(await first.stop('SIGTERM')).toBe(0);
    const log = first.output();
    expect(log).toContain('"msg":"stopped"');
    // The token appears once (the banner), never in request logs.
    expect(log.split(token as string).length - 1).toBe(1);
    expect(log).toMatch(/"method":"POST","path":"\/api\/v1\/users","status":201/);

    const second = await startServer({ ITAKU_DB_PATH: dbPath, ITAKU_SWEEP_CRON: 'off' }, 'npm start');
    expect(second.output()).not.toMatch(/itk_/);
    expect((await fetch(`${second.url}/api/v1/users/me`, { headers: auth })).status).toBe(200);
    expect(await second.stop('SIGINT')).toBe(0);
  });

  it('uses ITAKU_ADMIN_TOKEN for the first admin without printing it', async () => {
    const preset = `preset-admin-token-${'z'.repeat(24)}`;
    const server = await startServer({ ITAKU_DB_PATH: join(dir, 'preset.db'), ITAKU_ADMIN_TOKEN: preset }, 'npm start');
    const me = await fetch(`${server.url}/api/v1/users/me`, { headers: bearer(preset) });
    expect(me.status).toBe(200);
    expect(server.output()).not.toContain(preset);
    expect(await server.stop()).toBe(0);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ ITAKU_TIMEZONE: 'Mars/Base' }, 'ITAKU_TIMEZONE'],
    [{ ITAKU_SWEEP_CRON: '99 99 * * *' }, 'ITAKU_SWEEP_CRON'],
    [{ ITAKU_LOG_LEVEL: 'loud' }, 'ITAKU_LOG_LEVEL'],
  ])('stops with exit code 1 and a one-line message on %o', async (env, variable) => {
    const result = await runToExit({ ITAKU_DB_PATH: join(dir, 'never.db'), ...env }, 'npm start');
    expect(result.code).toBe(1);
    const lines = result.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(variable);
    expect(result.stdout).not.toContain('listening');
  });
});
