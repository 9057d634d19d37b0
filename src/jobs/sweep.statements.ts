import { type SQL, sql } from 'drizzle-orm';
import { reminderOutbox } from '../notify/questionnaire-outbox';
import type { AppDeps } from '../platform/app-env';
import {
  type CompiledQuery,
  compileStable,
  type Db,
  isBatchDriver,
  prepareAhead,
  preparedStatement,
  rawStatement,
  type Statement,
} from '../platform/db';
import { alertIdPrefix } from '../platform/ids';
import { changeMask } from './sweep.changes';
import { type AlertCondition, alertConditions, reportOverdue, type SweepParams, sweepParams } from './sweep.conditions';
import {
  type CheckpointArgs,
  checkpointArgs,
  checkpointOutbox,
  emailOutbox,
  type PublishedCheckpoint,
  webhookOutbox,
} from './sweep.outbox';
import { recordSweptThrough } from './sweep.state';

/** Alerts open this long without being acknowledged escalate to managers. */
export const ESCALATE_AFTER_DAYS = 14;

/**
 * How much a run checks. `full`: every condition over every row (the first run, a run under
 * changed rules, a clock set back). `since`: the day of the last successful run — only the
 * contractors listed in sweep_changes and the subjects whose dates the calendar crossed
 * since then, which yields the same alerts as a full check (tests/e2e/sweep-incremental.test.ts).
 */
export type SweepScope = { full: true } | { full: false; since: string };

export interface SweepPlan {
  runId: string;
  now: Date;
  emailEnabled: boolean;
  checkpoint: PublishedCheckpoint | null;
  scope: SweepScope;
  /** rulesFingerprint(), recorded with the day swept through. */
  rules: string;
}

const changed = sql.raw('sweep_changes x');

/** Marks the matched alerts resolved: the condition no longer holds for their subject. */
const resolve = (c: AlertCondition, p: SweepParams, at: string, index: string | null, candidates: SQL) => sql`
  UPDATE alerts ${index ? sql.raw(`INDEXED BY ${index} `) : sql``}SET status = 'resolved', resolved_at = ${at},
    resolved_by = 'system', resolution_note = 'condition cleared', version = version + 1
  WHERE ${candidates} AND NOT EXISTS (SELECT 1 FROM ${c.source(p)} AND ${c.subject} = alerts.subject_id)
  RETURNING id`;

/** Raises an alert for each subject of `from` (the source, maybe narrowed) without an unresolved one. */
const raise = (c: AlertCondition, p: SweepParams, at: string, runId: string, idPrefix: string, from: SQL) => sql`
  INSERT INTO alerts (id, kind, severity, contractor_id, subject_type, subject_id, due_date, message,
    status, raised_at, raised_run, version)
  SELECT ${idPrefix} || lower(hex(randomblob(10))), ${c.kind}, ${c.severity(p)}, ${c.contractor}, ${c.subjectType},
    ${c.subject}, ${c.due}, ${c.message}, 'open', ${at}, ${runId}, 1
  FROM ${from}
    AND NOT EXISTS (SELECT 1 FROM alerts a WHERE a.kind = ${c.kind} AND a.subject_id = ${c.subject}
      AND a.status <> 'resolved')
  RETURNING id`;

/**
 * A condition's statements, resolutions first. Narrowed, each starts from the few rows that
 * may have moved (CROSS JOIN keeps SQLite from starting anywhere else): alerts of changed
 * contractors, alerts of subjects whose dates were crossed, subjects of changed contractors,
 * subjects whose dates were crossed.
 */
function conditionStatements(
  c: AlertCondition,
  p: SweepParams,
  before: SweepParams,
  full: boolean,
  at: string,
  runId: string,
  idPrefix: string,
) {
  const resolving = (index: string | null, candidates: SQL) => ({
    label: `resolve:${c.kind}`,
    query: resolve(c, p, at, index, candidates),
  });
  const raising = (from: SQL) => ({ label: `raise:${c.kind}`, query: raise(c, p, at, runId, idPrefix, from) });
  const unresolved = sql`kind = ${c.kind} AND status <> 'resolved'`;
  if (full || c.full) {
    return [resolving(null, unresolved), raising(c.source(p))];
  }
  // Listed contractors where a table this condition reads changed (a literal: one plan each).
  const relevant = sql.raw(`x.tables & ${changeMask(c)} <> 0`);
  return [
    // The index is named: statistics taken while many contractors were listed (after an
    // import) would otherwise make SQLite read every alert instead of the few listed.
    resolving(
      'alerts_contractor_idx',
      sql`contractor_id IN (SELECT x.contractor_id FROM ${changed} WHERE ${relevant}) AND ${unresolved}`,
    ),
    ...(c.leaves
      ? [resolving('alerts_one_unresolved_uq', sql`${unresolved} AND subject_id IN (${c.leaves(before, p)})`)]
      : []),
    raising(sql`${changed} CROSS JOIN ${c.source(p)} AND ${c.contractor} = x.contractor_id AND ${relevant}`),
    ...(c.enters ? [raising(sql`${c.source(p)} AND (${c.enters(before, p)})`)] : []),
  ];
}

/** The values of one run's statements: real values, or placeholders named after them. */
interface SweepArgs {
  p: SweepParams;
  /** The day continued from (incremental runs). */
  before: SweepParams;
  at: string;
  runId: string;
  /** alertIdPrefix() of the run. */
  idPrefix: string;
  escalateBefore: string;
  checkpoint: CheckpointArgs | null;
  rules: string;
}

/** What changes a sweep's statement list (everything else is a value). */
interface Shape {
  full: boolean;
  email: boolean;
  checkpoint: boolean;
}

interface Labelled {
  label: string;
  query: SQL;
  returning: boolean;
}

function sweepQueries(a: SweepArgs, shape: Shape): Labelled[] {
  const { p, at, runId } = a;
  const out: { label: string; query: SQL }[] = alertConditions.flatMap((c) =>
    conditionStatements(c, p, a.before, shape.full, at, runId, a.idPrefix),
  );
  // A missed PPC report deadline is critical at once, not after 14 days.
  out.push({
    label: 'upgrade:incident_report_due',
    query: sql`UPDATE alerts SET severity = 'critical', version = version + 1
      WHERE kind = 'incident_report_due' AND status <> 'resolved' AND severity <> 'critical'
        AND EXISTS (SELECT 1 FROM incidents i WHERE i.id = alerts.subject_id AND ${reportOverdue(p)})
      RETURNING id`,
  });
  // A request from a person left past the organisation's own target is critical at once.
  out.push({
    label: 'upgrade:subject_request_due',
    query: sql`UPDATE alerts SET severity = 'critical', version = version + 1
      WHERE kind = 'subject_request_due' AND status <> 'resolved' AND severity <> 'critical'
        AND EXISTS (SELECT 1 FROM subject_requests s WHERE s.id = alerts.subject_id
          AND s.status = 'open' AND s.due_on < ${p.today})
      RETURNING id`,
  });
  // alerts_escalate_idx holds only the alerts still to escalate (the wider status index
  // would read every open alert, escalated or not).
  out.push({
    label: 'escalate',
    query: sql`UPDATE alerts SET escalated_at = ${at}, escalated_run = ${runId}, version = version + 1,
        severity = CASE severity WHEN 'info' THEN 'warning' ELSE 'critical' END
      WHERE id IN (SELECT id FROM alerts INDEXED BY alerts_escalate_idx
        WHERE status = 'open' AND escalated_at IS NULL AND raised_at <= ${a.escalateBefore})
      RETURNING id`,
  });
  out.push({ label: 'queue:webhook', query: webhookOutbox(runId, at) });
  if (shape.checkpoint && a.checkpoint) {
    out.push({ label: 'queue:checkpoint', query: checkpointOutbox(a.checkpoint, at) });
  }
  if (shape.email) {
    out.push({ label: 'queue:email', query: emailOutbox(runId, at, shape.checkpoint ? a.checkpoint : null) });
    // Contractors' questionnaire reminders, in the same unit: none lost, none sent twice.
    out.push({ label: 'queue:email', query: reminderOutbox(p.today, p.reminderLeadEnd, at) });
  }
  const labelled = out.map((l) => ({ ...l, returning: true }));
  for (const query of recordSweptThrough(p.today, a.rules, runId)) {
    labelled.push({ label: 'record', query, returning: false });
  }
  return labelled;
}

const PARAM_KEYS = Object.keys(sweepParams('2000-01-01')) as (keyof SweepParams)[];
const CHECKPOINT_KEYS = ['seq', 'hash', 'at', 'eventId', 'ref'] as const;
const named = <T extends string>(prefix: string, keys: readonly T[], value: (k: T) => unknown) =>
  Object.fromEntries(keys.map((k) => [`${prefix}.${k}`, value(k)]));
/** The same arguments as placeholders: a statement list compiled once serves every run. */
const placeholderArgs = (): SweepArgs => {
  const ph = (name: string) => sql.placeholder(name) as unknown as string;
  const params = (prefix: string) =>
    Object.fromEntries(PARAM_KEYS.map((k) => [k, ph(`${prefix}.${k}`)])) as unknown as SweepParams;
  return {
    p: params('p'),
    before: params('before'),
    at: ph('at'),
    runId: ph('runId'),
    idPrefix: ph('idPrefix'),
    escalateBefore: ph('escalateBefore'),
    checkpoint: Object.fromEntries(CHECKPOINT_KEYS.map((k) => [k, ph(`cp.${k}`)])) as unknown as CheckpointArgs,
    rules: ph('rules'),
  };
};
const valuesOf = (a: SweepArgs): Record<string, unknown> => ({
  ...named('p', PARAM_KEYS, (k) => a.p[k]),
  ...named('before', PARAM_KEYS, (k) => a.before[k]),
  ...named('cp', CHECKPOINT_KEYS, (k) => a.checkpoint?.[k] ?? null),
  at: a.at,
  runId: a.runId,
  idPrefix: a.idPrefix,
  escalateBefore: a.escalateBefore,
  rules: a.rules,
});

const compiled = new Map<string, (CompiledQuery & { label: string; returning: boolean })[]>();

function argsOf(today: string, plan: SweepPlan): SweepArgs {
  return {
    p: sweepParams(today),
    before: sweepParams(plan.scope.full ? today : plan.scope.since),
    at: plan.now.toISOString(),
    runId: plan.runId,
    idPrefix: alertIdPrefix(plan.now),
    escalateBefore: new Date(plan.now.getTime() - ESCALATE_AFTER_DAYS * 86_400_000).toISOString(),
    checkpoint: plan.checkpoint ? checkpointArgs(plan.checkpoint) : null,
    rules: plan.rules,
  };
}
const shapeOf = (plan: SweepPlan): Shape => ({
  full: plan.scope.full,
  email: plan.emailEnabled,
  checkpoint: plan.checkpoint !== null,
});

/**
 * The sweep's statements as better-sqlite3 runs them: built and compiled once per shape
 * (the values are placeholders), then given this run's values. Also what the bench's
 * baseline runs bare.
 */
export function compiledSweep(today: string, plan: SweepPlan) {
  return { list: compiledList(shapeOf(plan)), values: valuesOf(argsOf(today, plan)) };
}

function compiledList(shape: Shape) {
  const key = `${shape.full}:${shape.email}:${shape.checkpoint}`;
  let list = compiled.get(key);
  if (!list) {
    list = sweepQueries(placeholderArgs(), shape).map((l) => ({
      label: l.label,
      returning: l.returning,
      ...compileStable(l.query),
    }));
    compiled.set(key, list);
  }
  return list;
}

/**
 * Gets the statements of the next run ready: an incremental run like this one (the usual
 * next run), compiled and, on better-sqlite3, prepared. Run after the unit, so that new
 * planner statistics are in, and off the next run's time.
 */
export function prepareNextSweep(
  db: Db,
  plan: Pick<SweepPlan, 'emailEnabled' | 'checkpoint'>,
  options: { statisticsChanged: boolean },
): void {
  if (isBatchDriver(db)) return;
  const shape: Shape = { full: false, email: plan.emailEnabled, checkpoint: plan.checkpoint !== null };
  const key = `${shape.full}:${shape.email}:${shape.checkpoint}`;
  const ready = preparedAhead.get(db) ?? new Set<string>();
  preparedAhead.set(db, ready);
  if (ready.has(key) && !options.statisticsChanged) return;
  prepareAhead(db, compiledList(shape));
  ready.add(key);
}
/** The shapes prepared ahead on each connection. */
const preparedAhead = new WeakMap<Db, Set<string>>();

/** The statements of one sweep, in order, with a label for each result. */
export function sweepStatements(
  deps: Pick<AppDeps, 'db' | 'clock'>,
  plan: SweepPlan,
): { label: string; statement: Statement }[] {
  const today = deps.clock.today();
  if (isBatchDriver(deps.db)) {
    // D1 prepares on its side: the statements are built with their values.
    return sweepQueries(argsOf(today, plan), shapeOf(plan)).map((l) => ({
      label: l.label,
      statement: rawStatement(deps.db, l.query, { returning: l.returning }),
    }));
  }
  // better-sqlite3: prepared once per connection; a run only binds its values (preparing
  // ~60 statements cost more than running them).
  const { list, values } = compiledSweep(today, plan);
  return list.map((q) => ({ label: q.label, statement: preparedStatement(deps.db, q, values, q.returning) }));
}
