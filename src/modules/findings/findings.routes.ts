import { json } from '../../platform/openapi';
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
import { FindingSchema } from '../reviews/reviews.schemas';
import { CreateFindingSchema, FindingListQuery, FindingPage, PatchFindingSchema } from './findings.schemas';
import { createFinding, getFinding, listFindings, patchFinding } from './findings.service';

const tags = ['Findings'];

const create = creationRoute(['compliance'], {
  path: '/findings',
  tags,
  summary: 'Record a finding (corrective action) outside a review completion',
  body: CreateFindingSchema,
  response: json(FindingSchema, 'The finding'),
});

const list = listRoute('any', {
  path: '/findings',
  tags,
  summary: 'List findings, earliest due first',
  query: FindingListQuery,
  response: json(FindingPage, 'A page of findings'),
});

const get = getByIdRoute('any', {
  path: '/findings/{id}',
  tags,
  summary: 'Get a finding',
  response: json(FindingSchema, 'The finding'),
});

const patch = versionedChangeRoute(['compliance'], {
  path: '/findings/{id}',
  tags,
  summary: 'Change or resolve a finding',
  body: PatchFindingSchema,
  response: json(FindingSchema, 'The finding'),
});

export const findingRoutes = createRouter()
  .openapi(create, async (c) => created(c, '/findings', await createFinding(requestContext(c), c.req.valid('json'))))
  .openapi(list, async (c) => c.json(await listFindings(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, (c) => readById(c, getFinding))
  .openapi(patch, (c) => changeById(c, patchFinding));
