import { z } from '@hono/zod-openapi';
import { roles } from '../../../db/schema';
import { LimitCursorQuery, page } from '../../platform/openapi';
import { singleLineText } from '../../platform/text';

export const RoleSchema = z.enum(roles).openapi({
  description:
    'admin: everything · procurement: contractors, agreements, imports · compliance: reviews, findings, alerts, incidents, transitions · manager: read-only',
});

export const UserSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    email: z.string().nullable(),
    role: RoleSchema,
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('User');

export const CreateUserSchema = z
  .strictObject({
    name: singleLineText({ min: 1, max: 100 }),
    email: z.email('must be an e-mail address').max(254).nullish(),
    role: RoleSchema,
  })
  .openapi('CreateUser');

export const TokenSchema = z.string().openapi({
  description: 'Bearer token. Shown only in this response; itaku stores only its hash.',
  example: 'itk_3q2v…',
});

export const UserWithTokenSchema = z.object({ user: UserSchema, token: TokenSchema }).openapi('UserWithToken');
export const TokenOnlySchema = z.object({ token: TokenSchema }).openapi('IssuedToken');

export const UserPage = page(UserSchema, 'UserPage');

export const UserListQuery = z.object({
  role: RoleSchema.optional(),
  ...LimitCursorQuery,
});
