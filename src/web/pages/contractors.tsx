import { contractorStatuses, riskTierValues } from '../../../db/schema';
import { SUPERVISION_STATUSES } from '../../domain/supervision-status';
import { labels } from '../../i18n/labels';
import type { ContractorView } from '../../modules/contractors/contractors.service';
import { Badge, Layout, type PageContext } from '../layout';
import type { PagerState } from '../pager';
import { SupervisionBadge, supervisionLabel } from './contractor-status';
import { filterSelect, type ListPage, PagedList, StackTable } from './parts-list';

export interface ListQuery {
  q?: string;
  status?: string;
  riskTier?: string;
  supervisionStatus?: string;
}

/** The register: filters, one card-like row per contractor on a phone, previous/next and the total. */
export function ContractorListPage(
  props: ListPage<ContractorView> & {
    page: PageContext;
    query: ListQuery;
    pager: PagerState;
    canCreate: boolean;
  },
) {
  const { page, query } = props;
  const { t, label, date } = page.i18n;
  const select = filterSelect(page.i18n, query);
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
        {select('status', t('c.status'), contractorStatuses, (v) => label(labels.contractorStatus, v))}
        {select('riskTier', t('c.riskTier'), riskTierValues, (v) => label(labels.riskTier, v))}
        {select('supervisionStatus', t('c.supervisionStatus'), SUPERVISION_STATUSES, (v) =>
          supervisionLabel(page.i18n, v),
        )}
        <button type="submit">{t('list.filter')}</button>
        <a class="button secondary" href="/contractors">
          {t('list.clear')}
        </a>
      </form>
      <PagedList i18n={page.i18n} state={props.pager} list={props}>
        <StackTable
          class="stack"
          caption={t('nav.contractors')}
          columns={[t('c.name'), t('c.status'), t('c.riskTier'), t('c.supervisionStatus'), t('c.nextReviewDue')]}
        >
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
        </StackTable>
      </PagedList>
    </Layout>
  );
}
