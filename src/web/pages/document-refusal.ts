import { ZodError } from 'zod';
import { type FieldError, ProblemError } from '../../platform/problem';
import { fieldErrors } from '../../platform/router';
import type { FormProblem } from '../forms';
import type { I18n } from '../i18n';
import { fieldText, problemText } from '../i18n/problems';

/**
 * What an upload's refusal says next to each field, in the page's language. The file's
 * size is said in MiB (the catalogue's `tooLarge` speaks of numbers typed in), and the
 * end of validity is compared with the start by the field's name on the form.
 */
export function uploadRefusal(err: unknown, i18n: I18n, maxMib: number): FormProblem & { status: 400 | 413 | 415 } {
  let errors: FieldError[];
  let status: 400 | 413 | 415 = 400;
  if (err instanceof ZodError) errors = fieldErrors(err.issues);
  else if (err instanceof ProblemError && err.status >= 400 && err.status < 500) {
    errors = err.errors ?? [];
    if (err.status === 413 || err.status === 415) status = err.status;
  } else throw err;
  const { t, lang } = i18n;
  const text = (e: FieldError): string => {
    if (e.path === 'file' && e.code === 'tooLarge') return t('doc.tooLarge', { mib: maxMib });
    if (e.path === 'file' && e.code === 'required') return t('doc.fileRequired');
    if (e.path === 'validUntil' && e.code === 'notBefore') return t('doc.untilBeforeFrom');
    return fieldText(e, lang);
  };
  const fields: Record<string, string> = {};
  for (const e of errors) fields[e.path] ??= text(e);
  // A refusal that names no field (none is expected) is said above the form.
  const summary = errors.length === 0 && err instanceof ProblemError ? problemText(err, lang) : null;
  return { fields, summary, status };
}
