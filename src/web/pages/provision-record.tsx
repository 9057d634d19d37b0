import { dataCategories } from '../../../db/schema';
import { labels } from '../../i18n/labels';
import type { ProvisionRecordView } from '../../modules/provision-records/provision-records.service';
import { many, one } from '../forms';
import { FieldError, Layout, type PageContext } from '../layout';
import { countryName } from './contractor-country';
import { Facts, Field, type FormState, FormSummary, FormTokens, TextArea } from './incident-fields';
import { period } from './provision-list';

export interface RecordableContractor {
  id: string;
  name: string;
  countries: string[];
  consent: boolean;
}

/** The fields of a record, the same for a new one and a correction; what was typed stays. */
function RecordFields(props: { page: PageContext; form: FormState; countries: string[] }) {
  const { page, form } = props;
  const { t, label } = page.i18n;
  const chosen = many(form.values, 'dataCategories');
  const catError = form.errors.dataCategories;
  const countryError = form.errors.country;
  return (
    <>
      <Field form={form} name="providedFrom" label={t('prov.providedFrom')} type="date" attrs={{ required: true }} />
      <Field
        form={form}
        name="providedUntil"
        label={t('prov.providedUntil')}
        type="date"
        hint={t('prov.providedUntilHint')}
      />
      <div>
        <label for="country">{t('prov.country')}</label>
        <p class="field-hint" id="country-hint">
          {t('prov.countryHint', { countries: props.countries.map((c) => countryName(page.i18n.lang, c)).join(', ') })}
        </p>
        <select
          id="country"
          name="country"
          aria-invalid={countryError ? 'true' : undefined}
          aria-describedby={countryError ? 'country-hint country-error' : 'country-hint'}
        >
          {props.countries.map((c) => (
            <option value={c} selected={one(form.values, 'country') === c}>
              {countryName(page.i18n.lang, c)}
            </option>
          ))}
        </select>
        <FieldError id="country" error={countryError} />
      </div>
      <fieldset aria-describedby={catError ? 'dataCategories-error' : undefined}>
        <legend>{t('prov.categories')}</legend>
        {dataCategories.map((d) => (
          <label class="check">
            <input type="checkbox" name="dataCategories" value={d} checked={chosen.includes(d)} />{' '}
            {label(labels.dataCategory, d)}
          </label>
        ))}
        <FieldError id="dataCategories" error={catError} />
      </fieldset>
      <TextArea form={form} name="subjects" label={t('prov.subjects')} required />
      <TextArea form={form} name="items" label={t('prov.items')} required />
      <p class="field-hint">{t('prov.consentNoteHint')}</p>
      <TextArea form={form} name="consentNote" label={t('prov.consentNote')} />
    </>
  );
}

/** A new record of a provision to one contractor (or the choice of the contractor first). */
export function ProvisionNewPage(props: {
  page: PageContext;
  contractor: RecordableContractor | null;
  choices: RecordableContractor[];
  form: FormState;
}) {
  const { page, form } = props;
  const { t } = page.i18n;
  const c = props.contractor;
  return (
    <Layout page={page} title={t('prov.newTitle')}>
      <h1>{t('prov.newTitle')}</h1>
      <FormSummary page={page} form={form} />
      {c ? (
        <form method="post" action="/provision-records/new" class="prov-form">
          <FormTokens page={page} />
          <input type="hidden" name="contractorId" value={c.id} />
          <p>
            {t('prov.contractor')}: <a href={`/contractors/${c.id}`}>{c.name}</a>
          </p>
          <FieldError id="contractorId" error={form.errors.contractorId} />
          <RecordFields page={page} form={form} countries={c.countries} />
          <button type="submit">{t('prov.save')}</button>
        </form>
      ) : props.choices.length ? (
        <form method="get" action="/provision-records/new" class="prov-form">
          <label for="contractorId">{t('prov.contractor')}</label>
          <select id="contractorId" name="contractorId" required>
            {props.choices.map((x) => (
              <option value={x.id}>{x.name}</option>
            ))}
          </select>
          <FieldError id="contractorId" error={form.errors.contractorId} />
          <button type="submit">{t('prov.chooseContractor')}</button>
        </form>
      ) : (
        <p class="muted">{t('prov.noRecordable')}</p>
      )}
    </Layout>
  );
}

/** One record: what Rules Art. 20 asks for, how long it is kept, and its correction. */
export function ProvisionDetailPage(props: {
  page: PageContext;
  record: ProvisionRecordView;
  countries: string[];
  canWrite: boolean;
  form: FormState;
  notice: string | null;
}) {
  const { page, record: r, form } = props;
  const { t, label, date, dateTime } = page.i18n;
  const sep = page.i18n.lang === 'ja' ? '、' : ', ';
  return (
    <Layout page={page} title={t('prov.recordTitle')}>
      <p>
        <a href="/provision-records">{t('prov.back')}</a>
      </p>
      <h1>{t('prov.recordTitle')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <Facts
        rows={[
          [t('prov.contractor'), <a href={`/contractors/${r.contractorId}`}>{r.contractorName}</a>],
          [t('prov.period'), period(page, r)],
          [t('prov.country'), countryName(page.i18n.lang, r.country)],
          [t('prov.categories'), r.dataCategories.map((d) => label(labels.dataCategory, d)).join(sep)],
          [t('prov.subjects'), <span class="prov-text">{r.subjects}</span>],
          [t('prov.items'), <span class="prov-text">{r.items}</span>],
          [t('prov.consentNote'), r.consentNote ? <span class="prov-text">{r.consentNote}</span> : null],
          [t('prov.method'), r.recordMethod === 'collective' ? t('prov.methodCollective') : t('prov.methodPer')],
          [
            t('prov.retainUntil'),
            <>
              {date(r.retainUntil)}
              <div class="muted">{t('prov.retainHint')}</div>
            </>,
          ],
          [t('prov.recordedBy'), dateTime(r.createdAt)],
        ]}
      />
      <p>
        <a href={`/provision-records?contractorId=${encodeURIComponent(r.contractorId)}`}>{t('prov.ofContractor')}</a>
      </p>
      {props.canWrite ? (
        <section aria-labelledby="edit-title" id="edit">
          <h2 id="edit-title">{t('prov.editTitle')}</h2>
          <FormSummary page={page} form={form} />
          <form method="post" action={`/provision-records/${r.id}`} class="prov-form">
            <FormTokens page={page} version={one(form.values, 'version')} />
            <RecordFields page={page} form={form} countries={props.countries} />
            <button type="submit">{t('prov.saveChanges')}</button>
          </form>
        </section>
      ) : null}
    </Layout>
  );
}
