import { drizzle } from 'drizzle-orm/d1';
import swaggerCss from 'swagger-ui-dist/swagger-ui.css';
import swaggerBundle from 'swagger-ui-dist/swagger-ui-bundle.js';
import * as schema from '../db/schema';
import { createApp } from './app';
import type { AppDeps } from './app-env';
import { type Config, ConfigError, parseConfig } from './config';
import { runScheduled } from './jobs/registry';
import { bootstrapAdmin } from './modules/users/users.service';
import { systemClock } from './platform/clock';
import type { Db } from './platform/db';
import { createLogger } from './platform/logger';

/**
 * The scale-out runtime: Cloudflare Workers with D1. Migrations are applied beforehand
 * with `wrangler d1 migrations apply`; configuration comes from [vars] and secrets.
 */
export interface Env {
  DB: D1Database;
  [variable: string]: unknown;
}

const docsAssets = async () => ({ 'swagger-ui-bundle.js': swaggerBundle, 'swagger-ui.css': swaggerCss });

interface Instance {
  deps: AppDeps;
  app: ReturnType<typeof createApp>;
  ready: Promise<void>;
}

// One app per isolate and D1 binding; the admin bootstrap runs on its first request.
let instance: { db: D1Database; value: Instance } | undefined;

function getInstance(env: Env): Instance {
  if (instance?.db === env.DB) return instance.value;
  const config: Config = parseConfig(env);
  const logger = createLogger(config.logLevel);
  const deps: AppDeps = {
    db: drizzle(env.DB, { schema }) as unknown as Db,
    config,
    clock: systemClock(config.timeZone),
    logger,
    docsAssets,
  };
  const ready = bootstrapAdmin(deps, config.adminToken).then((boot) => {
    if (boot?.generated) {
      logger.warn('created the admin user; its API token is shown only this once', { token: boot.token });
    }
  });
  const value = { deps, app: createApp(deps), ready };
  instance = { db: env.DB, value };
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
      current = getInstance(env);
    } catch (err) {
      if (err instanceof ConfigError) return configErrorResponse(err);
      throw err;
    }
    try {
      await current.ready;
    } catch (err) {
      instance = undefined;
      throw err;
    }
    return current.app.fetch(request, env, ctx);
  },

  async scheduled(controller, env, ctx) {
    const current = getInstance(env);
    await current.ready;
    const results = await runScheduled({ ...current.deps, background: (work) => ctx.waitUntil(work) }, controller.cron);
    current.deps.logger.info('scheduled run', { cron: controller.cron, results });
  },
} satisfies ExportedHandler<Env>;
