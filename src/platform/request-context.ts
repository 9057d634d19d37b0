import type { Context } from 'hono';
import type { AppEnv, RequestContext } from '../app-env';

/** What a service verb needs from the current request: dependencies, actor, request id. */
export const requestContext = (c: Context<AppEnv>): RequestContext => ({
  ...c.var.deps,
  actor: c.var.actor,
  requestId: c.var.requestId,
});

export const setEtag = (c: Context, version: number): void => c.header('ETag', `"${version}"`);
