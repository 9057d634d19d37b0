import type { ExtraHolidayRow } from '../../../db/schema';
import { HOLIDAY_DATA_ENDS, isClosedDay } from '../../domain/japanese-holidays';
import type { ServiceContext } from '../../platform/app-env';
import { type AuditInput, writeAudited } from '../../platform/audit/writer';
import { staleWrite } from '../../platform/concurrency';
import { decodeCursor } from '../../platform/cursor';
import { expectOneChange, isStaleWrite, isUniqueViolation, type Statement } from '../../platform/db';
import { keysetPage } from '../../platform/keyset';
import { fieldError, invalidFields, notFound, ProblemError } from '../../platform/problem';
import { derive, presentIncident } from '../incidents/incidents.present';
import { incidentsDueAcross, incidentUpdate } from '../incidents/incidents.repo';
import {
  countExtraHolidays,
  deleteExtraHoliday,
  extraClosedDaysFrom,
  extraHolidayRows,
  findExtraHoliday,
  insertExtraHoliday,
} from './holidays.repo';
import type { CreateExtraHolidayInput } from './holidays.schemas';

/**
 * The organisation's extra closed days: a one-off national holiday enacted after the
 * holiday data was released (such as 2019-05-01 and 2019-10-22) is a day the PPC's office
 * is closed (行政機関の休日に関する法律 Art. 1(1)(ii)), so a 確報 deadline on it moves on
 * (通則編 3-5-3-4 ※2). Adding or removing one recomputes the open deadlines it touches, in
 * the same unit.
 */
export async function listExtraHolidays(ctx: ServiceContext, q: { limit: number; cursor?: string }) {
  const [afterDay] = decodeCursor<[string]>(q.cursor, ['string']) ?? [];
  const rows = await extraHolidayRows(ctx.db, afterDay, q.limit + 1);
  return { ...keysetPage(rows, q.limit, (r) => [r.day]), holidayDataEnds: HOLIDAY_DATA_ENDS };
}

export const countExtraHolidayDays = (ctx: ServiceContext) => countExtraHolidays(ctx.db);

/** The open incidents whose final deadline moves when `day` is closed (or open again). */
async function rescheduled(ctx: ServiceContext, day: string, closed: Set<string>) {
  const statements: Statement[] = [];
  const events: AuditInput[] = [];
  const today = ctx.clock.today();
  const now = ctx.clock.now().toISOString();
  for (const current of await incidentsDueAcross(ctx.db, day)) {
    const next = derive({ ...current, updatedAt: now, version: current.version + 1 }, closed);
    if (next.finalDueOn === current.finalDueOn) continue;
    statements.push(...incidentUpdate(ctx.db, current, next));
    events.push({
      action: 'incident.reschedule',
      entityType: 'incident',
      entityId: current.id,
      before: presentIncident(current, today),
      after: presentIncident(next, today),
    });
  }
  return { statements, events };
}

/** An open deadline spans at most 60 days and its roll: a year back covers every one in play. */
const daysInPlay = (ctx: ServiceContext, day: string) =>
  extraClosedDaysFrom(ctx.db, `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`);

export async function addExtraHoliday(ctx: ServiceContext, input: CreateExtraHolidayInput): Promise<ExtraHolidayRow> {
  // A weekend, national holiday or 29 Dec–3 Jan is closed already: listing it changes nothing.
  if (isClosedDay(input.day)) throw invalidFields([fieldError('day', 'alreadyClosedDay')]);
  const exists = new ProblemError(409, 'conflict', `${input.day} is already an extra closed day.`, [
    fieldError('day', 'holidayExists'),
  ]);
  if (await findExtraHoliday(ctx.db, input.day)) throw exists;
  const row: ExtraHolidayRow = {
    day: input.day,
    name: input.name,
    createdBy: ctx.actor.id,
    createdAt: ctx.clock.now().toISOString(),
  };
  const closed = await daysInPlay(ctx, input.day);
  closed.add(input.day);
  const moved = await rescheduled(ctx, input.day, closed);
  try {
    await writeAudited(
      ctx,
      [insertExtraHoliday(ctx.db, row), ...moved.statements],
      [{ action: 'holiday.add', entityType: 'extra_holiday', entityId: row.day, after: row }, ...moved.events],
    );
  } catch (err) {
    // Two people adding the same day at once: the primary key lets one in.
    if (isUniqueViolation(err, 'extra_holidays.day')) throw exists;
    if (isStaleWrite(err)) throw staleWrite();
    throw err;
  }
  return row;
}

export async function removeExtraHoliday(ctx: ServiceContext, day: string): Promise<void> {
  const current = await findExtraHoliday(ctx.db, day);
  if (!current) throw notFound('Extra closed day', day);
  const closed = await daysInPlay(ctx, day);
  closed.delete(day);
  const moved = await rescheduled(ctx, day, closed);
  try {
    await writeAudited(
      ctx,
      [deleteExtraHoliday(ctx.db, day), expectOneChange(ctx.db), ...moved.statements],
      [{ action: 'holiday.remove', entityType: 'extra_holiday', entityId: day, before: current }, ...moved.events],
    );
  } catch (err) {
    // Removed by someone else meanwhile (or an incident it moves changed): as if read afresh.
    if (isStaleWrite(err) && !(await findExtraHoliday(ctx.db, day))) throw notFound('Extra closed day', day);
    if (isStaleWrite(err)) throw staleWrite();
    throw err;
  }
}
