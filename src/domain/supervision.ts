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
  | 'cross_border_confirmation'
  | 'parent_report';
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

/**
 * A parent contractor's report on its sub-contractor (supervision through the parent,
 * 通則編 3-4-4 「委託先を通じて又は必要に応じて自らが」). It is recorded on the
 * sub-contractor and scheduled by hand, like a document review, but it is the parent's
 * account, not our own supervision of the sub-contractor: it never stands in for our next
 * review in `next_review_due` (an open report does not make a contractor look on track),
 * and a passing one does not restart the periodic cycle. A failing one still gets our own
 * follow-up within a month.
 */
export const PARENT_REPORT: ReviewKind = 'parent_report';

/** Whether an open review of this kind counts as the contractor's next review (`next_review_due`). */
export const countsAsOwnSupervision = (kind: ReviewKind): boolean => kind !== PARENT_REPORT;

/**
 * What completing a review schedules next, in order (the first is the "next review"):
 * - a failing outcome: a follow-up within a month;
 * - a cross-border confirmation, whatever its outcome: the next one within 12 months
 *   (Enforcement Rules Art. 18(1)(i), 「年に1回程度」: a failed confirmation calls for
 *   measures or for stopping the provision, Art. 18(1)(ii), not for dropping the yearly check);
 * - a passing parent report: nothing (see PARENT_REPORT);
 * - any other passing review: the next periodic review after the tier's interval.
 */
export function reviewsAfter(
  completed: { kind: ReviewKind; outcome: ReviewOutcome; completedOn: string },
  intervalMonths: number,
): { kind: ReviewKind; dueDate: string }[] {
  const plans: { kind: ReviewKind; dueDate: string }[] = [];
  const passed = passingOutcomes.includes(completed.outcome);
  if (!passed) plans.push({ kind: 'follow_up', dueDate: addMonths(completed.completedOn, FOLLOW_UP_MONTHS) });
  if (completed.kind === 'cross_border_confirmation') {
    plans.push({
      kind: 'cross_border_confirmation',
      dueDate: addMonths(completed.completedOn, CROSS_BORDER_CONFIRMATION_MONTHS),
    });
  } else if (passed && completed.kind !== PARENT_REPORT) {
    plans.push({ kind: 'periodic', dueDate: addMonths(completed.completedOn, intervalMonths) });
  }
  return plans;
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
