import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { ZodError } from 'zod';
import type { AppEnv } from './app-env';
import { loggedPath } from './logger';
import { type ProblemBody, ProblemError, type ProblemSlug } from './problem';
import { validationProblem } from './router';

export function problemResponse(c: Context, body: ProblemBody): Response {
  return c.body(JSON.stringify(body), body.status as ContentfulStatusCode, {
    'Content-Type': 'application/problem+json; charset=utf-8',
  });
}

const slugForStatus: Record<number, ProblemSlug> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
  405: 'method-not-allowed',
  412: 'precondition-failed',
  413: 'payload-too-large',
  415: 'unsupported-media-type',
  429: 'too-many-attempts',
};

function fromHttpException(err: HTTPException): ProblemError {
  if (err.status === 400 && /json/i.test(err.message)) {
    return new ProblemError(400, 'malformed-json', 'The request body is not valid JSON.');
  }
  if (err.status === 415) {
    return new ProblemError(415, 'unsupported-media-type', 'Send the body as application/json.');
  }
  const slug = slugForStatus[err.status] ?? 'bad-request';
  return new ProblemError(err.status, slug, err.message || 'The request could not be processed.');
}

/**
 * Every error becomes problem+json. Known errors carry their own status and type;
 * anything else is logged with the request id and answered with a generic 500 that
 * reveals no stack, SQL or message.
 */
export const onError: ErrorHandler<AppEnv> = (err, c) => {
  const requestId = c.get('requestId');
  let problem: ProblemError | undefined;
  if (err instanceof ProblemError) problem = err;
  else if (err instanceof HTTPException) problem = fromHttpException(err);
  else if (err instanceof ZodError) problem = validationProblem(err.issues);
  if (problem) return problemResponse(c, problem.toBody(requestId));

  c.get('deps')?.logger.error('unhandled error', {
    requestId,
    method: c.req.method,
    path: loggedPath(c.req.path),
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return problemResponse(c, {
    type: '/problems/internal',
    title: 'Internal server error',
    status: 500,
    detail: 'An unexpected error occurred and nothing was changed. Quote the request id when reporting it.',
    requestId,
  });
};

export const notFoundHandler: NotFoundHandler<AppEnv> = (c) =>
  problemResponse(
    c,
    new ProblemError(404, 'not-found', `No route for ${c.req.method} ${c.req.path}.`).toBody(c.get('requestId')),
  );
