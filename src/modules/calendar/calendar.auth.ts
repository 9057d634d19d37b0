import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../platform/app-env';
import { authenticate } from '../../platform/auth';
import { ProblemError } from '../../platform/problem';
import { feedTokenUser } from './feed-tokens.service';

const TOKEN = /^[\x21-\x7e]{1,512}$/;

/**
 * Authentication for the calendar feed only: an `Authorization: Bearer` API token as on
 * every route, or else a feed token in `?token=` (calendar clients cannot send headers).
 * A request with the header is judged by the header alone. Every failure is the same 401,
 * so callers learn nothing about which tokens exist. Other routes keep `authenticate`,
 * which never reads the query string, so a feed token opens nothing else.
 */
export const bearerOrFeedToken: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (c.req.header('authorization') !== undefined) return authenticate(c, next);
  const token = c.req.query('token');
  const actor = token && TOKEN.test(token) ? await feedTokenUser(c.var.deps.db, token) : undefined;
  if (!actor) {
    c.header('WWW-Authenticate', 'Bearer realm="itaku"');
    throw new ProblemError(
      401,
      'unauthorized',
      token
        ? 'The feed token is unknown or revoked.'
        : 'Send Authorization: Bearer <token>, or ?token=<feed token> from POST /api/v1/users/me/feed-token.',
    );
  }
  c.set('actor', actor);
  await next();
};
