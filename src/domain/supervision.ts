import { addMonths } from './calendar';

/**
 * Supervision rules (APPI Art. 25; PPC General Guidelines §3-4-4: select the contractor
 * appropriately, then keep track of how it handles the data).
 */

export type ReviewKind =
  | 'selection'
  | 'periodic'
  | 'document_review'
  | 'on_site_audit'
  | 'follow_up'
  | 'cross_border_confirmation';
export type ReviewOutcome = 'satisfactory' | 'minor_findings' | 'major_findings' | 'unsatisfactory';
export type ContractorStatus = 'proposed' | 'approved' | 'active' | 'suspended' | 'terminated';

/** Outcomes that let a contractor be selected (approved) and that need no follow-up. */
export const passingOutcomes: readonly ReviewOutcome[] = ['satisfactory', 'minor_findings'];

/** A follow-up review is due within one month of a failing review. */
export const FOLLOW_UP_MONTHS = 1;

/**
 * APPI Enforcement Rules Art. 18(1)(i): with `equivalent_measures`, the implementation of
 * those measures abroad is confirmed periodically, at least once a year.
 */
export const CROSS_BORDER_CONFIRMATION_MONTHS = 12;

/** What completing a review schedules next. */
export function nextReviewAfter(
  completed: { kind: ReviewKind; outcome: ReviewOutcome; completedOn: string },
  intervalMonths: number,
): { kind: ReviewKind; dueDate: string } {
  if (!passingOutcomes.includes(completed.outcome)) {
    return { kind: 'follow_up', dueDate: addMonths(completed.completedOn, FOLLOW_UP_MONTHS) };
  }
  if (completed.kind === 'cross_border_confirmation') {
    return {
      kind: 'cross_border_confirmation',
      dueDate: addMonths(completed.completedOn, CROSS_BORDER_CONFIRMATION_MONTHS),
    };
  }
  return { kind: 'periodic', dueDate: addMonths(completed.completedOn, intervalMonths) };
}

/** The lifecycle: proposed → approved → active ⇄ suspended; anything → terminated. */
const moves: Record<ContractorStatus, readonly ContractorStatus[]> = {
  proposed: ['approved', 'terminated'],
  approved: ['active', 'terminated'],
  active: ['suspended', 'terminated'],
  suspended: ['active', 'terminated'],
  terminated: [],
};

export const canTransition = (from: ContractorStatus, to: ContractorStatus): boolean => moves[from].includes(to);
export const allowedTransitions = (from: ContractorStatus): readonly ContractorStatus[] => moves[from];
