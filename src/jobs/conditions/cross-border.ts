import { sql } from 'drizzle-orm';
import { confirmationDueBySql } from '../../domain/cross-border';
import { type AlertCondition, liveContractor, openReview, type SweepParams } from '../sweep.params';

const failing = sql.raw(`('major_findings', 'unsatisfactory')`);

/** The contractor's last completed confirmation date (reviews_completed_idx). */
const lastConfirmation = sql.raw(`(SELECT MAX(l.completed_on) FROM reviews l WHERE l.contractor_id = c.id
  AND l.status = 'completed' AND l.kind = 'cross_border_confirmation')`);
const dueBy = confirmationDueBySql(lastConfirmation);

/**
 * Equivalent measures, and no open confirmation due within 12 months of the last one
 * (none at all, or one moved later): Enforcement Rules Art. 18(1)(i) asks for it yearly.
 * Before any confirmation was completed, any open one covers the contractor.
 */
const unscheduled = () => sql`contractors c
  WHERE c.cross_border_basis = 'equivalent_measures' AND ${liveContractor}
    AND NOT EXISTS (SELECT 1 FROM reviews r WHERE r.contractor_id = c.id AND ${openReview}
      AND r.kind = 'cross_border_confirmation' AND (${lastConfirmation} IS NULL OR r.due_date <= ${dueBy}))`;

/**
 * The contractor's latest completed confirmation failed (major findings or unsatisfactory)
 * and no confirmation has been completed since: Art. 18(1)(ii) asks for the measures to be
 * taken, or the provision stopped. One row per contractor: the latest by (completed_on,
 * updated_at, id). Cleared by a later passing confirmation, or by the termination. The
 * partial index holds only completed confirmations: without INDEXED BY, SQLite would read
 * every confirmation, open ones too, through reviews_kind_idx.
 */
const measuresRequired =
  () => sql`reviews r INDEXED BY reviews_cross_border_done_idx JOIN contractors c ON c.id = r.contractor_id
  WHERE r.kind = 'cross_border_confirmation' AND r.status = 'completed' AND r.outcome IN ${failing} AND ${liveContractor}
    AND NOT EXISTS (SELECT 1 FROM reviews r2 WHERE r2.contractor_id = r.contractor_id
      AND r2.status = 'completed' AND r2.kind = 'cross_border_confirmation'
      AND (r2.completed_on, r2.updated_at, r2.id) > (r.completed_on, r.updated_at, r.id))`;

/** Alert conditions of Contractors abroad (APPI Art. 28; Enforcement Rules Art. 16–18). */
export const crossBorderConditions: AlertCondition[] = [
  {
    kind: 'cross_border_unscheduled',
    subjectType: 'contractor',
    source: unscheduled,
    subject: sql.raw('c.id'),
    contractor: sql.raw('c.id'),
    due: dueBy,
    severity: (p: SweepParams) => sql`CASE WHEN ${dueBy} < ${p.today} THEN 'critical' ELSE 'warning' END`,
    message: sql`'No yearly cross-border confirmation (Enforcement Rules Art. 18(1)(i)) is scheduled for ' || c.name
      || coalesce(' by ' || ${dueBy}, '')`,
  },
  {
    kind: 'cross_border_measures_required',
    subjectType: 'contractor',
    source: measuresRequired,
    subject: sql.raw('r.contractor_id'),
    contractor: sql.raw('r.contractor_id'),
    due: sql.raw('r.completed_on'),
    severity: () => sql`'critical'`,
    message: sql`'The cross-border confirmation of ' || c.name || ' on ' || r.completed_on
      || ' failed: take the necessary measures or stop providing the data (Enforcement Rules Art. 18(1)(ii))'`,
  },
];
