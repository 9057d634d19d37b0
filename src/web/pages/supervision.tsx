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
import type { AlertView } from '../../modules/alerts/alerts.service';
import type { ReviewView } from '../../modules/reviews/reviews.present';
import { type FormValues, many, one } from '../forms';
import { Badge, FieldError, Layout, type PageContext } from '../layout';

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

function Select(props: FormProps & { name: string; label: string; options: readonly string[]; blank?: boolean }) {
  const error = props.errors[props.name];
  const { v } = props.page.i18n;
  return (
    <div>
      <label for={props.name}>{props.label}</label>
      <select id={props.name} name={props.name} aria-invalid={error ? 'true' : undefined}>
        {props.blank ? <option value="">—</option> : null}
        {props.options.map((o) => (
          <option value={o} selected={one(props.values, props.name) === o}>
            {v(o)}
          </option>
        ))}
      </select>
      <FieldError id={props.name} error={error} />
    </div>
  );
}

export function AgreementFormPage(props: FormProps & { contractor: { id: string; name: string } }) {
  const { t, v } = props.page.i18n;
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
              <input type="checkbox" name="dataCategories" value={cat} checked={chosen.includes(cat)} /> {v(cat)}
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
        <Select {...props} name="reconsignment" label={t('a.reconsignment')} options={reconsignmentTerms} />
        <fieldset>
          <legend>{t('a.clauses')}</legend>
          {clauseNames.map((c) => (
            <label class="check">
              <input type="checkbox" name="clauses" value={c} checked={clauses.includes(c)} /> {v(c)}
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
        <Select {...props} name="kind" label={t('r.kind')} options={reviewKinds} />
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
  const { t, v, date } = props.page.i18n;
  const r = props.review;
  return (
    <Layout page={props.page} title={t('r.completeTitle')}>
      <h1>{t('r.completeTitle')}</h1>
      <p>
        {props.contractorName} · {v(r.kind)} · {t('r.dueDate')} {date(r.dueDate)}
      </p>
      <Problems {...props} />
      <form method="post" action={`/reviews/${r.id}/complete`} novalidate>
        <input type="hidden" name="_csrf" value={props.page.csrf} />
        <Input {...props} name="completedOn" label={t('r.completedOn')} type="date" required />
        <Select {...props} name="outcome" label={t('r.outcome')} options={reviewOutcomes} />
        <fieldset>
          <legend>{t('r.checklist')}</legend>
          {(['organizational', 'human', 'physical', 'technical'] as const).map((cat) => (
            <Select {...props} name={`checklist.${cat}`} label={v(cat)} options={checklistRatings} />
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
              blank
            />
            <Select
              {...props}
              name={`findings.${i}.category`}
              label={t('r.category')}
              options={findingCategories}
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

export function AlertsPage(props: {
  page: PageContext;
  status: string;
  items: (AlertView & { contractorName: string })[];
  nextCursor: string | null;
  canAct: boolean;
}) {
  const { page } = props;
  const { t, v, date } = page.i18n;
  return (
    <Layout page={page} title={t('al.title')}>
      <h1>{t('al.title')}</h1>
      <nav class="actions" aria-label="status">
        {['open', 'acknowledged', 'resolved'].map((s) => (
          <a
            class={`button${props.status === s ? '' : ' secondary'}`}
            href={`/alerts?status=${s}`}
            aria-current={props.status === s ? 'page' : undefined}
          >
            {v(s)}
          </a>
        ))}
      </nav>
      {props.items.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <div class="scroll">
          <table>
            <tr>
              <th scope="col">{t('al.severity')}</th>
              <th scope="col">{t('al.kind')}</th>
              <th scope="col">{t('al.contractor')}</th>
              <th scope="col">{t('al.due')}</th>
              <th scope="col">{t('al.raised')}</th>
              {props.canAct && props.status !== 'resolved' ? <th scope="col">—</th> : null}
            </tr>
            {props.items.map((a) => (
              <tr data-alert={a.id}>
                <td>
                  <Badge value={a.severity} i18n={page.i18n} />
                  {a.escalatedAt ? <div class="critical">{t('al.escalated')}</div> : null}
                </td>
                <td>{v(a.kind)}</td>
                <td>
                  <a href={`/contractors/${a.contractorId}`}>{a.contractorName}</a>
                </td>
                <td>{date(a.dueDate)}</td>
                <td>{a.raisedAt.slice(0, 10)}</td>
                {props.canAct && props.status !== 'resolved' ? (
                  <td>
                    {a.status === 'open' ? (
                      <form class="inline" method="post" action={`/alerts/${a.id}/acknowledge`}>
                        <input type="hidden" name="_csrf" value={page.csrf} />
                        <button type="submit" class="secondary">
                          {t('al.acknowledge')}
                        </button>
                      </form>
                    ) : null}
                    <form class="inline" method="post" action={`/alerts/${a.id}/resolve`}>
                      <input type="hidden" name="_csrf" value={page.csrf} />
                      <label class="visually-hidden" for={`note-${a.id}`}>
                        {t('al.note')}
                      </label>
                      <input type="text" id={`note-${a.id}`} name="note" placeholder={t('al.note')} />
                      <button type="submit">{t('al.resolve')}</button>
                    </form>
                  </td>
                ) : null}
              </tr>
            ))}
          </table>
        </div>
      )}
      {props.nextCursor ? (
        <p class="actions">
          <a class="button secondary" rel="next" href={`/alerts?status=${props.status}&cursor=${props.nextCursor}`}>
            {t('list.next')}
          </a>
        </p>
      ) : null}
    </Layout>
  );
}

export type { AlertView };
