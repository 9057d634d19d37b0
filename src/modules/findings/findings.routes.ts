import { createRoute } from '@hono/zod-openapi';
import { IdParam, IfMatchHeader, json, jsonBody, notFoundError, preconditionError } from '../../platform/openapi';
import { requestContext, versioned } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import { FindingSchema } from '../reviews/reviews.schemas';
import { CreateFindingSchema, FindingListQuery, FindingPage, PatchFindingSchema } from './findings.schemas';
import { createFinding, getFinding, listFindings, patchFinding } from './findings.service';

const create = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/findings',
    tags: ['Findings'],
    summary: 'Record a finding (corrective action) outside a review completion',
    request: { body: jsonBody(CreateFindingSchema) },
    responses: { 201: json(FindingSchema, 'The finding') },
  }),
);

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/findings',
    tags: ['Findings'],
    summary: 'List findings, earliest due first',
    request: { query: FindingListQuery },
    responses: { 200: json(FindingPage, 'A page of findings') },
  }),
);

const get = createRoute(
  authed('any', {
    method: 'get',
    path: '/findings/{id}',
    tags: ['Findings'],
    summary: 'Get a finding',
    request: { params: IdParam },
    responses: { 200: json(FindingSchema, 'The finding'), ...notFoundError },
  }),
);

const patch = createRoute(
  authed(['compliance'], {
    method: 'patch',
    path: '/findings/{id}',
    tags: ['Findings'],
    summary: 'Change or resolve a finding',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(PatchFindingSchema) },
    responses: { 200: json(FindingSchema, 'The finding'), ...notFoundError, ...preconditionError },
  }),
);

export const findingRoutes = createRouter()
  .openapi(create, async (c) => {
    const finding = await createFinding(requestContext(c), c.req.valid('json'));
    c.header('Location', `/api/v1/findings/${finding.id}`);
    return versioned(c, finding, 201);
  })
  .openapi(list, async (c) => c.json(await listFindings(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    return versioned(c, await getFinding(requestContext(c), c.req.valid('param').id), 200);
  })
  .openapi(patch, async (c) => {
    return versioned(
      c,
      await patchFinding(
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      ),
      200,
    );
  });
