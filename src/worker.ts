import { drizzle } from 'drizzle-orm/d1';
import swaggerCss from 'swagger-ui-dist/swagger-ui.css';
import swaggerBundle from 'swagger-ui-dist/swagger-ui-bundle.js';
import * as schema from '../db/schema';
import { createApp } from './app';
import { runScheduled } from './jobs/registry';
import { warnAboutHolidayData } from './modules/holidays/holidays.startup';
import { bootstrapAdmin } from './modules/users/users.service';
import { encryptLegacyWebhookSecrets } from './modules/webhooks/webhook-secrets';
import type { AppDeps } from './platform/app-env';
import { AuditKeyMismatch, checkAuditKey } from './platform/audit/key-check';
import { createAuditTrail } from './platform/audit/sealer';
import { ensureAuditTriggers } from './platform/audit/triggers';
import { systemClock } from './platform/clock';
import { type Config, ConfigError, parseConfig } from './platform/config';
import type { Db } from './platform/db';
import { r2FileStore } from './platform/files';
import { deriveKeys } from './platform/keys';
import { createLogger } from './platform/logger';

/**
 * The scale-out runtime: Cloudflare Workers with D1. Migrations are applied beforehand
 * with `wrangler d1 migrations apply`; configuration comes from [vars] and secrets.
 */
export interface Env {
  DB: D1Database;
  /** Uploaded documents (`[[r2_buckets]]` in wrangler.toml). */
  FILES: R2Bucket;
  [variable: string]: unknown;
}

const docsAssets = async () => ({ 'swagger-ui-bundle.js': swaggerBundle, 'swagger-ui.css': swaggerCss });

interface Instance {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
}

// One app per isolate and D1 binding, made on its first request: keys derived, admin
// bootstrapped, the audit triggers checked and pending events sealed.
let instance: { db: D1Database; value: Promise<Instance> } | undefined;

async function makeInstance(config: Config, d1: D1Database, bucket: R2Bucket): Promise<Instance> {
  const logger = createLogger(config.logLevel);
  const db = drizzle(d1, { schema }) as unknown as Db;
  const clock = systemClock(config.timeZone);
  // On Workers the audit key must be a secret (`wrangler secret put ITAKU_AUDIT_KEY`):
  // an isolate has no file to keep a generated one in, and D1 must not hold it.
  if (!config.auditKey) {
    throw new ConfigError('ITAKU_AUDIT_KEY', 'must be set as a secret: npx wrangler secret put ITAKU_AUDIT_KEY');
  }
  const audit = createAuditTrail({ db, keys: await deriveKeys(config.auditKey), clock, logger });
  try {
    await checkAuditKey({ db, clock, audit });
  } catch (err) {
    if (err instanceof AuditKeyMismatch)
      throw new ConfigError('ITAKU_AUDIT_KEY', 'is not the key this database was sealed with');
    throw err;
  }
  const files = r2FileStore(bucket);
  const deps: AppDeps = { db, config, clock, logger, audit, files, docsAssets };
  const boot = await bootstrapAdmin(deps, config.adminToken);
  if (boot?.generated) {
    logger.warn('created the admin user; its API token is shown only this once', { token: boot.token });
  }
  await ensureAuditTriggers({ ...deps, actor: { id: 'system' } });
  await encryptLegacyWebhookSecrets(deps);
  await audit.afterCommit();
  await warnAboutHolidayData(deps);
  return { deps, app: createApp(deps) };
}

function getInstance(env: Env): Promise<Instance> {
  if (instance?.db === env.DB) return instance.value;
  const value = makeInstance(parseConfig(env), env.DB, env.FILES);
  instance = { db: env.DB, value };
  // A failed start is tried again on the next request.
  value.catch(() => {
    if (instance?.value === value) instance = undefined;
  });
  return value;
}

function configErrorResponse(err: ConfigError): Response {
  console.error(err.message);
  return new Response(
    JSON.stringify({ type: '/problems/internal', title: 'Server misconfigured', status: 500, detail: err.message }),
    { status: 500, headers: { 'Content-Type': 'application/problem+json' } },
  );
}

export default {
  async fetch(request, env, ctx) {
    let current: Instance;
    try {
      current = await getInstance(env);
    } catch (err) {
      if (err instanceof ConfigError) return configErrorResponse(err);
      throw err;
    }
    return current.app.fetch(request, env, ctx);
  },

  async scheduled(controller, env, ctx) {
    const current = await getInstance(env);
    const results = await runScheduled({ ...current.deps, background: (work) => ctx.waitUntil(work) }, controller.cron);
    current.deps.logger.info('scheduled run', { cron: controller.cron, results });
  },
} satisfies ExportedHandler<Env>;
