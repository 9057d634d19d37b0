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
 */
const path = process.env.ITAKU_DB_PATH;
if (!path) throw new Error('ITAKU_DB_PATH is required');
const sqlite = new Database(path, { fileMustExist: true });
sqlite.pragma('journal_mode = WAL');
const page = sqlite.prepare('SELECT * FROM contractors ORDER BY id LIMIT 50');
const summary = (JSON.parse(process.env.BENCH_SUMMARY_SQL ?? '[]') as { sql: string; params: unknown[] }[]).map(
  (q) => ({ stmt: sqlite.prepare(q.sql), params: q.params }),
);

const app = new Hono();
app.get('/page', (c) => c.json(page.all()));
app.get('/summary', (c) => c.json(summary.map((q) => q.stmt.all(q.params))));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3001), hostname: '127.0.0.1' });
process.on('SIGTERM', () => {
  server.close(() => {
    sqlite.close();
    process.exit(0);
  });
});
