import type { IncidentRow } from '../../../db/schema';
import { addDays } from '../../domain/calendar';
import type { ServiceContext } from '../../platform/app-env';
import { type AuditInput, writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import type { Statement } from '../../platform/db';
import { newId } from '../../platform/ids';
import { keysetPage } from '../../platform/keyset';
import { fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { findContractor } from '../contractors/contractors.repo';
import { extraClosedDaysFrom } from '../holidays/holidays.repo';
import { newReviewRow, presentReview } from '../reviews/reviews.present';
import { findOpenFollowUpBy, insertReview, refreshNextReviewDue } from '../reviews/reviews.repo';
import { authorityText, checkFacts, derive, type IncidentView, presentIncident } from './incidents.present';
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

export { type IncidentView, presentIncident } from './incidents.present';

/** A leak at a contractor is a supervision event: a follow-up review within this many days. */
export const INCIDENT_FOLLOW_UP_DAYS = 30;

/** The extra closed days a deadline counted from this incident's day 1 may roll past. */
const extraDaysFor = (ctx: ServiceContext, r: { discoveredOn: string }) => extraClosedDaysFrom(ctx.db, r.discoveredOn);

/** The law's fields as the body sent them, or as they were when the body leaves them out. */
function lawFieldsOf(input: LawInput, current?: IncidentRow) {
  const pick = <K extends keyof LawInput & keyof IncidentRow>(k: K, fallback: IncidentRow[K]) =>
    input[k] !== undefined ? (input[k] ?? null) : current ? current[k] : fallback;
  return {
    encryptionNote: pick('encryptionNote', null),
    contractorAwareOn: pick('contractorAwareOn', null),
    contractorNotifiedOn: pick('contractorNotifiedOn', null),
    becameReportableOn: pick('becameReportableOn', null),
    reportedJointly: input.reportedJointly ?? current?.reportedJointly ?? false,
    authority: input.authority !== undefined ? authorityText(input.authority) : (current?.authority ?? null),
    alternativeNotice: pick('alternativeNotice', null),
  };
}
type LawInput = Pick<
  PatchIncidentInput,
  | 'encryptionNote'
  | 'contractorAwareOn'
  | 'contractorNotifiedOn'
  | 'becameReportableOn'
  | 'reportedJointly'
  | 'authority'
  | 'alternativeNotice'
>;

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
  const underived = {
    id: newId(),
    contractorId: contractor.id,
    summary: input.summary,
    discoveredOn: input.discoveredOn,
    affectedCount: input.affectedCount,
    factorSpecialCare: input.factors.specialCare,
    factorFinancialHarm: input.factors.financialHarm,
    factorWrongfulAct: input.factors.wrongfulAct,
    factorOverThousand: input.factors.overThousand,
    factorHighlyEncrypted: input.factors.highlyEncrypted,
    ...lawFieldsOf(input),
    preliminaryReportedOn: null,
    finalReportedOn: null,
    subjectsNotifiedOn: null,
    status: 'open',
    closedOn: null,
    closingSummary: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  } satisfies Parameters<typeof derive>[0];
  const row = derive(underived, await extraDaysFor(ctx, underived));
  checkFacts(row, today);
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
  const underived = {
    ...current,
    summary: patch.summary ?? current.summary,
    discoveredOn: patch.discoveredOn ?? current.discoveredOn,
    affectedCount: patch.affectedCount ?? current.affectedCount,
    factorSpecialCare: patch.factors?.specialCare ?? current.factorSpecialCare,
    factorFinancialHarm: patch.factors?.financialHarm ?? current.factorFinancialHarm,
    factorWrongfulAct: patch.factors?.wrongfulAct ?? current.factorWrongfulAct,
    factorOverThousand: patch.factors?.overThousand ?? current.factorOverThousand,
    factorHighlyEncrypted: patch.factors?.highlyEncrypted ?? current.factorHighlyEncrypted,
    ...lawFieldsOf(patch, current),
    preliminaryReportedOn: pick('preliminaryReportedOn'),
    finalReportedOn: pick('finalReportedOn'),
    subjectsNotifiedOn: pick('subjectsNotifiedOn'),
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const next = derive(underived, await extraDaysFor(ctx, underived));
  checkFacts(next, ctx.clock.today());
  return commit(ctx, current, next, 'incident.update');
}

/**
 * Closing a reportable incident needs its final report (確報, Rules Art. 8(2)) and the
 * notice to the individuals or its alternative (APPI Art. 26(2); Rules Art. 10; 通則編
 * 3-5-4-5: a public announcement or an inquiry desk when notices are impossible).
 */
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
  if (current.reportable && !current.subjectsNotifiedOn && !current.alternativeNotice) {
    throw new ProblemError(
      409,
      'subject-notice-required',
      'This incident is reportable: record subjectsNotifiedOn (本人への通知, APPI Art. 26(2)) or an alternativeNotice before closing it.',
      [fieldError('subjectsNotifiedOn', 'required')],
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
