import { z } from 'zod';
import { isValidTimeZone } from '../domain/calendar';

/**
 * Environment → typed configuration, parsed once at each entry point (src/node.ts,
 * src/worker.ts) and passed down; no other module reads the environment.
 */

const logLevels = ['debug', 'info', 'warn', 'error', 'silent'] as const;
export type LogLevel = (typeof logLevels)[number];

// One field of a cron expression: numbers, names, and the usual operators.
const CRON_FIELD = /^[0-9A-Za-z*?,/#LW-]+$/;

/**
 * Secrets (the admin token, the audit key) must not be a repeated character or a short
 * pattern: at least this many different characters.
 */
const MIN_DISTINCT = 10;

/** Variables whose value is never echoed in an error message. */
const SECRET_VARIABLES = new Set(['ITAKU_ADMIN_TOKEN', 'ITAKU_AUDIT_KEY', 'ITAKU_OIDC_CLIENT_SECRET']);

/** A URL as it may be shown in a message: its password, if any, replaced. */
export function redactUrl(value: string): string {
  return value.replace(/^([a-z][a-z0-9+.-]*:\/\/[^/?#@:]*):[^/?#@]*@/i, '$1:***@');
}

const optionalString = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v.trim() === '' ? undefined : v.trim()));

/** A review interval in whole months, 1–60. */
const months = (fallback: number) =>
  optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number of months between 1 and 60')
      .transform(Number)
      .pipe(z.number().int().min(1, 'must be between 1 and 60').max(60, 'must be between 1 and 60'))
      .default(fallback),
  );

const schema = z.object({
  PORT: optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a port number between 1 and 65535')
      .transform(Number)
      .pipe(z.number().int().min(1, 'must be between 1 and 65535').max(65535, 'must be between 1 and 65535'))
      .default(3000),
  ),
  ITAKU_DB_PATH: optionalString.pipe(z.string().default('./data/itaku.db')),
  ITAKU_FILES_DIR: optionalString.pipe(z.string().optional()),
  ITAKU_MAX_UPLOAD_MB: optionalString.pipe(
    z
      .string()
      .regex(/^\d+$/, 'must be a whole number of megabytes between 1 and 200')
      .transform(Number)
      .pipe(z.number().int().min(1, 'must be between 1 and 200').max(200, 'must be between 1 and 200'))
      .default(20),
  ),
  ITAKU_ADMIN_TOKEN: optionalString.pipe(
    z
      .string()
      .min(32, 'must be at least 32 characters: it is the admin password')
      .max(512, 'must be at most 512 characters')
      .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
      .refine((v) => new Set(v).size >= MIN_DISTINCT, `must mix at least ${MIN_DISTINCT} different characters`)
      .optional(),
  ),
  ITAKU_AUDIT_KEY: optionalString.pipe(
    z
      .string()
      .min(32, 'must be at least 32 characters')
      .max(512, 'must be at most 512 characters')
      .refine((v) => new Set(v).size >= MIN_DISTINCT, `must mix at least ${MIN_DISTINCT} different characters`)
      .optional(),
  ),
  ITAKU_WEBHOOK_ALLOW_PRIVATE: optionalString.pipe(
    z
      .enum(['true', 'false'], 'must be true or false')
      .default('false')
      .transform((v) => v === 'true'),
  ),
  ITAKU_TIMEZONE: optionalString.pipe(
    z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Asia/Tokyo').default('Asia/Tokyo'),
  ),
  ITAKU_SWEEP_CRON: optionalString.pipe(
    z
      .string()
      .refine((v) => {
        if (v === 'off') return true;
        const fields = v.split(/\s+/);
        return (fields.length === 5 || fields.length === 6) && fields.every((f) => CRON_FIELD.test(f));
      }, 'must be a 5- or 6-field cron expression, or "off"')
      .default('0 9 * * *'),
  ),
  ITAKU_SMTP_URL: optionalString.pipe(
    z
      .string()
      .refine((v) => {
        try {
          return ['smtp:', 'smtps:'].includes(new URL(v).protocol);
        } catch {
          return false;
        }
      }, 'must be an smtp:// or smtps:// URL')
      .optional(),
  ),
  ITAKU_MAIL_FROM: optionalString.pipe(
    z
      .string()
      .regex(/^([^<>]*<[^\s@<>]+@[^\s@<>]+>|[^\s@<>]+@[^\s@<>]+)$/, 'must be an address such as itaku@example.com')
      .default('itaku <itaku@localhost>'),
  ),
  ITAKU_ORGANIZATION_NAME: optionalString.pipe(z.string().max(200, 'must be at most 200 characters').optional()),
  ITAKU_PUBLIC_URL: optionalString.pipe(
    z
      .string()
      .refine((v) => /^https?:\/\/[^\s]+$/.test(v), 'must be an http(s) URL')
      .optional(),
  ),
  ITAKU_OIDC_ISSUER: optionalString.pipe(
    z
      .string()
      .refine(
        (v) => /^https?:\/\/[^\s]+$/.test(v),
        'must be the issuer URL, e.g. https://login.microsoftonline.com/<tenant>/v2.0',
      )
      // Tokens and the client secret cross this connection: plain HTTP only to this machine.
      .refine(
        (v) => v.startsWith('https://') || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(v),
        'must be https:// (http only for a provider on this machine)',
      )
      .optional(),
  ),
  ITAKU_OIDC_CLIENT_ID: optionalString.pipe(z.string().max(512).optional()),
  ITAKU_OIDC_CLIENT_SECRET: optionalString.pipe(z.string().max(2048).optional()),
  ITAKU_OIDC_CREATE_ROLE: optionalString.pipe(
    z
      .enum(['procurement', 'compliance', 'manager', 'off'], 'must be procurement, compliance, manager or off')
      .default('off'),
  ),
  ITAKU_REVIEW_MONTHS_HIGH: months(6),
  ITAKU_REVIEW_MONTHS_MEDIUM: months(12),
  ITAKU_REVIEW_MONTHS_LOW: months(24),
  ITAKU_LOG_LEVEL: optionalString.pipe(
    z.enum(logLevels, 'must be one of debug, info, warn, error, silent').default('info'),
  ),
});

export interface Config {
  port: number;
  dbPath: string;
  /** Where uploaded documents are kept on Node; undefined: a `files` directory beside the database. */
  filesDir: string | undefined;
  /** The largest document upload accepted, in MiB. */
  maxUploadMb: number;
  adminToken: string | undefined;
  timeZone: string;
  sweepCron: string;
  smtpUrl: string | undefined;
  mailFrom: string;
  publicUrl: string | undefined;
  /** The organisation's name, as contractors see it on questionnaires and in their e-mails. */
  organizationName: string | undefined;
  logLevel: LogLevel;
  /** The secret the audit chain and stored secrets are keyed with (never stored in the database). */
  auditKey: string | undefined;
  /** Lets webhooks reach loopback and private networks (tests, or an intranet receiver). */
  webhookAllowPrivate: boolean;
  /** Supervision review interval per risk tier, in months. */
  reviewIntervals: { high: number; medium: number; low: number };
  /** Single sign-on with one OpenID Connect provider, or null when not configured. */
  oidc: OidcConfig | null;
}

export interface OidcConfig {
  issuer: string;
  clientId: string;
  /** Absent for a public client (PKCE only). */
  clientSecret: string | undefined;
  /** The role of a person signing in for the first time, or null: only existing users may. */
  createRole: 'procurement' | 'compliance' | 'manager' | null;
}

export class ConfigError extends Error {
  constructor(
    readonly variable: string,
    readonly reason: string,
  ) {
    super(`itaku: invalid configuration: ${variable} ${reason}`);
    this.name = 'ConfigError';
  }
}

/** Parses the environment; throws a ConfigError naming the first bad variable. */
export function parseConfig(env: Record<string, unknown>): Config {
  const strings: Record<string, string | undefined> = {};
  for (const key of Object.keys(schema.shape)) {
    const value = env[key];
    strings[key] = typeof value === 'string' ? value : undefined;
  }
  const result = schema.safeParse(strings);
  if (!result.success) {
    const issue = result.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    const got = strings[variable];
    const shown = SECRET_VARIABLES.has(variable) || got === undefined ? '' : ` (got ${JSON.stringify(redactUrl(got))})`;
    throw new ConfigError(variable, `${issue?.message ?? 'is invalid'}${shown}`);
  }
  const v = result.data;
  if (v.ITAKU_OIDC_ISSUER && !v.ITAKU_OIDC_CLIENT_ID) {
    throw new ConfigError('ITAKU_OIDC_CLIENT_ID', 'is required when ITAKU_OIDC_ISSUER is set');
  }
  return {
    port: v.PORT,
    dbPath: v.ITAKU_DB_PATH,
    filesDir: v.ITAKU_FILES_DIR,
    maxUploadMb: v.ITAKU_MAX_UPLOAD_MB,
    adminToken: v.ITAKU_ADMIN_TOKEN,
    timeZone: v.ITAKU_TIMEZONE,
    sweepCron: v.ITAKU_SWEEP_CRON,
    smtpUrl: v.ITAKU_SMTP_URL,
    mailFrom: v.ITAKU_MAIL_FROM,
    publicUrl: v.ITAKU_PUBLIC_URL,
    organizationName: v.ITAKU_ORGANIZATION_NAME,
    logLevel: v.ITAKU_LOG_LEVEL,
    auditKey: v.ITAKU_AUDIT_KEY,
    webhookAllowPrivate: v.ITAKU_WEBHOOK_ALLOW_PRIVATE,
    reviewIntervals: {
      high: v.ITAKU_REVIEW_MONTHS_HIGH,
      medium: v.ITAKU_REVIEW_MONTHS_MEDIUM,
      low: v.ITAKU_REVIEW_MONTHS_LOW,
    },
    oidc:
      v.ITAKU_OIDC_ISSUER && v.ITAKU_OIDC_CLIENT_ID
        ? {
            issuer: v.ITAKU_OIDC_ISSUER,
            clientId: v.ITAKU_OIDC_CLIENT_ID,
            clientSecret: v.ITAKU_OIDC_CLIENT_SECRET,
            createRole: v.ITAKU_OIDC_CREATE_ROLE === 'off' ? null : v.ITAKU_OIDC_CREATE_ROLE,
          }
        : null,
  };
}
