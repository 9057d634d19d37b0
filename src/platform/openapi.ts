import { z } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import type { JSONParsed } from 'hono/utils/types';
import { isCivilDate } from '../domain/calendar';

export const ProblemSchema = z
  .object({
    type: z.string().openapi({ example: '/problems/validation' }),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          path: z.string(),
          message: z.string(),
          code: z.string().optional().openapi({ description: 'The rule broken, e.g. tooLong; stable for clients' }),
          params: z.record(z.string(), z.union([z.string(), z.number()])).optional(),
        }),
      )
      .optional()
      .openapi({
        description: 'Present on validation errors: one entry per offending field.',
      }),
    requestId: z.string().optional(),
  })
  .openapi('Problem', { description: 'RFC 9457 problem details' });

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});

/** Error responses every authenticated route can produce. */
export const commonErrors = {
  400: problem('Invalid input (validation errors name the field), or malformed JSON'),
  401: problem('Missing, unknown or revoked token'),
  403: problem('The token is valid but its role may not do this'),
  413: problem('Request body larger than 1 MiB'),
  415: problem('Body sent with an unsupported content type'),
} as const;

export const notFoundError = { 404: problem('No such resource') } as const;
export const conflictError = (description: string) => ({ 409: problem(description) }) as const;
export const preconditionError = {
  412: problem('If-Match does not match the current version'),
} as const;

export const IdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
});

export const LimitCursorQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).openapi({ description: 'Page size, 1–200 (default 50)' }),
  cursor: z.string().max(512).optional().openapi({
    description: 'Opaque cursor from `nextCursor` of the previous page',
  }),
};

export const page = <T extends z.ZodTypeAny>(item: T, name: string) =>
  z
    .object({
      items: z.array(item),
      nextCursor: z.string().nullable().openapi({
        description: 'Pass as `cursor` for the next page; null on the last page',
      }),
    })
    .openapi(name);

export const json = <T extends z.ZodTypeAny>(schema: T, description: string) => ({
  description,
  content: { 'application/json': { schema } },
});

export const jsonBody = <T extends z.ZodTypeAny>(schema: T) => ({
  required: true,
  content: { 'application/json': { schema } },
});

/** A calendar date in the organisation's time zone. */
export const DateSchema = z
  .string()
  .refine(isCivilDate, { message: 'must be a calendar date YYYY-MM-DD', params: { code: 'civilDate' } })
  .refine((v) => v >= '1900-01-01' && v <= '2999-12-31', {
    message: 'must be between 1900-01-01 and 2999-12-31',
    params: { code: 'dateRange' },
  })
  .openapi({ format: 'date', example: '2026-12-01' });

export const IfMatchHeader = z.object({
  'if-match': z.string().max(200).optional().openapi({ description: 'ETag of the version being changed, e.g. "3"' }),
});

/**
 * A 200 whose JSON text is already made, byte for byte what `c.json(value)` would send:
 * typed as that answer for the route's OpenAPI types.
 */
export const jsonText = <T>(c: Context, text: string) =>
  c.body(text, 200, { 'Content-Type': 'application/json' }) as unknown as Response &
    TypedResponse<JSONParsed<T>, 200, 'json'>;
