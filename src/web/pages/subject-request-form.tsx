import { dataCategories, subjectRequestKinds } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import { many, one } from '../forms';
import { FieldError, Layout, type PageContext } from '../layout';
import { Field, type FormState, FormSummary, FormTokens } from './incident-fields';

const describedBy = (...ids: (string | false | undefined)[]) => ids.filter(Boolean).join(' ') || undefined;

/** A labelled select of the given values, its error beside it. */
export function Choice(props: {
  form: FormState;
  name: string;
  label: string;
  options: readonly { value: string; text: string }[];
  hint?: string;
  blank?: string;
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
      <select
        id={name}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(props.hint && `${name}-hint`, error && `${name}-error`)}
      >
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {props.options.map((o) => (
          <option value={o.value} selected={one(form.values, name) === o.value}>
            {o.text}
          </option>
        ))}
      </select>
      <FieldError id={name} error={error} />
    </div>
  );
}

/** A labelled text area with its hint, the error beside it; what was typed stays. */
export function HintedText(props: { form: FormState; name: string; label: string; hint: string }) {
  const { form, name } = props;
  const error = form.errors[name];
  return (
    <div>
      <label for={name}>{props.label}</label>
      <p class="field-hint" id={`${name}-hint`}>
        {props.hint}
      </p>
      <textarea
        id={name}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={describedBy(`${name}-hint`, error && `${name}-error`)}
      >
        {one(form.values, name)}
      </textarea>
      <FieldError id={name} error={error} />
    </div>
  );
}

/** /subject-requests/new: kind, day of receipt, the data concerned and a reference that is not personal data. */
export function NewSubjectRequestPage(props: { page: PageContext; form: FormState; targetDays: number }) {
  const { page, form } = props;
  const { t, label } = page.i18n;
  const catError = form.errors.dataCategories;
  const chosen = many(form.values, 'dataCategories');
  return (
    <Layout page={page} title={t('sr.new')}>
      <h1>{t('sr.new')}</h1>
      <p>
        <a href="/subject-requests">{t('sr.backList')}</a>
      </p>
      <FormSummary page={page} form={form} />
      <form method="post" action="/subject-requests" novalidate>
        <FormTokens page={page} />
        <Choice
          form={form}
          name="kind"
          label={t('sr.kind')}
          blank={t('sr.choose')}
          options={subjectRequestKinds.map((k) => ({
            value: k,
            text:
              page.i18n.lang === 'ja'
                ? `${label(labels.subjectRequestKind, k)}（${t(`sr.art.${k}`)}）`
                : `${label(labels.subjectRequestKind, k)} (${t(`sr.art.${k}`)})`,
          }))}
        />
        <Field
          form={form}
          name="receivedOn"
          label={t('sr.receivedOn')}
          type="date"
          hint={t('sr.set.current', { n: props.targetDays })}
          attrs={{ required: true }}
        />
        <fieldset
          aria-invalid={catError ? 'true' : undefined}
          aria-describedby={describedBy('dataCategories-hint', catError && 'dataCategories-error')}
        >
          <legend>{t('sr.categories')}</legend>
          <p class="field-hint" id="dataCategories-hint">
            {t('sr.categoriesHint')}
          </p>
          {dataCategories.map((c) => (
            <label class="check">
              <input type="checkbox" name="dataCategories" value={c} checked={chosen.includes(c)} />{' '}
              {label(labels.dataCategory, c)}
            </label>
          ))}
          <FieldError id="dataCategories" error={catError} />
        </fieldset>
        <Field
          form={form}
          name="reference"
          label={t('sr.reference')}
          hint={t('sr.referenceHint')}
          attrs={{ required: true, maxlength: '100', autocomplete: 'off' }}
        />
        <p class="actions">
          <button type="submit">{t('sr.record')}</button>
        </p>
      </form>
    </Layout>
  );
}

/** /settings/subject-requests: the internal target in days; everyone reads it, compliance changes it. */
export function SubjectRequestSettingsPage(props: {
  page: PageContext;
  form: FormState;
  target: { targetDays: number; updatedAt: string | null };
  updatedByName: string | null;
  canEdit: boolean;
  notice: string | null;
}) {
  const { page, form, target } = props;
  const { t, dateTime } = page.i18n;
  return (
    <Layout page={page} title={t('sr.set.title')}>
      <h1>{t('sr.set.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <FormSummary page={page} form={form} />
      <p>{t('sr.set.intro')}</p>
      <p class="muted">
        {target.updatedAt
          ? t('sr.set.updated', { at: dateTime(target.updatedAt), by: props.updatedByName ?? '—' })
          : t('sr.set.defaults')}
      </p>
      {props.canEdit ? (
        <form method="post" action="/settings/subject-requests" novalidate>
          <FormTokens page={page} version={one(form.values, 'version')} />
          <Field
            form={form}
            name="targetDays"
            label={t('sr.set.days')}
            type="number"
            hint={t('sr.set.daysHint')}
            attrs={{ min: '1', max: '30', step: '1', inputmode: 'numeric', required: true }}
          />
          <p class="actions">
            <button type="submit">{t('sr.set.save')}</button>
          </p>
        </form>
      ) : (
        <p>{t('sr.set.current', { n: target.targetDays })}</p>
      )}
      <p>
        <a href="/subject-requests">{t('sr.backList')}</a>
      </p>
    </Layout>
  );
}
