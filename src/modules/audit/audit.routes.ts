import { createRoute } from '@hono/zod-openapi';
import { json } from '../../platform/openapi';
import { requestContext } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import { createCheckpoint, listCheckpoints } from './audit.checkpoints';
import { periodBounds } from './audit.period';
import {
  AuditEventPage,
  AuditQuery,
  CheckpointPage,
  CheckpointQuery,
  CheckpointSchema,
  VerifyQuery,
  VerifyResultSchema,
} from './audit.schemas';
import { listAuditEvents, verifyAuditTrail } from './audit.service';

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/audit-events',
    tags: ['Audit'],
    summary: 'List audit events, newest first',
    description:
      'Events about `user` and `webhook` entities (names, e-mail addresses, webhook URLs) are readable by admins only: other roles never see them, and asking for them by `entityType` is a 403.',
    request: { query: AuditQuery },
    responses: { 200: json(AuditEventPage, 'A page of audit events') },
  }),
);

const verify = createRoute(
  authed('any', {
    method: 'get',
    path: '/audit-events/verify',
    tags: ['Audit'],
    summary: 'Verify the keyed hash chain of the audit trail, optionally against a checkpoint',
    request: { query: VerifyQuery },
    responses: { 200: json(VerifyResultSchema, 'Verification result') },
  }),
);

const checkpoints = createRoute(
  authed('any', {
    method: 'get',
    path: '/audit-events/checkpoints',
    tags: ['Audit'],
    summary: 'List published checkpoints of the audit chain, newest first',
    request: { query: CheckpointQuery },
    responses: { 200: json(CheckpointPage, 'A page of checkpoints') },
  }),
);

const checkpoint = createRoute(
  authed(['admin'], {
    method: 'post',
    path: '/audit-events/checkpoints',
    tags: ['Audit'],
    summary: 'Seal what is pending and publish the chain head as a checkpoint now',
    description: 'Keep the returned `checkpoint` (`seq:hash`) outside itaku; `verify?checkpoint=` checks it later.',
    responses: { 201: json(CheckpointSchema, 'The checkpoint') },
  }),
);

export const auditRoutes = createRouter()
  .openapi(list, async (c) => {
    const { from, to, ...q } = c.req.valid('query');
    const period = periodBounds({ from, to }, c.var.deps.config.timeZone);
    const viewer = { isAdmin: c.var.actor.role === 'admin' };
    return c.json(await listAuditEvents(c.var.deps.db, { ...q, ...period }, viewer), 200);
  })
  .openapi(verify, async (c) => c.json(await verifyAuditTrail(requestContext(c), c.req.valid('query').checkpoint), 200))
  .openapi(checkpoints, async (c) => c.json(await listCheckpoints(requestContext(c), c.req.valid('query')), 200))
  .openapi(checkpoint, async (c) => {
    const made = await createCheckpoint(requestContext(c), 'api');
    if (!made) throw new Error('the audit chain has no sealed event yet');
    return c.json(made, 201);
  });
