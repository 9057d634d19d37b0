import { createRoute, z } from '@hono/zod-openapi';
import { json } from '../../platform/openapi';
import { createRouter } from '../../platform/router';
import { checkReady } from './health.service';

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Health'],
  summary: 'Liveness: 200 once the database is open and migrated (no auth)',
  responses: {
    200: json(z.object({ status: z.literal('ok') }).openapi('Health'), 'Ready'),
  },
});

// Unauthenticated: no actor, so the service gets the dependencies alone.
export const healthRoutes = createRouter().openapi(healthz, async (c) => c.json(await checkReady(c.var.deps), 200));
