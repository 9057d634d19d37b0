import { createRoute } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv } from '../../platform/app-env';
import { conflictError, IdParam, json, jsonBody, notFoundError, ProblemSchema } from '../../platform/openapi';
import { requestContext } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import { issueSignInLink } from './password-links.service';
import { changeOwnPassword, TooManyAttempts } from './sign-in.service';
import { ChangePasswordSchema, SignInLinkSchema } from './users.schemas';

const tooManyAttempts = {
  429: {
    description: 'Too many wrong current passwords; `Retry-After` says how many seconds to wait',
    content: { 'application/problem+json': { schema: ProblemSchema } },
  },
} as const;

const changePassword = createRoute(
  authed('any', {
    method: 'post',
    path: '/users/me/password',
    tags: ['Users'],
    summary: 'Change your own password',
    description:
      'The current password is required when you have one. Your web sessions end (the one making the change, if any, stays) and outstanding sign-in links stop working.',
    request: { body: jsonBody(ChangePasswordSchema) },
    responses: { 204: { description: 'Password changed' }, ...tooManyAttempts },
  }),
);

const signInLink = createRoute(
  authed(['admin'], {
    method: 'post',
    path: '/users/{id}/sign-in-link',
    tags: ['Users'],
    summary: 'Issue a one-time link to set a password',
    description:
      'The link works once, for 72 hours, and is shown only in this response; an older link of the user stops working.',
    request: { params: IdParam },
    responses: {
      201: json(SignInLinkSchema, 'The link (shown once)'),
      ...notFoundError,
      ...conflictError('The user is deactivated'),
    },
  }),
);

/** Where links point: ITAKU_PUBLIC_URL, else the address this request came to. */
export const publicBase = <E extends AppEnv>(c: Context<E>): string =>
  c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;

export const userPasswordRoutes = createRouter()
  .openapi(changePassword, async (c) => {
    try {
      await changeOwnPassword(requestContext(c), c.req.valid('json'));
    } catch (err) {
      if (err instanceof TooManyAttempts) c.header('Retry-After', String(err.retryAfterSeconds));
      throw err;
    }
    return c.body(null, 204);
  })
  .openapi(signInLink, async (c) =>
    c.json(await issueSignInLink(requestContext(c), c.req.valid('param').id, publicBase(c)), 201),
  );
