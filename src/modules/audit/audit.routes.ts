import { createRoute } from '@hono/zod-openapi';
import { json } from '../../platform/openapi';
import { authed, createRouter } from '../../platform/router';
import { AuditEventPage, AuditQuery, VerifyResultSchema } from './audit.schemas';
import { listAuditEvents, verifyAuditChain } from './audit.service';

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/audit-events',
    tags: ['Audit'],
    summary: 'List audit events, newest first',
    request: { query: AuditQuery },
    responses: { 200: json(AuditEventPage, 'A page of audit events') },
  }),
);

const verify = createRoute(
  authed('any', {
    method: 'get',
    path: '/audit-events/verify',
    tags: ['Audit'],
    summary: 'Verify the hash chain of the audit trail',
    responses: { 200: json(VerifyResultSchema, 'Verification result') },
  }),
);

export const auditRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listAuditEvents(c.var.deps.db, c.req.valid('query')), 200))
  .openapi(verify, async (c) => c.json(await verifyAuditChain(c.var.deps.db), 200));
