import { auditEvents } from '../../../db/schema';
import type { Actor } from '../app-env';
import { atomic, type Db, type Statement, type StatementResult } from '../db';
import type { AuditTrail } from './trail';

export interface AuditInput {
  action: string;
  entityType: string;
  entityId: string;
  before?: unknown;
  after?: unknown;
}

export interface AuditedWriteContext {
  db: Db;
  clock: { now(): Date };
  actor: Pick<Actor, 'id'> | { id: 'system' };
  requestId?: string;
  audit: AuditTrail;
}

/** D1 binds at most 100 parameters per statement: 10 rows × 8 columns stay below it. */
const AUDIT_ROWS_PER_INSERT = 10;

const toJson = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/**
 * The one way to write: the given statements and their audit events commit together or
 * not at all, on both drivers. The events take the next `seq` the database assigns (the
 * database serialises writers, so no two units contend for a position and nothing is
 * retried); they are chained into the keyed seal right after the commit, by one sealer
 * at a time (`AuditTrail.afterCommit`).
 */
export async function writeAudited(
  ctx: AuditedWriteContext,
  statements: readonly Statement[],
  events: readonly AuditInput[],
): Promise<StatementResult[]> {
  const at = ctx.clock.now().toISOString();
  const rows = events.map((e) => ({
    at,
    actor: ctx.actor.id,
    action: e.action,
    entityType: e.entityType,
    entityId: e.entityId,
    before: toJson(e.before),
    after: toJson(e.after),
    requestId: ctx.requestId ?? null,
  }));
  const all: Statement[] = [...statements];
  for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_INSERT) {
    all.push(ctx.db.insert(auditEvents).values(rows.slice(i, i + AUDIT_ROWS_PER_INSERT)));
  }
  const results = (await atomic(ctx.db, all)).slice(0, statements.length);
  if (rows.length > 0) await ctx.audit.afterCommit();
  return results;
}
