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
    active: z
      .boolean()
      .openapi({ description: 'A deactivated user cannot sign in; their tokens and sessions stop working.' }),
    hasPassword: z.boolean().openapi({ description: 'Whether the user can sign in with a password' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('User');

/**
 * A password as sent; its rules (12 to 256 characters, not a common one, not the user's
 * name or address) are checked by the service, which knows the user. The bound here only
 * keeps an oversized value from being read further.
 */
export const PasswordSchema = z.string().max(1024).openapi({
  description: 'At least 12 characters; not a commonly used password, nor the e-mail address or name',
  format: 'password',
});

const Email = z.email('must be an e-mail address').max(254);
const Name = singleLineText({ min: 1, max: 100 });

export const CreateUserSchema = z
  .strictObject({
    name: Name,
    email: Email.nullish(),
    role: RoleSchema,
    password: PasswordSchema.optional().openapi({ description: 'An initial password (else: a sign-in link)' }),
    active: z.boolean().optional().openapi({ description: 'false creates the user deactivated (default true)' }),
  })
  .openapi('CreateUser');

export const PatchUserSchema = z
  .strictObject({
    name: Name.optional(),
    email: Email.nullable().optional(),
    role: RoleSchema.optional(),
    active: z.boolean().optional(),
  })
  .openapi('PatchUser');

export const ChangePasswordSchema = z
  .strictObject({
    currentPassword: PasswordSchema.optional().openapi({
      description: 'Required when the user already has a password',
    }),
    newPassword: PasswordSchema,
  })
  .openapi('ChangePassword');

export const SignInLinkSchema = z
  .object({
    url: z.string().openapi({ description: 'A one-time link to set a password; shown only in this response' }),
    expiresAt: z.string().openapi({ description: 'When the link stops working (RFC 3339)' }),
  })
  .openapi('SignInLink');

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
