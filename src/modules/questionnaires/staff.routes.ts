import { createRoute } from '@hono/zod-openapi';
import {
  conflictError,
  IdParam,
  IfMatchHeader,
  json,
  jsonBody,
  notFoundError,
  ProblemSchema,
  preconditionError,
} from '../../platform/openapi';
import { ProblemError } from '../../platform/problem';
import { requestContext, versioned } from '../../platform/request-context';
import { changeById, getByIdRoute, listRoute, readById, versionedChangeRoute } from '../../platform/resource-routes';
import { authed, createRouter } from '../../platform/router';
import { publicBase } from '../users/user-passwords.routes';
import {
  QuestionnaireDetailSchema,
  QuestionnaireListQuery,
  QuestionnairePage,
  QuestionnaireSchema,
  ReturnQuestionnaireSchema,
  SendQuestionnaireSchema,
  SentQuestionnaireSchema,
} from './staff.schemas';
import {
  acceptQuestionnaire,
  findQuestionnaireForReview,
  getQuestionnaire,
  listQuestionnaires,
  resendQuestionnaire,
  returnQuestionnaire,
  revokeQuestionnaire,
  sendQuestionnaire,
} from './staff.service';

const tags = ['Questionnaires'];
const unprocessable = {
  422: {
    description: 'A question id the questionnaire does not have',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const;
const statusConflict = conflictError('`questionnaire-status`: not possible in the questionnaire’s status');

const send = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/reviews/{id}/questionnaire',
    tags,
    summary: 'Send a self-assessment questionnaire for a review',
    description:
      'Creates the questionnaire with a respondent link (a random token, stored hashed) that works until `expiresOn` (default: 30 days after `dueDate`). With e-mail configured the recipient gets an invitation in `language`. `respondentUrl` is shown only in this response.',
    request: { params: IdParam, body: jsonBody(SendQuestionnaireSchema) },
    responses: {
      201: json(SentQuestionnaireSchema, 'The questionnaire and its link'),
      ...notFoundError,
      ...conflictError('`questionnaire-exists`: the review already has one; `review-closed`: the review is closed'),
    },
  }),
);

const ofReview = getByIdRoute('any', {
  path: '/reviews/{id}/questionnaire',
  tags,
  summary: 'The review’s questionnaire (live or accepted), with answers and scores',
  response: json(QuestionnaireDetailSchema, 'The questionnaire'),
});

const list = listRoute('any', {
  path: '/questionnaires',
  tags,
  summary: 'List questionnaires, newest first',
  query: QuestionnaireListQuery,
  response: json(QuestionnairePage, 'A page of questionnaires'),
});

const get = getByIdRoute('any', {
  path: '/questionnaires/{id}',
  tags,
  summary: 'Get a questionnaire with its answers, evidence, scores and suggested checklist ratings',
  response: json(QuestionnaireDetailSchema, 'The questionnaire'),
});

const transitionResponses = {
  200: json(QuestionnaireSchema, 'The questionnaire'),
  ...notFoundError,
  ...preconditionError,
  ...statusConflict,
};
const ifMatchDoc = ' With `If-Match`, only the version named changes (412 otherwise).';

const returnRoute = versionedChangeRoute(['compliance'], {
  method: 'post',
  path: '/questionnaires/{id}/return',
  tags,
  summary: 'Return submitted answers for clarification',
  description: `A comment per question; the link takes answers again.${ifMatchDoc}`,
  body: ReturnQuestionnaireSchema,
  response: json(QuestionnaireSchema, 'The questionnaire'),
  errors: { ...statusConflict, ...unprocessable },
});

const accept = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/questionnaires/{id}/accept',
    tags,
    summary: 'Accept submitted answers',
    description: `The link becomes read-only for good.${ifMatchDoc}`,
    request: { params: IdParam, headers: IfMatchHeader },
    responses: transitionResponses,
  }),
);

const revoke = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/questionnaires/{id}/revoke',
    tags,
    summary: 'Withdraw the link',
    description: `The link answers 410; the review may get a new questionnaire.${ifMatchDoc}`,
    request: { params: IdParam, headers: IfMatchHeader },
    responses: transitionResponses,
  }),
);

const resend = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/questionnaires/{id}/resend',
    tags,
    summary: 'Issue a new link and send the invitation again',
    description:
      'The old link stops working; the expiry moves to 30 days after the due date when that is later. `respondentUrl` is shown only in this response.',
    request: { params: IdParam, headers: IfMatchHeader },
    responses: {
      200: json(SentQuestionnaireSchema, 'The questionnaire and its new link'),
      ...notFoundError,
      ...preconditionError,
      ...statusConflict,
    },
  }),
);

export const staffRoutes = createRouter()
  .openapi(send, async (c) => {
    const sent = await sendQuestionnaire(
      requestContext(c),
      c.req.valid('param').id,
      c.req.valid('json'),
      publicBase(c),
    );
    c.header('Location', `/api/v1/questionnaires/${sent.questionnaire.id}`);
    return versioned(c, { ...sent.questionnaire, respondentUrl: sent.respondentUrl }, 201);
  })
  .openapi(ofReview, async (c) => {
    const id = c.req.valid('param').id;
    const found = await findQuestionnaireForReview(requestContext(c), id);
    if (!found) throw notFoundFor(id);
    return versioned(c, found, 200);
  })
  .openapi(list, async (c) => c.json(await listQuestionnaires(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, (c) => readById(c, getQuestionnaire))
  .openapi(returnRoute, (c) => changeById(c, returnQuestionnaire))
  .openapi(accept, async (c) =>
    versioned(c, await acceptQuestionnaire(requestContext(c), c.req.valid('param').id, ifMatch(c)), 200),
  )
  .openapi(revoke, async (c) =>
    versioned(c, await revokeQuestionnaire(requestContext(c), c.req.valid('param').id, ifMatch(c)), 200),
  )
  .openapi(resend, async (c) => {
    const sent = await resendQuestionnaire(requestContext(c), c.req.valid('param').id, publicBase(c), ifMatch(c));
    return versioned(c, { ...sent.questionnaire, respondentUrl: sent.respondentUrl }, 200);
  });

const ifMatch = (c: { req: { header(name: string): string | undefined } }) => c.req.header('if-match');

function notFoundFor(reviewId: string) {
  return new ProblemError(404, 'not-found', `Review ${JSON.stringify(reviewId)} has no questionnaire.`);
}
