import { type SQL, sql } from 'drizzle-orm';
import { addMonths } from './calendar';
import { CROSS_BORDER_CONFIRMATION_MONTHS, passingOutcomes, type ReviewOutcome } from './supervision';

/**
 * The yearly confirmation of a contractor abroad that relies on equivalent measures
 * (APPI Art. 28(1); Enforcement Rules Art. 18(1)(i): 「年に1回程度」 confirm how the
 * recipient implements the measures and whether anything in its country could affect
 * them), and what a failed one calls for (Art. 18(1)(ii): take the necessary measures,
 * or stop providing the data when they cannot be ensured).
 */

/** A confirmation with these outcomes found that the recipient does not keep the agreed measures. */
export const failedConfirmation = (outcome: ReviewOutcome): boolean => !passingOutcomes.includes(outcome);

/**
 * The latest date the next confirmation may be due: 12 months after the last completed
 * one. Before any confirmation has been completed, any open one keeps the contractor
 * covered (null: no bound yet); its first one is scheduled 12 months after the basis was recorded.
 */
export const confirmationDueBy = (lastCompletedOn: string | null): string | null =>
  lastCompletedOn === null ? null : addMonths(lastCompletedOn, CROSS_BORDER_CONFIRMATION_MONTHS);

/** Whether an open confirmation due on `dueDate` (or none: null) keeps the yearly rhythm. */
export function confirmationScheduled(openDueDates: readonly string[], lastCompletedOn: string | null): boolean {
  const bound = confirmationDueBy(lastCompletedOn);
  return openDueDates.some((due) => bound === null || due <= bound);
}

/**
 * `confirmationDueBy` in SQL over a date expression: SQLite's '+12 months' rolls
 * 29 February over into March, so a date whose day changed steps back to the month's last
 * day, as `addMonths` clamps (tested against each other in tests/unit/cross-border.test.ts).
 */
export const confirmationDueBySql = (last: SQL): SQL => {
  const plus = sql`date(${last}, '+${sql.raw(String(CROSS_BORDER_CONFIRMATION_MONTHS))} months')`;
  return sql`CASE WHEN strftime('%d', ${plus}) = strftime('%d', ${last}) THEN ${plus}
    ELSE date(${plus}, 'start of month', '-1 day') END`;
};
