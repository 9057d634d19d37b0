import { dataCategories, dispositionMethods, reconsignmentTerms } from '../../../db/schema';
import { clauseNames } from '../../domain/agreement-terms';
import { labels } from '../../i18n/labels';
import type { AgreementView } from '../../modules/agreements/agreements.service';
import { many, one } from '../forms';
import { FieldError, Layout } from '../layout';
import { AgreementSummary } from './agreement-detail';
import { Confirm, type FormProps, Input, Problems, Select, TextArea } from './supervision';

const groupInvalid = (errors: Record<string, string>, name: string) =>
  errors[name] ? { 'aria-invalid': 'true' as const, 'aria-describedby': `${name}-error` } : {};

/** The terms of an agreement, as POST and PATCH /agreements take them. */
function TermsFields(props: FormProps) {
  const { t, label } = props.page.i18n;
  const chosen = many(props.values, 'dataCategories');
  const clauses = many(props.values, 'clauses');
  return (
    <>
      <Input {...props} name="title" label={t('a.title')} required />
      <Input {...props} name="reference" label={t('agr.reference')} />
      <TextArea {...props} name="purpose" label={t('a.purpose')} required />
      <fieldset {...groupInvalid(props.errors, 'dataCategories')}>
        <legend>{t('c.dataCategories')}</legend>
        {dataCategories.map((cat) => (
          <label class="check">
            <input type="checkbox" name="dataCategories" value={cat} checked={chosen.includes(cat)} />{' '}
            {label(labels.dataCategory, cat)}
          </label>
        ))}
        <FieldError id="dataCategories" error={props.errors.dataCategories} />
      </fieldset>
      <Input {...props} name="startDate" label={t('a.startDate')} type="date" required />
      <Input {...props} name="endDate" label={t('a.endDate')} type="date" />
      <label class="check">
        <input type="checkbox" name="autoRenew" checked={one(props.values, 'autoRenew') === 'on'} /> {t('a.autoRenew')}
      </label>
      <Input {...props} name="renewalTermMonths" label={t('a.renewalTermMonths')} type="number" />
      <Input {...props} name="noticePeriodDays" label={t('a.noticePeriodDays')} type="number" />
      <Select
        {...props}
        name="reconsignment"
        label={t('a.reconsignment')}
        options={reconsignmentTerms}
        table={labels.reconsignment}
      />
      <fieldset>
        <legend>{t('a.clauses')}</legend>
        {clauseNames.map((c) => (
          <label class="check">
            <input type="checkbox" name="clauses" value={c} checked={clauses.includes(c)} /> {label(labels.clause, c)}
          </label>
        ))}
      </fieldset>
    </>
  );
}

/** A new agreement for a contractor. */
export function AgreementFormPage(props: FormProps & { contractor: { id: string; name: string } }) {
  const { t } = props.page.i18n;
  return (
    <Layout page={props.page} title={t('a.new')}>
      <h1>
        {t('a.new')}: {props.contractor.name}
      </h1>
      <Problems {...props} />
      <form method="post" action={`/contractors/${props.contractor.id}/agreements`} novalidate>
        <input type="hidden" name="_csrf" value={props.page.csrf} />
        <TermsFields {...props} />
        <p class="actions">
          <button type="submit">{t('c.save')}</button>
        </p>
      </form>
    </Layout>
  );
}

/** Which of the edit page's forms was sent, so only its problems are shown at it. */
export type AgreementForm = 'terms' | 'terminate' | 'disposition';

/**
 * An agreement's edit page: its terms; terminating it (with a confirmation); and the
 * return or deletion of the data, which every agreement needs before its contractor can
 * be terminated. After a conflict (412) what is saved now is shown above the forms.
 */
export function AgreementEditPage(
  props: FormProps & {
    agreement: AgreementView;
    contractor: { id: string; name: string };
    sent: AgreementForm | null;
    conflict: boolean;
  },
) {
  const { page, agreement: a } = props;
  const { t, label, date } = page.i18n;
  const at = (form: AgreementForm): FormProps =>
    props.sent === form ? props : { ...props, errors: {}, summary: null };
  const hidden = (
    <>
      <input type="hidden" name="_csrf" value={page.csrf} />
      <input type="hidden" name="version" value={String(a.version)} />
    </>
  );
  return (
    <Layout page={page} title={t('agr.edit')}>
      <h1>{t('agr.editTitle', { name: a.title })}</h1>
      <p>
        <a href={`/contractors/${props.contractor.id}`}>{props.contractor.name}</a> ·{' '}
        {label(labels.agreementStatus, a.status)}
      </p>
      {props.conflict ? (
        <>
          <p class="notice error" role="alert">
            {t('agr.conflict')}
          </p>
          <details open class="saved-now">
            <summary>{t('agr.savedNow')}</summary>
            <AgreementSummary page={page} agreement={a} contractor={props.contractor} />
          </details>
        </>
      ) : (
        <Problems {...props} />
      )}

      <form method="post" action={`/agreements/${a.id}`} novalidate aria-labelledby="terms">
        <h2 id="terms">{t('agr.terms')}</h2>
        {hidden}
        <TermsFields {...at('terms')} />
        <p class="actions">
          <button type="submit">{t('c.save')}</button>
          <a class="button secondary" href={`/agreements/${a.id}`}>
            {t('agr.cancelEdit')}
          </a>
        </p>
      </form>

      <form
        method="post"
        action={`/agreements/${a.id}/terminate`}
        novalidate
        aria-labelledby="terminate"
        class="danger"
      >
        <h2 id="terminate">{t('agr.terminate')}</h2>
        {a.terminatedOn ? (
          <p>
            {a.status === 'terminated'
              ? t('agr.terminated', { date: date(a.terminatedOn) })
              : t('agr.terminatesOn', { date: date(a.terminatedOn) })}
          </p>
        ) : null}
        <p class="muted">{t('agr.terminateHint')}</p>
        {hidden}
        <Input {...at('terminate')} name="terminatedOn" label={t('agr.terminatedOn')} type="date" required />
        <Confirm {...at('terminate')} name="confirmTerminate" label={t('agr.terminateConfirm')} />
        <p class="actions">
          <button type="submit" class="danger">
            {a.terminatedOn ? t('agr.changeTermination') : t('agr.terminate')}
          </button>
        </p>
      </form>

      <form method="post" action={`/agreements/${a.id}/disposition`} novalidate aria-labelledby="disposition">
        <h2 id="disposition">{t('agr.disposition')}</h2>
        {a.dataDisposition ? null : <p class="missing">{t('agr.dispositionMissing')}</p>}
        {hidden}
        <Select
          {...at('disposition')}
          name="dataDisposition.method"
          label={t('agr.dispositionMethod')}
          options={dispositionMethods}
          table={labels.dispositionMethod}
          blank={t('agr.choose')}
          required
        />
        <Input
          {...at('disposition')}
          name="dataDisposition.confirmedOn"
          label={t('agr.confirmedOn')}
          type="date"
          required
        />
        <TextArea {...at('disposition')} name="dataDisposition.evidence" label={t('agr.evidence')} required />
        <p class="actions">
          <button type="submit">{t('agr.recordDisposition')}</button>
        </p>
      </form>
    </Layout>
  );
}
