import { createRoute } from '@hono/zod-openapi';
import { IdParam, IfMatchHeader, json, jsonBody, notFoundError, preconditionError } from '../../platform/openapi';
import { requestContext, versioned } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import {
  CreateProvisionRecordSchema,
  PatchProvisionRecordSchema,
  ProvisionListQuery,
  ProvisionRecordPage,
  ProvisionRecordSchema,
} from './provision-records.schemas';
import {
  createProvisionRecord,
  getProvisionRecord,
  listProvisionRecords,
  patchProvisionRecord,
} from './provision-records.service';

const tags = ['Provision records'];

const create = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/provision-records',
    tags,
    summary: 'Record a provision to a third party abroad (第三者提供記録, APPI Art. 29)',
    description:
      'For a contractor whose basis is consent, or that is or handles the data outside Japan; otherwise 400 at `contractorId`. `retainUntil` is derived (Enforcement Rules Art. 21).',
    request: { body: jsonBody(CreateProvisionRecordSchema) },
    responses: { 201: json(ProvisionRecordSchema, 'The record') },
  }),
);

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/provision-records',
    tags,
    summary: 'List provision records, earliest provision first',
    description:
      'For a disclosure request (APPI Art. 33(5)): narrow by data category and period (`from`/`to` overlap the provision), contractor, country, or records still kept on a date (`retainedOn`).',
    request: { query: ProvisionListQuery },
    responses: { 200: json(ProvisionRecordPage, 'A page of records') },
  }),
);

const get = createRoute(
  authed('any', {
    method: 'get',
    path: '/provision-records/{id}',
    tags,
    summary: 'Get a provision record',
    request: { params: IdParam },
    responses: { 200: json(ProvisionRecordSchema, 'The record'), ...notFoundError },
  }),
);

const patch = createRoute(
  authed(['compliance'], {
    method: 'patch',
    path: '/provision-records/{id}',
    tags,
    summary: 'Correct a provision record (its retention follows)',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(PatchProvisionRecordSchema) },
    responses: { 200: json(ProvisionRecordSchema, 'The record'), ...notFoundError, ...preconditionError },
  }),
);

/** Records of provision to third parties abroad (APPI Art. 29). */
export const provisionRecordRoutes = createRouter()
  .openapi(create, async (c) => {
    const record = await createProvisionRecord(requestContext(c), c.req.valid('json'));
    c.header('Location', `/api/v1/provision-records/${record.id}`);
    return versioned(c, record, 201);
  })
  .openapi(list, async (c) => c.json(await listProvisionRecords(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => versioned(c, await getProvisionRecord(requestContext(c), c.req.valid('param').id), 200))
  .openapi(patch, async (c) =>
    versioned(
      c,
      await patchProvisionRecord(
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      ),
      200,
    ),
  );
