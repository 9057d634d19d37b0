import type { ServiceContext } from '../../platform/app-env';
import { agreementNoticeEntry, contractorLink, incidentEntries, reviewEntry } from './calendar.entries';
import { type CalendarEntry, renderCalendar } from './calendar.ics';
import {
  OPEN_REVIEW_STATUSES,
  openReviewsPage,
  renewingAgreementsPage,
  reportableIncidentsPage,
} from './calendar.repo';

/** Rows per query. */
export const CALENDAR_PAGE_SIZE = 500;
/**
 * At most this many events per feed (about 5 MB of iCalendar, what calendar clients still
 * accept as a subscription). Beyond that the feed is cut short and says so;
 * `?contractorId=` narrows it. Incident and notice deadlines are read first, so a cut only
 * ever drops the latest reviews. (ical-generator 11 renders about 10,000 events a second.)
 */
export const MAX_CALENDAR_EVENTS = 10_000;

export interface CalendarFeed {
  ics: string;
  events: number;
  truncated: boolean;
}

// Between pages: lets other requests run on Node's single better-sqlite3 connection.
const yieldToOthers = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * Reads keyset pages until a short page or the cap. `convert` turns a row into entries;
 * `keyOf` gives the next page's cursor from the last row.
 */
async function collect<Row, Key>(
  into: CalendarEntry[],
  page: (after: Key | undefined, limit: number) => Promise<Row[]>,
  keyOf: (row: Row) => Key,
  convert: (row: Row) => CalendarEntry[],
): Promise<boolean> {
  let after: Key | undefined;
  for (;;) {
    const rows = await page(after, CALENDAR_PAGE_SIZE);
    for (const row of rows) {
      const entries = convert(row);
      if (into.length + entries.length > MAX_CALENDAR_EVENTS) return false;
      into.push(...entries);
    }
    const last = rows.at(-1);
    if (rows.length < CALENDAR_PAGE_SIZE || !last) return true;
    after = keyOf(last);
    await yieldToOthers();
  }
}

/**
 * The supervision calendar: each open review on its due date, each report still owed on
 * a reportable incident on its deadline, and each auto-renewing agreement's notice
 * deadline, as all-day events. Completed and cancelled reviews are left out.
 */
export async function buildCalendar(ctx: ServiceContext, q: { contractorId?: string }): Promise<CalendarFeed> {
  const today = ctx.clock.today();
  const link = contractorLink(ctx.config.publicUrl);
  const { db } = ctx;
  const { contractorId } = q;
  const entries: CalendarEntry[] = [];

  // In order of urgency: under the cap, only the latest reviews can be left out.
  const readers = [
    () =>
      collect(
        entries,
        (afterId: string | undefined, limit) => reportableIncidentsPage(db, { contractorId, afterId, limit }),
        (row) => row.id,
        (row) => incidentEntries(row, link),
      ),
    () =>
      collect(
        entries,
        (after: { currentEndDate: string; id: string } | undefined, limit) =>
          renewingAgreementsPage(db, { today, contractorId, after, limit }),
        (row) => ({ currentEndDate: row.storedEndDate ?? '', id: row.id }), // never null: the query requires it
        (row) => agreementNoticeEntry(row, today, link),
      ),
    ...OPEN_REVIEW_STATUSES.map(
      (status) => () =>
        collect(
          entries,
          (after: { dueDate: string; id: string } | undefined, limit) =>
            openReviewsPage(db, { status, contractorId, after, limit }),
          (row) => ({ dueDate: row.dueDate, id: row.id }),
          (row) => [reviewEntry(row, link)],
        ),
    ),
  ];
  let truncated = false;
  for (const read of readers) {
    if (!(await read())) {
      truncated = true;
      break;
    }
  }
  const ics = renderCalendar(entries, {
    timeZone: ctx.config.timeZone,
    now: ctx.clock.now(),
    note: truncated
      ? `先頭の${MAX_CALENDAR_EVENTS}件のみ。contractorId で絞り込んでください / First ${MAX_CALENDAR_EVENTS} events only: filter with contractorId`
      : undefined,
  });
  return { ics, events: entries.length, truncated };
}
