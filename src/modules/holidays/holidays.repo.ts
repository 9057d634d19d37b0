import { asc, count, eq, gt, gte } from 'drizzle-orm';
import { type ExtraHolidayRow, extraHolidays } from '../../../db/schema';
import type { Db, Statement } from '../../platform/db';

/** The organisation's extra closed days from `from` on: what deadlines counted from then roll past. */
export async function extraClosedDaysFrom(db: Db, from: string): Promise<Set<string>> {
  const rows = await db
    .select({ day: extraHolidays.day })
    .from(extraHolidays)
    .where(gte(extraHolidays.day, from))
    .all();
  return new Set(rows.map((r) => r.day));
}

export async function findExtraHoliday(db: Db, day: string): Promise<ExtraHolidayRow | null> {
  return (await db.select().from(extraHolidays).where(eq(extraHolidays.day, day)).get()) ?? null;
}

/** In day order, keyset after `afterDay`. */
export async function extraHolidayRows(db: Db, afterDay: string | undefined, limit: number) {
  return db
    .select()
    .from(extraHolidays)
    .where(afterDay ? gt(extraHolidays.day, afterDay) : undefined)
    .orderBy(asc(extraHolidays.day))
    .limit(limit)
    .all();
}

export async function countExtraHolidays(db: Db): Promise<number> {
  return (await db.select({ n: count() }).from(extraHolidays).get())?.n ?? 0;
}

export const insertExtraHoliday = (db: Db, row: ExtraHolidayRow): Statement => db.insert(extraHolidays).values(row);

export const deleteExtraHoliday = (db: Db, day: string): Statement =>
  db.delete(extraHolidays).where(eq(extraHolidays.day, day));
