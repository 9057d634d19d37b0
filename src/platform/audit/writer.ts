import { sql } from 'drizzle-orm';
import type { Actor } from '../app-env';
import { atomic, type Db, jsonRowsWriter, type Statement, type StatementResult } from '../db';
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

/** The events of a unit, in order: they take the next positions (`seq`) in that order. */
const insertEvents = jsonRowsWriter(
  (rows) => sql`INSERT INTO audit_events (at, actor, action, entity_type, entity_id, before, after, request_id)
    SELECT e.value ->> '$[0]', e.value ->> '$[1]', e.value ->> '$[2]', e.value ->> '$[3]', e.value ->> '$[4]',
      e.value ->> '$[5]', e.value ->> '$[6]', e.value ->> '$[7]'
    FROM json_each(${rows}) AS e ORDER BY e.key`,
);

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
  const rows = events.map((e) => [
    at,
    ctx.actor.id,
    e.action,
    e.entityType,
    e.entityId,
    toJson(e.before),
    toJson(e.after),
    ctx.requestId ?? null,
  ]);
  const all: Statement[] = [...statements, ...insertEvents(ctx.db, rows)];
  const results = (await atomic(ctx.db, all)).slice(0, statements.length);
  if (rows.length > 0) await ctx.audit.afterCommit();
  return results;
}
