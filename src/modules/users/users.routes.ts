import { createRoute } from '@hono/zod-openapi';
import { conflictError, IdParam, json, notFoundError } from '../../platform/openapi';
import { requestContext, setEtag, versioned } from '../../platform/request-context';
import {
  changeById,
  creationRoute,
  getByIdRoute,
  listRoute,
  readById,
  versionedChangeRoute,
} from '../../platform/resource-routes';
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

const tags = ['Users'];

const create = creationRoute(['admin'], {
  path: '/users',
  tags,
  summary: 'Create a user and issue its first token',
  body: CreateUserSchema,
  response: json(UserWithTokenSchema, 'The user and its token (shown once)'),
  errors: conflictError('E-mail address already in use (`email-taken`)'),
});

const list = listRoute(['admin'], {
  path: '/users',
  tags,
  summary: 'List users',
  query: UserListQuery,
  response: json(UserPage, 'A page of users'),
});

const me = createRoute(
  authed('any', {
    method: 'get',
    path: '/users/me',
    tags,
    summary: 'The user the token belongs to',
    responses: { 200: json(UserSchema, 'The current user') },
  }),
);

const get = getByIdRoute(['admin'], {
  path: '/users/{id}',
  tags,
  summary: 'Get a user',
  response: json(UserSchema, 'The user'),
});

const patch = versionedChangeRoute(['admin'], {
  path: '/users/{id}',
  tags,
  summary: 'Change a user: name, e-mail, role, or deactivate / reactivate',
  description:
    'Deactivating revokes the user’s tokens and sign-in links and ends their sessions at once. The last active admin who can sign in can be neither demoted nor deactivated (409, `errors` names `role` or `active`).',
  body: PatchUserSchema,
  response: json(UserSchema, 'The user'),
  errors: conflictError('E-mail address already in use (`email-taken`), or the last active admin'),
});

const rotate = createRoute(
  authed('any', {
    method: 'post',
    path: '/users/{id}/tokens',
    tags,
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
    tags,
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
  .openapi(get, (c) => readById(c, getUser))
  .openapi(patch, (c) => changeById(c, patchUser))
  .openapi(rotate, async (c) => c.json(await rotateToken(requestContext(c), c.req.valid('param').id), 201))
  .openapi(revoke, async (c) => {
    await revokeTokens(requestContext(c), c.req.valid('param').id);
    return c.body(null, 204);
  })
  .route('/', userPasswordRoutes);
