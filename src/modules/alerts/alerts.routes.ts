import { createRoute } from '@hono/zod-openapi';
import { conflictError, IdParam, json, jsonBody, notFoundError } from '../../platform/openapi';
import { requestContext, versioned } from '../../platform/request-context';
import { getByIdRoute, listRoute, readById } from '../../platform/resource-routes';
import { authed, createRouter } from '../../platform/router';
import { AlertListQuery, AlertPage, AlertSchema, ResolveAlertSchema } from './alerts.schemas';
import { acknowledgeAlert, getAlert, listAlerts, resolveAlert } from './alerts.service';

const tags = ['Alerts'];
const resolvedConflict = conflictError('`alert-resolved`: the alert is already resolved');

const list = listRoute('any', {
  path: '/alerts',
  tags,
  summary: 'List alerts, newest first or by date or severity',
  query: AlertListQuery,
  response: json(AlertPage, 'A page of alerts'),
});

const get = getByIdRoute('any', {
  path: '/alerts/{id}',
  tags,
  summary: 'Get an alert',
  response: json(AlertSchema, 'The alert'),
});

const acknowledge = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/alerts/{id}/acknowledge',
    tags,
    summary: 'Acknowledge an alert (stops its escalation)',
    request: { params: IdParam },
    responses: { 200: json(AlertSchema, 'The alert'), ...notFoundError, ...resolvedConflict },
  }),
);

const resolve = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/alerts/{id}/resolve',
    tags,
    summary: 'Resolve an alert with a note',
    description: 'If the condition still holds, the next sweep raises a new alert.',
    request: { params: IdParam, body: { ...jsonBody(ResolveAlertSchema), required: false } },
    responses: { 200: json(AlertSchema, 'The alert'), ...notFoundError, ...resolvedConflict },
  }),
);

export const alertRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listAlerts(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, (c) => readById(c, getAlert))
  .openapi(acknowledge, async (c) => {
    return versioned(c, await acknowledgeAlert(requestContext(c), c.req.valid('param').id), 200);
  })
  .openapi(resolve, async (c) => {
    return versioned(c, await resolveAlert(requestContext(c), c.req.valid('param').id, c.req.valid('json')?.note), 200);
  });
