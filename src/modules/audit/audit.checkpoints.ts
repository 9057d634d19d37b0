import type { ServiceContext } from '../../platform/app-env';
import { sealedHead } from '../../platform/audit/sealer';
import { writeAudited } from '../../platform/audit/writer';
import { decodeCursor } from '../../platform/cursor';
import { expectOneChange, isStaleWrite } from '../../platform/db';
import { keysetPage } from '../../platform/keyset';
import { type CheckpointRow, checkpointsPage, countCheckpoints, findCheckpoint, insertCheckpoint } from './audit.repo';

export interface CheckpointView {
  seq: number;
  hash: string;
  at: string;
  trigger: string;
  /** `seq:hash`, as `verify?checkpoint=` and `npm run cli -- verify-audit --checkpoint` take it. */
  checkpoint: string;
}

const present = (row: CheckpointRow): CheckpointView => ({
  ...row,
  checkpoint: `${row.seq}:${row.hash}`,
});

/**
 * Seals what is pending and records the sealed head as a checkpoint, to be published
 * (webhook `audit.checkpoint`, the e-mail digest) and kept outside the database. The
 * checkpoint's own audit event comes after it. Null while nothing is sealed yet.
 */
export async function createCheckpoint(ctx: ServiceContext, trigger: string): Promise<CheckpointView | null> {
  await ctx.audit.seal();
  const head = await sealedHead(ctx.db);
  if (head.seq === 0) return null;
  const at = ctx.clock.now().toISOString();
  const existing = await findCheckpoint(ctx.db, head.seq);
  if (existing) return present(existing);
  const row = { seq: head.seq, hash: head.hash, at, trigger };
  try {
    // The guard aborts the unit when another request recorded this checkpoint meanwhile,
    // so one checkpoint has one audit event however many ask for it at once.
    await writeAudited(
      ctx,
      [insertCheckpoint(ctx.db, row), expectOneChange(ctx.db)],
      [{ action: 'audit.checkpoint', entityType: 'audit', entityId: String(head.seq), after: row }],
    );
  } catch (err) {
    const recorded = isStaleWrite(err) ? await findCheckpoint(ctx.db, head.seq) : null;
    if (recorded) return present(recorded);
    throw err;
  }
  return present(row);
}

/** The checkpoint recorded at this position, or null. */
export async function getCheckpoint(ctx: Pick<ServiceContext, 'db'>, seq: number): Promise<CheckpointView | null> {
  const row = await findCheckpoint(ctx.db, seq);
  return row ? present(row) : null;
}

/** Newest first; the cursor is the last `seq` seen. */
export async function listCheckpoints(ctx: ServiceContext, q: { limit: number; cursor?: string }) {
  const [beforeSeq] = decodeCursor<[number]>(q.cursor, ['number']) ?? [];
  const rows = await checkpointsPage(ctx.db, { beforeSeq, limit: q.limit + 1 });
  return keysetPage(rows, q.limit, (r) => [r.seq], present);
}

/** How many checkpoints were recorded, for the total under a page of them. */
export const checkpointCount = (ctx: Pick<ServiceContext, 'db'>): Promise<number> => countCheckpoints(ctx.db);
