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
import {
  CancelReviewSchema,
  CompleteReviewSchema,
  CompletionResultSchema,
  CreateReviewSchema,
  PatchReviewSchema,
  ReviewListQuery,
  ReviewPage,
  ReviewSchema,
} from './reviews.schemas';
import { cancelReview, completeReview, getReview, listReviews, patchReview, scheduleReview } from './reviews.service';

const closedConflict = conflictError('`review-closed`: the review is already completed or cancelled');

const create = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/reviews',
    tags: ['Reviews'],
    summary: 'Schedule a supervision review',
    request: { body: jsonBody(CreateReviewSchema) },
    responses: {
      201: json(ReviewSchema, 'The scheduled review'),
      ...conflictError('`contractor-terminated`: terminated contractors get no new reviews'),
    },
  }),
);

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/reviews',
    tags: ['Reviews'],
    summary: 'List reviews, earliest due first',
    request: { query: ReviewListQuery },
    responses: { 200: json(ReviewPage, 'A page of reviews') },
  }),
);

const get = createRoute(
  authed('any', {
    method: 'get',
    path: '/reviews/{id}',
    tags: ['Reviews'],
    summary: 'Get a review',
    request: { params: IdParam },
    responses: { 200: json(ReviewSchema, 'The review'), ...notFoundError },
  }),
);

const patch = createRoute(
  authed(['compliance'], {
    method: 'patch',
    path: '/reviews/{id}',
    tags: ['Reviews'],
    summary: 'Reassign, reschedule or start an open review',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(PatchReviewSchema) },
    responses: { 200: json(ReviewSchema, 'The review'), ...notFoundError, ...preconditionError, ...closedConflict },
  }),
);

const complete = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/reviews/{id}/complete',
    tags: ['Reviews'],
    summary: 'Record the outcome, findings, and schedule the next review',
    request: { params: IdParam, body: jsonBody(CompleteReviewSchema) },
    responses: {
      200: json(CompletionResultSchema, 'The completed review, its findings and the next review'),
      ...notFoundError,
      ...closedConflict,
    },
  }),
);

const cancel = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/reviews/{id}/cancel',
    tags: ['Reviews'],
    summary: 'Cancel an open review, with a reason',
    description: 'With `If-Match`, only the version named is cancelled (412 when the review changed since).',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(CancelReviewSchema) },
    responses: {
      200: json(ReviewSchema, 'The cancelled review'),
      ...notFoundError,
      ...preconditionError,
      ...closedConflict,
    },
  }),
);

export const reviewRoutes = createRouter()
  .openapi(create, async (c) => {
    const review = await scheduleReview(requestContext(c), c.req.valid('json'));
    c.header('Location', `/api/v1/reviews/${review.id}`);
    return versioned(c, review, 201);
  })
  .openapi(list, async (c) => c.json(await listReviews(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => {
    return versioned(c, await getReview(requestContext(c), c.req.valid('param').id), 200);
  })
  .openapi(patch, async (c) => {
    return versioned(
      c,
      await patchReview(
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json'),
        c.req.valid('header')['if-match'],
      ),
      200,
    );
  })
  .openapi(complete, async (c) => {
    const result = await completeReview(requestContext(c), c.req.valid('param').id, c.req.valid('json'));
    setEtag(c, result.review.version);
    return c.json(result, 200);
  })
  .openapi(cancel, async (c) => {
    return versioned(
      c,
      await cancelReview(
        requestContext(c),
        c.req.valid('param').id,
        c.req.valid('json').reason,
        c.req.valid('header')['if-match'],
      ),
      200,
    );
  });
