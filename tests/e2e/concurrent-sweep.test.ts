import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, newContractor, scheduleReview } from '../support/factories';
import { client } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
  const api = client(target);
  for (let i = 0; i < 20; i++) {
    const c = await newContractor(api, { name: `並行テスト ${i}` });
    await scheduleReview(api, String(c.id), daysFromToday(-1 - i));
    await scheduleReview(api, String(c.id), daysFromToday(3 + i), 'document_review');
  }
});
afterAll(() => target.close());

function cliSweep(dbPath: string): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'sweep'], {
      env: { ...process.env, ITAKU_DB_PATH: dbPath, ITAKU_AUDIT_KEY: target.auditKey, ITAKU_LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
    });
    child.stderr.on('data', (d) => {
      out += d;
    });
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('two processes sweeping the same database file at once', () => {
  it('never duplicate an alert', async () => {
    const dbPath = target.dbPath ?? '';
    const results = await Promise.all([cliSweep(dbPath), cliSweep(dbPath), cliSweep(dbPath)]);
    for (const r of results) expect(r.code, r.out).toBe(0);
    const parsed = results.map(
      (r) => JSON.parse(r.out.trim().split('\n').at(-1) ?? '{}') as { status: string; raised: number },
    );
    // Together they raised each alert exactly once, whichever ran or was skipped.
    expect(parsed.reduce((sum, p) => sum + p.raised, 0)).toBe(32);
    expect(parsed.some((p) => p.status === 'succeeded')).toBe(true);
    const dupes = await target.query(
      "SELECT kind, subject_id, count(*) AS n FROM alerts WHERE status <> 'resolved' GROUP BY kind, subject_id HAVING n > 1",
    );
    expect(dupes).toEqual([]);
    // Due in 3…22 days: 12 fall within the 14-day window.
    expect(await target.query('SELECT kind, count(*) AS n FROM alerts GROUP BY kind ORDER BY kind')).toEqual([
      { kind: 'review_due_soon', n: 12 },
      { kind: 'review_overdue', n: 20 },
    ]);
    const runs = await target.query<{ status: string }>("SELECT status FROM job_runs WHERE job = 'sweep'");
    expect(runs).toHaveLength(3);
    const verify = (await (await client(target).get('/api/v1/audit-events/verify')).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
  });
});
