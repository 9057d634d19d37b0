import type { AlertRow } from '../../../db/schema';
import { sweepParams } from '../../jobs/sweep.conditions';
import type { RequestContext, ServiceContext } from '../../platform/app-env';
import { commitVersioned } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import { keysetPage } from '../../platform/keyset';
import { notFound, ProblemError } from '../../platform/problem';
import {
  type AlertAfter,
  type AlertFilter,
  type AlertSort,
  alertCount,
  alertSortKey,
  alertsPage,
  contractorsWithAlerts,
  findAlert,
  subjectsStillMatching,
  updateAlertVersioned,
} from './alerts.repo';

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
 * A page of alerts in the chosen order (newest first by default). Needs only the database,
 * so that the web pages, which still pass their dependencies rather than a request
 * context, keep calling it as they do.
 */
export async function listAlerts(
  ctx: Pick<ServiceContext, 'db'>,
  q: AlertFilter & { sort?: AlertSort; limit: number; cursor?: string },
) {
  const sort = q.sort ?? 'raised';
  const after = decodeAfter(sort, q.cursor);
  const rows = await alertsPage(ctx.db, { ...q, sort, after, limit: q.limit + 1 });
  return keysetPage(rows, q.limit, (r) => alertSortKey(sort, r), presentAlert);
}

function decodeAfter(sort: AlertSort, cursor: string | undefined): AlertAfter | undefined {
  if (sort === 'severity') {
    const key = decodeCursor<[number, string, string]>(cursor, ['number', 'string', 'string']);
    return key && { sort, key };
  }
  const key = decodeCursor<[string, string]>(cursor, ['string', 'string']);
  return key && { sort, key };
}

/** How many alerts the filters select: the total under an inbox page. */
export async function countAlerts(ctx: Pick<ServiceContext, 'db'>, q: AlertFilter): Promise<number> {
  return alertCount(ctx.db, q);
}

/** The contractors an inbox can be filtered by: those with alerts, by name. */
export async function alertContractors(ctx: Pick<ServiceContext, 'db'>, limit = 500) {
  return contractorsWithAlerts(ctx.db, limit);
}

/**
 * The ids of the given alerts whose condition still holds today: resolving one of them
 * records a decision, and the next sweep raises a fresh alert for the same subject. The
 * dates are the sweep's (src/jobs/sweep.ts).
 */
export async function alertsThatWouldReturn(
  ctx: Pick<ServiceContext, 'db' | 'clock'>,
  list: readonly Pick<AlertView, 'id' | 'kind' | 'subjectId'>[],
): Promise<Set<string>> {
  const today = ctx.clock.today();
  const params = sweepParams(today);
  const byKind = new Map<AlertView['kind'], string[]>();
  for (const a of list) byKind.set(a.kind, [...(byKind.get(a.kind) ?? []), a.subjectId]);
  const holding = new Set<string>();
  for (const [kind, subjects] of byKind) {
    for (let i = 0; i < subjects.length; i += 90) {
      const found = await subjectsStillMatching(ctx.db, kind, subjects.slice(i, i + 90), params);
      for (const s of found) holding.add(`${kind} ${s}`);
    }
  }
  return new Set(list.filter((a) => holding.has(`${a.kind} ${a.subjectId}`)).map((a) => a.id));
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
