import { createRoute, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../platform/app-env';
import { requireRole } from '../../platform/auth';
import { commonErrors, json } from '../../platform/openapi';
import { requestContext } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import { bearerOrFeedToken } from './calendar.auth';
import { CalendarQuery, FeedTokenSchema, FeedTokenStatusSchema } from './calendar.schemas';
import { buildCalendar, MAX_CALENDAR_EVENTS } from './calendar.service';
import { feedTokenStatus, issueFeedToken, revokeFeedToken } from './feed-tokens.service';

/** Every role may read the calendar: it shows supervision dates, not users or webhooks. */
const calendarReaders = 'any';
/** Either scheme is enough: the API bearer token, or a feed token in `?token=`. */
const bearerOrFeed: Record<string, string[]>[] = [{ bearerAuth: [] }, { feedToken: [] }];

const calendar = createRoute({
  method: 'get',
  path: '/calendar.ics',
  tags: ['Calendar'],
  summary: 'Supervision calendar (iCalendar): review due dates, incident report and agreement notice deadlines',
  description: `All-day events (DATE values, dates in the organisation’s time zone, which is also given as X-WR-TIMEZONE): each open review (scheduled or in progress) on its due date (UID \`review-<id>@itaku\`), each report to the PPC still owed on an open reportable incident (\`incident-<id>-preliminary@itaku\`, \`incident-<id>-final@itaku\`), and the notice deadline of each auto-renewing agreement in force (\`agreement-<id>-notice@itaku\`). UIDs are stable, so subscribed clients update events instead of duplicating them.

**Authentication:** \`Authorization: Bearer <API token>\`, or — for calendar clients, which cannot send headers — \`?token=<feed token>\` from \`POST /api/v1/users/me/feed-token\`. With the header, the header alone decides. A feed token works on this route only.

At most ${MAX_CALENDAR_EVENTS} events; a longer feed is cut short (latest reviews first) and marked with \`X-Itaku-Calendar-Truncated: true\` and in the calendar description; narrow it with \`contractorId\`.

**Roles:** every role.`,
  security: bearerOrFeed,
  middleware: [bearerOrFeedToken, requireRole(calendarReaders)] as MiddlewareHandler<AppEnv>[],
  request: { query: CalendarQuery },
  responses: {
    200: {
      description: 'The calendar (RFC 5545)',
      headers: {
        'X-Itaku-Calendar-Truncated': {
          description: 'Present (`true`) when the feed was cut at the event limit',
          schema: { type: 'string' },
        },
      },
      content: { 'text/calendar': { schema: z.string() } },
    },
    ...commonErrors,
  },
});

const issue = createRoute(
  authed('any', {
    method: 'post',
    path: '/users/me/feed-token',
    tags: ['Calendar', 'Users'],
    summary: 'Issue a calendar feed token for yourself, revoking your previous one',
    description:
      'The token is read-only and separate from API tokens: it is accepted only as `?token=` on `GET /api/v1/calendar.ics`. `DELETE /api/v1/users/{id}/tokens` revokes it too.',
    responses: { 201: json(FeedTokenSchema, 'The feed token (shown once) and the subscription URL') },
  }),
);

const status = createRoute(
  authed('any', {
    method: 'get',
    path: '/users/me/feed-token',
    tags: ['Calendar', 'Users'],
    summary: 'Whether you have a calendar feed token (never the token itself)',
    responses: { 200: json(FeedTokenStatusSchema, 'Whether a feed token is live, and when it was issued') },
  }),
);

const revoke = createRoute(
  authed('any', {
    method: 'delete',
    path: '/users/me/feed-token',
    tags: ['Calendar', 'Users'],
    summary: 'Revoke your calendar feed token',
    responses: { 204: { description: 'Revoked (or there was none)' } },
  }),
);

export const calendarRoutes = createRouter()
  .openapi(calendar, async (c) => {
    const { contractorId } = c.req.valid('query');
    const feed = await buildCalendar(requestContext(c), { contractorId });
    return c.body(feed.ics, 200, {
      'Content-Type': 'text/calendar; charset=utf-8',
      'Content-Disposition': 'inline; filename="itaku.ics"',
      // Names contractors: never kept in a shared or browser cache (clients poll anyway).
      'Cache-Control': 'no-store',
      ...(feed.truncated ? { 'X-Itaku-Calendar-Truncated': 'true' } : {}),
    });
  })
  .openapi(status, async (c) => c.json(await feedTokenStatus(requestContext(c)), 200))
  .openapi(issue, async (c) => c.json(await issueFeedToken(requestContext(c)), 201))
  .openapi(revoke, async (c) => {
    await revokeFeedToken(requestContext(c));
    return c.body(null, 204);
  });

calendarRoutes.openAPIRegistry.registerComponent('securitySchemes', 'feedToken', {
  type: 'apiKey',
  in: 'query',
  name: 'token',
  description:
    'A calendar feed token from POST /api/v1/users/me/feed-token. Accepted only by GET /api/v1/calendar.ics; read-only.',
});
