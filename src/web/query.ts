import { z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { DateSchema } from '../platform/openapi';
import { type FieldError, fieldError, ProblemError } from '../platform/problem';
import { fieldErrors } from '../platform/router';

/**
 * A query parameter of a page with a value the page cannot use. The web error handler
 * answers 400 with a page naming the parameter in the reader's language: an address
 * typed or edited by hand never gets a 500, nor a page quietly showing something else.
 */
export class BadQuery extends ProblemError {
  constructor(errors: FieldError[]) {
    super(400, 'validation', errors.map((e) => `${e.path}: ${e.message}`).join('; '), errors);
    this.name = 'BadQuery';
  }
}

/** `?x=1` flags the pages set on their own redirects (`saved`, `signedOut`). */
export const Flag = z.enum(['1']).optional();
export const OptionalDate = DateSchema.optional();
export const Cursor = z.string().max(512).optional();

/**
 * The page's own query parameters, parsed with its schema. Empty values (a filter left at
 * "any") mean not given; parameters the page does not read are ignored, as links from
 * elsewhere may carry their own.
 */
export function pageQuery<S extends z.ZodObject>(c: Context, schema: S): z.infer<S> {
  const given = Object.fromEntries(Object.entries(c.req.query()).filter(([, v]) => v.trim() !== ''));
  const parsed = schema.safeParse(given);
  if (!parsed.success) throw new BadQuery(fieldErrors(parsed.error.issues));
  return parsed.data;
}

/** The `lang` every page reads: absent, `ja` or `en`. */
export function checkLang(c: Context): void {
  const lang = c.req.query('lang');
  if (lang !== undefined && lang !== 'ja' && lang !== 'en') {
    throw new BadQuery([fieldError('lang', 'lang')]);
  }
}

/**
 * Runs a list whose cursor came from the address: the service's 400 about it (a cursor it
 * cannot decode) is a bad query parameter of the page.
 */
export async function withQuery<T>(list: () => Promise<T>): Promise<T> {
  try {
    return await list();
  } catch (err) {
    if (err instanceof ProblemError && !(err instanceof BadQuery) && err.status === 400 && err.errors?.length) {
      throw new BadQuery(err.errors);
    }
    throw err;
  }
}
