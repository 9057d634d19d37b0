import type { IncidentView } from '../../modules/incidents/incidents.service';
import { one } from '../forms';
import { FieldError, Layout, type PageContext } from '../layout';
import { Check, Facts, Field, type FormState, FormSummary, FormTokens, TextArea } from './incident-fields';
import { EncryptionFields, TimelineFields } from './incident-law';
import { reasonsText } from './incidents';

/** The Enforcement Rules Art. 7 situations, as the form's checkboxes name them. */
export const FACTORS = ['specialCare', 'financialHarm', 'wrongfulAct', 'overThousand'] as const;

/** What happened, when, to how many, and which Art. 7 situations apply: shared by record and correct. */
function FactFields(props: { page: PageContext; form: FormState; today: string }) {
  const { t } = props.page.i18n;
  const { form } = props;
  const factorError = Object.entries(form.errors).find(([k]) => k.startsWith('factors'))?.[1];
  return (
    <>
      <Field form={form} name="discoveredOn" label={t('inc.discoveredOn')} type="date" attrs={{ required: true }} />
      <TextArea form={form} name="summary" label={t('inc.summary')} required />
      <Field
        form={form}
        name="affectedCount"
        label={t('inc.affectedCount')}
        type="number"
        attrs={{ min: '0', step: '1', inputmode: 'numeric', required: true }}
      />
      <fieldset aria-invalid={factorError ? 'true' : undefined} aria-describedby="factors-hint">
        <legend>{t('inc.factors')}</legend>
        <p class="field-hint" id="factors-hint">
          {t('inc.factorsHint')}
        </p>
        {FACTORS.map((f) => (
          <Check form={form} name={`factors.${f}`} label={t(`inc.factor.${f}`)} />
        ))}
        <FieldError id="factors" error={factorError} />
      </fieldset>
      <EncryptionFields page={props.page} form={form} />
      <TimelineFields page={props.page} form={form} today={props.today} />
    </>
  );
}

/** Recording a leak: the contractor is chosen from a list narrowed by a name search. */
export function NewIncidentPage(props: {
  page: PageContext;
  today: string;
  form: FormState;
  contractors: { id: string; name: string }[];
  search: { q: string | undefined; more: boolean };
}) {
  const { page, form, search } = props;
  const { t } = page.i18n;
  const error = form.errors.contractorId;
  return (
    <Layout page={page} title={t('inc.new')}>
      <h1>{t('inc.new')}</h1>
      <FormSummary page={page} form={form} />
      <form class="filters" method="get" action="/incidents/new">
        <div>
          <label for="q">{t('inc.contractorSearch')}</label>
          <input type="text" id="q" name="q" value={search.q ?? ''} maxlength={100} />
        </div>
        <button type="submit" class="secondary">
          {t('inc.search')}
        </button>
      </form>
      {search.q && props.contractors.length === 0 ? (
        <p class="notice" role="status">
          {t('inc.noMatch', { q: search.q })}
        </p>
      ) : null}
      <form method="post" action="/incidents" novalidate>
        <FormTokens page={page} />
        <div>
          <label for="contractorId">{t('inc.contractor')}</label>
          {search.more ? (
            <p class="field-hint" id="contractorId-hint">
              {t('inc.searchHint', { n: props.contractors.length })}
            </p>
          ) : null}
          <select
            id="contractorId"
            name="contractorId"
            required
            aria-invalid={error ? 'true' : undefined}
            aria-describedby={
              [search.more ? 'contractorId-hint' : '', error ? 'contractorId-error' : ''].filter(Boolean).join(' ') ||
              undefined
            }
          >
            <option value="">{t('inc.choose')}</option>
            {props.contractors.map((c) => (
              <option value={c.id} selected={one(form.values, 'contractorId') === c.id}>
                {c.name}
              </option>
            ))}
          </select>
          <FieldError id="contractorId" error={error} />
        </div>
        <FactFields page={page} form={form} today={props.today} />
        <p class="actions">
          <button type="submit">{t('inc.record')}</button>
        </p>
      </form>
    </Layout>
  );
}

/** Correcting the facts; a conflicting change shows what is saved now beside the typing kept. */
export function EditIncidentPage(props: {
  page: PageContext;
  today: string;
  incident: IncidentView;
  contractorName: string;
  form: FormState;
  conflict: boolean;
}) {
  const { page, form, incident: i } = props;
  const { i18n } = page;
  const { t, date } = i18n;
  return (
    <Layout page={page} title={t('inc.editTitle')}>
      <h1>{t('inc.editTitle')}</h1>
      <p>
        <a href={`/incidents/${i.id}`}>{t('inc.back')}</a>
      </p>
      <FormSummary page={page} form={form} />
      {props.conflict ? (
        <section aria-labelledby="now">
          <h2 id="now">{t('inc.now')}</h2>
          <Facts
            rows={[
              [t('inc.discoveredOn'), date(i.discoveredOn)],
              [t('inc.summary'), <span class="text-block">{i.summary}</span>],
              [t('inc.affectedCount'), t('inc.affected', { n: i.affectedCount.toLocaleString(i18n.lang) })],
              [t('inc.reasons'), reasonsText(i18n, i.reportableReasons)],
            ]}
          />
        </section>
      ) : null}
      <form method="post" action={`/incidents/${i.id}`} novalidate>
        <FormTokens page={page} version={one(form.values, 'version')} />
        <p>
          {t('inc.contractor')}: <a href={`/contractors/${i.contractorId}`}>{props.contractorName}</a>
        </p>
        <FactFields page={page} form={form} today={props.today} />
        <p class="actions">
          <button type="submit">{t('inc.save')}</button>
        </p>
      </form>
    </Layout>
  );
}

/**
 * The confirmation step before closing. While the final report (確報) is missing the
 * page says so and offers no form: the server would refuse it (final-report-required).
 */
export function CloseIncidentPage(props: {
  page: PageContext;
  incident: IncidentView;
  contractorName: string;
  form: FormState;
}) {
  const { page, form, incident: i } = props;
  const { t } = page.i18n;
  const title = t('inc.closeTitle', { name: props.contractorName });
  const finalMissing = i.reportable && !i.finalReportedOn;
  // APPI Art. 26(2): the notice to the individuals, or its alternative, comes before closing too.
  const noticeMissing = i.reportable && !i.subjectsNotifiedOn && !i.alternativeNotice;
  const blocked = finalMissing || noticeMissing;
  // After a refused post the form stays, so what was typed is not lost.
  const showForm = i.status === 'open' && (!blocked || one(form.values, 'summary') !== '');
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      <p>
        <a href={`/incidents/${i.id}`}>{t('inc.back')}</a>
      </p>
      {blocked && !form.summary ? (
        <div class="notice error" role="alert">
          {finalMissing ? <p>{t('inc.finalReportRequired')}</p> : null}
          {noticeMissing ? <p>{t('il.subjectNoticeRequired')}</p> : null}
        </div>
      ) : null}
      {blocked ? (
        <p>
          <a href={`/incidents/${i.id}#reports`}>{t('inc.reportsForm')}</a>
        </p>
      ) : null}
      <FormSummary page={page} form={form} />
      {!showForm ? null : (
        <form method="post" action={`/incidents/${i.id}/close`} novalidate>
          <FormTokens page={page} />
          <p class="notice">{t('inc.closeConfirm')}</p>
          <TextArea form={form} name="summary" label={t('inc.closingSummary')} required />
          <p class="actions">
            <button type="submit" class="danger">
              {t('inc.close')}
            </button>
          </p>
        </form>
      )}
    </Layout>
  );
}
