// Before anything else: refuses a Node.js too old for the SQLite driver.
import './require-node';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { serve } from '@hono/node-server';
import cron from 'node-cron';
import { createApp } from './app';
import { jobs } from './jobs/registry';
import { warnAboutHolidayData } from './modules/holidays/holidays.startup';
import { bootstrapAdmin } from './modules/users/users.service';
import { encryptLegacyWebhookSecrets } from './modules/webhooks/webhook-secrets';
import { smtpMailer } from './notify/smtp-mailer';
import type { DocsAssets } from './platform/app-env';
import { ensureAuditTriggers } from './platform/audit/triggers';
import { systemClock } from './platform/clock';
import { ConfigError, parseConfig } from './platform/config';
import type { FileStore } from './platform/files';
import { createLogger } from './platform/logger';
import { nodeAuditTrail } from './platform/node-audit-key';
import { nodeCheckpointer } from './platform/node-checkpointer';
import { nodeExportReader } from './platform/node-export-pool';
import { filesDirOf, nodeFileStore } from './platform/node-files';
import { nodeResolveHost } from './platform/node-resolve-host';
import { openSqlite } from './platform/node-sqlite';

declare global {
  interface ImportMeta {
    /** Set by the build (scripts/build.mjs): the export thread's built entry, as seen from here. */
    itakuExportThread?: string;
    /** Set by the build: the checkpoint thread's entry as seen from the bundled module. */
    itakuCheckpointThread?: string;
  }
}

/** The embedded runtime: one process, an SQLite file, node-cron. */

function fail(message: string): never {
  process.stderr.write(`${message}\n`);
  process.exit(1);
}

let config: ReturnType<typeof parseConfig>;
try {
  config = parseConfig(process.env);
} catch (err) {
  if (err instanceof ConfigError) fail(err.message);
  throw err;
}
if (config.sweepCron !== 'off' && !cron.validate(config.sweepCron)) {
  fail(
    `itaku: invalid configuration: ITAKU_SWEEP_CRON is not a valid cron expression (got ${JSON.stringify(config.sweepCron)})`,
  );
}
const host = process.env.ITAKU_HOST?.trim() || '0.0.0.0';

const logger = createLogger(config.logLevel);
const clock = systemClock(config.timeZone);
let opened: ReturnType<typeof openSqlite>;
try {
  opened = openSqlite(config.dbPath);
} catch (err) {
  fail(`itaku: cannot open the database at ITAKU_DB_PATH=${config.dbPath}: ${(err as Error).message}`);
}
const { db, sqlite } = opened;
let files: FileStore;
try {
  files = await nodeFileStore(filesDirOf(config));
} catch (err) {
  fail(`itaku: cannot use the document directory ${filesDirOf(config)} (ITAKU_FILES_DIR): ${(err as Error).message}`);
}

const require = createRequire(import.meta.url);
let docsAssets: Promise<DocsAssets> | undefined;
const loadDocsAssets = () => {
  docsAssets ??= Promise.all([
    readFile(require.resolve('swagger-ui-dist/swagger-ui-bundle.js'), 'utf8'),
    readFile(require.resolve('swagger-ui-dist/swagger-ui.css'), 'utf8'),
  ]).then(([js, css]) => ({
    'swagger-ui-bundle.js': js,
    'swagger-ui.css': css,
  }));
  return docsAssets;
};

const running = new Set<Promise<unknown>>();
const track = (work: Promise<unknown>) => {
  const tracked = work.catch((err) => logger.error('background work failed', { error: String(err) }));
  running.add(tracked);
  void tracked.finally(() => running.delete(tracked));
};
const mailer = config.smtpUrl ? smtpMailer(config.smtpUrl, config.mailFrom) : undefined;
let audit: Awaited<ReturnType<typeof nodeAuditTrail>>;
try {
  // Sealing runs right after each commit, in this process, without holding up the response.
  audit = await nodeAuditTrail(db, config, clock, logger, track);
} catch (err) {
  fail(`itaku: cannot use the audit key: ${(err as Error).message}`);
}
// CSV exports read in worker threads on their own connections, so a long one never holds
// the event loop (better-sqlite3 is synchronous); an in-memory database has no file to share.
const exportReader =
  config.dbPath === ':memory:'
    ? undefined
    : nodeExportReader({
        dbPath: config.dbPath,
        entry: new URL(import.meta.itakuExportThread ?? './node-export-worker.ts', import.meta.url),
        logger,
      });
// WAL checkpoints in a thread of their own, so that no commit copies pages into the file
// while the event loop waits (src/platform/node-checkpointer.ts).
const checkpointer =
  config.dbPath === ':memory:'
    ? undefined
    : nodeCheckpointer({
        sqlite,
        dbPath: config.dbPath,
        entry: new URL(import.meta.itakuCheckpointThread ?? './node-checkpoint-worker.ts', import.meta.url),
        logger,
      });
const deps = {
  db,
  config,
  clock,
  logger,
  audit,
  files,
  docsAssets: loadDocsAssets,
  mailer,
  background: track,
  resolveHost: nodeResolveHost,
  exportReader,
};
const boot = await bootstrapAdmin(deps, config.adminToken);
// Someone with the database file may have dropped the append-only triggers: put them
// back (and say so in the trail), then seal whatever is pending (e.g. after an upgrade).
await ensureAuditTriggers({ ...deps, actor: { id: 'system' } });
await encryptLegacyWebhookSecrets(deps);
await audit.seal();
await warnAboutHolidayData(deps);
if (boot?.generated) {
  // Printed once, on the first start only; itaku keeps only its hash.
  process.stdout.write(
    `\nitaku: created the admin user. Its API token is shown only this once; keep it safe:\n\n  ${boot.token}\n\n`,
  );
} else if (boot) {
  logger.info('created the admin user with the token from ITAKU_ADMIN_TOKEN');
}

const app = createApp(deps);

// The schedules: the sweep at ITAKU_SWEEP_CRON in the organisation's zone, deliveries on
// their own timer. A job never overlaps itself; shutdown waits for a running one.
const busy = new Set<string>();
const runJob = (job: (typeof jobs)[number]) => {
  if (busy.has(job.name)) return;
  busy.add(job.name);
  track(job.run(deps).finally(() => busy.delete(job.name)));
};
const tasks = jobs.flatMap((job) => {
  if ('everyMs' in job.node) {
    const timer = setInterval(() => runJob(job), job.node.everyMs);
    timer.unref();
    return [{ stop: () => clearInterval(timer) }];
  }
  if (config.sweepCron === 'off') return [];
  return [cron.schedule(config.sweepCron, () => runJob(job), { name: job.name, timezone: config.timeZone })];
});

const server = serve({ fetch: app.fetch, port: config.port, hostname: host }, (info) => {
  logger.info('listening', {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${info.port}`,
    db: config.dbPath,
  });
});

let stopping = false;
async function shutdown(signal: string): Promise<void> {
  if (stopping) return;
  stopping = true;
  logger.info('shutting down', { signal });
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  for (const task of tasks) task.stop();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await Promise.allSettled([...running]);
  await exportReader?.close();
  await checkpointer?.close();
  mailer?.close();
  sqlite.close();
  logger.info('stopped');
  process.exit(0);
}
process.on('SIGTERM', () => void shutdown('SIGTERM'));
process.on('SIGINT', () => void shutdown('SIGINT'));
