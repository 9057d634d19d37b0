import type { Child } from 'hono/jsx';
import { ZodError } from 'zod';
import { fieldMessage } from '../../i18n/messages';
import { ProblemError, type FieldError as Refused } from '../../platform/problem';
import { fieldErrors } from '../../platform/router';
import { type FormValues, one } from '../forms';
import type { Lang } from '../i18n';
import { fieldText, problemText } from '../i18n/problems';
import { FieldError, type PageContext } from '../layout';

/** What every form of the incident and finding pages carries: the values as typed and the refusals by field. */
export interface FormState {
  values: FormValues;
  errors: Record<string, string>;
  /** A message for the whole form: a rule refused, or someone else's change. */
  summary: string | null;
}

export const emptyForm = (values: FormValues = {}): FormState => ({ values, errors: {}, summary: null });

/** The ids an input is described by: its hint, then its error. */
const describedBy = (name: string, hint: boolean, error: boolean) =>
  [hint ? `${name}-hint` : '', error ? `${name}-error` : ''].filter(Boolean).join(' ') || undefined;

/** The summary above a form: the refused rule, or "check the highlighted fields". */
export function FormSummary(props: { page: PageContext; form: FormState }) {
  const { form } = props;
  return form.summary || Object.keys(form.errors).length ? (
    <div class="notice error" role="alert">
      <p>{form.summary ?? props.page.i18n.t('err.title')}</p>
    </div>
  ) : null;
}

/** A labelled input with its hint and its error next to it; what was typed stays. */
export function Field(props: {
  form: FormState;
  name: string;
  label: string;
  type?: 'text' | 'date' | 'number';
  hint?: string;
  attrs?: Record<string, string | boolean>;
}) {
  const { form, name } = props;
  const error = form.errors[name];
  return (
    <div>
      <label for={name}>{props.label}</label>
      {props.hint ? (
        <p class="field-hint" id={`${name}-hint`}>
          {props.hint}
        </p>
      ) : null}
      <input
        type={props.type ?? 'text'}
        id={name}
        name={name}
        value={one(form.values, name)}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(name, !!props.hint, !!error)}
        {...props.attrs}
      />
      <FieldError id={name} error={error} />
    </div>
  );
}

export function TextArea(props: { form: FormState; name: string; label: string; required?: boolean }) {
  const { form, name } = props;
  const error = form.errors[name];
  return (
    <div>
      <label for={name}>{props.label}</label>
      <textarea
        id={name}
        name={name}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${name}-error` : undefined}
      >
        {one(form.values, name)}
      </textarea>
      <FieldError id={name} error={error} />
    </div>
  );
}

/** A checkbox; an error about it (or about its group) is shown by the caller's fieldset. */
export function Check(props: { form: FormState; name: string; label: string }) {
  return (
    <label class="check">
      <input type="checkbox" name={props.name} checked={one(props.form.values, props.name) === 'on'} /> {props.label}
    </label>
  );
}

/** The hidden inputs every form posts: the CSRF token and, for changes, the version it was read at. */
export function FormTokens(props: { page: PageContext; version?: string }) {
  return (
    <>
      <input type="hidden" name="_csrf" value={props.page.csrf} />
      {props.version !== undefined ? <input type="hidden" name="version" value={props.version} /> : null}
    </>
  );
}

/** A definition table of label → value rows; an empty value reads "—". */
export function Facts(props: { rows: [label: string, value: Child][] }) {
  return (
    <table class="facts">
      {props.rows.map(([label, value]) => (
        <tr>
          <th scope="row">{label}</th>
          <td>{value === null || value === undefined || value === '' ? '—' : value}</td>
        </tr>
      ))}
    </table>
  );
}

/**
 * What a service or schema refused, as a form shows it: each field's message from its
 * code in the reader's language (English too, rather than a schema's raw wording), and for
 * a refused rule the sentence above the form. Anything else is rethrown.
 */
export function refusal(err: unknown, lang: Lang): Omit<FormState, 'values'> {
  const text = (e: Refused) => (e.code ? fieldMessage(e.code, e.params, lang) : fieldText(e, lang));
  if (err instanceof ZodError) {
    return { errors: Object.fromEntries(fieldErrors(err.issues).map((e) => [e.path, text(e)])), summary: null };
  }
  if (err instanceof ProblemError) {
    const errors = Object.fromEntries((err.errors ?? []).map((e) => [e.path, text(e)]));
    return { errors, summary: err.status === 400 ? null : problemText(err, lang) };
  }
  throw err;
}
