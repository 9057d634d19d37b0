import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type Database from 'better-sqlite3';
import { inject } from 'vitest';
import './worker-build';
import { drizzle as drizzleD1 } from 'drizzle-orm/d1';
import * as schema from '../../db/schema';
import { createApp } from '../../src/app';
import { bootstrapAdmin } from '../../src/modules/users/users.service';
import { type Clock, FixedClock, systemClock } from '../../src/platform/clock';
import { parseConfig } from '../../src/platform/config';
import { randomToken } from '../../src/platform/crypto';
import type { Db } from '../../src/platform/db';
import { createLogger } from '../../src/platform/logger';
import type { Mailer } from '../../src/platform/mailer';
import { nodeAuditTrail } from '../../src/platform/node-audit-key';
import { filesDirOf, nodeFileStore } from '../../src/platform/node-files';
import { nodeResolveHost } from '../../src/platform/node-resolve-host';
import { openSqlite } from '../../src/platform/node-sqlite';

/**
 * A `fetch`-like target over a fresh, migrated database. The same HTTP test files run
 * against the Node app (better-sqlite3 file) and the built worker (workerd + D1),
 * selected by ITAKU_TEST_TARGET.
 */
export interface Target {
  kind: 'node' | 'worker';
  adminToken: string;
  /** ITAKU_AUDIT_KEY of this target: what someone holding only the database lacks. */
  auditKey: string;
  fetch(path: string, init?: RequestInit): Promise<Response>;
  /** Raw SQL against the target's database: for checks and tampering only. */
  exec(sql: string): Promise<void>;
  query<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The same drizzle handle the app uses (D1 reached through Miniflare's proxy). */
  db: Db;
  /** Node only: the SQLite file, for other processes. */
  dbPath?: string;
  /** The SHA-256 of every stored document content (Node: the directory; worker: R2). */
  storedFiles(): Promise<string[]>;
  close(): Promise<void>;
}

export interface TargetOptions {
  /** Node only: a fixed clock. The worker uses real time. */
  clock?: Clock;
  /** Node only: an SMTP transport for e-mail digests. */
  mailer?: Mailer;
  /** Node only: where background work (deliveries after a sweep) goes. */
  background?: (work: Promise<unknown>) => void;
  /** Node only: every SQL statement the app's connection runs, values filled in. */
  trace?: (sql: string) => void;
  env?: Record<string, string>;
}

export const targetKind = (): 'node' | 'worker' => (process.env.ITAKU_TEST_TARGET === 'worker' ? 'worker' : 'node');

export function createTarget(options: TargetOptions = {}): Promise<Target> {
  return targetKind() === 'worker' ? workerTarget(options) : nodeTarget(options);
}

const BASE = 'http://itaku.test';

async function nodeTarget(options: TargetOptions): Promise<Target> {
  const dir = mkdtempSync(join(tmpdir(), 'itaku-test-'));
  const adminToken = randomToken();
  const auditKey = randomToken('itka');
  const config = parseConfig({
    ITAKU_DB_PATH: join(dir, 'itaku.db'),
    ITAKU_AUDIT_KEY: auditKey,
    ITAKU_LOG_LEVEL: 'silent',
    // Test receivers listen on 127.0.0.1.
    ITAKU_WEBHOOK_ALLOW_PRIVATE: 'true',
    ...options.env,
  });
  const { db, sqlite } = openSqlite(config.dbPath, { trace: options.trace });
  const clock = options.clock ?? systemClock(config.timeZone);
  const logger = createLogger('silent');
  const audit = await nodeAuditTrail(db, config, clock, logger);
  const files = await nodeFileStore(filesDirOf(config));
  const deps = {
    db,
    config,
    clock,
    logger,
    audit,
    files,
    mailer: options.mailer,
    background: options.background,
    resolveHost: nodeResolveHost,
    docsAssets: async () => ({ 'swagger-ui-bundle.js': '/* swagger */', 'swagger-ui.css': '/* css */' }),
  };
  await bootstrapAdmin(deps, adminToken);
  const app = createApp(deps);
  const raw: Database.Database = sqlite;
  return {
    kind: 'node',
    adminToken,
    auditKey,
    db,
    dbPath: config.dbPath,
    fetch: async (path, init) => app.request(new Request(BASE + path, init)),
    exec: async (sql) => {
      raw.exec(sql);
    },
    query: async <T>(sql: string, ...params: unknown[]) => raw.prepare(sql).all(...params) as T[],
    storedFiles: () => files.list(),
    close: async () => {
      sqlite.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function workerTarget(options: TargetOptions): Promise<Target> {
  // The built worker has no way in for these: a test that needs one must not silently run without it.
  const nodeOnly = (['clock', 'mailer', 'background', 'trace'] as const).filter((k) => options[k] !== undefined);
  if (nodeOnly.length > 0) {
    throw new Error(
      `createTarget(): ${nodeOnly.join(', ')} work on the Node target only; run this test in a Node project`,
    );
  }
  const { Miniflare } = await import('miniflare');
  const template = inject('d1Template');
  if (!template) throw new Error('the worker project needs its global setup (tests/support/worker-build.ts)');
  const persist = mkdtempSync(join(tmpdir(), 'itaku-d1-'));
  cpSync(template, persist, { recursive: true });
  const adminToken = randomToken();
  const auditKey = randomToken('itka');
  const mf = new Miniflare({
    scriptPath: inject('workerScript'),
    modulesRoot: dirname(inject('workerScript')),
    modules: true,
    modulesRules: [{ type: 'Text', include: ['**/*-swagger-ui-bundle.js', '**/*-swagger-ui.css'] }],
    compatibilityDate: compatibilityDate(),
    compatibilityFlags: ['nodejs_compat'],
    d1Databases: { DB: '00000000-0000-0000-0000-000000000000' },
    d1Persist: join(persist, 'v3', 'd1'),
    r2Buckets: { FILES: 'itaku-files' },
    r2Persist: join(persist, 'v3', 'r2'),
    bindings: {
      ITAKU_ADMIN_TOKEN: adminToken,
      ITAKU_AUDIT_KEY: auditKey,
      ITAKU_LOG_LEVEL: 'silent',
      ITAKU_WEBHOOK_ALLOW_PRIVATE: 'true',
      ...options.env,
    },
  });
  const d1 = await mf.getD1Database('DB');
  const bucket = await mf.getR2Bucket('FILES');
  return {
    kind: 'worker',
    adminToken,
    auditKey,
    db: drizzleD1(d1 as never, { schema }) as unknown as Db,
    fetch: async (path, init) => {
      const res = await mf.dispatchFetch(BASE + path, init as never);
      // Re-wrap so tests see a standard Response.
      return new Response(res.status === 204 || res.status === 304 ? null : await res.arrayBuffer(), {
        status: res.status,
        headers: Object.fromEntries(res.headers as unknown as Iterable<[string, string]>),
      });
    },
    exec: async (sql) => {
      await d1.exec(sql.replace(/\s*\n\s*/g, ' '));
    },
    query: async <T>(sql: string, ...params: unknown[]) =>
      ((
        await d1
          .prepare(sql)
          .bind(...params)
          .all()
      ).results ?? []) as T[],
    storedFiles: async () => (await bucket.list()).objects.map((o) => o.key),
    close: async () => {
      await mf.dispose();
      rmSync(persist, { recursive: true, force: true });
    },
  };
}

export { FixedClock };

/** The worker's compatibility date, as wrangler.toml declares it for deployment. */
export function compatibilityDate(): string {
  const date = /^compatibility_date = "(\d{4}-\d{2}-\d{2})"/m.exec(readFileSync('wrangler.toml', 'utf8'))?.[1];
  if (!date) throw new Error('wrangler.toml declares no compatibility_date');
  return date;
}

/** Lists the migration files in the order both runtimes apply them. */
export const migrationFiles = () =>
  readdirSync('db/migrations')
    .filter((f) => f.endsWith('.sql'))
    .sort();
