import { and, asc, eq, gt, gte, isNull, lte, or, type SQL, sql } from 'drizzle-orm';
import { type AgreementRow, agreements, dataCategories } from '../../../db/schema';
import {
  agreementStatus,
  type ClauseName,
  type Clauses,
  clauseNames,
  currentEndDate,
  missingClauses,
  noticeDeadline,
} from '../../domain/agreement-terms';
import { addDays } from '../../domain/calendar';
import type { AppDeps, RequestContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, staleWrite } from '../../platform/concurrency';
import { decodeCursor, encodeCursor } from '../../platform/cursor';
import { expectOneChange, isStaleWrite } from '../../platform/db';
import { newId } from '../../platform/ids';
import { type FieldError, invalidFields, notFound, ProblemError } from '../../platform/problem';
import { findContractor } from '../contractors/contractors.repo';
import { findAgreement } from './agreements.repo';
import type { CreateAgreementInput, PatchAgreementInput } from './agreements.schemas';

type Deps = Pick<AppDeps, 'db' | 'clock'>;

const clauseColumn = {
  responsibilities: 'clauseResponsibilities',
  securityMeasures: 'clauseSecurityMeasures',
  reconsignment: 'clauseReconsignment',
  reporting: 'clauseReporting',
  complianceChecks: 'clauseComplianceChecks',
  breachOfContract: 'clauseBreachOfContract',
  incidentReporting: 'clauseIncidentReporting',
  afterTermination: 'clauseAfterTermination',
} as const satisfies Record<ClauseName, keyof AgreementRow>;

const clausesOf = (row: AgreementRow): Clauses =>
  Object.fromEntries(clauseNames.map((n) => [n, row[clauseColumn[n]]])) as Clauses;

export function presentAgreement(row: AgreementRow, today: string) {
  const clauses = clausesOf(row);
  return {
    id: row.id,
    contractorId: row.contractorId,
    title: row.title,
    reference: row.reference,
    purpose: row.purpose,
    dataCategories: row.dataCategories as (typeof dataCategories)[number][],
    startDate: row.startDate,
    endDate: row.endDate,
    autoRenew: row.autoRenew,
    renewalTermMonths: row.renewalTermMonths,
    noticePeriodDays: row.noticePeriodDays,
    noticeDeadline: noticeDeadline(row, today),
    currentEndDate: currentEndDate(row, today),
    reconsignment: row.reconsignment,
    clauses,
    missingClauses: missingClauses(clauses),
    status: agreementStatus(row, today),
    terminatedOn: row.terminatedOn,
    dataDisposition:
      row.dispositionMethod && row.dispositionConfirmedOn
        ? {
            method: row.dispositionMethod,
            confirmedOn: row.dispositionConfirmedOn,
            evidence: row.dispositionEvidence ?? '',
          }
        : null,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
export type AgreementView = ReturnType<typeof presentAgreement>;

export async function getAgreement(deps: Deps, id: string): Promise<AgreementView> {
  const row = await findAgreement(deps.db, id);
  if (!row) throw notFound('Agreement', id);
  return presentAgreement(row, deps.clock.today());
}

/** SQL for each derived status, mirroring agreementStatus() (domain/agreement-terms.ts). */
function statusCondition(status: AgreementView['status'], today: string): SQL | undefined {
  const terminated = and(sql`${agreements.terminatedOn} IS NOT NULL`, lte(agreements.terminatedOn, today));
  const notTerminated = or(isNull(agreements.terminatedOn), gt(agreements.terminatedOn, today));
  const started = lte(agreements.startDate, today);
  switch (status) {
    case 'terminated':
      return terminated;
    case 'pending':
      return and(notTerminated, gt(agreements.startDate, today));
    case 'expired':
      return and(notTerminated, started, eq(agreements.autoRenew, false), sql`${agreements.endDate} < ${today}`);
    case 'active':
      return and(
        notTerminated,
        started,
        or(isNull(agreements.endDate), gte(agreements.endDate, today), eq(agreements.autoRenew, true)),
      );
  }
}

export async function listAgreements(
  deps: Deps,
  q: {
    contractorId?: string;
    status?: AgreementView['status'];
    expiringWithinDays?: number;
    limit: number;
    cursor?: string;
  },
) {
  const today = deps.clock.today();
  const [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const where: (SQL | undefined)[] = [];
  if (q.contractorId) where.push(eq(agreements.contractorId, q.contractorId));
  if (q.status) where.push(statusCondition(q.status, today));
  if (q.expiringWithinDays !== undefined) {
    where.push(
      statusCondition('active', today),
      eq(agreements.autoRenew, false),
      gte(agreements.endDate, today),
      lte(agreements.endDate, addDays(today, q.expiringWithinDays)),
    );
  }
  if (afterId !== undefined) where.push(gt(agreements.id, afterId));
  const rows = await deps.db
    .select()
    .from(agreements)
    .where(and(...where))
    .orderBy(asc(agreements.id))
    .limit(q.limit + 1)
    .all();
  const items = rows.slice(0, q.limit);
  const last = items.at(-1);
  return {
    items: items.map((r) => presentAgreement(r, today)),
    nextCursor: rows.length > q.limit && last ? encodeCursor([last.id]) : null,
  };
}

type Terms = Omit<
  AgreementRow,
  'id' | 'contractorId' | 'createdAt' | 'updatedAt' | 'version' | 'currentEndDate' | 'noticeDeadline'
>;

/** The derived dates stored for the sweep, as of today. */
const storedDates = (t: Terms, today: string) => ({
  currentEndDate: currentEndDate(t, today),
  noticeDeadline: noticeDeadline(t, today),
});

/** Date and renewal consistency, reported for every field at once. */
function checkTerms(t: Terms): FieldError[] {
  const errors: FieldError[] = [];
  if (t.endDate !== null && t.endDate < t.startDate) {
    errors.push({ path: 'endDate', message: 'must not be before startDate' });
  }
  if (t.autoRenew) {
    if (t.endDate === null) errors.push({ path: 'endDate', message: 'is required when autoRenew is true' });
    if (t.renewalTermMonths === null) {
      errors.push({ path: 'renewalTermMonths', message: 'is required when autoRenew is true' });
    }
  }
  if (t.terminatedOn !== null && t.terminatedOn < t.startDate) {
    errors.push({ path: 'terminatedOn', message: 'must not be before startDate' });
  }
  if (t.dispositionConfirmedOn !== null && t.dispositionConfirmedOn < t.startDate) {
    errors.push({ path: 'dataDisposition.confirmedOn', message: 'must not be before startDate' });
  }
  return errors;
}

const canonicalCategories = (list: readonly string[]) => dataCategories.filter((c) => list.includes(c));

function clauseColumns(clauses: Clauses) {
  const columns = Object.fromEntries(clauseNames.map((n) => [clauseColumn[n], clauses[n]])) as {
    [K in ClauseName as (typeof clauseColumn)[K]]: boolean;
  };
  return { ...columns, missingClauseCount: missingClauses(clauses).length };
}

function dispositionColumns(d: CreateAgreementInput['dataDisposition']) {
  return {
    dispositionMethod: d?.method ?? null,
    dispositionConfirmedOn: d?.confirmedOn ?? null,
    dispositionEvidence: d?.evidence ?? null,
  };
}

export async function createAgreement(ctx: RequestContext, input: CreateAgreementInput): Promise<AgreementView> {
  const contractor = await findContractor(ctx.db, input.contractorId);
  if (!contractor) {
    throw invalidFields([
      { path: 'contractorId', message: `contractor ${JSON.stringify(input.contractorId)} does not exist` },
    ]);
  }
  if (contractor.status === 'terminated') {
    throw new ProblemError(
      409,
      'contractor-terminated',
      `${contractor.name} is terminated; it takes no new agreements.`,
    );
  }
  const clauses = Object.fromEntries(clauseNames.map((n) => [n, input.clauses[n] ?? false])) as Clauses;
  const terms: Terms = {
    title: input.title,
    reference: input.reference ?? null,
    purpose: input.purpose,
    dataCategories: canonicalCategories(input.dataCategories),
    startDate: input.startDate,
    endDate: input.endDate ?? null,
    autoRenew: input.autoRenew,
    renewalTermMonths: input.renewalTermMonths ?? null,
    noticePeriodDays: input.noticePeriodDays ?? null,
    reconsignment: input.reconsignment,
    terminatedOn: input.terminatedOn ?? null,
    ...clauseColumns(clauses),
    ...dispositionColumns(input.dataDisposition),
  };
  const errors = checkTerms(terms);
  if (errors.length) throw invalidFields(errors);
  const now = ctx.clock.now().toISOString();
  const row: AgreementRow = {
    ...terms,
    ...storedDates(terms, ctx.clock.today()),
    id: newId(),
    contractorId: contractor.id,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const view = presentAgreement(row, ctx.clock.today());
  await writeAudited(
    ctx,
    [ctx.db.insert(agreements).values(row)],
    [{ action: 'agreement.create', entityType: 'agreement', entityId: row.id, after: view }],
  );
  return view;
}

export async function patchAgreement(
  ctx: RequestContext,
  id: string,
  patch: PatchAgreementInput,
  ifMatch: string | undefined,
): Promise<AgreementView> {
  const current = await findAgreement(ctx.db, id);
  if (!current) throw notFound('Agreement', id);
  checkIfMatch(ifMatch, current.version);
  const pick = <K extends keyof PatchAgreementInput & keyof AgreementRow>(key: K) =>
    (patch[key] !== undefined ? patch[key] : current[key]) as AgreementRow[K];
  const clauses = { ...clausesOf(current), ...Object.fromEntries(Object.entries(patch.clauses ?? {})) } as Clauses;
  const terms: Terms = {
    title: pick('title'),
    reference: pick('reference'),
    purpose: pick('purpose'),
    dataCategories: canonicalCategories(pick('dataCategories')),
    startDate: pick('startDate'),
    endDate: pick('endDate'),
    autoRenew: pick('autoRenew'),
    renewalTermMonths: pick('renewalTermMonths'),
    noticePeriodDays: pick('noticePeriodDays'),
    reconsignment: pick('reconsignment'),
    terminatedOn: pick('terminatedOn'),
    ...clauseColumns(clauses),
    ...(patch.dataDisposition !== undefined
      ? dispositionColumns(patch.dataDisposition)
      : {
          dispositionMethod: current.dispositionMethod,
          dispositionConfirmedOn: current.dispositionConfirmedOn,
          dispositionEvidence: current.dispositionEvidence,
        }),
  };
  const errors = checkTerms(terms);
  if (errors.length) throw invalidFields(errors);
  const next: AgreementRow = {
    ...current,
    ...terms,
    ...storedDates(terms, ctx.clock.today()),
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const today = ctx.clock.today();
  const before = presentAgreement(current, today);
  const after = presentAgreement(next, today);
  const { id: _id, contractorId: _c, createdAt: _a, ...changes } = next;
  try {
    await writeAudited(
      ctx,
      [
        ctx.db
          .update(agreements)
          .set(changes)
          .where(sql`${agreements.id} = ${id} AND ${agreements.version} = ${current.version}`),
        expectOneChange(ctx.db),
      ],
      [{ action: 'agreement.update', entityType: 'agreement', entityId: id, before, after }],
    );
  } catch (err) {
    if (isStaleWrite(err)) throw staleWrite();
    throw err;
  }
  return after;
}
