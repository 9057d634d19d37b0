import type { IncidentRow } from '../../../db/schema';
import {
  contractorNoticeDueOn,
  contractorNoticeLate,
  preliminaryWindow,
  reportability,
  reportDay1,
  reportDeadlines,
} from '../../domain/incident-deadlines';
import { type FieldError, fieldError, invalidFields } from '../../platform/problem';
import type { Authority } from './incidents.schemas';

/** The row's facts as the domain's factors (Enforcement Rules Art. 7). */
export const factorsOf = (r: IncidentRow) => ({
  specialCare: r.factorSpecialCare,
  financialHarm: r.factorFinancialHarm,
  wrongfulAct: r.factorWrongfulAct,
  overThousand: r.factorOverThousand,
  highlyEncrypted: r.factorHighlyEncrypted,
});

/** Stored as `ppc` or `minister:<name>`: one text column, read back as the API's shape. */
export const authorityText = (a: Authority | null | undefined): string | null =>
  a == null ? null : a.kind === 'ppc' ? 'ppc' : `minister:${a.minister}`;

export const authorityOf = (text: string | null): Authority =>
  text?.startsWith('minister:')
    ? { kind: 'delegated_minister', minister: text.slice('minister:'.length) }
    : { kind: 'ppc' };

export function presentIncident(r: IncidentRow, today: string) {
  const { reasons, excludedReasons } = reportability(factorsOf(r), r.affectedCount);
  const pending: { report: 'preliminary' | 'final'; dueOn: string }[] = [];
  if (r.status === 'open' && r.reportable) {
    if (!r.preliminaryReportedOn && !r.finalReportedOn && r.preliminaryDueOn) {
      pending.push({ report: 'preliminary', dueOn: r.preliminaryDueOn });
    }
    if (!r.finalReportedOn && r.finalDueOn) pending.push({ report: 'final', dueOn: r.finalDueOn });
  }
  const next = pending[0];
  const day1 = reportDay1(r.discoveredOn, r.becameReportableOn);
  return {
    id: r.id,
    contractorId: r.contractorId,
    summary: r.summary,
    discoveredOn: r.discoveredOn,
    affectedCount: r.affectedCount,
    factors: factorsOf(r),
    encryptionNote: r.encryptionNote,
    reportable: r.reportable,
    reportableReasons: reasons,
    excludedReasons,
    contractorAwareOn: r.contractorAwareOn,
    contractorNotifiedOn: r.contractorNotifiedOn,
    contractorNotice: r.contractorAwareOn
      ? {
          dueOn: contractorNoticeDueOn(r.contractorAwareOn),
          late: contractorNoticeLate(r.contractorAwareOn, r.contractorNotifiedOn),
        }
      : null,
    becameReportableOn: r.becameReportableOn,
    reportDay1: day1,
    reportedJointly: r.reportedJointly,
    authority: authorityOf(r.authority),
    preliminaryWindow: r.reportable ? preliminaryWindow(day1) : null,
    preliminaryDueOn: r.preliminaryDueOn,
    finalDueOn: r.finalDueOn,
    preliminaryReportedOn: r.preliminaryReportedOn,
    finalReportedOn: r.finalReportedOn,
    subjectsNotifiedOn: r.subjectsNotifiedOn,
    alternativeNotice: r.alternativeNotice ?? null,
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

export type UnderivedIncident = Omit<IncidentRow, 'reportable' | 'preliminaryDueOn' | 'finalDueOn'>;

/**
 * Reportability and deadlines follow the facts; recomputed on every change, counting from
 * the day it became reportable and rolling past the organisation's extra closed days too.
 */
export function derive(r: UnderivedIncident, extraClosed: ReadonlySet<string>): IncidentRow {
  const { reportable } = reportability(factorsOf(r as IncidentRow), r.affectedCount);
  const day1 = reportDay1(r.discoveredOn, r.becameReportableOn);
  const deadlines = reportable ? reportDeadlines(day1, r.factorWrongfulAct, extraClosed) : null;
  return {
    ...r,
    reportable,
    preliminaryDueOn: deadlines?.preliminaryDueOn ?? null,
    finalDueOn: deadlines?.finalDueOn ?? null,
  };
}

/** Dates in order and not in the future; the encryption exclusion says what it rests on. */
export function checkFacts(r: IncidentRow, today: string): void {
  const errors: FieldError[] = [];
  if (r.discoveredOn > today) errors.push(fieldError('discoveredOn', 'notInFuture'));
  for (const [path, value] of [
    ['preliminaryReportedOn', r.preliminaryReportedOn],
    ['finalReportedOn', r.finalReportedOn],
    ['subjectsNotifiedOn', r.subjectsNotifiedOn],
    ['becameReportableOn', r.becameReportableOn],
    ['alternativeNotice.on', r.alternativeNotice?.on ?? null],
  ] as const) {
    if (value && value < r.discoveredOn) errors.push(fieldError(path, 'notBefore', { field: 'discoveredOn' }));
    if (value && value > today) errors.push(fieldError(path, 'notInFuture'));
  }
  if (r.contractorAwareOn && r.contractorAwareOn > today) errors.push(fieldError('contractorAwareOn', 'notInFuture'));
  if (r.contractorNotifiedOn) {
    if (r.contractorNotifiedOn > today) errors.push(fieldError('contractorNotifiedOn', 'notInFuture'));
    if (r.contractorAwareOn && r.contractorNotifiedOn < r.contractorAwareOn) {
      errors.push(fieldError('contractorNotifiedOn', 'notBeforeContractorAware'));
    }
  }
  // Rules Art. 7(1) parenthesis, 通則編 3-5-3-1 ※: the exclusion needs the encryption and
  // the key's safety on record, or "encrypted" is only a word.
  if (r.factorHighlyEncrypted && !r.encryptionNote?.trim()) {
    errors.push(fieldError('encryptionNote', 'encryptionNoteRequired'));
  }
  if (errors.length) throw invalidFields(errors);
}
