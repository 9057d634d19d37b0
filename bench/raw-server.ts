import { serve } from '@hono/node-server';
import Database from 'better-sqlite3';
import { Hono } from 'hono';

/**
 * The baseline of benchmarks.md: the least an HTTP list page can cost on this stack.
 * Hono on @hono/node-server, one raw prepared statement, rows returned as stored, no
 * auth, no middleware, no validation. Run as its own process, like the real server.
 */
const path = process.env.ITAKU_DB_PATH;
if (!path) throw new Error('ITAKU_DB_PATH is required');
const sqlite = new Database(path, { fileMustExist: true });
sqlite.pragma('journal_mode = WAL');
const page = sqlite.prepare('SELECT * FROM contractors ORDER BY id LIMIT 50');

const app = new Hono();
app.get('/page', (c) => c.json(page.all()));

const server = serve({ fetch: app.fetch, port: Number(process.env.PORT ?? 3001), hostname: '127.0.0.1' });
process.on('SIGTERM', () => {
  server.close(() => {
    sqlite.close();
    process.exit(0);
  });
});
