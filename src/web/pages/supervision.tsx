import {
  checklistRatings,
  dataCategories,
  findingCategories,
  findingSeverities,
  reconsignmentTerms,
  reviewKinds,
  reviewOutcomes,
} from '../../../db/schema';
import { clauseNames } from '../../domain/agreement-terms';
import { type LabelTable, labels } from '../../i18n/labels';
import type { ReviewView } from '../../modules/reviews/reviews.present';
import { type FormValues, many, one } from '../forms';
import { FieldError, Layout, type PageContext } from '../layout';

interface FormProps {
  page: PageContext;
  values: FormValues;
  errors: Record<string, string>;
  summary: string | null;
}

function Problems(props: FormProps) {
  return props.summary || Object.keys(props.errors).length ? (
    <div class="notice error" role="alert">
      <p>{props.summary ?? props.page.i18n.t('err.title')}</p>
    </div>
  ) : null;
}

function Input(props: FormProps & { name: string; label: string; type?: string; required?: boolean }) {
  const error = props.errors[props.name];
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <input
        type={props.type ?? 'text'}
        id={props.name}
        name={props.name}
        value={one(props.values, props.name)}
        required={props.required}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${props.name}-error` : undefined}
      />
      <FieldError id={props.name} error={error} />
    </div>
  );
}

function Select<V extends string>(
  props: FormProps & { name: string; label: string; options: readonly V[]; table: LabelTable<V>; blank?: boolean },
) {
  const error = props.errors[props.name];
  const { label } = props.page.i18n;
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} aria-invalid={error ? 'true' : undefined}>
        {props.blank ? <option value="">—</option> : null}
        {props.options.map((o) => (
          <option value={o} selected={one(props.values, props.name) === o}>
            {label(props.table, o)}
          </option>
        ))}
      </select>
      <FieldError id={props.name} error={error} />
    </div>
  );
}

export function AgreementFormPage(props: FormProps & { contractor: { id: string; name: string } }) {
  const { t, label } = props.page.i18n;
  const chosen = many(props.values, 'dataCategories');
  const clauses = many(props.values, 'clauses');
  return (
    <Layout page={props.page} title={t('a.new')}>
      <h1>
        {t('a.new')}: {props.contractor.name}
      </h1>
      <Problems {...props} />
      <form method="post" action={`/contractors/${props.contractor.id}/agreements`} novalidate>
        <input type="hidden" name="_csrf" value={props.page.csrf} />
        <Input {...props} name="title" label={t('a.title')} required />
        <Input {...props} name="purpose" label={t('a.purpose')} required />
        <fieldset>
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
          <input type="checkbox" name="autoRenew" checked={one(props.values, 'autoRenew') === 'on'} />{' '}
          {t('a.autoRenew')}
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
        <p class="actions">
          <button type="submit">{t('c.save')}</button>
        </p>
      </form>
    </Layout>
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

const FINDING_SLOTS = 3;

export function CompleteReviewPage(props: FormProps & { review: ReviewView; contractorName: string }) {
  const { t, label, date } = props.page.i18n;
  const r = props.review;
  return (
    <Layout page={props.page} title={t('r.completeTitle')}>
      <h1>{t('r.completeTitle')}</h1>
      <p>
        {props.contractorName} · {label(labels.reviewKind, r.kind)} · {t('r.dueDate')} {date(r.dueDate)}
      </p>
      <Problems {...props} />
      <form method="post" action={`/reviews/${r.id}/complete`} novalidate>
        <input type="hidden" name="_csrf" value={props.page.csrf} />
        <Input {...props} name="completedOn" label={t('r.completedOn')} type="date" required />
        <Select
          {...props}
          name="outcome"
          label={t('r.outcome')}
          options={reviewOutcomes}
          table={labels.reviewOutcome}
        />
        <fieldset>
          <legend>{t('r.checklist')}</legend>
          {findingCategories.map((cat) => (
            <Select
              {...props}
              name={`checklist.${cat}`}
              label={label(labels.findingCategory, cat)}
              options={checklistRatings}
              table={labels.checklistRating}
            />
          ))}
        </fieldset>
        <div>
          <label for="notes">{t('r.notes')}</label>
          <textarea id="notes" name="notes">
            {one(props.values, 'notes')}
          </textarea>
        </div>
        <h2>{t('r.findings')}</h2>
        {Array.from({ length: FINDING_SLOTS }, (_, i) => (
          <fieldset>
            <legend>{t('r.finding', { n: i + 1 })}</legend>
            <Select
              {...props}
              name={`findings.${i}.severity`}
              label={t('r.severity')}
              options={findingSeverities}
              table={labels.findingSeverity}
              blank
            />
            <Select
              {...props}
              name={`findings.${i}.category`}
              label={t('r.category')}
              options={findingCategories}
              table={labels.findingCategory}
              blank
            />
            <Input {...props} name={`findings.${i}.description`} label={t('r.description')} />
            <Input {...props} name={`findings.${i}.dueDate`} label={t('r.findingDue')} type="date" />
          </fieldset>
        ))}
        <p class="actions">
          <button type="submit">{t('r.complete')}</button>
        </p>
      </form>
    </Layout>
  );
}

export { FINDING_SLOTS };
