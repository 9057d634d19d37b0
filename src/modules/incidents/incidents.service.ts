import { and, asc, eq, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { type IncidentRow, incidents, reviews } from '../../../db/schema';
import { addDays } from '../../domain/calendar';
import { reportability, reportDeadlines } from '../../domain/incident-deadlines';
import type { AppDeps, RequestContext } from '../../platform/app-env';
import { type AuditInput, writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, staleWrite } from '../../platform/concurrency';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { expectOneChange, isStaleWrite, type Statement } from '../../platform/db';
import { newId } from '../../platform/ids';
import { type FieldError, invalidFields, notFound, ProblemError } from '../../platform/problem';
import { findContractor } from '../contractors/contractors.repo';
import { newReviewRow, presentReview } from '../reviews/reviews.present';
import { refreshNextReviewDue } from '../reviews/reviews.repo';
import type { CreateIncidentInput, PatchIncidentInput } from './incidents.schemas';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

/** A leak at a contractor is a supervision event: a follow-up review within this many days. */
export const INCIDENT_FOLLOW_UP_DAYS = 30;

const factorsOf = (r: IncidentRow) => ({
  specialCare: r.factorSpecialCare,
  financialHarm: r.factorFinancialHarm,
  wrongfulAct: r.factorWrongfulAct,
  overThousand: r.factorOverThousand,
});

export function presentIncident(r: IncidentRow, today: string) {
  const { reasons } = reportability(factorsOf(r), r.affectedCount);
  const pending: { report: 'preliminary' | 'final'; dueOn: string }[] = [];
  if (r.status === 'open' && r.reportable) {
    if (!r.preliminaryReportedOn && !r.finalReportedOn && r.preliminaryDueOn) {
      pending.push({ report: 'preliminary', dueOn: r.preliminaryDueOn });
    }
    if (!r.finalReportedOn && r.finalDueOn) pending.push({ report: 'final', dueOn: r.finalDueOn });
  }
  const next = pending[0];
  return {
    id: r.id,
    contractorId: r.contractorId,
    summary: r.summary,
    discoveredOn: r.discoveredOn,
    affectedCount: r.affectedCount,
    factors: factorsOf(r),
    reportable: r.reportable,
    reportableReasons: reasons,
    preliminaryDueOn: r.preliminaryDueOn,
    finalDueOn: r.finalDueOn,
    preliminaryReportedOn: r.preliminaryReportedOn,
    finalReportedOn: r.finalReportedOn,
    subjectsNotifiedOn: r.subjectsNotifiedOn,
    nextDeadline: next ? { ...next, overdue: next.dueOn < today } : null,
    status: r.status,
    closedOn: r.closedOn,
    closingSummary: r.closingSummary,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
    version: r.version,
  };
}
export type IncidentView = ReturnType<typeof presentIncident>;

/** Reportability and deadlines follow the facts; recomputed on every change. */
function derive(r: Omit<IncidentRow, 'reportable' | 'preliminaryDueOn' | 'finalDueOn'>): IncidentRow {
  const { reportable } = reportability(
    {
      specialCare: r.factorSpecialCare,
      financialHarm: r.factorFinancialHarm,
      wrongfulAct: r.factorWrongfulAct,
      overThousand: r.factorOverThousand,
    },
    r.affectedCount,
  );
  const deadlines = reportable ? reportDeadlines(r.discoveredOn, r.factorWrongfulAct) : null;
  return {
    ...r,
    reportable,
    preliminaryDueOn: deadlines?.preliminaryDueOn ?? null,
    finalDueOn: deadlines?.finalDueOn ?? null,
  };
}

function checkDates(r: IncidentRow, today: string): void {
  const errors: FieldError[] = [];
  if (r.discoveredOn > today) errors.push({ path: 'discoveredOn', message: 'must not be in the future' });
  for (const [path, value] of [
    ['preliminaryReportedOn', r.preliminaryReportedOn],
    ['finalReportedOn', r.finalReportedOn],
    ['subjectsNotifiedOn', r.subjectsNotifiedOn],
  ] as const) {
    if (value && value < r.discoveredOn) errors.push({ path, message: 'must not be before discoveredOn' });
    if (value && value > today) errors.push({ path, message: 'must not be in the future' });
  }
  if (errors.length) throw invalidFields(errors);
}

async function findIncident(deps: Deps, id: string): Promise<IncidentRow> {
  const row = await deps.db.select().from(incidents).where(eq(incidents.id, id)).get();
  if (!row) throw notFound('Incident', id);
  return row;
}

export async function getIncident(deps: Deps, id: string): Promise<IncidentView> {
  return presentIncident(await findIncident(deps, id), deps.clock.today());
}

export async function listIncidents(
  deps: Deps,
  q: { contractorId?: string; status?: 'open' | 'closed'; reportable?: boolean; limit: number; cursor?: string },
) {
  const [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const where: SQL[] = [];
  if (q.contractorId) where.push(eq(incidents.contractorId, q.contractorId));
  if (q.status) where.push(eq(incidents.status, q.status));
  if (q.reportable !== undefined) where.push(eq(incidents.reportable, q.reportable));
  if (afterId) where.push(gt(incidents.id, afterId));
  const rows = await deps.db
    .select()
    .from(incidents)
    .where(and(...where))
    .orderBy(asc(incidents.id))
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  const today = deps.clock.today();
  return {
    items: items.map((r) => presentIncident(r, today)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.id]) : null,
  };
}

/**
 * Records a leak and, in the same unit, schedules a follow-up review of the contractor
 * within 30 days unless a follow-up is already due sooner (a leak is a supervision
 * event). Terminated contractors are recorded but get no review.
 */
export async function createIncident(ctx: RequestContext, input: CreateIncidentInput): Promise<IncidentView> {
  const contractor = await findContractor(ctx.db, input.contractorId);
  if (!contractor) {
    throw invalidFields([
      { path: 'contractorId', message: `contractor ${JSON.stringify(input.contractorId)} does not exist` },
    ]);
  }
  const today = ctx.clock.today();
  const now = ctx.clock.now().toISOString();
  const row = derive({
    id: newId(),
    contractorId: contractor.id,
    summary: input.summary,
    discoveredOn: input.discoveredOn,
    affectedCount: input.affectedCount,
    factorSpecialCare: input.factors.specialCare,
    factorFinancialHarm: input.factors.financialHarm,
    factorWrongfulAct: input.factors.wrongfulAct,
    factorOverThousand: input.factors.overThousand,
    preliminaryReportedOn: null,
    finalReportedOn: null,
    subjectsNotifiedOn: null,
    status: 'open',
    closedOn: null,
    closingSummary: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  });
  checkDates(row, today);
  const view = presentIncident(row, today);
  const statements: Statement[] = [ctx.db.insert(incidents).values(row)];
  const events: AuditInput[] = [{ action: 'incident.create', entityType: 'incident', entityId: row.id, after: view }];

  if (contractor.status !== 'terminated') {
    const due = addDays(today, INCIDENT_FOLLOW_UP_DAYS);
    const sooner = await ctx.db
      .select({ id: reviews.id })
      .from(reviews)
      .where(
        and(
          eq(reviews.contractorId, contractor.id),
          eq(reviews.kind, 'follow_up'),
          inArray(reviews.status, ['scheduled', 'in_progress']),
          sql`${reviews.dueDate} <= ${due}`,
        ),
      )
      .limit(1)
      .get();
    if (!sooner) {
      const review = newReviewRow({
        id: newId(),
        contractorId: contractor.id,
        kind: 'follow_up',
        dueDate: due,
        scheduledBy: 'system',
        now,
      });
      review.notes = `Follow-up of leak incident ${row.id}`;
      statements.push(ctx.db.insert(reviews).values(review), refreshNextReviewDue(ctx.db, contractor.id));
      events.push({
        action: 'review.schedule',
        entityType: 'review',
        entityId: review.id,
        after: presentReview(review, today),
      });
    }
  }
  await writeAudited(ctx, statements, events);
  return view;
}

async function commit(ctx: RequestContext, current: IncidentRow, next: IncidentRow, action: string) {
  const today = ctx.clock.today();
  const { id: _id, createdAt: _c, ...changes } = next;
  const after = presentIncident(next, today);
  try {
    await writeAudited(
      ctx,
      [
        ctx.db
          .update(incidents)
          .set(changes)
          .where(sql`${incidents.id} = ${current.id} AND ${incidents.version} = ${current.version}`),
        expectOneChange(ctx.db),
      ],
      [{ action, entityType: 'incident', entityId: current.id, before: presentIncident(current, today), after }],
    );
  } catch (err) {
    if (isStaleWrite(err)) throw staleWrite();
    throw err;
  }
  return after;
}

export async function patchIncident(
  ctx: RequestContext,
  id: string,
  patch: PatchIncidentInput,
  ifMatch: string | undefined,
): Promise<IncidentView> {
  const current = await findIncident(ctx, id);
  checkIfMatch(ifMatch, current.version);
  const pick = <K extends 'preliminaryReportedOn' | 'finalReportedOn' | 'subjectsNotifiedOn'>(k: K) =>
    patch[k] !== undefined ? (patch[k] ?? null) : current[k];
  const next = derive({
    ...current,
    summary: patch.summary ?? current.summary,
    discoveredOn: patch.discoveredOn ?? current.discoveredOn,
    affectedCount: patch.affectedCount ?? current.affectedCount,
    factorSpecialCare: patch.factors?.specialCare ?? current.factorSpecialCare,
    factorFinancialHarm: patch.factors?.financialHarm ?? current.factorFinancialHarm,
    factorWrongfulAct: patch.factors?.wrongfulAct ?? current.factorWrongfulAct,
    factorOverThousand: patch.factors?.overThousand ?? current.factorOverThousand,
    preliminaryReportedOn: pick('preliminaryReportedOn'),
    finalReportedOn: pick('finalReportedOn'),
    subjectsNotifiedOn: pick('subjectsNotifiedOn'),
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  });
  checkDates(next, ctx.clock.today());
  return commit(ctx, current, next, 'incident.update');
}

/** Closing a reportable incident needs its final report on record. */
export async function closeIncident(ctx: RequestContext, id: string, summary: string): Promise<IncidentView> {
  const current = await findIncident(ctx, id);
  if (current.status === 'closed') {
    throw new ProblemError(409, 'incident-closed', 'This incident is already closed.');
  }
  if (current.reportable && !current.finalReportedOn) {
    throw new ProblemError(
      409,
      'final-report-required',
      'This incident is reportable: record finalReportedOn (確報) before closing it.',
    );
  }
  return commit(
    ctx,
    current,
    {
      ...current,
      status: 'closed',
      closedOn: ctx.clock.today(),
      closingSummary: summary,
      updatedAt: ctx.clock.now().toISOString(),
      version: current.version + 1,
    },
    'incident.close',
  );
}
