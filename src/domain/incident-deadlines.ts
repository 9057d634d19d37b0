import { addDays } from './calendar';
import { isClosedDay } from './japanese-holidays';

/**
 * Reporting a leak (漏えい等) to the Personal Information Protection Commission:
 * APPI Art. 26(1); Enforcement Rules Art. 7 (which incidents are reportable) and Art. 8
 * (when). Day 1 is the day the company learned of the reportable situation (「当該事態を
 * 知った日」, Rules Art. 8(2)): `discoveredOn`, or `becameReportableOn` when it became
 * reportable only later (more than 1,000 people counted, the key found lost).
 * - Preliminary report (速報): "promptly" (Rules Art. 8(1)); the PPC General Guidelines
 *   (通則編) 3-5-3-3 read this as about 3–5 days. Window: day 3 to day 5; target day 5,
 *   not moved for holidays.
 * - Final report (確報): within 30 days, 60 days when the leak may stem from a wrongful act
 *   (Rules Art. 8(2)). Weekends and holidays count, but a deadline falling on a Saturday,
 *   Sunday, public holiday, 29 Dec–3 Jan or an extra closed day moves to the next day that
 *   is none of these (通則編 3-5-3-4 ※2; 行政機関の休日に関する法律 Art. 1, 2).
 */
export const PRELIMINARY_WINDOW_FROM_DAY = 3;
export const PRELIMINARY_REPORT_DAY = 5;
export const FINAL_REPORT_DAY = 30;
export const FINAL_REPORT_DAY_WRONGFUL_ACT = 60;

/**
 * A contractor must tell us "promptly" (Rules Art. 9; 通則編 3-5-3-5); the guidelines'
 * measure of "promptly" is about 3–5 days (通則編 3-5-3-3). Later than day 5 of its own
 * knowledge is late, unless the agreement records a stricter number of days.
 */
export const CONTRACTOR_NOTICE_DAYS = 5;

export interface IncidentFactors {
  specialCare: boolean;
  financialHarm: boolean;
  wrongfulAct: boolean;
  overThousand: boolean;
  /**
   * Rules Art. 7(1)'s parenthesis: personal data 「高度な暗号化その他の個人の権利利益を保護
   * するために必要な措置を講じたもの」 is excluded, and 「以下この条及び次条第一項において
   * 同じ」 carries the exclusion into every item of Art. 7 (1号–4号, the wrongful act of 3号
   * included) and Art. 8(1). 通則編 3-5-3-1 ※: encryption that a third party cannot read at
   * the time's state of the art, and the means to read it (the key) properly managed.
   */
  highlyEncrypted?: boolean;
}

export type ReportableReason = 'special_care_data' | 'financial_harm' | 'wrongful_act' | 'over_1000_people';

/**
 * Enforcement Rules Art. 7: any one of these makes the incident reportable, unless all the
 * data concerned was highly encrypted with its key not lost (then `excludedReasons` says
 * what would otherwise have applied).
 */
export function reportability(factors: IncidentFactors, affectedCount: number) {
  const found: ReportableReason[] = [];
  if (factors.specialCare) found.push('special_care_data');
  if (factors.financialHarm) found.push('financial_harm');
  if (factors.wrongfulAct) found.push('wrongful_act');
  if (factors.overThousand || affectedCount > 1000) found.push('over_1000_people');
  const reasons = factors.highlyEncrypted ? [] : found;
  const excludedReasons = factors.highlyEncrypted ? found : [];
  return { reportable: reasons.length > 0, reasons, excludedReasons };
}

/** The next day that is not a weekend, public holiday, year-end closure or extra closed day. */
export function nextOpenDay(date: string, extraClosed?: ReadonlySet<string>): string {
  let d = date;
  while (isClosedDay(d, extraClosed)) d = addDays(d, 1);
  return d;
}

/** The n-th day counting `day1` as day 1. */
export const dayNumber = (day1: string, n: number): string => addDays(day1, n - 1);

/** Day 1 of the report deadlines: the day the incident became reportable (Rules Art. 8(2)). */
export const reportDay1 = (discoveredOn: string, becameReportableOn: string | null): string =>
  becameReportableOn && becameReportableOn > discoveredOn ? becameReportableOn : discoveredOn;

export function reportDeadlines(day1: string, wrongfulAct: boolean, extraClosed?: ReadonlySet<string>) {
  return {
    preliminaryDueOn: dayNumber(day1, PRELIMINARY_REPORT_DAY),
    finalDueOn: nextOpenDay(
      dayNumber(day1, wrongfulAct ? FINAL_REPORT_DAY_WRONGFUL_ACT : FINAL_REPORT_DAY),
      extraClosed,
    ),
  };
}

/** The guidelines' "about 3–5 days" for the 速報, as days (通則編 3-5-3-3). */
export const preliminaryWindow = (day1: string) => ({
  from: dayNumber(day1, PRELIMINARY_WINDOW_FROM_DAY),
  to: dayNumber(day1, PRELIMINARY_REPORT_DAY),
});

/** The last day a contractor that learned of a leak on `awareOn` should have told us. */
export const contractorNoticeDueOn = (awareOn: string, days: number = CONTRACTOR_NOTICE_DAYS): string =>
  dayNumber(awareOn, days);

/** True when the contractor told us after the days it had (Rules Art. 9; 通則編 3-5-3-5). */
export function contractorNoticeLate(
  awareOn: string | null,
  notifiedOn: string | null,
  days: number = CONTRACTOR_NOTICE_DAYS,
): boolean {
  return awareOn !== null && notifiedOn !== null && notifiedOn > contractorNoticeDueOn(awareOn, days);
}
