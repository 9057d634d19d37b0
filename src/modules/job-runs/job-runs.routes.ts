import { createRoute, z } from '@hono/zod-openapi';
import { deliverDue } from '../../notify/deliver';
import { json, LimitCursorQuery, page } from '../../platform/openapi';
import { requestContext } from '../../platform/request-context';
import { listRoute } from '../../platform/resource-routes';
import { authed, createRouter } from '../../platform/router';
import { listJobRuns, sweepNow } from './job-runs.service';

const counts = z.record(z.string(), z.number().int());

const SweepResultSchema = z
  .object({
    runId: z.string(),
    status: z.enum(['succeeded', 'skipped', 'failed']),
    raised: z.number().int(),
    resolved: z.number().int(),
    escalated: z.number().int(),
    raisedByKind: counts,
    resolvedByKind: counts,
    agreementsRolledForward: z.number().int(),
    queued: z.object({ webhook: z.number().int(), email: z.number().int(), checkpoint: z.number().int() }),
    error: z.string().optional(),
  })
  .openapi('SweepResult');

const DeliveryResultSchema = z
  .object({ attempted: z.number().int(), delivered: z.number().int(), failed: z.number().int() })
  .openapi('DeliveryResult');

const JobRunSchema = z
  .object({
    id: z.string(),
    job: z.string(),
    trigger: z.string().openapi({ description: 'schedule, api or cli' }),
    status: z.enum(['running', 'succeeded', 'failed', 'skipped']),
    startedAt: z.string(),
    finishedAt: z.string().nullable(),
    counts: counts.nullable(),
    error: z.string().nullable(),
  })
  .openapi('JobRun');

const sweep = createRoute(
  authed(['admin'], {
    method: 'post',
    path: '/jobs/sweep',
    tags: ['Jobs'],
    summary: 'Run the sweep now',
    description:
      'Raises, resolves and escalates alerts and queues their deliveries, then starts delivering in the background. `skipped` when another sweep is running.',
    responses: { 200: json(SweepResultSchema, 'What the sweep did') },
  }),
);

const deliver = createRoute(
  authed(['admin'], {
    method: 'post',
    path: '/jobs/deliver',
    tags: ['Jobs'],
    summary: 'Deliver due webhook and e-mail messages now',
    responses: { 200: json(DeliveryResultSchema, 'What was attempted') },
  }),
);

const runs = listRoute('any', {
  path: '/jobs/runs',
  tags: ['Jobs'],
  summary: 'Job runs, newest first',
  query: z.object({ ...LimitCursorQuery }),
  response: json(page(JobRunSchema, 'JobRunPage'), 'A page of runs'),
});

/** Workers' waitUntil for the request, when there is one (there is no execution context on Node). */
export function waitUntilOf(c: { executionCtx: { waitUntil(p: Promise<unknown>): void } }) {
  try {
    const ctx = c.executionCtx;
    return (work: Promise<unknown>) => ctx.waitUntil(work);
  } catch {
    return undefined;
  }
}

export const jobRoutes = createRouter()
  .openapi(sweep, async (c) => c.json(await sweepNow(c.var.deps, 'api', waitUntilOf(c)), 200))
  .openapi(deliver, async (c) => c.json(await deliverDue(c.var.deps), 200))
  .openapi(runs, async (c) => c.json(await listJobRuns(requestContext(c), c.req.valid('query')), 200));
