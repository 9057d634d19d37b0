import type { Db } from '../../platform/db';
import { csvPages, EXPORT_PAGE_ROWS, type ReviewRowsJob } from './exports.rows';
import { type ReviewLine, reviewColumns } from './reviews.columns';
import { type ReviewExportRow, reviewsPage, reviewsWhere } from './reviews.repo';

/** The data lines of reviews.csv, a page per chunk (`pageRows` rows per read). */
export function reviewRows(db: Db, job: ReviewRowsJob, pageRows = EXPORT_PAGE_ROWS): AsyncGenerator<Uint8Array> {
  const { today, format } = job;
  const where = reviewsWhere(job.filter);
  return csvPages<ReviewExportRow>(
    (afterId) => reviewsPage(db, where, afterId, pageRows),
    (r) => {
      const l: ReviewLine = {
        ...r,
        overdue: (r.status === 'scheduled' || r.status === 'in_progress') && r.due_date < today,
      };
      return reviewColumns.map((c) => c.value(l, format));
    },
    pageRows,
  );
}
