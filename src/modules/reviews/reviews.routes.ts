import { conflictError, json } from '../../platform/openapi';
import { requestContext, setEtag } from '../../platform/request-context';
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

const tags = ['Reviews'];
const closedConflict = conflictError('`review-closed`: the review is already completed or cancelled');

const create = creationRoute(['compliance'], {
  path: '/reviews',
  tags,
  summary: 'Schedule a supervision review',
  body: CreateReviewSchema,
  response: json(ReviewSchema, 'The scheduled review'),
  errors: conflictError('`contractor-terminated`: terminated contractors get no new reviews'),
});

const list = listRoute('any', {
  path: '/reviews',
  tags,
  summary: 'List reviews, earliest due first',
  query: ReviewListQuery,
  response: json(ReviewPage, 'A page of reviews'),
});

const get = getByIdRoute('any', {
  path: '/reviews/{id}',
  tags,
  summary: 'Get a review',
  response: json(ReviewSchema, 'The review'),
});

const patch = versionedChangeRoute(['compliance'], {
  path: '/reviews/{id}',
  tags,
  summary: 'Reassign, reschedule or start an open review',
  body: PatchReviewSchema,
  response: json(ReviewSchema, 'The review'),
  errors: closedConflict,
});

const complete = actionRoute(['compliance'], {
  path: '/reviews/{id}/complete',
  tags,
  summary: 'Record the outcome, findings, and schedule the next review',
  body: CompleteReviewSchema,
  response: json(CompletionResultSchema, 'The completed review, its findings and the next review'),
  errors: closedConflict,
});

const cancel = versionedChangeRoute(['compliance'], {
  method: 'post',
  path: '/reviews/{id}/cancel',
  tags,
  summary: 'Cancel an open review, with a reason',
  description: 'With `If-Match`, only the version named is cancelled (412 when the review changed since).',
  body: CancelReviewSchema,
  response: json(ReviewSchema, 'The cancelled review'),
  errors: closedConflict,
});

export const reviewRoutes = createRouter()
  .openapi(create, async (c) => created(c, '/reviews', await scheduleReview(requestContext(c), c.req.valid('json'))))
  .openapi(list, async (c) => c.json(await listReviews(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, (c) => readById(c, getReview))
  .openapi(patch, (c) => changeById(c, patchReview))
  .openapi(complete, async (c) => {
    const result = await completeReview(requestContext(c), c.req.valid('param').id, c.req.valid('json'));
    setEtag(c, result.review.version);
    return c.json(result, 200);
  })
  .openapi(cancel, (c) => changeById(c, (ctx, id, body, ifMatch) => cancelReview(ctx, id, body.reason, ifMatch)));
