import { createRoute } from '@hono/zod-openapi';
import { conflictError, json, jsonBody, notFoundError } from '../../platform/openapi';
import { requestContext } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import {
  CreateExtraHolidaySchema,
  DayParam,
  ExtraHolidayListQuery,
  ExtraHolidayPage,
  ExtraHolidaySchema,
} from './holidays.schemas';
import { addExtraHoliday, listExtraHolidays, removeExtraHoliday } from './holidays.service';

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/holidays/extra',
    tags: ['Settings'],
    summary: 'The extra closed days that deadlines roll past, besides weekends, national holidays and 29 Dec–3 Jan',
    request: { query: ExtraHolidayListQuery },
    responses: { 200: json(ExtraHolidayPage, 'A page of extra closed days, by day') },
  }),
);

const create = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/holidays/extra',
    tags: ['Settings'],
    summary: 'Add an extra closed day (e.g. a one-off national holiday the holiday data does not know yet)',
    description: 'Open incidents whose final report deadline falls on it move to the next open day, in the same unit.',
    request: { body: jsonBody(CreateExtraHolidaySchema) },
    responses: { 201: json(ExtraHolidaySchema, 'The closed day'), ...conflictError('`conflict`: already listed') },
  }),
);

const remove = createRoute(
  authed(['compliance'], {
    method: 'delete',
    path: '/holidays/extra/{day}',
    tags: ['Settings'],
    summary: 'Remove an extra closed day; the deadlines it moved move back',
    request: { params: DayParam },
    responses: { 204: { description: 'Removed' }, ...notFoundError },
  }),
);

/** Extra days the organisation is closed, besides the national holidays (compliance or admin; audited). */
export const holidayRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listExtraHolidays(requestContext(c), c.req.valid('query')), 200))
  .openapi(create, async (c) => {
    const row = await addExtraHoliday(requestContext(c), c.req.valid('json'));
    c.header('Location', `/api/v1/holidays/extra/${row.day}`);
    return c.json(row, 201);
  })
  .openapi(remove, async (c) => {
    await removeExtraHoliday(requestContext(c), c.req.valid('param').day);
    return c.body(null, 204);
  });
