import { type AgreementRow, dataCategories } from '../../../db/schema';
import {
  agreementStatus,
  type ClauseName,
  type Clauses,
  clauseNames,
  currentEndDate,
  missingClauses,
  noticeDeadline,
} from '../../domain/agreement-terms';
import type { ContractorStatus } from '../../domain/supervision';
import { NOT_YET_SELECTED } from '../../domain/supervision-status';
import type { ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import { newId } from '../../platform/ids';
import { keysetPage } from '../../platform/keyset';
import { type FieldError, fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { findContractor } from '../contractors/contractors.repo';
import { contractorStatusesOf } from './agreement-warnings.repo';
import {
  type AgreementFilter,
  agreementRows,
  agreementUpdate,
  getAgreementRow,
  insertAgreement,
} from './agreements.repo';
import type { CreateAgreementInput, PatchAgreementInput } from './agreements.schemas';

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

/**
 * Warnings an agreement carries without being refused. `selection-pending`: its contractor
 * is not yet approved. Personal data is entrusted only to a contractor chosen after its
 * safety management was confirmed (APPI Art. 25; 通則編 3-4-4 (1)): the agreement may be
 * recorded ahead, but nothing is handed over before the approval.
 */
export const agreementWarnings = (contractorStatus: ContractorStatus | null): AgreementWarning[] =>
  contractorStatus === NOT_YET_SELECTED ? ['selection-pending'] : [];
export const agreementWarningCodes = ['selection-pending'] as const;
export type AgreementWarning = (typeof agreementWarningCodes)[number];

/** `contractorStatus`: the contractor's lifecycle status, for the warnings (none when not given). */
export function presentAgreement(row: AgreementRow, today: string, contractorStatus: ContractorStatus | null = null) {
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
    warnings: agreementWarnings(contractorStatus),
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
export type AgreementView = ReturnType<typeof presentAgreement>;

const statusOf = async (ctx: ServiceContext, contractorId: string) =>
  (await contractorStatusesOf(ctx.db, [contractorId])).get(contractorId) ?? null;

export async function getAgreement(ctx: ServiceContext, id: string): Promise<AgreementView> {
  const row = await getAgreementRow(ctx.db, id);
  return presentAgreement(row, ctx.clock.today(), await statusOf(ctx, row.contractorId));
}

export async function listAgreements(
  ctx: ServiceContext,
  q: Omit<AgreementFilter, 'afterId' | 'limit'> & { limit: number; cursor?: string },
) {
  const today = ctx.clock.today();
  const [afterId] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const rows = await agreementRows(ctx.db, { ...q, afterId, limit: q.limit + 1 }, today);
  const statuses = await contractorStatusesOf(
    ctx.db,
    rows.map((r) => r.contractorId),
  );
  return keysetPage(
    rows,
    q.limit,
    (r) => [r.id],
    (r) => presentAgreement(r, today, statuses.get(r.contractorId) ?? null),
  );
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

/**
 * Date and renewal consistency, reported for every field at once. Exported so a form can
 * report these together with the mistakes of shape its schema found (one round, not two).
 */
export function checkTerms(
  t: Pick<
    Terms,
    'startDate' | 'endDate' | 'autoRenew' | 'renewalTermMonths' | 'terminatedOn' | 'dispositionConfirmedOn'
  >,
): FieldError[] {
  const errors: FieldError[] = [];
  if (t.endDate !== null && t.endDate < t.startDate) {
    errors.push(fieldError('endDate', 'notBefore', { field: 'startDate' }));
  }
  if (t.autoRenew) {
    if (t.endDate === null) errors.push(fieldError('endDate', 'requiredWhenAutoRenew'));
    if (t.renewalTermMonths === null) {
      errors.push(fieldError('renewalTermMonths', 'requiredWhenAutoRenew'));
    }
  }
  if (t.terminatedOn !== null && t.terminatedOn < t.startDate) {
    errors.push(fieldError('terminatedOn', 'notBefore', { field: 'startDate' }));
  }
  if (t.dispositionConfirmedOn !== null && t.dispositionConfirmedOn < t.startDate) {
    errors.push(fieldError('dataDisposition.confirmedOn', 'notBefore', { field: 'startDate' }));
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

export async function createAgreement(ctx: ServiceContext, input: CreateAgreementInput): Promise<AgreementView> {
  const contractor = await findContractor(ctx.db, input.contractorId);
  if (!contractor) {
    throw invalidFields([fieldError('contractorId', 'noSuchContractor', { id: input.contractorId })]);
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
  const view = presentAgreement(row, ctx.clock.today(), contractor.status);
  await writeAudited(
    ctx,
    [insertAgreement(ctx.db, row)],
    [{ action: 'agreement.create', entityType: 'agreement', entityId: row.id, after: view }],
  );
  return view;
}

export async function patchAgreement(
  ctx: ServiceContext,
  id: string,
  patch: PatchAgreementInput,
  ifMatch: string | undefined,
): Promise<AgreementView> {
  const current = await getAgreementRow(ctx.db, id);
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
  const contractorStatus = await statusOf(ctx, current.contractorId);
  const before = presentAgreement(current, today, contractorStatus);
  const after = presentAgreement(next, today, contractorStatus);
  await commitVersioned(ctx, agreementUpdate(ctx.db, current, next), [
    { action: 'agreement.update', entityType: 'agreement', entityId: id, before, after },
  ]);
  return after;
}
