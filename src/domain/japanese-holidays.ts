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

/**
 * The last day the dataset knows the holidays of: the end of the year of its last holiday
 * (holidays are enacted by year; the last one listed is in late November). Past it, only
 * weekends, the year-end closure and the organisation's extra closed days are known.
 */
export const HOLIDAY_DATA_ENDS = `${Object.keys(holidays).sort().at(-1)?.slice(0, 4) ?? '1970'}-12-31`;

/** The government's year-end closure, 29 December to 3 January (行政機関の休日に関する法律 Art. 1). */
export function isYearEndClosure(date: string): boolean {
  const md = date.slice(5);
  return md >= '12-29' || md <= '01-03';
}

/**
 * A day the regulator's office is closed: weekend, public holiday, the year-end closure, or
 * one of the organisation's extra closed days (a one-off holiday enacted after the dataset
 * was released, e.g. a ceremonial day like 2019-05-01, must not wait for a package update).
 */
export function isClosedDay(date: string, extraClosed?: ReadonlySet<string>): boolean {
  const day = weekday(date);
  return (
    day === 0 ||
    day === 6 ||
    japaneseHoliday(date) !== null ||
    isYearEndClosure(date) ||
    (extraClosed?.has(date) ?? false)
  );
}

/** Warn this long before the dataset ends: time to update the package or add extra days. */
export const HOLIDAY_DATA_WARN_YEARS = 2;

/**
 * Why the holiday data needs attention, or null: it ends within two years of `today`, or
 * a date in play (a deadline) lies past its end, where holidays are no longer known.
 */
export function holidayDataWarning(today: string, datesInPlay: readonly string[] = []): string | null {
  const beyond = datesInPlay.filter((d) => d > HOLIDAY_DATA_ENDS).sort();
  if (beyond.length) {
    return `holiday data ends on ${HOLIDAY_DATA_ENDS} but a deadline falls on ${beyond.at(-1)}: deadlines past it ignore national holidays; update @holiday-jp/holiday_jp or add the holidays under /settings/holidays`;
  }
  const warnFrom = `${Number(HOLIDAY_DATA_ENDS.slice(0, 4)) - HOLIDAY_DATA_WARN_YEARS}${HOLIDAY_DATA_ENDS.slice(4)}`;
  if (today > warnFrom) {
    return `holiday data ends on ${HOLIDAY_DATA_ENDS}, within ${HOLIDAY_DATA_WARN_YEARS} years: update @holiday-jp/holiday_jp or add the holidays under /settings/holidays`;
  }
  return null;
}
