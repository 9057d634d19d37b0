import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { type AppEnv, type ServiceContext, SYSTEM_ACTOR } from '../../platform/app-env';
import { clientAddress } from '../../platform/client-address';
import { json, jsonBody, ProblemSchema } from '../../platform/openapi';
import { createRouter } from '../../platform/router';
import { uploadLimit } from '../documents/documents.routes';
import { DocumentSchema } from '../documents/documents.schemas';
import { TooManyAttempts } from '../users/sign-in.service';
import { EvidenceForm, RespondentViewSchema, SaveAnswersSchema, TokenParam } from './respond.schemas';
import { attachEvidence, openForRespondent, saveAnswers, submitQuestionnaire } from './respond.service';

/**
 * The JSON twin of the respondent's pages, for a contractor's own tooling. No itaku
 * account and no bearer token: the link's token in the path is the key.
 */

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: ProblemSchema } },
});
const tags = ['Respondents'];
const linkErrors = {
  400: problem('Invalid input; the field is named'),
  404: problem('No questionnaire has this link'),
  410: problem('`gone`: the link expired or was withdrawn'),
  429: problem('`too-many-attempts`: too many unknown links from this address; see `Retry-After`'),
} as const;
const writeErrors = {
  ...linkErrors,
  409: problem('`questionnaire-submitted`: the answers are read-only'),
  422: problem('A value its question does not take, or a question the questionnaire does not have'),
} as const;
const description = 'No API token: the token of the link is the key. Unknown links are throttled per client address.';

const open = createRoute({
  method: 'get',
  path: '/respond/{token}',
  tags,
  summary: 'Open a questionnaire through its link',
  description,
  request: { params: TokenParam },
  responses: {
    200: json(RespondentViewSchema, 'The questionnaire, its questions and the answers so far'),
    ...linkErrors,
  },
});

const save = createRoute({
  method: 'put',
  path: '/respond/{token}',
  tags,
  summary: 'Save answers as a draft',
  description: `${description} The answers given replace those questions’ answers; the others stay.`,
  request: { params: TokenParam, body: jsonBody(SaveAnswersSchema) },
  responses: { 200: json(RespondentViewSchema, 'The questionnaire with the saved answers'), ...writeErrors },
});

const submit = createRoute({
  method: 'post',
  path: '/respond/{token}/submit',
  tags,
  summary: 'Submit the answers',
  description: `${description} Refused (422, one error per question at \`answers.<questionId>\`) while a required question is unanswered; afterwards the link is read-only.`,
  request: { params: TokenParam },
  responses: { 200: json(RespondentViewSchema, 'The submitted questionnaire'), ...writeErrors },
});

const files = createRoute({
  method: 'post',
  path: '/respond/{token}/files',
  tags,
  summary: 'Attach an evidence file to a question',
  description: `${description} multipart/form-data with \`file\` and \`questionId\`; the same types and size limit as documents.`,
  request: {
    params: TokenParam,
    body: { required: true, content: { 'multipart/form-data': { schema: EvidenceForm } } },
  },
  middleware: [uploadLimit],
  responses: {
    201: json(DocumentSchema, 'The stored evidence'),
    ...writeErrors,
    413: problem('The file exceeds ITAKU_MAX_UPLOAD_MB'),
    415: problem('The content is of no accepted type'),
  },
});

/** No signed-in actor: the respondent verbs act as `respondent:<questionnaireId>`. */
const context = (c: Context<AppEnv>): ServiceContext => ({
  ...c.var.deps,
  actor: SYSTEM_ACTOR,
  requestId: c.var.requestId,
});

/** The throttle's Retry-After goes out with its 429. */
async function throttled<T>(c: Context<AppEnv>, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof TooManyAttempts) c.header('Retry-After', String(err.retryAfterSeconds));
    throw err;
  }
}

export const respondRoutes = createRouter()
  .openapi(open, async (c) => {
    const { token } = c.req.valid('param');
    return c.json(await throttled(c, openForRespondent(context(c), token, clientAddress(c))), 200);
  })
  .openapi(save, async (c) => {
    const { token } = c.req.valid('param');
    const view = await throttled(c, saveAnswers(context(c), token, clientAddress(c), c.req.valid('json')));
    return c.json(view, 200);
  })
  .openapi(submit, async (c) => {
    const { token } = c.req.valid('param');
    return c.json(await throttled(c, submitQuestionnaire(context(c), token, clientAddress(c))), 200);
  })
  .openapi(files, async (c) => {
    const { token } = c.req.valid('param');
    const form = c.req.valid('form');
    const document = await throttled(
      c,
      attachEvidence(context(c), token, clientAddress(c), form.questionId, form.file),
    );
    return c.json(document, 201);
  });
