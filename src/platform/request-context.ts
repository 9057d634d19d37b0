import type { Context } from 'hono';
import type { AppEnv, RequestContext } from './app-env';

/** What a service verb needs from the current request: dependencies, actor, request id. */
export const requestContext = (c: Context<AppEnv>): RequestContext => ({
  ...c.var.deps,
  actor: c.var.actor,
  requestId: c.var.requestId,
});

export const setEtag = (c: Context, version: number): void => c.header('ETag', `"${version}"`);

/** A versioned resource as JSON, with its ETag (clients send it back as If-Match). */
export const versioned = <T extends { version: number }, S extends 200 | 201>(c: Context, body: T, status: S) => {
  setEtag(c, body.version);
  return c.json(body, status);
};
