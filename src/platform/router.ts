import { OpenAPIHono, type RouteConfig, z } from '@hono/zod-openapi';
import type { MiddlewareHandler } from 'hono';
import type { Role } from '../../db/schema';
import { fieldMessage, isMessageCode } from '../i18n/messages';
import type { AppEnv } from './app-env';
import { authenticate, requireRole } from './auth';
import { commonErrors } from './openapi';
import { type FieldError, ProblemError } from './problem';

interface ZodIssueLike {
  code?: string;
  path: PropertyKey[];
  message: string;
  keys?: string[];
  expected?: string;
  origin?: string;
  format?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  params?: Record<string, unknown>;
}

const REQUIRED = fieldMessage('required', undefined, 'en');

// A missing value reads "is required" rather than zod's "expected string, received
// undefined" or "invalid option", and can then be told apart from a wrong value (zod
// drops `input` from the issues it returns).
z.config({
  customError: (issue) =>
    (issue.code === 'invalid_type' || issue.code === 'invalid_value') && issue.input === undefined
      ? REQUIRED
      : undefined,
});

const joinPath = (path: readonly PropertyKey[]) => (path.length ? path.map(String).join('.') : '(body)');

type Coded = Pick<FieldError, 'code' | 'params'>;
const num = (v: number | bigint | undefined) => Number(v ?? 0);

/**
 * The message code of a zod issue, read from its structure (or, for our own checks, from
 * `params.code`), so a page can say it in its language whatever English the schema used.
 */
export function issueCode(issue: ZodIssueLike): Coded {
  const own = issue.params?.code;
  if (isMessageCode(own)) {
    const { code: _c, ...rest } = issue.params ?? {};
    const params = rest as Record<string, string | number>;
    return Object.keys(params).length ? { code: own, params } : { code: own };
  }
  if (issue.message === REQUIRED) return { code: 'required' };
  switch (issue.code) {
    case 'invalid_type':
      if (issue.expected === 'int') return { code: 'wholeNumber' };
      if (issue.expected === 'number') return { code: 'notNumber' };
      return { code: 'wrongType', params: { expected: String(issue.expected) } };
    case 'too_small':
      if (issue.origin === 'string')
        return num(issue.minimum) <= 1 ? { code: 'empty' } : { code: 'tooShort', params: { min: num(issue.minimum) } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return num(issue.minimum) <= 1
          ? { code: 'chooseOne' }
          : { code: 'tooFewItems', params: { min: num(issue.minimum) } };
      return { code: 'tooSmall', params: { min: num(issue.minimum) } };
    case 'too_big':
      if (issue.origin === 'string') return { code: 'tooLong', params: { max: num(issue.maximum) } };
      if (issue.origin === 'array' || issue.origin === 'set')
        return { code: 'tooManyItems', params: { max: num(issue.maximum) } };
      return { code: 'tooLarge', params: { max: num(issue.maximum) } };
    case 'invalid_format':
      return { code: issue.format === 'email' ? 'email' : 'format' };
    case 'invalid_value':
    case 'invalid_union':
      return { code: 'invalidOption' };
    case 'unrecognized_keys':
      return { code: 'unknownField' };
    default:
      return { code: 'invalid' };
  }
}

/** Field paths as clients see them: `clauses.reporting`, `findings.0.dueDate`. */
export function fieldErrors(issues: readonly ZodIssueLike[]): FieldError[] {
  return issues.flatMap((issue): FieldError[] =>
    issue.code === 'unrecognized_keys' && issue.keys?.length
      ? issue.keys.map((key) => ({
          path: joinPath([...issue.path, key]),
          message: 'is not a known field',
          code: 'unknownField',
        }))
      : [{ path: joinPath(issue.path), message: issue.message, ...issueCode(issue) }],
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
