import { describe, expect, it } from 'vitest';
import { addDays, addMonths, civilDate, daysBetween, isCivilDate, weekday } from '../../src/domain/calendar';
import { FixedClock } from '../../src/platform/clock';

describe('civil dates in the organisation time zone', () => {
  it.each([
    ['2026-11-29T14:59:59Z', 'Asia/Tokyo', '2026-11-29'],
    ['2026-11-29T15:00:00Z', 'Asia/Tokyo', '2026-11-30'],
    ['2026-11-29T15:00:00Z', 'UTC', '2026-11-29'],
    ['2026-03-29T00:30:00Z', 'Europe/Berlin', '2026-03-29'],
  ])('%s in %s is %s', (instant, zone, date) => {
    expect(civilDate(new Date(instant), zone)).toBe(date);
  });

  it('gives the fake clock the same notion of today', () => {
    const clock = new FixedClock('2026-12-31T15:00:00Z');
    expect(clock.today()).toBe('2027-01-01');
    clock.advanceDays(-1);
    expect(clock.today()).toBe('2026-12-31');
  });

  it.each([
    ['2026-02-28', true],
    ['2026-02-29', false],
    ['2028-02-29', true],
    ['2026-13-01', false],
    ['2026-1-01', false],
    ['0099-02-28', true],
    ['0099-02-29', false],
    ['20260101', false],
  ])('isCivilDate(%s) = %s', (value, ok) => {
    expect(isCivilDate(value)).toBe(ok);
  });

  it.each([
    ['2026-01-31', 1, '2026-02-28'],
    ['2028-01-31', 1, '2028-02-29'],
    ['2026-08-31', 6, '2027-02-28'],
    ['2026-05-15', 12, '2027-05-15'],
    ['2026-03-31', -1, '2026-02-28'],
  ])('addMonths(%s, %i) = %s', (date, n, expected) => {
    expect(addMonths(date, n)).toBe(expected);
  });

  it('adds days across month and year ends and counts days between', () => {
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
    expect(daysBetween('2026-12-01', '2027-01-04')).toBe(34);
    expect(daysBetween('2027-01-04', '2026-12-01')).toBe(-34);
    expect(weekday('2026-11-29')).toBe(0);
  });
});
