import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';

/**
 * The baselines of benchmarks.md: the least an HTTP answer can cost on this stack.
 * Hono on @hono/node-server, raw prepared statements, rows returned as stored, no auth,
 * no middleware, no validation. Run as its own process, like the real server.
 *   /page     one list page (50 contractors)
 *   /summary  the dashboard's aggregate queries, handed over in BENCH_SUMMARY_SQL as
 *             [{ sql, params }] (taken from dashboardSummary() by the dashboard scenario)
 *   POST /findings  the least an audited write can cost: the finding's INSERT and one
 *             audit INSERT in one transaction (no validation, no auth, no seal)
 */
const path = process.env.ITAKU_DB_PATH;
if (!path) throw new Error('ITAKU_DB_PATH is required');
const sqlite = new Database(path, { fileMustExist: true });
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('cache_size = -32768'); // as src/platform/node-sqlite.ts
const page = sqlite.prepare('SELECT * FROM contractors ORDER BY id LIMIT 50');
const summary = (JSON.parse(process.env.BENCH_SUMMARY_SQL ?? '[]') as { sql: string; params: unknown[] }[]).map(
  (q) => ({ stmt: sqlite.prepare(q.sql), params: q.params }),
);

const insertFinding = sqlite.prepare(
  `INSERT INTO findings (id, contractor_id, severity, category, description, due_date, status, created_at, updated_at, version)
   VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, 1)`,
);
const insertEvent = sqlite.prepare(
  `INSERT INTO audit_events (at, actor, action, entity_type, entity_id, after) VALUES (?, 'bench', 'finding.create', 'finding', ?, ?)`,
);
const writeFinding = sqlite.transaction((b: Record<string, string>) => {
  const id = crypto.randomUUID();
  const now = new Date().toISOString();
  insertFinding.run(id, b.contractorId, b.severity, b.category, b.description, b.dueDate, now, now);
  insertEvent.run(now, id, JSON.stringify(b));
  return id;
});

const app = new Hono();
app.post('/findings', async (c) => c.json({ id: writeFinding(await c.req.json()) }, 201));
app.get('/page', (c) => c.json(page.all()));
app.get('/summary', (c) => c.json(summary.map((q) => q.stmt.all(q.params))));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3001), hostname: '127.0.0.1' });
process.on('SIGTERM', () => {
  server.close(() => {
    sqlite.close();
    process.exit(0);
  });
});
