import { createRoute } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../../platform/app-env';
import { IdParam, IfMatchHeader, json, notFoundError, preconditionError } from '../../platform/openapi';
import { requestContext, versioned } from '../../platform/request-context';
import { getByIdRoute, listRoute, readById } from '../../platform/resource-routes';
import { authed, createRouter } from '../../platform/router';
import { contentDisposition } from './disposition';
import { DocumentListQuery, DocumentPage, DocumentSchema, UploadDocumentForm } from './documents.schemas';
import {
  deleteDocument,
  documentContent,
  getDocument,
  listDocuments,
  maxUploadBytes,
  uploadDocument,
  uploadTooLarge,
} from './documents.service';

// The multipart envelope (boundaries, the other fields) around the largest file allowed.
const FORM_OVERHEAD = 64 * 1024;

/** The upload limit (ITAKU_MAX_UPLOAD_MB) on a multipart route; the respondent's uploads use it too. */
export const uploadLimit: MiddlewareHandler<AppEnv> = (c, next) => {
  const ctx = requestContext(c);
  return bodyLimit({
    maxSize: maxUploadBytes(ctx) + FORM_OVERHEAD,
    onError: () => {
      throw uploadTooLarge(ctx);
    },
  })(c, next);
};

const tags = ['Documents'];

const uploadRoute = authed(['procurement', 'compliance'], {
  method: 'post',
  path: '/documents',
  tags,
  summary: 'Store a document or certificate for a contractor',
  description:
    'multipart/form-data. The type is found from the content (PDF, PNG, JPEG, GIF, WebP, Word, Excel, PowerPoint, Office 97–2003, CSV or text in UTF-8 or Shift_JIS, zip); a file name whose extension says otherwise is refused. At most ITAKU_MAX_UPLOAD_MB (default 20) MiB.',
  request: { body: { required: true, content: { 'multipart/form-data': { schema: UploadDocumentForm } } } },
  responses: {
    201: json(DocumentSchema, 'The stored document'),
    413: { description: 'The file exceeds ITAKU_MAX_UPLOAD_MB' },
    415: { description: 'The content is of no accepted type' },
  },
});
uploadRoute.middleware.push(uploadLimit);

const list = listRoute('any', {
  path: '/documents',
  tags,
  summary: 'List documents',
  query: DocumentListQuery,
  response: json(DocumentPage, 'A page of documents, oldest first'),
});

const get = getByIdRoute('any', {
  path: '/documents/{id}',
  tags,
  summary: 'Get a document’s details',
  response: json(DocumentSchema, 'The document'),
});

const content = createRoute(
  authed('any', {
    method: 'get',
    path: '/documents/{id}/content',
    tags,
    summary: 'Download a document’s content',
    request: { params: IdParam },
    responses: { 200: { description: 'The bytes, as an attachment' }, ...notFoundError },
  }),
);

const remove = createRoute(
  authed(['procurement', 'compliance'], {
    method: 'delete',
    path: '/documents/{id}',
    tags,
    summary: 'Delete a document (its content is kept for the retention period)',
    request: { params: IdParam, headers: IfMatchHeader },
    responses: { 204: { description: 'Deleted' }, ...notFoundError, ...preconditionError },
  }),
);

export const documentRoutes = createRouter()
  .openapi(createRoute(uploadRoute), async (c) => {
    const document = await uploadDocument(requestContext(c), c.req.valid('form'));
    c.header('Location', `/api/v1/documents/${document.id}`);
    return versioned(c, document, 201);
  })
  .openapi(list, async (c) => c.json(await listDocuments(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, (c) => readById(c, getDocument))
  .openapi(content, async (c) => {
    const { row, file } = await documentContent(requestContext(c), c.req.valid('param').id);
    // Always a download, never shown inline: a stored file is never rendered in itaku's origin.
    return new Response(file.body, {
      status: 200,
      headers: {
        'Content-Type': row.contentType,
        'Content-Length': String(file.size),
        'Content-Disposition': contentDisposition(row.fileName),
        'X-Content-Type-Options': 'nosniff',
        'Cache-Control': 'no-store',
        'Content-Security-Policy': "default-src 'none'; sandbox",
      },
    }) as never;
  })
  .openapi(remove, async (c) => {
    await deleteDocument(requestContext(c), c.req.valid('param').id, c.req.valid('header')['if-match']);
    return c.body(null, 204);
  });
