import { and, asc, count, desc, eq, or, type SQL, sql } from 'drizzle-orm';
import { type AlertRow, alerts, contractors } from '../../../db/schema';
import { alertConditions, type SweepParams } from '../../jobs/sweep.conditions';
import { type Db, expectOneChange, type Statement } from '../../platform/db';
import type { AlertSort } from './alerts.schemas';

export async function findAlert(db: Db, id: string): Promise<AlertRow | null> {
  return (await db.select().from(alerts).where(eq(alerts.id, id)).get()) ?? null;
}

export interface AlertFilter {
  status?: AlertRow['status'];
  kind?: AlertRow['kind'];
  contractorId?: string;
  severity?: AlertRow['severity'];
}

export type { AlertSort };

/** The keyset position after the last row shown, in the sort's own key. */
export type AlertAfter =
  | { sort: 'raised'; key: [raisedAt: string, id: string] }
  | { sort: 'due'; key: [due: string, id: string] }
  | { sort: 'severity'; key: [rank: number, raisedAt: string, id: string] };

/** Undated alerts (nothing scheduled) sort after every date. */
const dueKey = sql`coalesce(${alerts.dueDate}, '9999-12-31')`;
const severityRank = sql`CASE ${alerts.severity} WHEN 'critical' THEN 0 WHEN 'warning' THEN 1 ELSE 2 END`;

/** The sort key of a row, as the cursor carries it. */
export function alertSortKey(sort: AlertSort, r: AlertRow): (string | number)[] {
  if (sort === 'due') return [r.dueDate ?? '9999-12-31', r.id];
  if (sort === 'severity') return [r.severity === 'critical' ? 0 : r.severity === 'warning' ? 1 : 2, r.raisedAt, r.id];
  return [r.raisedAt, r.id];
}

/**
 * Open alerts by severity are read from alerts_unresolved_severity_idx (migration 0024),
 * whose order is the sort's. SQLite reads a partial index only for a query that states its
 * condition (it does not infer it from `status = 'open'`), and the status is compared as
 * `+status` there, which no status index can serve: otherwise, on a small table or without
 * statistics, it may read the status index and sort. Other statuses are few enough to sort.
 */
const readsOpenBySeverity = (f: AlertFilter & { sort?: AlertSort }) => f.sort === 'severity' && f.status === 'open';

const filterConditions = (f: AlertFilter & { sort?: AlertSort }) => [
  readsOpenBySeverity(f)
    ? sql`+${alerts.status} = 'open' AND ${alerts.status} <> 'resolved' AND ${severityRank} >= 0`
    : f.status
      ? eq(alerts.status, f.status)
      : undefined,
  f.kind ? eq(alerts.kind, f.kind) : undefined,
  f.contractorId ? eq(alerts.contractorId, f.contractorId) : undefined,
  f.severity ? eq(alerts.severity, f.severity) : undefined,
];

function afterCondition(after: AlertAfter | undefined): SQL | undefined {
  if (!after) return undefined;
  if (after.sort === 'due') return sql`(${dueKey}, ${alerts.id}) > (${after.key[0]}, ${after.key[1]})`;
  if (after.sort === 'severity') {
    const [rank, raisedAt, id] = after.key;
    // The first term bounds the index range: the page starts at the cursor's rank.
    return sql`${severityRank} >= ${rank} AND (${severityRank} > ${rank} OR (${alerts.raisedAt}, ${alerts.id}) < (${raisedAt}, ${id}))`;
  }
  return sql`(${alerts.raisedAt}, ${alerts.id}) < (${after.key[0]}, ${after.key[1]})`;
}

const orderOf = (sort: AlertSort): SQL[] => {
  if (sort === 'due') return [asc(dueKey), asc(alerts.id)];
  if (sort === 'severity') return [asc(severityRank), desc(alerts.raisedAt), desc(alerts.id)];
  return [desc(alerts.raisedAt), desc(alerts.id)];
};

/** `limit` rows in the sort's order after `after`. */
export async function alertsPage(
  db: Db,
  f: AlertFilter & { sort?: AlertSort; after?: AlertAfter; limit: number },
): Promise<AlertRow[]> {
  return db
    .select()
    .from(alerts)
    .where(and(...filterConditions(f), afterCondition(f.after)))
    .orderBy(...orderOf(f.sort ?? 'raised'))
    .limit(f.limit)
    .all();
}

/** How many alerts the filters select. */
export async function alertCount(db: Db, f: AlertFilter): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(alerts)
    .where(and(...filterConditions(f)))
    .get();
  return row?.n ?? 0;
}

/** The contractors that have alerts, by name (for an inbox's contractor filter): at most `limit`. */
export async function contractorsWithAlerts(db: Db, limit: number): Promise<{ id: string; name: string }[]> {
  return db.all<{ id: string; name: string }>(sql`
    SELECT c.id, c.name FROM contractors c
    WHERE EXISTS (SELECT 1 FROM alerts a WHERE a.contractor_id = c.id)
    ORDER BY c.name, c.id LIMIT ${limit}`);
}

/**
 * Of the given subjects of one alert kind, those whose condition holds now: the sweep's
 * own condition (src/jobs/sweep.conditions.ts), so what is said here is what the next
 * sweep does. At most 90 subjects at a time (D1 binds up to 100 parameters).
 */
export async function subjectsStillMatching(
  db: Db,
  kind: AlertRow['kind'],
  subjectIds: readonly string[],
  params: SweepParams,
): Promise<Set<string>> {
  const condition = alertConditions.find((c) => c.kind === kind);
  if (!condition || subjectIds.length === 0) return new Set();
  const ids = sql.join(
    subjectIds.map((id) => sql`${id}`),
    sql`, `,
  );
  const rows = await db.all<{ id: string }>(
    sql`SELECT ${condition.subject} AS id FROM ${condition.source(params)} AND ${condition.subject} IN (${ids})`,
  );
  return new Set(rows.map((r) => r.id));
}

/** The UPDATE of a versioned change and its guard: the unit fails when `current` is stale. */
export function updateAlertVersioned(db: Db, current: AlertRow, next: AlertRow): Statement[] {
  const { id: _id, ...changes } = next;
  return [
    db.update(alerts).set(changes).where(sql`${alerts.id} = ${current.id} AND ${alerts.version} = ${current.version}`),
    expectOneChange(db),
  ];
}

/**
 * The alerts a sweep raised or escalated, with their contractor's name, for the e-mail
 * digest: escalations only, or raised and escalated ones.
 */
export async function alertsOfRun(db: Db, runId: string, only: 'escalated' | 'raised-or-escalated') {
  return db
    .select({
      id: alerts.id,
      kind: alerts.kind,
      severity: alerts.severity,
      dueDate: alerts.dueDate,
      message: alerts.message,
      escalatedRun: alerts.escalatedRun,
      contractorId: alerts.contractorId,
      contractorName: contractors.name,
    })
    .from(alerts)
    .innerJoin(contractors, eq(contractors.id, alerts.contractorId))
    .where(
      only === 'escalated'
        ? eq(alerts.escalatedRun, runId)
        : or(eq(alerts.raisedRun, runId), eq(alerts.escalatedRun, runId)),
    )
    .orderBy(alerts.severity, alerts.dueDate)
    .all();
}
