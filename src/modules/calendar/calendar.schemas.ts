import { z } from '@hono/zod-openapi';

export const CalendarQuery = z.object({
  token: z.string().max(512).optional().openapi({
    description:
      'Feed token from `POST /api/v1/users/me/feed-token`, for calendar clients that cannot send headers. Not needed with `Authorization: Bearer`.',
    example: 'itkf_3q2v…',
  }),
  contractorId: z.string().min(1).max(64).optional().openapi({ description: 'Only this contractor’s events' }),
});

export const FeedTokenSchema = z
  .object({
    token: z.string().openapi({
      description:
        'Read-only calendar feed token. Shown only in this response; itaku stores only its hash. It works only as `?token=` on `GET /api/v1/calendar.ics`, never as a bearer token.',
      example: 'itkf_3q2v…',
    }),
    url: z.string().openapi({
      description:
        'The subscription URL with the token: absolute when ITAKU_PUBLIC_URL is set, otherwise a path on this server.',
      example: 'https://itaku.example.com/api/v1/calendar.ics?token=itkf_3q2v…',
    }),
  })
  .openapi('FeedToken');

export const FeedTokenStatusSchema = z
  .object({
    active: z.boolean().openapi({ description: 'Whether you have a live feed token' }),
    issuedAt: z.string().nullable().openapi({ description: 'When it was issued (RFC 3339); null without one' }),
  })
  .openapi('FeedTokenStatus');
