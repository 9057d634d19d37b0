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

const create = creationRoute(['compliance'], {
  path: '/provision-records',
  tags,
  summary: 'Record a provision to a third party abroad (第三者提供記録, APPI Art. 29)',
  description:
    'For a contractor whose basis is consent, or that is or handles the data outside Japan; otherwise 400 at `contractorId`. `retainUntil` is derived (Enforcement Rules Art. 21).',
  body: CreateProvisionRecordSchema,
  response: json(ProvisionRecordSchema, 'The record'),
});

const list = listRoute('any', {
  path: '/provision-records',
  tags,
  summary: 'List provision records, earliest provision first',
  description:
    'For a disclosure request (APPI Art. 33(5)): narrow by data category and period (`from`/`to` overlap the provision), contractor, country, or records still kept on a date (`retainedOn`).',
  query: ProvisionListQuery,
  response: json(ProvisionRecordPage, 'A page of records'),
});

const get = getByIdRoute('any', {
  path: '/provision-records/{id}',
  tags,
  summary: 'Get a provision record',
  response: json(ProvisionRecordSchema, 'The record'),
});

const patch = versionedChangeRoute(['compliance'], {
  path: '/provision-records/{id}',
  tags,
  summary: 'Correct a provision record (its retention follows)',
  body: PatchProvisionRecordSchema,
  response: json(ProvisionRecordSchema, 'The record'),
});

/** Records of provision to third parties abroad (APPI Art. 29). */
export const provisionRecordRoutes = createRouter()
  .openapi(create, async (c) =>
    created(c, '/provision-records', await createProvisionRecord(requestContext(c), c.req.valid('json'))),
  )
  .openapi(list, async (c) => c.json(await listProvisionRecords(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, (c) => readById(c, getProvisionRecord))
  .openapi(patch, (c) => changeById(c, patchProvisionRecord));
