import type { IncidentRow } from '../../../db/schema';
import { addDays } from '../../domain/calendar';
import { reportability, reportDeadlines } from '../../domain/incident-deadlines';
import type { ServiceContext } from '../../platform/app-env';
import { type AuditInput, writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import type { Statement } from '../../platform/db';
import { newId } from '../../platform/ids';
import { keysetPage } from '../../platform/keyset';
import { type FieldError, fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { findContractor } from '../contractors/contractors.repo';
import { newReviewRow, presentReview } from '../reviews/reviews.present';
import { findOpenFollowUpBy, insertReview, refreshNextReviewDue } from '../reviews/reviews.repo';
import {
  countIncidentRows,
  getIncidentRow,
  type IncidentFilter,
  incidentContractors,
  incidentRows,
  incidentUpdate,
  insertIncident,
} from './incidents.repo';
import type { CreateIncidentInput, PatchIncidentInput } from './incidents.schemas';

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
  if (r.discoveredOn > today) errors.push(fieldError('discoveredOn', 'notInFuture'));
  for (const [path, value] of [
    ['preliminaryReportedOn', r.preliminaryReportedOn],
    ['finalReportedOn', r.finalReportedOn],
    ['subjectsNotifiedOn', r.subjectsNotifiedOn],
  ] as const) {
    if (value && value < r.discoveredOn) errors.push(fieldError(path, 'notBefore', { field: 'discoveredOn' }));
    if (value && value > today) errors.push(fieldError(path, 'notInFuture'));
  }
  if (errors.length) throw invalidFields(errors);
}

export async function getIncident(ctx: ServiceContext, id: string): Promise<IncidentView> {
  return presentIncident(await getIncidentRow(ctx.db, id), ctx.clock.today());
}

export async function listIncidents(
  ctx: ServiceContext,
  q: Omit<IncidentFilter, 'afterId' | 'limit'> & { limit: number; cursor?: string },
) {
  const [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const today = ctx.clock.today();
  const rows = await incidentRows(ctx.db, { ...q, afterId, limit: q.limit + 1 }, today);
  return keysetPage(
    rows,
    q.limit,
    (r) => [r.id],
    (r) => presentIncident(r, today),
  );
}

/** How many incidents a list's filters match in all (its pages show "x–y of total"). */
export async function countIncidents(
  ctx: ServiceContext,
  q: Omit<IncidentFilter, 'afterId' | 'limit'>,
): Promise<number> {
  return countIncidentRows(ctx.db, q, ctx.clock.today());
}

/** At most this many contractors are offered as a list's filter (a page, not a directory). */
export const FILTER_CONTRACTORS = 500;

/** The contractors with incidents, by name: what a list of incidents can be narrowed to. */
export async function contractorsWithIncidents(ctx: ServiceContext): Promise<{ id: string; name: string }[]> {
  const rows = await incidentContractors(ctx.db, FILTER_CONTRACTORS);
  return rows.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
}

/**
 * Records a leak and, in the same unit, schedules a follow-up review of the contractor
 * within 30 days unless a follow-up is already due sooner (a leak is a supervision
 * event). Terminated contractors are recorded but get no review.
 */
export async function createIncident(ctx: ServiceContext, input: CreateIncidentInput): Promise<IncidentView> {
  const contractor = await findContractor(ctx.db, input.contractorId);
  if (!contractor) {
    throw invalidFields([fieldError('contractorId', 'noSuchContractor', { id: input.contractorId })]);
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
  const statements: Statement[] = [insertIncident(ctx.db, row)];
  const events: AuditInput[] = [{ action: 'incident.create', entityType: 'incident', entityId: row.id, after: view }];

  if (contractor.status !== 'terminated') {
    const due = addDays(today, INCIDENT_FOLLOW_UP_DAYS);
    if (!(await findOpenFollowUpBy(ctx.db, contractor.id, due))) {
      const review = newReviewRow({
        id: newId(),
        contractorId: contractor.id,
        kind: 'follow_up',
        dueDate: due,
        scheduledBy: 'system',
        now,
      });
      review.notes = `Follow-up of leak incident ${row.id}`;
      statements.push(insertReview(ctx.db, review), refreshNextReviewDue(ctx.db, contractor.id));
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

async function commit(ctx: ServiceContext, current: IncidentRow, next: IncidentRow, action: string) {
  const today = ctx.clock.today();
  const after = presentIncident(next, today);
  await commitVersioned(ctx, incidentUpdate(ctx.db, current, next), [
    { action, entityType: 'incident', entityId: current.id, before: presentIncident(current, today), after },
  ]);
  return after;
}

export async function patchIncident(
  ctx: ServiceContext,
  id: string,
  patch: PatchIncidentInput,
  ifMatch: string | undefined,
): Promise<IncidentView> {
  const current = await getIncidentRow(ctx.db, id);
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
export async function closeIncident(ctx: ServiceContext, id: string, summary: string): Promise<IncidentView> {
  const current = await getIncidentRow(ctx.db, id);
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
  try {
    return await commit(
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
  } catch (err) {
    // Two closes at once: the one that lost the race learns the incident is closed now,
    // as a later close would, rather than a bare version conflict.
    if (err instanceof ProblemError && err.status === 412 && (await getIncidentRow(ctx.db, id)).status === 'closed') {
      throw new ProblemError(409, 'incident-closed', 'This incident is already closed.');
    }
    throw err;
  }
}
