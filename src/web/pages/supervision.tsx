import { reviewKinds } from '../../../db/schema';
import { type LabelTable, labels } from '../../i18n/labels';
import { type FormValues, one } from '../forms';
import { FieldError, Layout, type PageContext } from '../layout';

/** What every form page gets: what was typed, and what was refused (by field, and as a whole). */
export interface FormProps {
  page: PageContext;
  values: FormValues;
  errors: Record<string, string>;
  summary: string | null;
}

/** The field's error, linked to it for screen readers. */
const invalid = (errors: Record<string, string>, name: string) =>
  errors[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${name}-error` } : {};

export const hasProblems = (props: Pick<FormProps, 'errors' | 'summary'>) =>
  props.summary !== null || Object.keys(props.errors).length > 0;

export function Problems(props: FormProps) {
  return hasProblems(props) ? (
    <div class="notice error" role="alert">
      <p>{props.summary ?? props.page.i18n.t('err.title')}</p>
    </div>
  ) : null;
}

export function Input(props: FormProps & { name: string; label: string; type?: string; required?: boolean }) {
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <input
        type={props.type ?? 'text'}
        id={props.name}
        name={props.name}
        value={one(props.values, props.name)}
        required={props.required}
        {...invalid(props.errors, props.name)}
      />
      <FieldError id={props.name} error={props.errors[props.name]} />
    </div>
  );
}

export function TextArea(props: FormProps & { name: string; label: string; required?: boolean }) {
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <textarea id={props.name} name={props.name} required={props.required} {...invalid(props.errors, props.name)}>
        {one(props.values, props.name)}
      </textarea>
      <FieldError id={props.name} error={props.errors[props.name]} />
    </div>
  );
}

/**
 * A choice from a label table. `blank` adds an empty first option with that text: a
 * choice nobody made stays empty instead of defaulting to the first value.
 */
export function Select<V extends string>(
  props: FormProps & {
    name: string;
    label: string;
    options: readonly V[];
    table: LabelTable<V>;
    blank?: string;
    required?: boolean;
  },
) {
  const { label } = props.page.i18n;
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} required={props.required} {...invalid(props.errors, props.name)}>
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {props.options.map((o) => (
          <option value={o} selected={one(props.values, props.name) === o}>
            {label(props.table, o)}
          </option>
        ))}
      </select>
      <FieldError id={props.name} error={props.errors[props.name]} />
    </div>
  );
}

/** A checkbox that must be ticked to go on (a confirmation), with its error next to it. */
export function Confirm(props: FormProps & { name: string; label: string }) {
  return (
    <div class="confirm">
      <label class="check" for={props.name}>
        <input
          type="checkbox"
          id={props.name}
          name={props.name}
          required
          checked={one(props.values, props.name) === 'on'}
          {...invalid(props.errors, props.name)}
        />{' '}
        {props.label}
      </label>
      <FieldError id={props.name} error={props.errors[props.name]} />
    </div>
  );
}

export function ScheduleReviewPage(props: FormProps & { contractor: { id: string; name: string } }) {
  const { t } = props.page.i18n;
  return (
    <Layout page={props.page} title={t('r.schedule')}>
      <h1>
        {t('r.schedule')}: {props.contractor.name}
      </h1>
      <Problems {...props} />
      <form method="post" action="/reviews" novalidate>
        <input type="hidden" name="_csrf" value={props.page.csrf} />
        <input type="hidden" name="contractorId" value={props.contractor.id} />
        <Select {...props} name="kind" label={t('r.kind')} options={reviewKinds} table={labels.reviewKind} />
        <Input {...props} name="dueDate" label={t('r.dueDate')} type="date" required />
        <Input {...props} name="assignee" label={t('r.assignee')} />
        <p class="actions">
          <button type="submit">{t('r.schedule')}</button>
        </p>
      </form>
    </Layout>
  );
}
