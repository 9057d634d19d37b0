import { z } from '@hono/zod-openapi';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { singleLineText } from '../../platform/text';

export const CreateExtraHolidaySchema = z
  .strictObject({
    day: DateSchema.openapi({ description: 'A day the regulator is closed that the holiday data does not know' }),
    name: singleLineText({ min: 1, max: 100 }).openapi({ example: '即位の日' }),
  })
  .openapi('CreateExtraHoliday');

export const ExtraHolidaySchema = z
  .object({ day: z.string(), name: z.string(), createdBy: z.string(), createdAt: z.string() })
  .openapi('ExtraHoliday');

export const ExtraHolidayPage = page(ExtraHolidaySchema, 'ExtraHolidayPage').extend({
  holidayDataEnds: z.string().openapi({ description: 'The last day the national holiday data covers' }),
});

export const ExtraHolidayListQuery = z.object({ ...LimitCursorQuery });

export const DayParam = z.object({
  day: DateSchema.openapi({ param: { name: 'day', in: 'path' } }),
});

export type CreateExtraHolidayInput = z.infer<typeof CreateExtraHolidaySchema>;
