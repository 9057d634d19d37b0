import { contractorStatuses, crossBorderBases, dataCategories, riskTierValues } from '../../../db/schema';
import { type LabelTable, labels } from '../../i18n/labels';
import type { ContractorView } from '../../modules/contractors/contractors.service';
import type { FormValues } from '../forms';
import { many, one } from '../forms';
import { Badge, FieldError, Layout, type PageContext } from '../layout';

export interface ListQuery {
  q?: string;
  status?: string;
  riskTier?: string;
  supervisionStatus?: string;
}

export function ContractorListPage(props: {
  page: PageContext;
  query: ListQuery;
  items: ContractorView[];
  nextCursor: string | null;
  canCreate: boolean;
}) {
  const { page, query } = props;
  const { t, label, date } = page.i18n;
  const select = <V extends string>(
    name: keyof ListQuery,
    options: readonly V[],
    table: LabelTable<V>,
    title: string,
  ) => (
    <div>
      <label for={`f-${name}`}>{title}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{t('list.any')}</option>
        {options.map((o) => (
          <option value={o} selected={query[name] === o}>
            {label(table, o)}
          </option>
        ))}
      </select>
    </div>
  );
  const params = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
  return (
    <Layout page={page} title={t('nav.contractors')}>
      <h1>{t('nav.contractors')}</h1>
      {props.canCreate ? (
        <p class="actions">
          <a class="button" href="/contractors/new">
            {t('c.new')}
          </a>
        </p>
      ) : null}
      <form class="filters" method="get" action="/contractors" aria-label={t('list.filter')}>
        <div>
          <label for="f-q">{t('list.search')}</label>
          <input type="text" id="f-q" name="q" value={query.q ?? ''} />
        </div>
        {select('status', contractorStatuses, labels.contractorStatus, t('c.status'))}
        {select('riskTier', riskTierValues, labels.riskTier, t('c.riskTier'))}
        {select(
          'supervisionStatus',
          ['overdue', 'due_soon', 'on_track', 'none_scheduled'] as const,
          labels.supervisionStatus,
          t('c.supervisionStatus'),
        )}
        <button type="submit">{t('list.filter')}</button>
        <a class="button secondary" href="/contractors">
          {t('list.clear')}
        </a>
      </form>
      {props.items.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <div class="scroll">
          <table>
            <tr>
              <th scope="col">{t('c.name')}</th>
              <th scope="col">{t('c.status')}</th>
              <th scope="col">{t('c.riskTier')}</th>
              <th scope="col">{t('c.supervisionStatus')}</th>
              <th scope="col">{t('c.nextReviewDue')}</th>
            </tr>
            {props.items.map((c) => (
              <tr>
                <td>
                  <a href={`/contractors/${c.id}`}>{c.name}</a>
                  {c.nameKana ? <div class="muted">{c.nameKana}</div> : null}
                </td>
                <td>{label(labels.contractorStatus, c.status)}</td>
                <td>
                  <Badge value={c.riskTier} label={label(labels.riskTier, c.riskTier)} />
                </td>
                <td>
                  <Badge value={c.supervisionStatus} label={label(labels.supervisionStatus, c.supervisionStatus)} />
                </td>
                <td>{date(c.nextReviewDue)}</td>
              </tr>
            ))}
          </table>
        </div>
      )}
      <p class="actions">
        {params.has('cursor') || props.nextCursor ? (
          <a class="button secondary" href={`/contractors?${params.toString()}`}>
            {t('list.first')}
          </a>
        ) : null}
        {props.nextCursor ? (
          <a
            class="button secondary"
            rel="next"
            href={`/contractors?${new URLSearchParams({ ...Object.fromEntries(params), cursor: props.nextCursor }).toString()}`}
          >
            {t('list.next')}
          </a>
        ) : null}
      </p>
    </Layout>
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
        {text('name', t('c.name'), 'text', { required: true, maxlength: '200' })}
        {text('nameKana', t('c.nameKana'))}
        {text('corporateNumber', t('c.corporateNumber'), 'text', { inputmode: 'numeric' })}
        {text('country', t('c.country'), 'text', { maxlength: '2', autocapitalize: 'characters' })}
        <fieldset aria-invalid={categoryError ? 'true' : undefined}>
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
        {text('parentName', t('c.parentId'))}
        <div>
          <label for="crossBorderBasis">{t('c.crossBorderBasis')}</label>
          <select
            id="crossBorderBasis"
            name="crossBorderBasis"
            aria-invalid={errors.crossBorderBasis ? 'true' : undefined}
          >
            <option value="">{t('c.none')}</option>
            {crossBorderBases.map((b) => (
              <option value={b} selected={one(values, 'crossBorderBasis') === b}>
                {label(labels.crossBorderBasis, b)}
              </option>
            ))}
          </select>
          <FieldError id="crossBorderBasis" error={errors.crossBorderBasis} />
        </div>
        {text('contactName', t('c.contactName'))}
        {text('contactEmail', t('c.contactEmail'), 'email')}
        <div>
          <label for="services">{t('c.services')}</label>
          <textarea id="services" name="services">
            {one(values, 'services')}
          </textarea>
          <FieldError id="services" error={errors.services} />
        </div>
        <div>
          <label for="riskTierOverride">{t('c.riskTierOverride')}</label>
          <select id="riskTierOverride" name="riskTierOverride">
            <option value="">{t('c.none')}</option>
            {riskTierValues.map((r) => (
              <option value={r} selected={one(values, 'riskTierOverride') === r}>
                {label(labels.riskTier, r)}
              </option>
            ))}
          </select>
        </div>
        {text('riskOverrideReason', t('c.riskOverrideReason'))}
        <p class="actions">
          <button type="submit">{t('c.save')}</button>
        </p>
      </form>
    </Layout>
  );
}
