import { createRoute } from '@hono/zod-openapi';
import { IdParam, json, notFoundError } from '../../platform/openapi';
import { requestContext } from '../../platform/request-context';
import { creationRoute, getByIdRoute, listRoute } from '../../platform/resource-routes';
import { authed, createRouter } from '../../platform/router';
import {
  CreateWebhookSchema,
  DeliveryPage,
  DeliveryQuery,
  WebhookListQuery,
  WebhookPage,
  WebhookSchema,
} from './webhooks.schemas';
import { createWebhook, deleteWebhook, getWebhook, listDeliveries, listWebhooks } from './webhooks.service';

const tags = ['Webhooks'];

const create = creationRoute(['admin'], {
  path: '/webhooks',
  tags,
  summary: 'Register a webhook receiver for alert events',
  description:
    'Each delivery is a JSON POST with `X-Itaku-Signature: sha256=<hex HMAC-SHA256 of the raw body with the secret>`, `X-Itaku-Event-Id` (stable across retries) and `X-Itaku-Event-Type` (`alert.raised` or `alert.escalated`). A receiver must answer within 10 s; failed deliveries are retried after 1 min, 5 min, 30 min, 2 h, 6 h and 16 h. The URL must reach a public host: loopback, private, link-local, unique-local, shared (CGNAT), reserved and cloud metadata addresses are refused (400 at `url`), and a delivery whose host name resolves to one is recorded as refused without being sent. The secret is stored encrypted and never returned.',
  body: CreateWebhookSchema,
  response: json(WebhookSchema, 'The webhook (without its secret)'),
});

const list = listRoute(['admin'], {
  path: '/webhooks',
  tags,
  summary: 'List webhooks',
  query: WebhookListQuery,
  response: json(WebhookPage, 'A page of webhooks'),
});

const get = getByIdRoute(['admin'], {
  path: '/webhooks/{id}',
  tags,
  summary: 'Get a webhook',
  response: json(WebhookSchema, 'The webhook'),
});

const remove = createRoute(
  authed(['admin'], {
    method: 'delete',
    path: '/webhooks/{id}',
    tags,
    summary: 'Delete a webhook (pending deliveries to it are given up)',
    request: { params: IdParam },
    responses: { 204: { description: 'Deleted' }, ...notFoundError },
  }),
);

const deliveries = createRoute(
  authed(['admin'], {
    method: 'get',
    path: '/webhooks/{id}/deliveries',
    tags,
    summary: 'Every delivery attempt to this webhook, newest first',
    request: { params: IdParam, query: DeliveryQuery },
    responses: { 200: json(DeliveryPage, 'A page of attempts'), ...notFoundError },
  }),
);

export const webhookRoutes = createRouter()
  .openapi(create, async (c) => {
    const hook = await createWebhook(requestContext(c), c.req.valid('json'));
    c.header('Location', `/api/v1/webhooks/${hook.id}`);
    return c.json(hook, 201);
  })
  .openapi(list, async (c) => c.json(await listWebhooks(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => c.json(await getWebhook(requestContext(c), c.req.valid('param').id), 200))
  .openapi(remove, async (c) => {
    await deleteWebhook(requestContext(c), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .openapi(deliveries, async (c) =>
    c.json(await listDeliveries(requestContext(c), c.req.valid('param').id, c.req.valid('query')), 200),
  );
