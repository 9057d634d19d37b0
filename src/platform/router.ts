import { OpenAPIHono, type RouteConfig } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../db/schema';
import type { AppEnv } from './app-env';
import { authenticate, requireRole } from './auth';
import { commonErrors } from './openapi';
import { type FieldError, ProblemError } from './problem';

interface ZodIssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
}

const joinPath = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : '(body)');

/** Field paths as clients see them: `clauses.reporting`, `findings.0.dueDate`. */
export function fieldErrors(issues: readonly ZodIssueLike[]): FieldError[] {
  return issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys' && issue.keys?.length
      ? issue.keys.map((key) => ({ path: joinPath([...issue.path, key]), message: 'is not a known field' }))
      : [{ path: joinPath(issue.path), message: issue.message }],
  );
}

export function validationProblem(issues: readonly ZodIssueLike[]): ProblemError {
  const errors = fieldErrors(issues);
  const detail = errors.map((e) => `${e.path}: ${e.message}`).join('; ');
  return new ProblemError(400, 'validation', detail, errors);
}

/** One router per module, sharing the hook that turns zod failures into problem+json. */
export function createRouter(): OpenAPIHono<AppEnv> {
  return new OpenAPIHono<AppEnv>({
    defaultHook: (result) => {
      if (!result.success) throw validationProblem(result.error.issues);
    },
  });
}

/**
 * Declares who may call a route, next to its path: `createRoute(authed(['admin'], {…}))`.
 * The check runs before body validation; the roles, bearer security and the common
 * error responses land in the OpenAPI document. Admin may always; `'any'` means every
 * signed-in role.
 */
export function authed<C extends Omit<RouteConfig, 'middleware' | 'security'>>(
  roles: readonly Role[] | 'any',
  config: C,
) {
  const allowed = roles === 'any' ? 'any' : [...new Set<Role>(['admin', ...roles])];
  const who = allowed === 'any' ? 'every role' : allowed.join(', ');
  return {
    ...config,
    description: `${config.description ? `${config.description}\n\n` : ''}**Roles:** ${who}.`,
    security: [{ bearerAuth: [] }],
    middleware: [authenticate, requireRole(allowed)] as MiddlewareHandler<AppEnv>[],
    responses: { ...commonErrors, ...config.responses } as typeof commonErrors & C['responses'],
  };
}
