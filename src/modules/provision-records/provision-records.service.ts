import type { ContractorRow, dataCategories, ProvisionRecordRow } from '../../../db/schema';

type DataCategory = (typeof dataCategories)[number];

import { civilDate } from '../../domain/calendar';
import { isCountryCode } from '../../domain/countries';
import { keepsProvisionRecords, provisionCountries, recordMethodOf, retainUntil } from '../../domain/provision-records';
import type { ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import { newId } from '../../platform/ids';
import { keysetPage } from '../../platform/keyset';
import { type FieldError, fieldError, invalidFields } from '../../platform/problem';
import { findContractor, getContractorRow } from '../contractors/contractors.repo';
import {
  contractorsWithRecords,
  countProvisionRecords,
  getProvisionRecordRow,
  insertProvisionRecord,
  type ProvisionRecordWithName,
  provisionRecordRows,
  provisionRecordUpdate,
  recordableContractorRows,
} from './provision-records.repo';
import type {
  CreateProvisionRecordInput,
  PatchProvisionRecordInput,
  ProvisionFilter,
} from './provision-records.schemas';

/** A record as the API shows it: what Rules Art. 20 asks for, and how long it is kept. */
export function presentProvisionRecord(row: ProvisionRecordWithName) {
  return {
    id: row.id,
    contractorId: row.contractorId,
    contractorName: row.contractorName,
    providedFrom: row.providedFrom,
    providedUntil: row.providedUntil,
    country: row.country,
    dataCategories: row.dataCategories as DataCategory[],
    subjects: row.subjects,
    items: row.items,
    consentNote: row.consentNote,
    recordMethod: recordMethodOf(row) as 'per_provision' | 'collective',
    retainUntil: row.retainUntil,
    createdBy: row.createdBy,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
export type ProvisionRecordView = ReturnType<typeof presentProvisionRecord>;

type Content = Pick<
  ProvisionRecordRow,
  'providedFrom' | 'providedUntil' | 'country' | 'dataCategories' | 'subjects' | 'items' | 'consentNote'
>;

/**
 * What a record of a provision to this contractor must satisfy: the contractor is one whose
 * provisions are recorded (consent abroad, or data abroad), the country is one where it is
 * or handles the data, the period runs forwards and has begun, and with consent as the
 * basis the record says so (本人の同意を得ている旨, Rules Art. 20(1)(ii)(イ)).
 */
function check(contractor: ContractorRow, r: Content, today: string): void {
  if (!keepsProvisionRecords(contractor)) {
    throw invalidFields([fieldError('contractorId', 'provisionNotRecorded', { name: contractor.name })]);
  }
  const errors: FieldError[] = [];
  const allowed = provisionCountries(contractor);
  if (!isCountryCode(r.country)) errors.push(fieldError('country', 'countryCode'));
  else if (allowed.length && !allowed.includes(r.country)) {
    errors.push(fieldError('country', 'provisionCountry', { countries: allowed.join(', ') }));
  }
  if (r.providedFrom > today) errors.push(fieldError('providedFrom', 'notInFuture'));
  if (r.providedUntil !== null && r.providedUntil < r.providedFrom) {
    errors.push(fieldError('providedUntil', 'notBefore', { field: 'providedFrom' }));
  }
  if (contractor.crossBorderBasis === 'consent' && !r.consentNote?.trim()) {
    errors.push(fieldError('consentNote', 'provisionConsentNote'));
  }
  if (errors.length) throw invalidFields(errors);
}

export async function getProvisionRecord(ctx: ServiceContext, id: string): Promise<ProvisionRecordView> {
  return presentProvisionRecord(await getProvisionRecordRow(ctx.db, id));
}

export async function listProvisionRecords(
  ctx: ServiceContext,
  q: ProvisionFilter & { limit: number; cursor?: string },
) {
  const after = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const rows = await provisionRecordRows(ctx.db, { ...q, after, limit: q.limit + 1 });
  return keysetPage(rows, q.limit, (r) => [r.providedFrom, r.id], presentProvisionRecord);
}

/** How many records the filters match in all (a page's "x–y of total"). */
export const countProvisionRecordsMatching = (ctx: ServiceContext, q: ProvisionFilter) =>
  countProvisionRecords(ctx.db, q);

/** Records a provision (Art. 29(1)); its retention is derived (Rules Art. 21), never given. */
export async function createProvisionRecord(
  ctx: ServiceContext,
  input: CreateProvisionRecordInput,
): Promise<ProvisionRecordView> {
  const contractor = await findContractor(ctx.db, input.contractorId);
  if (!contractor) {
    throw invalidFields([fieldError('contractorId', 'noSuchContractor', { id: input.contractorId })]);
  }
  const today = ctx.clock.today();
  const content: Content = {
    providedFrom: input.providedFrom,
    providedUntil: input.providedUntil ?? null,
    country: input.country.trim().toUpperCase(),
    dataCategories: input.dataCategories,
    subjects: input.subjects,
    items: input.items,
    consentNote: input.consentNote ?? null,
  };
  check(contractor, content, today);
  const now = ctx.clock.now().toISOString();
  const row: ProvisionRecordRow = {
    id: newId(),
    contractorId: contractor.id,
    ...content,
    retainUntil: retainUntil({ ...content, recordedOn: today }),
    createdBy: ctx.actor.id,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
  const view = presentProvisionRecord({ ...row, contractorName: contractor.name });
  await writeAudited(
    ctx,
    [insertProvisionRecord(ctx.db, row)],
    [{ action: 'provision_record.create', entityType: 'provision_record', entityId: row.id, after: view }],
  );
  return view;
}

/** Corrects a record; its retention follows the corrected period, counted from the day it was first recorded. */
export async function patchProvisionRecord(
  ctx: ServiceContext,
  id: string,
  patch: PatchProvisionRecordInput,
  ifMatch: string | undefined,
): Promise<ProvisionRecordView> {
  const { contractorName, ...current } = await getProvisionRecordRow(ctx.db, id);
  checkIfMatch(ifMatch, current.version);
  const contractor = await getContractorRow(ctx.db, current.contractorId);
  const content: Content = {
    providedFrom: patch.providedFrom ?? current.providedFrom,
    providedUntil: patch.providedUntil !== undefined ? patch.providedUntil : current.providedUntil,
    country: patch.country !== undefined ? patch.country.trim().toUpperCase() : current.country,
    dataCategories: patch.dataCategories ?? current.dataCategories,
    subjects: patch.subjects ?? current.subjects,
    items: patch.items ?? current.items,
    consentNote: patch.consentNote !== undefined ? patch.consentNote : current.consentNote,
  };
  check(contractor, content, ctx.clock.today());
  const recordedOn = civilDate(new Date(current.createdAt), ctx.config.timeZone);
  const next: ProvisionRecordRow = {
    ...current,
    ...content,
    retainUntil: retainUntil({ ...content, recordedOn }),
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  const after = presentProvisionRecord({ ...next, contractorName });
  await commitVersioned(ctx, provisionRecordUpdate(ctx.db, current, next), [
    {
      action: 'provision_record.update',
      entityType: 'provision_record',
      entityId: id,
      before: presentProvisionRecord({ ...current, contractorName }),
      after,
    },
  ]);
  return after;
}

/** At most this many contractors are offered in a page's choice (a page, not a directory). */
const CHOICES = 500;

/** The contractors a list of records can be narrowed to. */
export const contractorsWithProvisionRecords = (ctx: ServiceContext) => contractorsWithRecords(ctx.db, CHOICES);

/** The contractors a new record may be about, with the countries it may name. */
export async function recordableContractors(ctx: ServiceContext) {
  const rows = await recordableContractorRows(ctx.db, CHOICES);
  return rows.filter(keepsProvisionRecords).map((r) => ({
    id: r.id,
    name: r.name,
    countries: provisionCountries(r),
    consent: r.crossBorderBasis === 'consent',
  }));
}
