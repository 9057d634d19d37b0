import { addDays } from './calendar';
import { isClosedDay } from './japanese-holidays';

/**
 * Reporting a leak (漏えい等) to the Personal Information Protection Commission:
 * APPI Art. 26(1); Enforcement Rules Art. 7 (which incidents are reportable) and Art. 8
 * (when). Day 1 is the day the company learned of it (`discoveredOn`).
 * - Preliminary report (速報): "promptly" (Rules Art. 8(1)); the PPC General Guidelines
 *   §3-5-3-3 read this as roughly 3–5 days. Target: day 5, not moved for holidays.
 * - Final report (確報): within 30 days, 60 days when the leak may stem from a wrongful act
 *   (Rules Art. 8(2)). Weekends and holidays count, but a deadline falling on a Saturday,
 *   Sunday, public holiday or 29 Dec–3 Jan moves to the next day that is none of these
 *   (PPC General Guidelines §3-5-3-4).
 */
export const PRELIMINARY_REPORT_DAY = 5;
export const FINAL_REPORT_DAY = 30;
export const FINAL_REPORT_DAY_WRONGFUL_ACT = 60;

export interface IncidentFactors {
  specialCare: boolean;
  financialHarm: boolean;
  wrongfulAct: boolean;
  overThousand: boolean;
}

export type ReportableReason = 'special_care_data' | 'financial_harm' | 'wrongful_act' | 'over_1000_people';

/** Enforcement Rules Art. 7: any one of these makes the incident reportable. */
export function reportability(factors: IncidentFactors, affectedCount: number) {
  const reasons: ReportableReason[] = [];
  if (factors.specialCare) reasons.push('special_care_data');
  if (factors.financialHarm) reasons.push('financial_harm');
  if (factors.wrongfulAct) reasons.push('wrongful_act');
  if (factors.overThousand || affectedCount > 1000) reasons.push('over_1000_people');
  return { reportable: reasons.length > 0, reasons };
}

/** The next day that is not a weekend, public holiday or year-end closure day. */
export function nextOpenDay(date: string): string {
  let d = date;
  while (isClosedDay(d)) d = addDays(d, 1);
  return d;
}

/** The n-th day counting `day1` as day 1. */
export const dayNumber = (day1: string, n: number): string => addDays(day1, n - 1);

export function reportDeadlines(discoveredOn: string, wrongfulAct: boolean) {
  return {
    preliminaryDueOn: dayNumber(discoveredOn, PRELIMINARY_REPORT_DAY),
    finalDueOn: nextOpenDay(dayNumber(discoveredOn, wrongfulAct ? FINAL_REPORT_DAY_WRONGFUL_ACT : FINAL_REPORT_DAY)),
  };
}
