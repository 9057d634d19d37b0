import { createRoute, type RouteConfig, type z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Role } from '../../db/schema';
import type { AppEnv, RequestContext } from './app-env';
import { IdParam, IfMatchHeader, jsonBody, notFoundError, preconditionError } from './openapi';
import { requestContext, versioned } from './request-context';
import { authed } from './router';

/**
 * The route shapes most resources share (create, list, get by id, change at a version),
 * each with the words and schemas of its own resource, and the handlers that go with them.
 * A route made here documents exactly what it would say written out with `authed()`.
 */

type Roles = readonly Role[] | 'any';
type Responses = RouteConfig['responses'];
type ResponseDoc = Responses[number];
/** No responses beyond a shape's own. */
type NoMore = Record<never, never>;
type ParamSchema = NonNullable<NonNullable<RouteConfig['request']>['params']>;

/** What documents a route: its path, tags and summary, and a description when it needs one. */
export interface RouteDoc<P extends string> {
  path: P;
  tags: string[];
  summary: string;
  description?: string;
}

/** The first keys of a route, in the order a route written out has them: the document keeps that order. */
export const routeHead = <M extends RouteConfig['method'], P extends string>(method: M, doc: RouteDoc<P>) => ({
  method,
  path: doc.path,
  tags: doc.tags,
  summary: doc.summary,
  ...(doc.description === undefined ? {} : { description: doc.description }),
});

/** POST to a collection: a JSON body in, 201 with what was created (`errors`: what else it answers). */
export const creationRoute = <
  P extends string,
  B extends z.ZodType,
  R extends ResponseDoc,
  E extends Responses = NoMore,
>(
  roles: Roles,
  doc: RouteDoc<P> & { body: B; response: R; errors?: E },
) =>
  createRoute(
    authed(roles, {
      ...routeHead('post', doc),
      request: { body: jsonBody(doc.body) },
      responses: { 201: doc.response, ...(doc.errors as E) },
    }),
  );

/** GET a page of a collection, filtered by `query`. */
export const listRoute = <P extends string, Q extends ParamSchema, R extends ResponseDoc>(
  roles: Roles,
  doc: RouteDoc<P> & { query: Q; response: R },
) =>
  createRoute(
    authed(roles, {
      ...routeHead('get', doc),
      request: { query: doc.query },
      responses: { 200: doc.response },
    }),
  );

/** GET one resource named in the path (`params`, `IdParam` unless given); 404 when there is none. */
export const getByIdRoute = <P extends string, R extends ResponseDoc, I extends ParamSchema = typeof IdParam>(
  roles: Roles,
  doc: RouteDoc<P> & { response: R; params?: I },
) =>
  createRoute(
    authed(roles, {
      ...routeHead('get', doc),
      request: { params: (doc.params ?? IdParam) as I },
      responses: { 200: doc.response, ...notFoundError },
    }),
  );

/**
 * Change one resource at the version the client read (`If-Match`; 412 when it changed
 * since): PATCH unless `method` says otherwise, a JSON body, 200 with the resource.
 */
export const versionedChangeRoute = <
  P extends string,
  B extends z.ZodType,
  R extends ResponseDoc,
  E extends Responses = NoMore,
  I extends ParamSchema = typeof IdParam,
  M extends 'patch' | 'post' = 'patch',
>(
  roles: Roles,
  doc: RouteDoc<P> & { method?: M; body: B; response: R; errors?: E; params?: I },
) =>
  createRoute(
    authed(roles, {
      ...routeHead(doc.method ?? ('patch' as M), doc),
      request: { params: (doc.params ?? IdParam) as I, headers: IfMatchHeader, body: jsonBody(doc.body) },
      responses: { 200: doc.response, ...notFoundError, ...preconditionError, ...(doc.errors as E) },
    }),
  );

/** POST an action on one resource named in the path, with a JSON body: 200, or 404 when there is none. */
export const actionRoute = <P extends string, B extends z.ZodType, R extends ResponseDoc, E extends Responses = NoMore>(
  roles: Roles,
  doc: RouteDoc<P> & { body: B; response: R; errors?: E },
) =>
  createRoute(
    authed(roles, {
      ...routeHead('post', doc),
      request: { params: IdParam, body: jsonBody(doc.body) },
      responses: { 200: doc.response, ...notFoundError, ...(doc.errors as E) },
    }),
  );

// Where app.ts mounts the API routers: a Location names the full path.
const API_BASE = '/api/v1';

/** 201 with a created resource, its ETag and its address (`collection` as the route's path names it). */
export const created = <T extends { id: string; version: number }>(c: Context, collection: string, body: T) => {
  c.header('Location', `${API_BASE}${collection}/${body.id}`);
  return versioned(c, body, 201);
};

type ById = { out: { param: { id: string } } };
type VersionedChange<B> = { out: { param: { id: string }; json: B; header: { 'if-match'?: string | undefined } } };

/** 200 with the resource the path names, read by `verb`, and its ETag. */
export const readById = async <T extends { version: number }>(
  c: Context<AppEnv, string, ById>,
  verb: (ctx: RequestContext, id: string) => Promise<T>,
) => versioned(c, await verb(requestContext(c), c.req.valid('param').id), 200);

/** 200 with the resource the path names, changed by `verb` with the body at the version of If-Match. */
export const changeById = async <B, T extends { version: number }>(
  c: Context<AppEnv, string, VersionedChange<B>>,
  verb: (ctx: RequestContext, id: string, body: B, ifMatch: string | undefined) => Promise<T>,
) =>
  versioned(
    c,
    await verb(requestContext(c), c.req.valid('param').id, c.req.valid('json'), c.req.valid('header')['if-match']),
    200,
  );
