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
import { transitionContractor } from './contractors.lifecycle';
import {
  ChainSchema,
  ContractorListQuery,
  ContractorPage,
  ContractorSchema,
  ContractorTransitionSchema,
  CreateContractorSchema,
  PatchContractorSchema,
} from './contractors.schemas';
import {
  contractorChain,
  createContractor,
  getContractor,
  listContractors,
  patchContractor,
} from './contractors.service';

const placementConflicts = conflictError(
  '`reconsignment-prohibited`: an agreement of the parent in force prohibits re-consignment · `reconsignment-approval-required`: one says prior_approval and `reconsignmentApproval` is not on record (通則編 3-4-4) · `my-number-permission-required`: a sub-contractor handling my_number without `myNumberPermission` (番号法10条) · `reconsignment-scope`: data categories outside the parent’s · `reconsignment-cycle` · `chain-too-deep` · `contractor-terminated`: the parent is terminated · `duplicate-contractor`: the corporate number is already registered',
);

const create = createRoute(
  authed(['procurement'], {
    method: 'post',
    path: '/contractors',
    tags: ['Contractors'],
    summary: 'Register a contractor',
    description: 'New contractors start as `proposed`. The risk tier is derived from the data-handling profile.',
    request: { body: jsonBody(CreateContractorSchema) },
    responses: { 201: json(ContractorSchema, 'The registered contractor'), ...placementConflicts },
  }),
);

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/contractors',
    tags: ['Contractors'],
    summary: 'List contractors',
    request: { query: ContractorListQuery },
    responses: {
      200: json(
        ContractorPage,
        'A page of contractors: oldest first, or most urgent first when filtered by supervisionStatus overdue, due_soon or on_track',
      ),
    },
  }),
);

const get = createRoute(
  authed('any', {
    method: 'get',
    path: '/contractors/{id}',
    tags: ['Contractors'],
    summary: 'Get a contractor',
    request: { params: IdParam },
    responses: { 200: json(ContractorSchema, 'The contractor'), ...notFoundError },
  }),
);

const patch = createRoute(
  authed(['procurement'], {
    method: 'patch',
    path: '/contractors/{id}',
    tags: ['Contractors'],
    summary: 'Change a contractor’s profile',
    description: 'Lifecycle status changes go through `POST /contractors/{id}/transition`.',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(PatchContractorSchema) },
    responses: {
      200: json(ContractorSchema, 'The changed contractor'),
      ...notFoundError,
      ...preconditionError,
      ...placementConflicts,
    },
  }),
);

const chain = createRoute(
  authed('any', {
    method: 'get',
    path: '/contractors/{id}/chain',
    tags: ['Contractors'],
    summary: 'The re-consignment chain: ancestors and every sub-contractor below',
    request: { params: IdParam },
    responses: { 200: json(ChainSchema, 'The chain'), ...notFoundError },
  }),
);

const transition = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/contractors/{id}/transition',
    tags: ['Contractors'],
    summary: 'Move a contractor through its lifecycle',
    description:
      'proposed → approved → active ⇄ suspended; any → terminated. Approval needs a completed selection review that passed; termination needs the data disposition recorded on every agreement and cancels open reviews. A contractor with sub-contractors is terminated alone only once each of them is terminated with its data disposition recorded; `{to: "terminated", cascade: true}` terminates every running sub-contractor below in the same unit (each needing the disposition on its agreements).',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(ContractorTransitionSchema) },
    responses: {
      200: json(ContractorSchema, 'The contractor in its new state'),
      ...notFoundError,
      ...preconditionError,
      ...conflictError(
        '`invalid-transition` · `selection-required` · `selection-incomplete` · `data-disposition-required` (the contractor’s or, with cascade, a sub-contractor’s agreements; `errors` name each sub-contractor as `subContractors.<id>`) · `sub-contractors-active`: a sub-contractor is not terminated with its data disposition (`errors` name each)',
      ),
    },
  }),
);

export const contractorRoutes = createRouter()
  .openapi(create, async (c) => {
    const contractor = await createContractor(requestContext(c), c.req.valid('json'));
    c.header('Location', `/api/v1/contractors/${contractor.id}`);
    return versioned(c, contractor, 201);
  })
  .openapi(list, async (c) => c.json(await listContractors(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    return versioned(c, await getContractor(requestContext(c), c.req.valid('param').id), 200);
  })
  .openapi(patch, async (c) => {
    return versioned(
      c,
      await patchContractor(
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      ),
      200,
    );
  })
  .openapi(chain, async (c) => c.json(await contractorChain(requestContext(c), c.req.valid('param').id), 200))
  .openapi(transition, async (c) => {
    return versioned(
      c,
      await transitionContractor(
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      ),
      200,
    );
  });
