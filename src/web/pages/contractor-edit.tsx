import { crossBorderBases, dataCategories, riskTierValues } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { ParentChoice } from '../contractor-form';
import type { FormValues } from '../forms';
import { many, one } from '../forms';
import { FieldError, Layout, type PageContext } from '../layout';
import { CountrySelect } from './contractor-country';
import { AbroadFields, ReconsignmentFields } from './contractor-law-fields';

/** The parent contractor, chosen by search: the current choice, "none", and what the search found. */
function ParentField(props: { page: PageContext; choice: ParentChoice; error: string | undefined }) {
  const { t } = props.page.i18n;
  const { chosen, searched, found } = props.choice;
  const radio = (id: string, value: string, checked: boolean, text: string, hint?: string | null) => (
    <label class="check" for={id}>
      <input type="radio" id={id} name="parentId" value={value} checked={checked} /> {text}
      {hint ? <span class="muted"> {hint}</span> : null}
    </label>
  );
  return (
    <fieldset
      class="parent"
      aria-invalid={props.error ? 'true' : undefined}
      aria-describedby={props.error ? 'parentId-error' : 'parentQuery-hint'}
    >
      <legend>{t('c.parentId')}</legend>
      {radio('parent-none', '', !chosen, t('ctr.parent.none'))}
      {chosen ? radio(`parent-${chosen.id}`, chosen.id, true, chosen.name, chosen.nameKana) : null}
      <FieldError id="parentId" error={props.error} />
      {searched !== null ? (
        <div role="status" class="found">
          <p>{t(found.length ? 'ctr.parent.found' : 'ctr.parent.notFound', { q: searched, n: found.length })}</p>
          {found.map((f) => radio(`parent-${f.id}`, f.id, false, f.name, f.nameKana))}
        </div>
      ) : null}
      <label for="parentQuery">{t('ctr.parent.search')}</label>
      <p class="hint" id="parentQuery-hint">
        {t('ctr.parent.hint')}
      </p>
      <div class="search-row">
        <input type="search" id="parentQuery" name="parentQuery" value="" aria-describedby="parentQuery-hint" />
        <button type="submit" class="secondary" name="_find" value="1">
          {t('ctr.parent.find')}
        </button>
      </div>
    </fieldset>
  );
}

/** Register and edit share one form; what was typed comes back with the errors. */
export function ContractorFormPage(props: {
  page: PageContext;
  values: FormValues;
  errors: Record<string, string>;
  summary: string | null;
  action: string;
  title: string;
  parent: ParentChoice;
}) {
  const { page, values, errors } = props;
  const { t, label } = page.i18n;
  const text = (name: string, label: string, type = 'text', extra: Record<string, string | boolean> = {}) => (
    <div>
      <label for={name}>{label}</label>
      <input
        type={type}
        id={name}
        name={name}
        value={one(values, name)}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
        {...extra}
      />
      <FieldError id={name} error={errors[name]} />
    </div>
  );
  /** A drop-down whose first choice, "none", leaves the field empty. */
  const choice = <V extends string>(name: string, label: string, options: readonly V[], text: (v: V) => string) => (
    <div>
      <label for={name}>{label}</label>
      <select
        id={name}
        name={name}
        aria-invalid={errors[name] ? 'true' : undefined}
        aria-describedby={errors[name] ? `${name}-error` : undefined}
      >
        <option value="">{t('c.none')}</option>
        {options.map((v) => (
          <option value={v} selected={one(values, name) === v}>
            {text(v)}
          </option>
        ))}
      </select>
      <FieldError id={name} error={errors[name]} />
    </div>
  );
  const box = (name: string, label: string) => (
    <label class="check">
      <input type="checkbox" name={name} checked={one(values, name) === 'on'} /> {label}
    </label>
  );
  const chosen = many(values, 'dataCategories');
  const categoryError = Object.entries(errors).find(([k]) => k.startsWith('dataCategories'))?.[1];
  return (
    <Layout page={page} title={props.title}>
      <h1>{props.title}</h1>
      {props.summary || Object.keys(errors).length ? (
        <div class="notice error" role="alert">
          <p>{props.summary ?? t('err.title')}</p>
        </div>
      ) : null}
      <form method="post" action={props.action} novalidate>
        <input type="hidden" name="_csrf" value={page.csrf} />
        <input type="hidden" name="version" value={one(values, 'version')} />
        {text('name', t('c.name'), 'text', { required: true, maxlength: '200', autocomplete: 'organization' })}
        {text('nameKana', t('c.nameKana'))}
        {text('corporateNumber', t('c.corporateNumber'), 'text', { inputmode: 'numeric' })}
        <CountrySelect
          lang={page.i18n.lang}
          value={one(values, 'country') || 'JP'}
          label={t('ctr.country')}
          commonLabel={t('ctr.country.common')}
          allLabel={t('ctr.country.all')}
          error={errors.country}
        />
        <fieldset
          aria-invalid={categoryError ? 'true' : undefined}
          aria-describedby={categoryError ? 'dataCategories-error' : undefined}
        >
          <legend>{t('c.dataCategories')}</legend>
          {dataCategories.map((cat) => (
            <label class="check">
              <input type="checkbox" name="dataCategories" value={cat} checked={chosen.includes(cat)} />{' '}
              {label(labels.dataCategory, cat)}
            </label>
          ))}
          <FieldError id="dataCategories" error={categoryError} />
        </fieldset>
        {box('handlesSpecialCare', t('c.handlesSpecialCare'))}
        {box('handlesPaymentData', t('c.handlesPaymentData'))}
        {box('systemAccess', t('c.systemAccess'))}
        {text('subjectCount', t('c.subjectCount'), 'number', { min: '0', inputmode: 'numeric' })}
        <ParentField page={page} choice={props.parent} error={errors.parentId} />
        <ReconsignmentFields page={page} values={values} errors={errors} />
        {choice('crossBorderBasis', t('c.crossBorderBasis'), crossBorderBases, (b) =>
          label(labels.crossBorderBasis, b),
        )}
        <AbroadFields page={page} values={values} errors={errors} />
        {text('contactName', t('c.contactName'), 'text', { autocomplete: 'name' })}
        {text('contactEmail', t('c.contactEmail'), 'email', { autocomplete: 'email' })}
        <div>
          <label for="services">{t('c.services')}</label>
          <textarea
            id="services"
            name="services"
            aria-invalid={errors.services ? 'true' : undefined}
            aria-describedby={errors.services ? 'services-error' : undefined}
          >
            {one(values, 'services')}
          </textarea>
          <FieldError id="services" error={errors.services} />
        </div>
        {choice('riskTierOverride', t('c.riskTierOverride'), riskTierValues, (r) => label(labels.riskTier, r))}
        {text('riskOverrideReason', t('c.riskOverrideReason'))}
        <p class="actions">
          <button type="submit">{t('c.save')}</button>
        </p>
      </form>
    </Layout>
  );
}
