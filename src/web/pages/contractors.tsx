import { contractorStatuses, riskTierValues } from '../../../db/schema';
import { SUPERVISION_STATUSES } from '../../domain/supervision-status';
import { type LabelTable, labels } from '../../i18n/labels';
import type { ContractorView } from '../../modules/contractors/contractors.service';
import { Badge, Layout, type PageContext } from '../layout';
import { Pager, type PagerState } from '../pager';
import { SupervisionBadge, supervisionLabel } from './contractor-status';

export interface ListQuery {
  q?: string;
  status?: string;
  riskTier?: string;
  supervisionStatus?: string;
}

/** The register: filters, one card-like row per contractor on a phone, previous/next and the total. */
export function ContractorListPage(props: {
  page: PageContext;
  query: ListQuery;
  items: ContractorView[];
  nextCursor: string | null;
  total: number;
  pageSize: number;
  pager: PagerState;
  canCreate: boolean;
}) {
  const { page, query } = props;
  const { t, label, date } = page.i18n;
  const select = (name: keyof ListQuery, options: readonly string[], text: (v: string) => string, title: string) => (
    <div>
      <label for={`f-${name}`}>{title}</label>
      <select id={`f-${name}`} name={name}>
        <option value="">{t('list.any')}</option>
        {options.map((o) => (
          <option value={o} selected={query[name] === o}>
            {text(o)}
          </option>
        ))}
      </select>
    </div>
  );
  const of =
    <V extends string>(table: LabelTable<V>) =>
    (v: string) =>
      label(table, v as V);
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
          <input type="search" id="f-q" name="q" value={query.q ?? ''} />
        </div>
        {select('status', contractorStatuses, of(labels.contractorStatus), t('c.status'))}
        {select('riskTier', riskTierValues, of(labels.riskTier), t('c.riskTier'))}
        {select(
          'supervisionStatus',
          SUPERVISION_STATUSES,
          (v) => supervisionLabel(page.i18n, v as (typeof SUPERVISION_STATUSES)[number]),
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
        <table class="stack">
          <caption class="visually-hidden">{t('nav.contractors')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('c.name')}</th>
              <th scope="col">{t('c.status')}</th>
              <th scope="col">{t('c.riskTier')}</th>
              <th scope="col">{t('c.supervisionStatus')}</th>
              <th scope="col">{t('c.nextReviewDue')}</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((c) => (
              <tr>
                <td data-label={t('c.name')}>
                  <a href={`/contractors/${c.id}`}>{c.name}</a>
                  {c.nameKana ? <div class="muted">{c.nameKana}</div> : null}
                </td>
                <td data-label={t('c.status')}>{label(labels.contractorStatus, c.status)}</td>
                <td data-label={t('c.riskTier')}>
                  <Badge value={c.riskTier} label={label(labels.riskTier, c.riskTier)} />
                </td>
                <td data-label={t('c.supervisionStatus')}>
                  <SupervisionBadge i18n={page.i18n} status={c.supervisionStatus} />
                </td>
                <td data-label={t('c.nextReviewDue')}>{c.nextReviewDue ? date(c.nextReviewDue) : '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <Pager
        i18n={page.i18n}
        state={props.pager}
        nextCursor={props.nextCursor}
        shown={props.items.length}
        total={props.total}
        pageSize={props.pageSize}
      />
    </Layout>
  );
}
