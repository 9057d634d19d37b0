import { createRoute, z } from '@hono/zod-openapi';
import { DateSchema } from '../../platform/openapi';
import { requestContext } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import { ContractorListQuery } from '../contractors/contractors.schemas';
import type { CsvFormat } from '../csv/csv-format';
import { ReviewKindSchema, ReviewStatusSchema } from '../reviews/reviews.schemas';
import { reviewsCsv, supervisionStatusCsv } from './exports.service';

/** The file's language: `lang` (labels), `codes` (codes under those headers), `headers` (older). */
export const CsvFormatQuery = z.object({
  lang: z.enum(['ja', 'en']).optional().openapi({
    description:
      'The language of the file for people: column headers and values as labels in this language (例: 「高」, 「予定どおり」, はい/いいえ) instead of field names and codes. Without it the file is the machine format: field names and codes, as in the API.',
  }),
  codes: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true')
    .openapi({
      description:
        'With `lang`: keep the values as the API’s codes (`high`, `on_track`, `true`) under the localised headers, for machines and formulas. Without `lang` the values are codes anyway.',
    }),
  headers: z
    .enum(['en', 'ja'])
    .default('en')
    .openapi({ description: 'Without `lang`: `ja` puts Japanese headers over the codes (kept for older clients).' }),
});

const formatOf = (q: z.infer<typeof CsvFormatQuery>): CsvFormat =>
  q.lang ? { lang: q.lang, codes: q.codes } : { lang: null, codes: true, jaHeaders: q.headers === 'ja' };

const csvResponse = (description: string) => ({
  200: { description, content: { 'text/csv': { schema: z.string() } } },
});

const supervision = createRoute(
  authed('any', {
    method: 'get',
    path: '/exports/supervision-status.csv',
    tags: ['Import and export'],
    summary: 'Supervision status of every contractor as CSV (streamed)',
    description:
      'One row per contractor: profile (the import columns, so the file imports back — in any language), tier, status, supervision status, next review due, days overdue, last review outcome, open findings, missing agreement clauses, open alerts. UTF-8 with BOM and CRLF for Excel. Filters as GET /contractors. A signed-in browser may download it (`?lang=ja`).',
    request: {
      query: ContractorListQuery.omit({ limit: true, cursor: true }).extend(CsvFormatQuery.shape),
    },
    responses: csvResponse('The CSV file'),
  }),
);

const reviewHistory = createRoute(
  authed('any', {
    method: 'get',
    path: '/exports/reviews.csv',
    tags: ['Import and export'],
    summary: 'Every supervision review as CSV (streamed)',
    description:
      'One row per review with its contractor, kind, due date, status, outcome and the four safety-management measures. UTF-8 with BOM and CRLF for Excel. `completedFrom`/`completedTo` select the reviews completed in a period.',
    request: {
      query: z
        .object({
          contractorId: z.string().max(64).optional(),
          status: ReviewStatusSchema.optional(),
          kind: ReviewKindSchema.optional(),
          completedFrom: DateSchema.optional().openapi({ description: 'Completed on or after this date' }),
          completedTo: DateSchema.optional().openapi({ description: 'Completed on or before this date' }),
        })
        .extend(CsvFormatQuery.shape),
    },
    responses: csvResponse('The CSV file'),
  }),
);

const download = (name: string) => ({
  'Content-Type': 'text/csv; charset=utf-8',
  'Content-Disposition': `attachment; filename="${name}"`,
  'Cache-Control': 'no-store',
});

export const exportRoutes = createRouter()
  .openapi(supervision, (c) => {
    const { headers, lang, codes, ...filter } = c.req.valid('query');
    const ctx = requestContext(c);
    const date = ctx.clock.today();
    const format = formatOf({ headers, lang, codes });
    return c.body(supervisionStatusCsv(ctx, filter, format), 200, download(`itaku-supervision-status-${date}.csv`));
  })
  .openapi(reviewHistory, (c) => {
    const { headers, lang, codes, ...filter } = c.req.valid('query');
    const ctx = requestContext(c);
    const date = ctx.clock.today();
    return c.body(
      reviewsCsv(ctx, filter, formatOf({ headers, lang, codes })),
      200,
      download(`itaku-reviews-${date}.csv`),
    );
  });
