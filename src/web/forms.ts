import type { Context } from 'hono';
import { ZodError } from 'zod';
import { ProblemError } from '../platform/problem';
import { fieldErrors } from '../platform/router';
import type { Lang } from './i18n';
import { fieldText, problemText } from './i18n/problems';

/** Form values as typed: kept and shown again when the form comes back with errors. */
export type FormValues = Record<string, string | string[]>;

export async function readForm(c: Context): Promise<FormValues> {
  const body = await c.req.parseBody({ all: true });
  const values: FormValues = {};
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) values[key] = value.filter((v): v is string => typeof v === 'string');
    else if (typeof value === 'string') values[key] = value;
  }
  return values;
}

export const one = (values: FormValues, key: string): string => {
  const v = values[key];
  return (Array.isArray(v) ? v[0] : v) ?? '';
};
export const many = (values: FormValues, key: string): string[] => {
  const v = values[key];
  return Array.isArray(v) ? v : v ? [v] : [];
};
/** Empty inputs mean "not given". */
export const optional = (values: FormValues, key: string): string | null => one(values, key).trim() || null;
export const checked = (values: FormValues, key: string): boolean => one(values, key) === 'on';

export interface FormProblem {
  /** Field path → message, shown next to the field. */
  fields: Record<string, string>;
  /** A message for the whole form (a rule the domain refused). */
  summary: string | null;
}

/** Turns what a service or schema refused into messages for the form, in its language; rethrows the rest. */
export function formProblem(err: unknown, lang: Lang): FormProblem {
  if (err instanceof ZodError) {
    return {
      fields: Object.fromEntries(fieldErrors(err.issues).map((e) => [e.path, fieldText(e, lang)])),
      summary: null,
    };
  }
  if (err instanceof ProblemError) {
    const fields = Object.fromEntries((err.errors ?? []).map((e) => [e.path, fieldText(e, lang)]));
    return { fields, summary: err.status === 400 ? null : problemText(err, lang) };
  }
  throw err;
}

/** A form shown for the first time: nothing to report. */
export const noProblem = (): FormProblem => ({ fields: {}, summary: null });

/** 400 when the form comes back with something to correct, else 200. */
export const formStatus = (problem: FormProblem): 200 | 400 =>
  Object.keys(problem.fields).length || problem.summary ? 400 : 200;
