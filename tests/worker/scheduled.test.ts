import { readFileSync } from 'node:fs';
import { Miniflare } from 'miniflare';
import { describe, expect, it } from 'vitest';
import { migrationFiles } from '../support/target';

describe('the built worker', () => {
  it('declares the daily cron trigger and the D1 binding in wrangler.toml', () => {
    const toml = readFileSync('wrangler.toml', 'utf8');
    expect(toml).toMatch(/crons = \["0 0 \* \* \*", "\*\/10 \* \* \* \*"\]/);
    expect(toml).toMatch(/binding = "DB"/);
    expect(toml).toMatch(/migrations_dir = "db\/migrations"/);
    const date = /compatibility_date = "(\d{4}-\d{2}-\d{2})"/.exec(toml)?.[1] ?? '';
    expect(date <= '2026-04-26').toBe(true);
  });

  it('runs the scheduled handler against D1', async () => {
    const mf = new Miniflare({
      scriptPath: 'dist/worker.js',
      modules: true,
      modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
      compatibilityDate: '2026-04-20',
      d1Databases: { DB: 'scheduled-test' },
      bindings: { ITAKU_LOG_LEVEL: 'silent' },
    });
    try {
      const d1 = await mf.getD1Database('DB');
      for (const file of migrationFiles()) {
        const sql = readFileSync(`db/migrations/${file}`, 'utf8');
        await d1.batch(
          sql
            .split('--> statement-breakpoint')
            .map((s) => s.trim())
            .filter(Boolean)
            .map((s) => d1.prepare(s)),
        );
      }
      const worker = await mf.getWorker();
      const result = await worker.scheduled({ cron: '0 0 * * *', scheduledTime: new Date() });
      expect(result.outcome).toBe('ok');
      // The first invocation bootstraps the admin, as the first request would.
      const users = await d1.prepare("SELECT count(*) AS n FROM users WHERE role = 'admin'").first<{ n: number }>();
      expect(users?.n).toBe(1);
    } finally {
      await mf.dispose();
    }
  });

  it('reports a bad configuration as a clear problem naming the variable', async () => {
    const mf = new Miniflare({
      scriptPath: 'dist/worker.js',
      modules: true,
      modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
      compatibilityDate: '2026-04-20',
      d1Databases: { DB: 'bad-config' },
      bindings: { ITAKU_TIMEZONE: 'Mars/Base' },
    });
    try {
      const res = await mf.dispatchFetch('http://itaku.test/healthz');
      expect(res.status).toBe(500);
      expect(await res.text()).toContain('ITAKU_TIMEZONE');
    } finally {
      await mf.dispose();
    }
  });
});
