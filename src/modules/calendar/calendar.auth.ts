import type { MiddlewareHandler } from 'hono';
import type { AppEnv } from '../../platform/app-env';
import { authenticate, unauthorized } from '../../platform/auth';
import { tokenLookup } from '../users/tokens';

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
  const actor = token && TOKEN.test(token) ? await tokenLookup(c.var.deps.db, 'feed')(token) : undefined;
  if (!actor) {
    throw unauthorized(
      c,
      token
        ? 'The feed token is unknown or revoked.'
        : 'Send Authorization: Bearer <token>, or ?token=<feed token> from POST /api/v1/users/me/feed-token.',
    );
  }
  c.set('actor', actor);
  await next();
};
