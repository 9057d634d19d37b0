import type { z } from '@hono/zod-openapi';
import { conflictError, json, jsonText } from '../../platform/openapi';
import { requestContext } from '../../platform/request-context';
import {
  changeById,
  created,
  creationRoute,
  getByIdRoute,
  listRoute,
  readById,
  versionedChangeRoute,
} from '../../platform/resource-routes';
import { createRouter } from '../../platform/router';
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
  listContractorsJson,
  patchContractor,
} from './contractors.service';

const tags = ['Contractors'];
const placementConflicts = conflictError(
  '`reconsignment-prohibited`: an agreement of the parent in force prohibits re-consignment · `reconsignment-approval-required`: one says prior_approval and `reconsignmentApproval` is not on record (通則編 3-4-4) · `my-number-permission-required`: a sub-contractor handling my_number without `myNumberPermission` (番号法10条) · `reconsignment-scope`: data categories outside the parent’s · `reconsignment-cycle` · `chain-too-deep` · `contractor-terminated`: the parent is terminated · `duplicate-contractor`: the corporate number is already registered',
);

const create = creationRoute(['procurement'], {
  path: '/contractors',
  tags,
  summary: 'Register a contractor',
  description: 'New contractors start as `proposed`. The risk tier is derived from the data-handling profile.',
  body: CreateContractorSchema,
  response: json(ContractorSchema, 'The registered contractor'),
  errors: placementConflicts,
});

const list = listRoute('any', {
  path: '/contractors',
  tags,
  summary: 'List contractors',
  query: ContractorListQuery,
  response: json(
    ContractorPage,
    'A page of contractors: oldest first, or most urgent first when filtered by supervisionStatus overdue, due_soon or on_track',
  ),
});

const get = getByIdRoute('any', {
  path: '/contractors/{id}',
  tags,
  summary: 'Get a contractor',
  response: json(ContractorSchema, 'The contractor'),
});

const patch = versionedChangeRoute(['procurement'], {
  path: '/contractors/{id}',
  tags,
  summary: 'Change a contractor’s profile',
  description: 'Lifecycle status changes go through `POST /contractors/{id}/transition`.',
  body: PatchContractorSchema,
  response: json(ContractorSchema, 'The changed contractor'),
  errors: placementConflicts,
});

const chain = getByIdRoute('any', {
  path: '/contractors/{id}/chain',
  tags,
  summary: 'The re-consignment chain: ancestors and every sub-contractor below',
  response: json(ChainSchema, 'The chain'),
});

const transition = versionedChangeRoute(['compliance'], {
  method: 'post',
  path: '/contractors/{id}/transition',
  tags,
  summary: 'Move a contractor through its lifecycle',
  description:
    'proposed → approved → active ⇄ suspended; any → terminated. Approval needs a completed selection review that passed; termination needs the data disposition recorded on every agreement and cancels open reviews. A contractor with sub-contractors is terminated alone only once each of them is terminated with its data disposition recorded; `{to: "terminated", cascade: true}` terminates every running sub-contractor below in the same unit (each needing the disposition on its agreements).',
  body: ContractorTransitionSchema,
  response: json(ContractorSchema, 'The contractor in its new state'),
  errors: conflictError(
    '`invalid-transition` · `selection-required` · `selection-incomplete` · `data-disposition-required` (the contractor’s or, with cascade, a sub-contractor’s agreements; `errors` name each sub-contractor as `subContractors.<id>`) · `sub-contractors-active`: a sub-contractor is not terminated with its data disposition (`errors` name each)',
  ),
});

export const contractorRoutes = createRouter()
  .openapi(create, async (c) =>
    created(c, '/contractors', await createContractor(requestContext(c), c.req.valid('json'))),
  )
  // The page's JSON is made of each contractor's kept JSON (listContractorsJson): the same bytes c.json would send.
  .openapi(list, async (c) =>
    jsonText<z.infer<typeof ContractorPage>>(c, await listContractorsJson(requestContext(c), c.req.valid('query'))),
  )
  .openapi(get, (c) => readById(c, getContractor))
  .openapi(patch, (c) => changeById(c, patchContractor))
  .openapi(chain, async (c) => c.json(await contractorChain(requestContext(c), c.req.valid('param').id), 200))
  .openapi(transition, (c) => changeById(c, transitionContractor));
