import type { AlertRow } from '../../../db/schema';
import type { RequestContext, ServiceContext } from '../../platform/app-env';
import { commitVersioned } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import { keysetPage } from '../../platform/keyset';
import { notFound, ProblemError } from '../../platform/problem';
import { type AlertFilter, alertsPage, findAlert, updateAlertVersioned } from './alerts.repo';

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

async function getAlertRow(ctx: ServiceContext, id: string): Promise<AlertRow> {
  const row = await findAlert(ctx.db, id);
  if (!row) throw notFound('Alert', id);
  return row;
}

export async function getAlert(ctx: ServiceContext, id: string): Promise<AlertView> {
  return presentAlert(await getAlertRow(ctx, id));
}

/**
 * Newest first. Needs only the database, so that the web pages, which still pass their
 * dependencies rather than a request context, keep calling it as they do.
 */
export async function listAlerts(ctx: Pick<ServiceContext, 'db'>, q: AlertFilter & { limit: number; cursor?: string }) {
  const before = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const rows = await alertsPage(ctx.db, { ...q, before, limit: q.limit + 1 });
  return keysetPage(rows, q.limit, (r) => [r.raisedAt, r.id], presentAlert);
}

async function change(ctx: RequestContext, current: AlertRow, next: AlertRow, action: string): Promise<AlertView> {
  const after = presentAlert(next);
  await commitVersioned(ctx, updateAlertVersioned(ctx.db, current, next), [
    { action, entityType: 'alert', entityId: current.id, before: presentAlert(current), after },
  ]);
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
  const current = await getAlertRow(ctx, id);
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
  const current = await getAlertRow(ctx, id);
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
