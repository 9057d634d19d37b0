import { addDays, addMonths } from './calendar';

/**
 * The eight items a consignment contract should cover (JIS Q 15001:2017 A.3.4.3.4 a)–h),
 * 3.4.3.4 in the 2006 edition; the PPC General Guidelines §3-4-4 (2) ask for a contract
 * with the contractor as part of its supervision).
 */
export const clauseNames = [
  'responsibilities',
  'securityMeasures',
  'reconsignment',
  'reporting',
  'complianceChecks',
  'breachOfContract',
  'incidentReporting',
  'afterTermination',
] as const;
export type ClauseName = (typeof clauseNames)[number];
export type Clauses = Record<ClauseName, boolean>;

export const missingClauses = (clauses: Clauses): ClauseName[] => clauseNames.filter((name) => !clauses[name]);

export interface AgreementDates {
  startDate: string;
  endDate: string | null;
  autoRenew: boolean;
  renewalTermMonths: number | null;
  noticePeriodDays: number | null;
  terminatedOn: string | null;
}

export type AgreementStatus = 'pending' | 'active' | 'expired' | 'terminated';

/**
 * The end date in force today: an auto-renewing agreement whose end has passed rolls
 * forward one renewal term at a time until the end is today or later.
 */
export function currentEndDate(a: AgreementDates, today: string): string | null {
  if (a.endDate === null) return null;
  if (!a.autoRenew || !a.renewalTermMonths) return a.endDate;
  let end = a.endDate;
  // Count whole terms from the original end so month-end clamping does not drift.
  for (let terms = 1; end < today; terms++) end = addMonths(a.endDate, a.renewalTermMonths * terms);
  return end;
}

/** The last day to give notice so that the agreement does not renew (end − notice period). */
export function noticeDeadline(a: AgreementDates, today: string): string | null {
  const end = currentEndDate(a, today);
  if (end === null || a.noticePeriodDays === null) return null;
  return addDays(end, -a.noticePeriodDays);
}

export function agreementStatus(a: AgreementDates, today: string): AgreementStatus {
  if (a.terminatedOn !== null && a.terminatedOn <= today) return 'terminated';
  if (a.startDate > today) return 'pending';
  const end = currentEndDate(a, today);
  if (end !== null && end < today) return 'expired';
  return 'active';
}
