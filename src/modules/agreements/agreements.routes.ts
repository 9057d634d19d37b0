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
  AgreementListQuery,
  AgreementPage,
  AgreementSchema,
  CreateAgreementSchema,
  PatchAgreementSchema,
} from './agreements.schemas';
import { createAgreement, getAgreement, listAgreements, patchAgreement } from './agreements.service';

const create = createRoute(
  authed(['procurement'], {
    method: 'post',
    path: '/agreements',
    tags: ['Agreements'],
    summary: 'Record a consignment agreement',
    request: { body: jsonBody(CreateAgreementSchema) },
    responses: {
      201: json(AgreementSchema, 'The agreement'),
      ...conflictError('`contractor-terminated`: the contractor takes no new agreements'),
    },
  }),
);

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/agreements',
    tags: ['Agreements'],
    summary: 'List agreements',
    request: { query: AgreementListQuery },
    responses: { 200: json(AgreementPage, 'A page of agreements, oldest first') },
  }),
);

const get = createRoute(
  authed('any', {
    method: 'get',
    path: '/agreements/{id}',
    tags: ['Agreements'],
    summary: 'Get an agreement',
    request: { params: IdParam },
    responses: { 200: json(AgreementSchema, 'The agreement'), ...notFoundError },
  }),
);

const patch = createRoute(
  authed(['procurement'], {
    method: 'patch',
    path: '/agreements/{id}',
    tags: ['Agreements'],
    summary: 'Change an agreement, terminate it, or record the return or deletion of the data',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(PatchAgreementSchema) },
    responses: { 200: json(AgreementSchema, 'The changed agreement'), ...notFoundError, ...preconditionError },
  }),
);

export const agreementRoutes = createRouter()
  .openapi(create, async (c) => {
    const agreement = await createAgreement(requestContext(c), c.req.valid('json'));
    c.header('Location', `/api/v1/agreements/${agreement.id}`);
    return versioned(c, agreement, 201);
  })
  .openapi(list, async (c) => c.json(await listAgreements(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    return versioned(c, await getAgreement(requestContext(c), c.req.valid('param').id), 200);
  })
  .openapi(patch, async (c) => {
    return versioned(
      c,
      await patchAgreement(
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      ),
      200,
    );
  });
