import { createRoute, z } from '@hono/zod-openapi';
import { SUPERVISION_STATUSES } from '../../domain/supervision-status';
import { json } from '../../platform/openapi';
import { requestContext } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import { dashboardSummary } from './dashboard.service';

const counts = (keys: readonly string[]) => z.object(Object.fromEntries(keys.map((k) => [k, z.number().int()])));
const sup = counts(SUPERVISION_STATUSES);

const SummarySchema = z
  .object({
    today: z.string().openapi({ description: 'Today in the organisation’s time zone' }),
    contractors: z.object({
      byStatus: counts(['proposed', 'approved', 'active', 'suspended', 'terminated']),
      total: z.number().int(),
    }),
    supervision: z.object({ high: sup, medium: sup, low: sup }).openapi({
      description:
        'Risk tier × supervision status (terminated contractors excluded). Contractors not yet selected (proposed) count as selection_pending unless a review of theirs is overdue or due soon: never as on_track or none_scheduled.',
    }),
    reviews: counts(['overdue', 'dueSoon', 'thisMonth', 'nextMonth']).openapi({ description: 'Open reviews' }),
    findings: counts(['overdue']),
    openAlerts: counts(['info', 'warning', 'critical', 'total']),
    agreements: counts(['expiringWithin60Days', 'withGaps']),
    incidents: z.object({ open: z.number().int(), reportable: z.number().int(), nextDeadline: z.string().nullable() }),
  })
  .openapi('DashboardSummary');

const summary = createRoute(
  authed('any', {
    method: 'get',
    path: '/dashboard/summary',
    tags: ['Dashboard'],
    summary: 'Supervision status at a glance',
    responses: { 200: json(SummarySchema, 'The summary') },
  }),
);

export const dashboardRoutes = createRouter().openapi(summary, async (c) =>
  c.json(await dashboardSummary(requestContext(c)), 200),
);
