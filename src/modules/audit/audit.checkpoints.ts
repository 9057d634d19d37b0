import { desc, eq, lt } from 'drizzle-orm';
import { auditCheckpoints } from '../../../db/schema';
import { sealedHead } from '../../platform/audit/sealer';
import { type AuditedWriteContext, writeAudited } from '../../platform/audit/writer';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import type { Db } from '../../platform/db';

export interface CheckpointView {
  seq: number;
  hash: string;
  at: string;
  trigger: string;
  /** `seq:hash`, as `verify?checkpoint=` and `npm run cli -- verify-audit --checkpoint` take it. */
  checkpoint: string;
}

const present = (row: typeof auditCheckpoints.$inferSelect): CheckpointView => ({
  ...row,
  checkpoint: `${row.seq}:${row.hash}`,
});

/**
 * Seals what is pending and records the sealed head as a checkpoint, to be published
 * (webhook `audit.checkpoint`, the e-mail digest) and kept outside the database. The
 * checkpoint's own audit event comes after it. Null while nothing is sealed yet.
 */
export async function createCheckpoint(ctx: AuditedWriteContext, trigger: string): Promise<CheckpointView | null> {
  await ctx.audit.seal();
  const head = await sealedHead(ctx.db);
  if (head.seq === 0) return null;
  const at = ctx.clock.now().toISOString();
  const existing = await ctx.db.select().from(auditCheckpoints).where(eq(auditCheckpoints.seq, head.seq)).get();
  if (existing) return present(existing);
  const row = { seq: head.seq, hash: head.hash, at, trigger };
  await writeAudited(
    ctx,
    [ctx.db.insert(auditCheckpoints).values(row).onConflictDoNothing()],
    [{ action: 'audit.checkpoint', entityType: 'audit', entityId: String(head.seq), after: row }],
  );
  return present(row);
}

/** Newest first; the cursor is the last `seq` seen. */
export async function listCheckpoints(db: Db, q: { limit: number; cursor?: string }) {
  const [afterSeq] = decodeCursor<[number]>(q.cursor, ['number']) ?? [];
  const rows = await db
    .select()
    .from(auditCheckpoints)
    .where(afterSeq === undefined ? undefined : lt(auditCheckpoints.seq, afterSeq))
    .orderBy(desc(auditCheckpoints.seq))
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(present),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.seq]) : null,
  };
}
