import { desc } from 'drizzle-orm';
import { auditEvents } from '../../../db/schema';
import type { Actor } from '../../app-env';
import { atomic, type Db, isUniqueViolation, type Statement, type StatementResult } from '../../platform/db';
import { type ChainFields, eventHash, GENESIS_HASH } from './audit.chain';

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
}

const MAX_ATTEMPTS = 8;
const AUDIT_ROWS_PER_INSERT = 8;

const toJson = (value: unknown): string | null =>
  value === undefined || value === null ? null : JSON.stringify(value);

/**
 * The one way to write: the given statements and their audit events commit together or
 * not at all, on both drivers. The chain head is read first and the events are appended
 * as `head + 1 …`; if another writer took that `seq` meanwhile, the unique key rejects the
 * whole unit and it is retried on the new head, so the chain never forks.
 */
export async function writeAudited(
  ctx: AuditedWriteContext,
  statements: readonly Statement[],
  events: readonly AuditInput[],
): Promise<StatementResult[]> {
  for (let attempt = 1; ; attempt++) {
    const head = await ctx.db
      .select({ seq: auditEvents.seq, hash: auditEvents.hash })
      .from(auditEvents)
      .orderBy(desc(auditEvents.seq))
      .limit(1)
      .get();
    const at = ctx.clock.now().toISOString();
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const rows: (ChainFields & { hash: string })[] = [];
    for (const e of events) {
      seq += 1;
      const fields: ChainFields = {
        seq,
        at,
        actor: ctx.actor.id,
        action: e.action,
        entityType: e.entityType,
        entityId: e.entityId,
        before: toJson(e.before),
        after: toJson(e.after),
        requestId: ctx.requestId ?? null,
        prevHash,
      };
      prevHash = await eventHash(fields);
      rows.push({ ...fields, hash: prevHash });
    }
    const all: Statement[] = [...statements];
    // D1 binds at most 100 parameters per statement: 8 rows × 11 columns stay below it.
    for (let i = 0; i < rows.length; i += AUDIT_ROWS_PER_INSERT) {
      all.push(ctx.db.insert(auditEvents).values(rows.slice(i, i + AUDIT_ROWS_PER_INSERT)));
    }
    try {
      return (await atomic(ctx.db, all)).slice(0, statements.length);
    } catch (err) {
      if (attempt < MAX_ATTEMPTS && isUniqueViolation(err, 'audit_events.seq')) {
        await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
        continue;
      }
      throw err;
    }
  }
}
