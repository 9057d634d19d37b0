import { conflictError, json } from '../../platform/openapi';
import { requestContext, setEtag, versioned } from '../../platform/request-context';
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
import { closeSubjectRequest, patchTask } from './subject-requests.close';
import {
  CloseSubjectRequestSchema,
  CreateSubjectRequestSchema,
  PatchSubjectRequestSchema,
  PatchTaskSchema,
  SubjectRequestListQuery,
  SubjectRequestPage,
  SubjectRequestSchema,
  TaskParams,
} from './subject-requests.schemas';
import {
  createSubjectRequest,
  getSubjectRequest,
  listSubjectRequests,
  patchSubjectRequest,
} from './subject-requests.service';

const tags = ['Subject requests'];

const create = creationRoute(['compliance'], {
  path: '/subject-requests',
  tags,
  summary: 'Record a request from the person whose data it is (開示等の請求, APPI Art. 33–35)',
  description:
    'Opens, in the same unit, one task per contractor holding any of the data categories on the day of receipt (an agreement in force that day covering the category, and the sub-contractors handling it below); due on receipt + the internal target (default 14 days: the Act says 「遅滞なく」).',
  body: CreateSubjectRequestSchema,
  response: json(SubjectRequestSchema, 'The request with its tasks'),
});

const list = listRoute('any', {
  path: '/subject-requests',
  tags,
  summary: 'List subject requests, the most urgent first',
  query: SubjectRequestListQuery,
  response: json(SubjectRequestPage, 'A page of requests by due date'),
});

const get = getByIdRoute('any', {
  path: '/subject-requests/{id}',
  tags,
  summary: 'Get a subject request',
  response: json(SubjectRequestSchema, 'The request'),
});

const patch = versionedChangeRoute(['compliance'], {
  path: '/subject-requests/{id}',
  tags,
  summary: 'Correct the reference, or the day of receipt and the categories before anything was forwarded',
  body: PatchSubjectRequestSchema,
  response: json(SubjectRequestSchema, 'The request'),
  errors: conflictError('`conflict`: closed, or already forwarded (the field is named)'),
});

const task = versionedChangeRoute(['compliance'], {
  path: '/subject-requests/{id}/tasks/{contractorId}',
  tags,
  summary: 'Record forwarding the request to a contractor, and its answer',
  description: 'If-Match names the task’s version (tasks[].version); the ETag returned is the task’s new version.',
  params: TaskParams,
  body: PatchTaskSchema,
  response: json(SubjectRequestSchema, 'The request'),
  errors: conflictError('`conflict`: the request is closed'),
});

const close = actionRoute(['compliance'], {
  path: '/subject-requests/{id}/close',
  tags,
  summary: 'Close a request with its outcome',
  description:
    'Every task must be answered. `refused` and `partly_fulfilled` need `refusalGround` (APPI Art. 33(2) items 1–3) and `refusalReason`.',
  body: CloseSubjectRequestSchema,
  response: json(SubjectRequestSchema, 'The closed request'),
  errors: conflictError('`subject-request-open-tasks` (each at `tasks.<contractorId>`) · `conflict`: already closed'),
});

/** Requests from the people whose data it is (APPI Art. 33–35): compliance answers them. */
export const subjectRequestRoutes = createRouter()
  .openapi(create, async (c) =>
    created(c, '/subject-requests', await createSubjectRequest(requestContext(c), c.req.valid('json'))),
  )
  .openapi(list, async (c) => c.json(await listSubjectRequests(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, (c) => readById(c, getSubjectRequest))
  .openapi(patch, (c) => changeById(c, patchSubjectRequest))
  .openapi(task, async (c) => {
    const { id, contractorId } = c.req.valid('param');
    const result = await patchTask(
      requestContext(c),
      id,
      contractorId,
      c.req.valid('json'),
      c.req.valid('header')['if-match'],
    );
    setEtag(c, result.taskVersion);
    return c.json(result.request, 200);
  })
  .openapi(close, async (c) =>
    versioned(c, await closeSubjectRequest(requestContext(c), c.req.valid('param').id, c.req.valid('json')), 200),
  );
