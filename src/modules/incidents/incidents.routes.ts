import { conflictError, json } from '../../platform/openapi';
import { requestContext, versioned } from '../../platform/request-context';
import {
  actionRoute,
  changeById,
  created,
  creationRoute,
  getByIdRoute,
  listRoute,
  readById,
  versionedChangeRoute,
} from '../../platform/resource-routes';
import { createRouter } from '../../platform/router';
import {
  CloseIncidentSchema,
  CreateIncidentSchema,
  IncidentListQuery,
  IncidentPage,
  IncidentSchema,
  PatchIncidentSchema,
} from './incidents.schemas';
import { closeIncident, createIncident, getIncident, listIncidents, patchIncident } from './incidents.service';

const tags = ['Incidents'];

const create = creationRoute(['compliance'], {
  path: '/incidents',
  tags,
  summary: 'Record a leak incident (漏えい等) at a contractor',
  description:
    'Derives reportability (APPI Enforcement Rules Art. 7) and the PPC reporting deadlines, and schedules a follow-up review of the contractor within 30 days unless one is due sooner.',
  body: CreateIncidentSchema,
  response: json(IncidentSchema, 'The incident'),
});

const list = listRoute('any', {
  path: '/incidents',
  tags,
  summary: 'List incidents',
  query: IncidentListQuery,
  response: json(IncidentPage, 'A page of incidents, oldest first'),
});

const get = getByIdRoute('any', {
  path: '/incidents/{id}',
  tags,
  summary: 'Get an incident',
  response: json(IncidentSchema, 'The incident'),
});

const patch = versionedChangeRoute(['compliance'], {
  path: '/incidents/{id}',
  tags,
  summary: 'Record report dates and notification of the data subjects, or correct the facts',
  body: PatchIncidentSchema,
  response: json(IncidentSchema, 'The incident'),
});

const close = actionRoute(['compliance'], {
  path: '/incidents/{id}/close',
  tags,
  summary: 'Close an incident with a summary',
  description:
    'A reportable incident needs its final report (確報) and the notice to the individuals or its alternative (APPI Art. 26(2)) on record first.',
  body: CloseIncidentSchema,
  response: json(IncidentSchema, 'The closed incident'),
  errors: conflictError('`final-report-required` · `subject-notice-required` · `incident-closed`'),
});

export const incidentRoutes = createRouter()
  .openapi(create, async (c) => created(c, '/incidents', await createIncident(requestContext(c), c.req.valid('json'))))
  .openapi(list, async (c) => c.json(await listIncidents(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, (c) => readById(c, getIncident))
  .openapi(patch, (c) => changeById(c, patchIncident))
  .openapi(close, async (c) => {
    const { id } = c.req.valid('param');
    return versioned(c, await closeIncident(requestContext(c), id, c.req.valid('json').summary), 200);
  });
