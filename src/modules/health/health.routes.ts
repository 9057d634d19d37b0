import { createRoute, z } from '@hono/zod-openapi';
import { sql } from 'drizzle-orm';
import { json } from '../../platform/openapi';
import { createRouter } from '../../platform/router';

const healthz = createRoute({
  method: 'get',
  path: '/healthz',
  tags: ['Health'],
  summary: 'Liveness: 200 once the database is open and migrated (no auth)',
  responses: {
    200: json(z.object({ status: z.literal('ok') }).openapi('Health'), 'Ready'),
  },
});

export const healthRoutes = createRouter().openapi(healthz, async (c) => {
  await c.var.deps.db.get(sql`select 1`);
  return c.json({ status: 'ok' as const }, 200);
});
