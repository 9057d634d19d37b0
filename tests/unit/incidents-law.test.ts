import { describe, expect, it } from 'vitest';
import {
  contractorNoticeDueOn,
  contractorNoticeLate,
  preliminaryWindow,
  reportability,
  reportDay1,
  reportDeadlines,
} from '../../src/domain/incident-deadlines';

const none = { specialCare: false, financialHarm: false, wrongfulAct: false, overThousand: false };

describe('high-level encryption (Rules Art. 7(1) parenthesis 「以下この条及び次条第一項において同じ」; 通則編 3-5-3-1)', () => {
  it.each([
    // [factors, affected, reportable, reasons, excluded]
    [{ ...none, highlyEncrypted: true }, 5000, false, [], ['over_1000_people']], // 7条4号: the encrypted laptop
    [{ ...none, specialCare: true, highlyEncrypted: true }, 3, false, [], ['special_care_data']], // 1号
    [{ ...none, financialHarm: true, highlyEncrypted: true }, 3, false, [], ['financial_harm']], // 2号
    [{ ...none, wrongfulAct: true, highlyEncrypted: true }, 3, false, [], ['wrongful_act']], // 3号: a stolen encrypted laptop
    [{ ...none, wrongfulAct: true }, 3, true, ['wrongful_act'], []], // not encrypted: reportable
    [{ ...none, highlyEncrypted: true }, 10, false, [], []], // nothing to exclude
    [{ ...none, specialCare: true }, 1, true, ['special_care_data'], []], // one person is enough for 1号
  ] as const)('%o with %i people: reportable %s', (factors, affected, reportable, reasons, excluded) => {
    expect(reportability(factors, affected)).toEqual({
      reportable,
      reasons: [...reasons],
      excludedReasons: [...excluded],
    });
  });
});

describe('day 1 of the report deadlines (Rules Art. 8(2) 「当該事態を知った日から」)', () => {
  it.each([
    // discovered with 800 people on 04-01; more than 1,000 counted on 04-20: deadlines count from 04-20
    ['2026-04-01', '2026-04-20', '2026-04-20'],
    ['2026-04-01', null, '2026-04-01'],
    // a date before discovery cannot move day 1 earlier
    ['2026-04-01', '2026-03-30', '2026-04-01'],
  ])('discovered %s, became reportable %s → day 1 %s', (discovered, became, day1) => {
    expect(reportDay1(discovered, became)).toBe(day1);
  });

  it('counts the 30 days from the day it became reportable', () => {
    // day 30 from 2026-04-20 = 2026-05-19 (Tue), open
    expect(reportDeadlines(reportDay1('2026-04-01', '2026-04-20'), false)).toEqual({
      preliminaryDueOn: '2026-04-24',
      finalDueOn: '2026-05-19',
    });
  });
});

describe('the 速報 window (通則編 3-5-3-3 「概ね3～5日以内」)', () => {
  it.each([
    ['2026-04-01', '2026-04-03', '2026-04-05'],
    ['2026-12-30', '2027-01-01', '2027-01-03'], // calendar days, not moved for holidays
  ])('day 1 %s → day 3 %s to day 5 %s', (day1, from, to) => {
    expect(preliminaryWindow(day1)).toEqual({ from, to });
  });
});

describe('the contractor telling us (Rules Art. 9; 通則編 3-5-3-5, "promptly" ≈ 3–5 days per 3-5-3-3)', () => {
  it.each([
    ['2026-04-01', '2026-04-05', false], // day 5: in time
    ['2026-04-01', '2026-04-06', true], // day 6: late
    ['2026-04-01', '2026-04-01', false],
    ['2026-04-01', null, false], // not told yet: nothing to judge
    [null, '2026-04-30', false], // when it learned is unknown
  ])('aware %s, told us %s: late %s', (aware, notified, late) => {
    expect(contractorNoticeLate(aware, notified)).toBe(late);
  });

  it('takes a stricter number of days when one is given', () => {
    expect(contractorNoticeDueOn('2026-04-01', 3)).toBe('2026-04-03');
    expect(contractorNoticeLate('2026-04-01', '2026-04-04', 3)).toBe(true);
  });
});
