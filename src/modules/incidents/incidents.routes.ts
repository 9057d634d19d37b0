import { createRoute } from '@hono/zod-openapi';
import {
  conflictError,
  IdParam,
  IfMatchHeader,
  json,
  jsonBody,
  notFoundError,
  preconditionError,
} from '../../platform/openapi';
import { requestContext, versioned } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import {
  CloseIncidentSchema,
  CreateIncidentSchema,
  IncidentListQuery,
  IncidentPage,
  IncidentSchema,
  PatchIncidentSchema,
} from './incidents.schemas';
import { closeIncident, createIncident, getIncident, listIncidents, patchIncident } from './incidents.service';

const create = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/incidents',
    tags: ['Incidents'],
    summary: 'Record a leak incident (漏えい等) at a contractor',
    description:
      'Derives reportability (APPI Enforcement Rules Art. 7) and the PPC reporting deadlines, and schedules a follow-up review of the contractor within 30 days unless one is due sooner.',
    request: { body: jsonBody(CreateIncidentSchema) },
    responses: { 201: json(IncidentSchema, 'The incident') },
  }),
);

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/incidents',
    tags: ['Incidents'],
    summary: 'List incidents',
    request: { query: IncidentListQuery },
    responses: { 200: json(IncidentPage, 'A page of incidents, oldest first') },
  }),
);

const get = createRoute(
  authed('any', {
    method: 'get',
    path: '/incidents/{id}',
    tags: ['Incidents'],
    summary: 'Get an incident',
    request: { params: IdParam },
    responses: { 200: json(IncidentSchema, 'The incident'), ...notFoundError },
  }),
);

const patch = createRoute(
  authed(['compliance'], {
    method: 'patch',
    path: '/incidents/{id}',
    tags: ['Incidents'],
    summary: 'Record report dates and notification of the data subjects, or correct the facts',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(PatchIncidentSchema) },
    responses: { 200: json(IncidentSchema, 'The incident'), ...notFoundError, ...preconditionError },
  }),
);

const close = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/incidents/{id}/close',
    tags: ['Incidents'],
    summary: 'Close an incident with a summary',
    description:
      'A reportable incident needs its final report (確報) and the notice to the individuals or its alternative (APPI Art. 26(2)) on record first.',
    request: { params: IdParam, body: jsonBody(CloseIncidentSchema) },
    responses: {
      200: json(IncidentSchema, 'The closed incident'),
      ...notFoundError,
      ...conflictError('`final-report-required` · `subject-notice-required` · `incident-closed`'),
    },
  }),
);

export const incidentRoutes = createRouter()
  .openapi(create, async (c) => {
    const incident = await createIncident(requestContext(c), c.req.valid('json'));
    c.header('Location', `/api/v1/incidents/${incident.id}`);
    return versioned(c, incident, 201);
  })
  .openapi(list, async (c) => c.json(await listIncidents(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    return versioned(c, await getIncident(requestContext(c), c.req.valid('param').id), 200);
  })
  .openapi(patch, async (c) => {
    return versioned(
      c,
      await patchIncident(
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      ),
      200,
    );
  })
  .openapi(close, async (c) => {
    return versioned(
      c,
      await closeIncident(requestContext(c), c.req.valid('param').id, c.req.valid('json').summary),
      200,
    );
  });
