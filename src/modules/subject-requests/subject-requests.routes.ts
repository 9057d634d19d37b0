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
import { requestContext, setEtag, versioned } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
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

const TAG = ['Subject requests'];

const create = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/subject-requests',
    tags: TAG,
    summary: 'Record a request from the person whose data it is (開示等の請求, APPI Art. 33–35)',
    description:
      'Opens, in the same unit, one task per contractor holding any of the data categories on the day of receipt (an agreement in force that day covering the category, and the sub-contractors handling it below); due on receipt + the internal target (default 14 days: the Act says 「遅滞なく」).',
    request: { body: jsonBody(CreateSubjectRequestSchema) },
    responses: { 201: json(SubjectRequestSchema, 'The request with its tasks') },
  }),
);

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/subject-requests',
    tags: TAG,
    summary: 'List subject requests, the most urgent first',
    request: { query: SubjectRequestListQuery },
    responses: { 200: json(SubjectRequestPage, 'A page of requests by due date') },
  }),
);

const get = createRoute(
  authed('any', {
    method: 'get',
    path: '/subject-requests/{id}',
    tags: TAG,
    summary: 'Get a subject request',
    request: { params: IdParam },
    responses: { 200: json(SubjectRequestSchema, 'The request'), ...notFoundError },
  }),
);

const patch = createRoute(
  authed(['compliance'], {
    method: 'patch',
    path: '/subject-requests/{id}',
    tags: TAG,
    summary: 'Correct the reference, or the day of receipt and the categories before anything was forwarded',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(PatchSubjectRequestSchema) },
    responses: {
      200: json(SubjectRequestSchema, 'The request'),
      ...notFoundError,
      ...preconditionError,
      ...conflictError('`conflict`: closed, or already forwarded (the field is named)'),
    },
  }),
);

const task = createRoute(
  authed(['compliance'], {
    method: 'patch',
    path: '/subject-requests/{id}/tasks/{contractorId}',
    tags: TAG,
    summary: 'Record forwarding the request to a contractor, and its answer',
    description: 'If-Match names the task’s version (tasks[].version); the ETag returned is the task’s new version.',
    request: { params: TaskParams, headers: IfMatchHeader, body: jsonBody(PatchTaskSchema) },
    responses: {
      200: json(SubjectRequestSchema, 'The request'),
      ...notFoundError,
      ...preconditionError,
      ...conflictError('`conflict`: the request is closed'),
    },
  }),
);

const close = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/subject-requests/{id}/close',
    tags: TAG,
    summary: 'Close a request with its outcome',
    description:
      'Every task must be answered. `refused` and `partly_fulfilled` need `refusalGround` (APPI Art. 33(2) items 1–3) and `refusalReason`.',
    request: { params: IdParam, body: jsonBody(CloseSubjectRequestSchema) },
    responses: {
      200: json(SubjectRequestSchema, 'The closed request'),
      ...notFoundError,
      ...conflictError('`subject-request-open-tasks` (each at `tasks.<contractorId>`) · `conflict`: already closed'),
    },
  }),
);

/** Requests from the people whose data it is (APPI Art. 33–35): compliance answers them. */
export const subjectRequestRoutes = createRouter()
  .openapi(create, async (c) => {
    const created = await createSubjectRequest(requestContext(c), c.req.valid('json'));
    c.header('Location', `/api/v1/subject-requests/${created.id}`);
    return versioned(c, created, 201);
  })
  .openapi(list, async (c) => c.json(await listSubjectRequests(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => versioned(c, await getSubjectRequest(requestContext(c), c.req.valid('param').id), 200))
  .openapi(patch, async (c) =>
    versioned(
      c,
      await patchSubjectRequest(
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      ),
      200,
    ),
  )
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
