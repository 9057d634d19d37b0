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
import { revokeTokens, rotateToken } from './api-tokens.service';
import { patchUser } from './user-changes.service';
import { userPasswordRoutes } from './user-passwords.routes';
import {
  CreateUserSchema,
  PatchUserSchema,
  TokenOnlySchema,
  UserListQuery,
  UserPage,
  UserSchema,
  UserWithTokenSchema,
} from './users.schemas';
import { createUser, getUser, listUsers } from './users.service';

const create = createRoute(
  authed(['admin'], {
    method: 'post',
    path: '/users',
    tags: ['Users'],
    summary: 'Create a user and issue its first token',
    request: { body: jsonBody(CreateUserSchema) },
    responses: {
      201: json(UserWithTokenSchema, 'The user and its token (shown once)'),
      ...conflictError('E-mail address already in use (`email-taken`)'),
    },
  }),
);

const list = createRoute(
  authed(['admin'], {
    method: 'get',
    path: '/users',
    tags: ['Users'],
    summary: 'List users',
    request: { query: UserListQuery },
    responses: { 200: json(UserPage, 'A page of users') },
  }),
);

const me = createRoute(
  authed('any', {
    method: 'get',
    path: '/users/me',
    tags: ['Users'],
    summary: 'The user the token belongs to',
    responses: { 200: json(UserSchema, 'The current user') },
  }),
);

const get = createRoute(
  authed(['admin'], {
    method: 'get',
    path: '/users/{id}',
    tags: ['Users'],
    summary: 'Get a user',
    request: { params: IdParam },
    responses: { 200: json(UserSchema, 'The user'), ...notFoundError },
  }),
);

const patch = createRoute(
  authed(['admin'], {
    method: 'patch',
    path: '/users/{id}',
    tags: ['Users'],
    summary: 'Change a user: name, e-mail, role, or deactivate / reactivate',
    description:
      'Deactivating revokes the user’s tokens and sign-in links and ends their sessions at once. The last active admin who can sign in can be neither demoted nor deactivated (409, `errors` names `role` or `active`).',
    request: { params: IdParam, headers: IfMatchHeader, body: jsonBody(PatchUserSchema) },
    responses: {
      200: json(UserSchema, 'The user'),
      ...notFoundError,
      ...preconditionError,
      ...conflictError('E-mail address already in use (`email-taken`), or the last active admin'),
    },
  }),
);

const rotate = createRoute(
  authed('any', {
    method: 'post',
    path: '/users/{id}/tokens',
    tags: ['Users'],
    summary: 'Rotate: issue a new token and revoke the previous ones',
    description: 'An admin may rotate anyone’s token; any user may rotate their own.',
    request: { params: IdParam },
    responses: {
      201: json(TokenOnlySchema, 'The new token (shown once)'),
      ...notFoundError,
    },
  }),
);

const revoke = createRoute(
  authed('any', {
    method: 'delete',
    path: '/users/{id}/tokens',
    tags: ['Users'],
    summary: 'Revoke all tokens of a user',
    description:
      'An admin may revoke anyone’s tokens; any user may revoke their own. Refused for the last admin who can still sign in.',
    request: { params: IdParam },
    responses: {
      204: { description: 'All tokens revoked' },
      ...notFoundError,
      ...conflictError('Would leave no admin able to sign in'),
    },
  }),
);

export const userRoutes = createRouter()
  .openapi(create, async (c) => {
    const result = await createUser(requestContext(c), c.req.valid('json'));
    setEtag(c, result.user.version);
    c.header('Location', `/api/v1/users/${result.user.id}`);
    return c.json(result, 201);
  })
  .openapi(list, async (c) => c.json(await listUsers(requestContext(c), c.req.valid('query')), 200))
  .openapi(me, async (c) => {
    return versioned(c, await getUser(requestContext(c), c.var.actor.id), 200);
  })
  .openapi(get, async (c) => {
    return versioned(c, await getUser(requestContext(c), c.req.valid('param').id), 200);
  })
  .openapi(patch, async (c) => {
    const { id } = c.req.valid('param');
    return versioned(
      c,
      await patchUser(requestContext(c), id, c.req.valid('json'), c.req.valid('header')['if-match']),
      200,
    );
  })
  .openapi(rotate, async (c) => c.json(await rotateToken(requestContext(c), c.req.valid('param').id), 201))
  .openapi(revoke, async (c) => {
    await revokeTokens(requestContext(c), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .route('/', userPasswordRoutes);
