import ICAL from 'ical.js';
import { afterAll, describe, expect, it } from 'vitest';
import { renderCalendar } from '../../src/modules/calendar/calendar.ics';

const entry = (uid: string, date: string) => ({
  uid,
  date,
  summary: '定期監督 株式会社サンプル物流',
  description: '委託先の取扱状況の確認',
  url: null,
  sequence: 1,
  lastModified: '2026-11-30T23:30:00.000Z',
  category: 'review',
});

const originalTz = process.env.TZ;
afterAll(() => {
  process.env.TZ = originalTz;
});

describe('the iCalendar rendering', () => {
  // ical-generator 10.2 read dates with the host's local getters once any zone was
  // involved, so west of UTC all-day events moved a day early; 11 writes civil date
  // strings as they are, whatever the host's zone.
  it.each([
    ['America/Los_Angeles', 480],
    ['Pacific/Kiritimati', -840],
    ['Asia/Tokyo', -540],
    ['UTC', 0],
  ])('keeps every all-day date whatever the host zone (%s)', (zone, offsetMinutes) => {
    process.env.TZ = zone;
    // The premise: the zone really changed for this process.
    expect(new Date('2026-12-01T12:00:00Z').getTimezoneOffset()).toBe(offsetMinutes);
    const dates = ['2026-12-01', '2026-12-31', '2027-01-01', '2028-02-29'];
    const ics = renderCalendar(
      dates.map((d, i) => entry(`e${i}`, d)),
      { timeZone: 'Asia/Tokyo', now: new Date('2026-11-30T23:30:00Z') },
    );
    const events = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent').map((v) => new ICAL.Event(v));
    expect(events.map((e) => e.startDate.toString())).toEqual(dates);
    expect(events.map((e) => e.endDate.toString())).toEqual(['2026-12-02', '2027-01-01', '2027-01-02', '2028-03-01']);
    expect(events.every((e) => e.startDate.isDate)).toBe(true);
    // DTSTAMP and LAST-MODIFIED stay UTC as RFC 5545 requires.
    expect(ics).toContain('DTSTAMP:20261130T233000Z');
    expect(ics).toContain('LAST-MODIFIED:20261130T233000Z');
    expect(ics).toContain('X-WR-TIMEZONE:Asia/Tokyo');
  });
});
