import { addDays, daysBetween } from '../../domain/calendar';
import { assessRisk } from '../../domain/risk';
import { DUE_SOON_DAYS, supervisionStatusOf } from '../../domain/supervision-status';
import type { Db } from '../../platform/db';
import { type StatusRow, supervisionPage, supervisionWhere } from './exports.repo';
import { csvPages, SUPERVISION_PAGE_ROWS, type SupervisionRowsJob } from './exports.rows';
import { type SupervisionLine, supervisionColumns } from './supervision.columns';

/** The data lines of supervision-status.csv, a page per chunk. */
export function supervisionRows(db: Db, job: SupervisionRowsJob): AsyncGenerator<Uint8Array> {
  const { today, format } = job;
  const soon = addDays(today, DUE_SOON_DAYS);
  const where = supervisionWhere(job.filter, today, soon);
  const line = (r: StatusRow): SupervisionLine => {
    const risk = assessRisk({
      handlesSpecialCare: !!r.handles_special_care,
      handlesPaymentData: !!r.handles_payment_data,
      subjectCount: r.subject_count,
      systemAccess: !!r.system_access,
      country: r.country,
      isSubContractor: r.parent_id !== null,
      processingCountries: JSON.parse(r.processing_countries) as string[],
    });
    const supervision = supervisionStatusOf({ status: r.status, nextReviewDue: r.next_review_due }, today, soon);
    return {
      ...r,
      categories: JSON.parse(r.data_categories) as string[],
      riskFactors: risk.factors,
      supervision,
      daysOverdue: supervision === 'overdue' && r.next_review_due ? daysBetween(r.next_review_due, today) : 0,
      reviewIntervalMonths: job.reviewIntervals[r.risk_tier],
    };
  };
  return csvPages<StatusRow>(
    (afterId) => supervisionPage(db, where, today, afterId, SUPERVISION_PAGE_ROWS),
    (r) => {
      const l = line(r);
      return supervisionColumns.map((c) => c.value(l, format));
    },
    SUPERVISION_PAGE_ROWS,
  );
}
