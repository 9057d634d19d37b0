import holidayJp from '@holiday-jp/holiday_jp';
import { weekday } from './calendar';

/**
 * Japanese public holidays (国民の祝日, including substitute and citizens' holidays) from
 * the maintained @holiday-jp dataset. It is keyed by `YYYY-MM-DD` strings, so no Date at
 * UTC or local midnight is involved: a date shifted by nine hours would be the day before.
 */
const holidays = holidayJp.holidays as Record<string, { name: string; name_en: string } | undefined>;

export function japaneseHoliday(date: string): { name: string; nameEn: string } | null {
  const h = holidays[date];
  return h ? { name: h.name, nameEn: h.name_en } : null;
}

/** The government's year-end closure, 29 December to 3 January (行政機関の休日に関する法律 Art. 1). */
export function isYearEndClosure(date: string): boolean {
  const md = date.slice(5);
  return md >= '12-29' || md <= '01-03';
}

/** A day the regulator's office is closed: weekend, public holiday or the year-end closure. */
export function isClosedDay(date: string): boolean {
  const day = weekday(date);
  return day === 0 || day === 6 || japaneseHoliday(date) !== null || isYearEndClosure(date);
}
