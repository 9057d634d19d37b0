import ical, { ICalEventTransparency, type ICalTemporalPlainDateStub } from 'ical-generator';
import { addDays } from '../../domain/calendar';

/** One all-day entry of the feed. `date` is a civil date `YYYY-MM-DD` in the organisation's zone. */
export interface CalendarEntry {
  /** Stable across fetches, so that calendar clients update the event instead of adding another. */
  uid: string;
  date: string;
  summary: string;
  description: string;
  url: string | null;
  /** Increases whenever the subject changes (its row version), as RFC 5545 SEQUENCE should. */
  sequence: number;
  lastModified: string;
  category: string;
}

export interface CalendarOptions {
  timeZone: string;
  now: Date;
  /** Appended to the calendar description, e.g. when the feed was cut short. */
  note?: string;
}

const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * A civil date shaped like Temporal.PlainDate, which ical-generator writes from its year,
 * month and day fields (`DTSTART;VALUE=DATE:20261201`) with no JS Date in between. A Date
 * or a date string would go through `new Date()`, and once any time zone is involved
 * ical-generator reads it with the host's local getters: west of UTC the event would
 * land a day early. (ical-generator tells a PlainDate by its `toPlainDateTime` method,
 * which it never calls for all-day values.)
 */
export function plainDate(date: string): ICalTemporalPlainDateStub & { toPlainDateTime(): never } {
  const m = DATE_RE.exec(date);
  if (!m) throw new RangeError(`not a civil date: ${date}`);
  return {
    year: Number(m[1]),
    month: Number(m[2]),
    day: Number(m[3]),
    toString: () => date,
    toJSON: () => date,
    toPlainDateTime: () => {
      throw new Error('an all-day calendar date has no time of day');
    },
  };
}

/**
 * Renders the feed as iCalendar (RFC 5545) with ical-generator. Every event is an all-day
 * DATE value, so no client's time zone can move it. The organisation's zone is announced
 * as X-WR-TIMEZONE through an X-property rather than ical-generator's `timezone()`:
 * that option would also print DTSTAMP and LAST-MODIFIED as floating local times of the
 * host, where RFC 5545 requires UTC.
 */
export function renderCalendar(entries: readonly CalendarEntry[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'itaku', product: 'supervision calendar', language: 'JA' },
    name: 'itaku',
    description: ['委託先の監督予定と期限 / Contractor supervision schedule and deadlines', options.note]
      .filter(Boolean)
      .join(' — '),
    ttl: 60 * 60,
    x: { 'X-WR-TIMEZONE': options.timeZone },
  });
  for (const e of entries) {
    calendar.createEvent({
      id: e.uid,
      allDay: true,
      start: plainDate(e.date),
      end: plainDate(addDays(e.date, 1)), // DTEND is exclusive: a one-day event
      stamp: options.now,
      lastModified: new Date(e.lastModified),
      sequence: e.sequence,
      summary: e.summary,
      description: e.description,
      url: e.url,
      categories: [{ name: e.category }],
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}
