import { sql } from 'drizzle-orm';
import type { Db } from '../db';
import type { Logger } from '../logger';
import { type AuditedWriteContext, writeAudited } from './writer';

/**
 * The triggers that make the audit tables append-only (migrations 0001 and 0008).
 * Someone holding the database file can drop them; at start-up they are checked,
 * recreated if missing, and the restoration is itself recorded.
 */
const APPEND_ONLY_TABLES = ['audit_events', 'audit_seals', 'audit_checkpoints'] as const;

const triggersOf = (table: string) => [
  {
    name: `${table}_no_update`,
    sql: `CREATE TRIGGER IF NOT EXISTS \`${table}_no_update\` BEFORE UPDATE ON \`${table}\` BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
  },
  {
    name: `${table}_no_delete`,
    sql: `CREATE TRIGGER IF NOT EXISTS \`${table}_no_delete\` BEFORE DELETE ON \`${table}\` BEGIN SELECT RAISE(ABORT, '${table} is append-only'); END`,
  },
];

export const AUDIT_TRIGGERS = APPEND_ONLY_TABLES.flatMap(triggersOf);

/** The append-only triggers that are missing from the database. */
export async function missingAuditTriggers(db: Db): Promise<string[]> {
  const present = await db.all<{ name: string }>(sql`SELECT name FROM sqlite_master WHERE type = 'trigger'`);
  const names = new Set(present.map((r) => r.name));
  return AUDIT_TRIGGERS.filter((t) => !names.has(t.name)).map((t) => t.name);
}

/** Recreates missing triggers, logs an error and records an audit event naming them. */
export async function ensureAuditTriggers(ctx: AuditedWriteContext & { logger: Logger }): Promise<string[]> {
  const missing = await missingAuditTriggers(ctx.db);
  if (missing.length === 0) return [];
  ctx.logger.error('the audit trail lost its append-only triggers; recreating them', { triggers: missing });
  for (const t of AUDIT_TRIGGERS.filter((x) => missing.includes(x.name))) {
    await ctx.db.run(sql.raw(t.sql));
  }
  await writeAudited(
    ctx,
    [],
    [{ action: 'audit.triggers_restored', entityType: 'audit', entityId: 'triggers', after: { triggers: missing } }],
  );
  return missing;
}
