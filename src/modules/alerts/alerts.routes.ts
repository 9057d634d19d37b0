import { createRoute } from '@hono/zod-openapi';
import { conflictError, IdParam, json, jsonBody, notFoundError } from '../../platform/openapi';
import { requestContext, versioned } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import { AlertListQuery, AlertPage, AlertSchema, ResolveAlertSchema } from './alerts.schemas';
import { acknowledgeAlert, getAlert, listAlerts, resolveAlert } from './alerts.service';

const resolvedConflict = conflictError('`alert-resolved`: the alert is already resolved');

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/alerts',
    tags: ['Alerts'],
    summary: 'List alerts, newest first or by date or severity',
    request: { query: AlertListQuery },
    responses: { 200: json(AlertPage, 'A page of alerts') },
  }),
);

const get = createRoute(
  authed('any', {
    method: 'get',
    path: '/alerts/{id}',
    tags: ['Alerts'],
    summary: 'Get an alert',
    request: { params: IdParam },
    responses: { 200: json(AlertSchema, 'The alert'), ...notFoundError },
  }),
);

const acknowledge = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/alerts/{id}/acknowledge',
    tags: ['Alerts'],
    summary: 'Acknowledge an alert (stops its escalation)',
    request: { params: IdParam },
    responses: { 200: json(AlertSchema, 'The alert'), ...notFoundError, ...resolvedConflict },
  }),
);

const resolve = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/alerts/{id}/resolve',
    tags: ['Alerts'],
    summary: 'Resolve an alert with a note',
    description: 'If the condition still holds, the next sweep raises a new alert.',
    request: { params: IdParam, body: { ...jsonBody(ResolveAlertSchema), required: false } },
    responses: { 200: json(AlertSchema, 'The alert'), ...notFoundError, ...resolvedConflict },
  }),
);

export const alertRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listAlerts(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    return versioned(c, await getAlert(requestContext(c), c.req.valid('param').id), 200);
  })
  .openapi(acknowledge, async (c) => {
    return versioned(c, await acknowledgeAlert(requestContext(c), c.req.valid('param').id), 200);
  })
  .openapi(resolve, async (c) => {
    return versioned(c, await resolveAlert(requestContext(c), c.req.valid('param').id, c.req.valid('json')?.note), 200);
  });
