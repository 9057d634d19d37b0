import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { Miniflare } from 'miniflare';
import { describe, expect, inject, it } from 'vitest';
import { daysFromToday } from '../support/factories';
import { compatibilityDate, migrationFiles } from '../support/target';

describe('the built worker', () => {
  it('declares the daily cron trigger and the D1 binding in wrangler.toml', () => {
    const toml = readFileSync('wrangler.toml', 'utf8');
    expect(toml).toMatch(/crons = \["0 0 \* \* \*", "\*\/10 \* \* \* \*"\]/);
    expect(toml).toMatch(/binding = "DB"/);
    expect(toml).toMatch(/migrations_dir = "db\/migrations"/);
    // Every worker test starts workerd with this date: one newer than the pinned runtime
    // supports fails them all ("the newest date supported by this server binary is …").
    expect(compatibilityDate()).toMatch(/^2026-(0[89]|1[0-2])-\d{2}$/);
  });

  it('runs the daily sweep from the Cron Trigger against D1 and raises the alerts', async () => {
    const token = `worker-admin-token-${'x'.repeat(20)}`;
    const mf = new Miniflare({
      scriptPath: inject('workerScript'),
      modulesRoot: dirname(inject('workerScript')),
      modules: true,
      modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
      compatibilityDate: compatibilityDate(),
      compatibilityFlags: ['nodejs_compat'],
      d1Databases: { DB: 'scheduled-test' },
      bindings: { ITAKU_LOG_LEVEL: 'silent', ITAKU_ADMIN_TOKEN: token, ITAKU_AUDIT_KEY: `audit-key-${token}` },
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
      const call = async (path: string, body: unknown) => {
        const res = await mf.dispatchFetch(`http://itaku.test${path}`, {
          method: 'POST',
          headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
          body: JSON.stringify(body),
        });
        return (await res.json()) as { id: string };
      };
      const c = await call('/api/v1/contractors', { name: 'ワーカー社', dataCategories: ['customers'] });
      await call('/api/v1/reviews', { contractorId: c.id, kind: 'periodic', dueDate: daysFromToday(-2) });

      const worker = await mf.getWorker();
      const result = await worker.scheduled({ cron: '0 0 * * *', scheduledTime: new Date() });
      expect(result.outcome).toBe('ok');
      const alerts = await d1
        .prepare('SELECT kind, contractor_id FROM alerts')
        .all<{ kind: string; contractor_id: string }>();
      expect(alerts.results).toEqual([{ kind: 'review_overdue', contractor_id: c.id }]);
      const runs = await d1.prepare("SELECT status, trigger FROM job_runs WHERE job = 'sweep'").all();
      expect(runs.results).toEqual([{ status: 'succeeded', trigger: 'schedule' }]);

      // Running it again (a retried invocation) duplicates nothing.
      await worker.scheduled({ cron: '0 0 * * *', scheduledTime: new Date() });
      expect((await d1.prepare('SELECT count(*) AS n FROM alerts').first<{ n: number }>())?.n).toBe(1);
      // The delivery trigger runs on its own.
      expect((await worker.scheduled({ cron: '*/10 * * * *', scheduledTime: new Date() })).outcome).toBe('ok');
    } finally {
      await mf.dispose();
    }
  });

  it('reports a bad configuration as a clear problem naming the variable', async () => {
    const mf = new Miniflare({
      scriptPath: inject('workerScript'),
      modulesRoot: dirname(inject('workerScript')),
      modules: true,
      modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
      compatibilityDate: compatibilityDate(),
      compatibilityFlags: ['nodejs_compat'],
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
