import { labels } from '../../i18n/labels';
import type { IncidentView } from '../../modules/incidents/incidents.service';
import type { I18n, MessageKey } from '../i18n';
import { Badge, Layout, type PageContext } from '../layout';
import { ContractorFilter, FilterActions } from '../list-filters';
import { ListTable } from '../list-table';
import { Pager, type PagerState } from '../pager';
import { DaysLeft } from './incident-deadlines';

export interface IncidentListQuery {
  status: 'open' | 'closed' | 'all';
  contractorId?: string;
  reportable?: 'true' | 'false';
  overdue?: 'true';
}

export interface ListedIncident extends IncidentView {
  contractorName: string;
}

/** The first line of a summary, short enough for a list cell. */
export function headline(summary: string, max = 80): string {
  const first = summary.split('\n')[0]?.trim() ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/** Why an incident is reportable, in words: "special-care data, a wrongful act". */
export function reasonsText(i18n: I18n, reasons: IncidentView['reportableReasons']): string {
  const sep = i18n.lang === 'ja' ? '、' : ', ';
  return reasons.map((r) => i18n.t(`inc.reason.${r}` as MessageKey)).join(sep);
}

export function IncidentListPage(props: {
  page: PageContext;
  today: string;
  query: IncidentListQuery;
  contractors: { id: string; name: string }[];
  items: ListedIncident[];
  pager: { state: PagerState; nextCursor: string | null; total: number; pageSize: number };
  canRecord: boolean;
}) {
  const { page, query } = props;
  const { i18n } = page;
  const { t, label, date } = i18n;
  return (
    <Layout page={page} title={t('inc.title')}>
      <h1>{t('inc.title')}</h1>
      {props.canRecord ? (
        <p class="actions">
          <a class="button" href="/incidents/new">
            {t('inc.new')}
          </a>
        </p>
      ) : null}
      <form class="filters" method="get" action="/incidents" aria-label={t('list.filter')}>
        <div>
          <label for="f-status">{t('inc.status')}</label>
          <select id="f-status" name="status">
            {(['open', 'closed'] as const).map((s) => (
              <option value={s} selected={query.status === s}>
                {label(labels.incidentStatus, s)}
              </option>
            ))}
            <option value="all" selected={query.status === 'all'}>
              {t('inc.allStatuses')}
            </option>
          </select>
        </div>
        <ContractorFilter
          i18n={props.page.i18n}
          label={t('inc.contractor')}
          contractors={props.contractors}
          selected={query.contractorId}
        />
        <div>
          <label for="f-reportable">{t('inc.reportable')}</label>
          <select id="f-reportable" name="reportable">
            <option value="">{t('list.any')}</option>
            <option value="true" selected={query.reportable === 'true'}>
              {t('inc.reportableYes')}
            </option>
            <option value="false" selected={query.reportable === 'false'}>
              {t('inc.reportableNo')}
            </option>
          </select>
        </div>
        <FilterActions
          i18n={props.page.i18n}
          overdueLabel={t('inc.overdueOnly')}
          overdue={query.overdue === 'true'}
          clearHref="/incidents"
        />
      </form>
      <ListTable
        i18n={props.page.i18n}
        class="inc-list"
        columns={[
          t('inc.discovered'),
          t('inc.summary'),
          t('inc.contractor'),
          t('inc.reportable'),
          t('inc.nextDeadline'),
          t('inc.status'),
        ]}
        empty={props.items.length === 0}
      >
        {props.items.map((i) => (
          <tr data-incident={i.id}>
            <td class="date">{date(i.discoveredOn)}</td>
            <td>
              <a href={`/incidents/${i.id}`}>{headline(i.summary)}</a>
            </td>
            <td>
              <a href={`/contractors/${i.contractorId}`}>{i.contractorName}</a>
            </td>
            <td>
              {i.reportable ? (
                <>
                  {t('inc.reportableYes')}
                  <div class="muted">{reasonsText(i18n, i.reportableReasons)}</div>
                </>
              ) : (
                <span class="muted">{t('inc.reportableNo')}</span>
              )}
            </td>
            <td>
              {i.nextDeadline ? (
                <>
                  {t(i.nextDeadline.report === 'preliminary' ? 'inc.preliminary' : 'inc.final')}{' '}
                  <span class="date">{date(i.nextDeadline.dueOn)}</span>
                  <div>
                    <DaysLeft i18n={i18n} dueOn={i.nextDeadline.dueOn} today={props.today} />
                  </div>
                </>
              ) : (
                '—'
              )}
            </td>
            <td>
              <Badge value={i.status === 'open' ? 'open' : 'resolved'} label={label(labels.incidentStatus, i.status)} />
              {i.closedOn ? <div class="muted">{date(i.closedOn)}</div> : null}
            </td>
          </tr>
        ))}
      </ListTable>
      <Pager
        i18n={i18n}
        state={props.pager.state}
        nextCursor={props.pager.nextCursor}
        shown={props.items.length}
        total={props.pager.total}
        pageSize={props.pager.pageSize}
      />
    </Layout>
  );
}
