import { describe, expect, it } from 'vitest';
import { nextOpenDay, reportability, reportDeadlines } from '../../src/domain/incident-deadlines';
import { isClosedDay, japaneseHoliday } from '../../src/domain/japanese-holidays';

const none = { specialCare: false, financialHarm: false, wrongfulAct: false, overThousand: false };

describe('final report deadline on the real calendar', () => {
  it.each([
    // day 30 = 2026-12-30, in the year-end closure → first open day 2027-01-04 (Mon)
    ['2026-12-01', false, '2026-12-05', '2027-01-04'],
    // day 30 = 2026-05-09 (Sat) → Mon 2026-05-11
    ['2026-04-10', false, '2026-04-14', '2026-05-11'],
    // wrongful act: day 60 = 2026-04-29 (Shōwa Day) → 2026-04-30
    ['2026-03-01', true, '2026-03-05', '2026-04-30'],
    // Golden Week: day 30 = 2026-05-03 (Constitution Day, Sun); 4, 5 holidays; 6 substitute holiday → 05-07
    ['2026-04-04', false, '2026-04-08', '2026-05-07'],
    // day 30 = 2025-11-24, substitute holiday for Labour Thanksgiving (Sun 23rd) → 11-25
    ['2025-10-26', false, '2025-10-30', '2025-11-25'],
    // an ordinary weekday stays put: day 30 = 2026-07-01 (Wed)
    ['2026-06-02', false, '2026-06-06', '2026-07-01'],
    // day 1 counts: discovered on 2026-01-05 → day 30 is 2026-02-03 (Tue)
    ['2026-01-05', false, '2026-01-09', '2026-02-03'],
  ])('discovered %s (wrongful act %s): preliminary %s, final %s', (discovered, wrongful, preliminary, final) => {
    expect(reportDeadlines(discovered, wrongful)).toEqual({ preliminaryDueOn: preliminary, finalDueOn: final });
  });

  it('does not move the preliminary target off holidays', () => {
    // day 5 = 2026-05-03, a holiday: stays
    expect(reportDeadlines('2026-04-29', false).preliminaryDueOn).toBe('2026-05-03');
  });

  it('knows holidays by calendar date, independent of the machine zone', () => {
    expect(japaneseHoliday('2026-05-06')?.name).toContain('振替休日');
    expect(japaneseHoliday('2026-04-29')?.nameEn).toBe('Showa Day');
    expect(japaneseHoliday('2026-04-28')).toBeNull();
    expect(isClosedDay('2026-12-29')).toBe(true);
    expect(isClosedDay('2027-01-03')).toBe(true);
    expect(isClosedDay('2027-01-04')).toBe(false);
    expect(isClosedDay('2026-12-28')).toBe(false);
    expect(nextOpenDay('2026-12-26')).toBe('2026-12-28');
  });
});

describe('reportability (Enforcement Rules Art. 7)', () => {
  it.each([
    [none, 10, false, []],
    [{ ...none, specialCare: true }, 1, true, ['special_care_data']],
    [{ ...none, financialHarm: true }, 1, true, ['financial_harm']],
    [{ ...none, wrongfulAct: true }, 1, true, ['wrongful_act']],
    [{ ...none, overThousand: true }, 5, true, ['over_1000_people']],
    [none, 1000, false, []],
    [none, 1001, true, ['over_1000_people']],
    [
      { ...none, specialCare: true, wrongfulAct: true },
      5000,
      true,
      ['special_care_data', 'wrongful_act', 'over_1000_people'],
    ],
  ])('%o with %i people → %s', (factors, count, reportable, reasons) => {
    expect(reportability(factors, count)).toEqual({ reportable, reasons, excludedReasons: [] });
  });
});
