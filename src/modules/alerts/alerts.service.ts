import { and, desc, eq, type SQL, sql } from 'drizzle-orm';
import { type AlertRow, alerts } from '../../../db/schema';
import type { AppDeps, RequestContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { staleWrite } from '../../platform/concurrency';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { expectOneChange, isStaleWrite } from '../../platform/db';
import { notFound, ProblemError } from '../../platform/problem';

type Deps = Pick<AppDeps, 'db'>;

export const presentAlert = (r: AlertRow) => ({
  id: r.id,
  kind: r.kind,
  severity: r.severity,
  contractorId: r.contractorId,
  subjectType: r.subjectType,
  subjectId: r.subjectId,
  dueDate: r.dueDate,
  message: r.message,
  status: r.status,
  raisedAt: r.raisedAt,
  acknowledgedAt: r.acknowledgedAt,
  acknowledgedBy: r.acknowledgedBy,
  resolvedAt: r.resolvedAt,
  resolvedBy: r.resolvedBy,
  resolutionNote: r.resolutionNote,
  escalatedAt: r.escalatedAt,
  version: r.version,
});
export type AlertView = ReturnType<typeof presentAlert>;

async function findAlert(deps: Deps, id: string): Promise<AlertRow> {
  const row = await deps.db.select().from(alerts).where(eq(alerts.id, id)).get();
  if (!row) throw notFound('Alert', id);
  return row;
}

export async function getAlert(deps: Deps, id: string): Promise<AlertView> {
  return presentAlert(await findAlert(deps, id));
}

/** Newest first. */
export async function listAlerts(
  deps: Deps,
  q: {
    status?: AlertRow['status'];
    kind?: AlertRow['kind'];
    contractorId?: string;
    severity?: AlertRow['severity'];
    limit: number;
    cursor?: string;
  },
) {
  const after = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const where: SQL[] = [];
  if (q.status) where.push(eq(alerts.status, q.status));
  if (q.kind) where.push(eq(alerts.kind, q.kind));
  if (q.contractorId) where.push(eq(alerts.contractorId, q.contractorId));
  if (q.severity) where.push(eq(alerts.severity, q.severity));
  if (after) where.push(sql`(${alerts.raisedAt}, ${alerts.id}) < (${after[0]}, ${after[1]})`);
  const rows = await deps.db
    .select()
    .from(alerts)
    .where(and(...where))
    .orderBy(desc(alerts.raisedAt), desc(alerts.id))
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map(presentAlert),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.raisedAt, last.id]) : null,
  };
}

async function change(ctx: RequestContext, current: AlertRow, next: AlertRow, action: string): Promise<AlertView> {
  const { id: _id, ...changes } = next;
  const after = presentAlert(next);
  try {
    await writeAudited(
      ctx,
      [
        ctx.db
          .update(alerts)
          .set(changes)
          .where(sql`${alerts.id} = ${current.id} AND ${alerts.version} = ${current.version}`),
        expectOneChange(ctx.db),
      ],
      [{ action, entityType: 'alert', entityId: current.id, before: presentAlert(current), after }],
    );
  } catch (err) {
    if (isStaleWrite(err)) throw staleWrite();
    throw err;
  }
  return after;
}

const alreadyResolved = () =>
  new ProblemError(
    409,
    'alert-resolved',
    'This alert is already resolved; the sweep raises a new one if the condition returns.',
  );

/** Someone is on it: acknowledged alerts no longer escalate. Acknowledging twice is harmless. */
export async function acknowledgeAlert(ctx: RequestContext, id: string): Promise<AlertView> {
  const current = await findAlert(ctx, id);
  if (current.status === 'resolved') throw alreadyResolved();
  if (current.status === 'acknowledged') return presentAlert(current);
  return change(
    ctx,
    current,
    {
      ...current,
      status: 'acknowledged',
      acknowledgedAt: ctx.clock.now().toISOString(),
      acknowledgedBy: ctx.actor.id,
      version: current.version + 1,
    },
    'alert.acknowledge',
  );
}

/**
 * Resolves by hand, with a note. If the condition still holds, the next sweep raises a
 * fresh alert: resolving records a decision, it does not silence the rule.
 */
export async function resolveAlert(ctx: RequestContext, id: string, note: string | null | undefined) {
  const current = await findAlert(ctx, id);
  if (current.status === 'resolved') throw alreadyResolved();
  return change(
    ctx,
    current,
    {
      ...current,
      status: 'resolved',
      resolvedAt: ctx.clock.now().toISOString(),
      resolvedBy: ctx.actor.id,
      resolutionNote: note ?? null,
      version: current.version + 1,
    },
    'alert.resolve',
  );
}
