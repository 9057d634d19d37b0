import { conflictError, json } from '../../platform/openapi';
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
  AgreementListQuery,
  AgreementPage,
  AgreementSchema,
  CreateAgreementSchema,
  PatchAgreementSchema,
} from './agreements.schemas';
import { createAgreement, getAgreement, listAgreements, patchAgreement } from './agreements.service';

const tags = ['Agreements'];

const create = creationRoute(['procurement'], {
  path: '/agreements',
  tags,
  summary: 'Record a consignment agreement',
  body: CreateAgreementSchema,
  response: json(AgreementSchema, 'The agreement'),
  errors: conflictError('`contractor-terminated`: the contractor takes no new agreements'),
});

const list = listRoute('any', {
  path: '/agreements',
  tags,
  summary: 'List agreements',
  query: AgreementListQuery,
  response: json(AgreementPage, 'A page of agreements, oldest first'),
});

const get = getByIdRoute('any', {
  path: '/agreements/{id}',
  tags,
  summary: 'Get an agreement',
  response: json(AgreementSchema, 'The agreement'),
});

const patch = versionedChangeRoute(['procurement'], {
  path: '/agreements/{id}',
  tags,
  summary: 'Change an agreement, terminate it, or record the return or deletion of the data',
  body: PatchAgreementSchema,
  response: json(AgreementSchema, 'The changed agreement'),
});

export const agreementRoutes = createRouter()
  .openapi(create, async (c) =>
    created(c, '/agreements', await createAgreement(requestContext(c), c.req.valid('json'))),
  )
  .openapi(list, async (c) => c.json(await listAgreements(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, (c) => readById(c, getAgreement))
  .openapi(patch, (c) => changeById(c, patchAgreement));
