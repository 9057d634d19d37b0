import { describe, expect, it } from 'vitest';
import { nextOpenDay, reportDeadlines } from '../../src/domain/incident-deadlines';
import { HOLIDAY_DATA_ENDS, holidayDataWarning, isClosedDay } from '../../src/domain/japanese-holidays';

describe('extra closed days (行政機関の休日に関する法律 Art. 1; 通則編 3-5-3-4 ※2)', () => {
  // 2019-05-01 (即位の日) and 2019-10-22 (即位礼正殿の儀) were one-off holidays enacted by
  // their own law: a day like that must be addable without waiting for a package release.
  const extra = new Set(['2026-07-01', '2026-07-02']);

  it.each([
    // day 30 = 2026-07-01 (Wed): an extra closed day, and so is the 2nd → Fri 07-03
    ['2026-06-02', false, extra, '2026-07-03'],
    // without them it stays put (the existing vector)
    ['2026-06-02', false, undefined, '2026-07-01'],
    // an extra day after a weekend lengthens the roll: day 30 = Sat 2026-05-09 → Mon 11 closed → Tue 12
    ['2026-04-10', false, new Set(['2026-05-11']), '2026-05-12'],
    // one that the deadline does not reach changes nothing
    ['2026-04-10', false, new Set(['2026-05-13']), '2026-05-11'],
  ])('discovered %s (wrongful %s) with %o → final %s', (discovered, wrongful, days, final) => {
    expect(reportDeadlines(discovered, wrongful, days).finalDueOn).toBe(final);
  });

  it('treats an extra day as closed, and only it', () => {
    expect(isClosedDay('2026-07-01', extra)).toBe(true);
    expect(isClosedDay('2026-07-01')).toBe(false);
    expect(nextOpenDay('2026-06-30', extra)).toBe('2026-06-30');
    expect(nextOpenDay('2026-07-01', extra)).toBe('2026-07-03');
  });
});

describe('the end of the holiday data', () => {
  it('knows where the data ends (the year of its last holiday, 2050)', () => {
    expect(HOLIDAY_DATA_ENDS).toBe('2050-12-31');
  });

  it.each([
    ['2026-12-02', [], null],
    ['2048-12-31', [], null], // exactly two years before: not yet
    ['2049-01-01', [], 'within 2 years'],
    ['2026-12-02', ['2027-01-29'], null],
    ['2026-12-02', ['2051-01-05'], 'a deadline falls on 2051-01-05'],
  ] as const)('today %s, dates in play %o → %s', (today, dates, expected) => {
    const warning = holidayDataWarning(today, dates);
    if (expected === null) expect(warning).toBeNull();
    else expect(warning).toContain(expected);
  });
});
