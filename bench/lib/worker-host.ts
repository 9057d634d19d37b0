import { dirname, join } from 'node:path';
import { Miniflare } from 'miniflare';
import { COUNTED } from './worker-d1';

/**
 * Runs the built worker in workerd (Miniflare, as the worker tests do) on a local D1
 * persistence folder, listening on 127.0.0.1:PORT, with the scheduled handler reachable
 * at /cdn-cgi/handler/scheduled (what `wrangler dev --test-scheduled` enables). Started
 * by worker-server.ts in its own process group, so that workerd goes with it however the
 * bench ends. Prints one `ready {json}` line with the URL and D1's row counts.
 */
const need = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`worker-host: ${name} is not set`);
  return value;
};

const script = need('WORKER_SCRIPT');
const persist = need('WORKER_D1_PERSIST');
const mf = new Miniflare({
  scriptPath: script,
  modulesRoot: dirname(script),
  modules: true,
  modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
  compatibilityDate: need('WORKER_COMPATIBILITY_DATE'),
  compatibilityFlags: ['nodejs_compat'],
  host: '127.0.0.1',
  port: Number(need('PORT')),
  unsafeTriggerHandlers: true,
  // The id of wrangler.toml: the persisted file's name is derived from it.
  d1Databases: { DB: '00000000-0000-0000-0000-000000000000' },
  d1Persist: join(persist, 'v3', 'd1'),
  r2Buckets: { FILES: 'itaku-files' },
  r2Persist: join(persist, 'v3', 'r2'),
  bindings: JSON.parse(need('WORKER_BINDINGS')) as Record<string, string>,
});

let stopping = false;
async function stop(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  try {
    await mf.dispose();
  } finally {
    process.exit(code);
  }
}
process.once('SIGTERM', () => void stop(0));
process.once('SIGINT', () => void stop(130));

try {
  const url = await mf.ready;
  const d1 = await mf.getD1Database('DB');
  const counts: Record<string, number> = {};
  for (const table of COUNTED) {
    counts[table] = Number(await d1.prepare(`SELECT count(*) AS n FROM "${table}"`).first('n'));
  }
  process.stdout.write(`ready ${JSON.stringify({ url: url.origin, counts })}\n`);
} catch (err) {
  process.stderr.write(`worker-host: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  await stop(1);
}
