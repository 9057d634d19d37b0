import ical, { ICalEventTransparency } from 'ical-generator';
import { addDays } from '../../domain/calendar';
import { toCleanText, toOneLine } from '../../platform/text-output';

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

/**
 * Renders the feed as iCalendar (RFC 5545) with ical-generator. Every event is an all-day
 * DATE value written from the civil date string, so neither the host's nor a client's time
 * zone can move it (ical-generator 11 writes a date-only string as it is). The
 * organisation's zone is announced as X-WR-TIMEZONE through an X-property rather than
 * ical-generator's `timezone()`: that option (still in 11.1) would print DTSTAMP and
 * LAST-MODIFIED as floating local times, where RFC 5545 requires UTC, and shift all-day
 * dates by the host's offset.
 *
 * ical-generator escapes line breaks, but RFC 5545 (3.3.11) allows no other control
 * character in TEXT: SUMMARY is reduced to one line and DESCRIPTION keeps only its line
 * breaks and tabs, with controls and bidi overrides removed, whatever the rows hold.
 */
export function renderCalendar(entries: readonly CalendarEntry[], options: CalendarOptions): string {
  const calendar = ical({
    prodId: { company: 'itaku', product: 'supervision calendar', language: 'JA' },
    name: 'itaku',
    description: toOneLine(
      ['委託先の監督予定と期限 / Contractor supervision schedule and deadlines', options.note]
        .filter(Boolean)
        .join(' — '),
    ),
    ttl: 60 * 60,
    x: { 'X-WR-TIMEZONE': options.timeZone },
  });
  for (const e of entries) {
    calendar.createEvent({
      id: toOneLine(e.uid),
      allDay: true,
      start: e.date,
      end: addDays(e.date, 1), // DTEND is exclusive: a one-day event
      stamp: options.now,
      lastModified: new Date(e.lastModified),
      sequence: e.sequence,
      summary: toOneLine(e.summary),
      description: toCleanText(e.description),
      url: e.url,
      categories: [{ name: toOneLine(e.category) }],
      transparency: ICalEventTransparency.TRANSPARENT,
    });
  }
  return calendar.toString();
}
