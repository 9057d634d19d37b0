import { type Entry, entry } from '../message-entry';

/** Field messages of the organisation's extra closed days. */
export const holidayMessages = {
  holidayExists: entry(
    () => 'is already an extra closed day',
    () => 'この日はすでに休業日として登録されています',
  ),
  alreadyClosedDay: entry(
    () => 'is already a closed day (a Saturday, Sunday, national holiday or 29 Dec–3 Jan)',
    () => 'この日はもともと行政機関の休日です（土日・祝日・12月29日～1月3日）',
  ),
} satisfies Record<string, Entry<never>>;
