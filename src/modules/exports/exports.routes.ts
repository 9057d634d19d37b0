import { createRoute, z } from '@hono/zod-openapi';
import { requestContext } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import { ContractorListQuery } from '../contractors/contractors.schemas';
import { ReviewKindSchema, ReviewStatusSchema } from '../reviews/reviews.schemas';
import { reviewsCsv, supervisionStatusCsv } from './exports.service';

const HeadersQuery = z.enum(['en', 'ja']).default('en').openapi({ description: 'Column header language' });
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
      'One row per contractor: profile (the import columns, so the file imports back), tier, status, supervision status, next review due, days overdue, last review outcome, open findings, missing agreement clauses, open alerts. UTF-8 with BOM and CRLF for Excel. Filters as GET /contractors.',
    request: {
      query: ContractorListQuery.omit({ limit: true, cursor: true }).extend({ headers: HeadersQuery }),
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
    request: {
      query: z.object({
        contractorId: z.string().max(64).optional(),
        status: ReviewStatusSchema.optional(),
        kind: ReviewKindSchema.optional(),
        headers: HeadersQuery,
      }),
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
    const { headers, ...filter } = c.req.valid('query');
    const ctx = requestContext(c);
    const date = ctx.clock.today();
    return c.body(supervisionStatusCsv(ctx, filter, headers), 200, download(`itaku-supervision-status-${date}.csv`));
  })
  .openapi(reviewHistory, (c) => {
    const { headers, ...filter } = c.req.valid('query');
    const ctx = requestContext(c);
    const date = ctx.clock.today();
    return c.body(reviewsCsv(ctx, filter, headers), 200, download(`itaku-reviews-${date}.csv`));
  });
