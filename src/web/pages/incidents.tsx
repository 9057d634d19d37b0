import { labels } from '../../i18n/labels';
import type { IncidentView } from '../../modules/incidents/incidents.service';
import type { I18n, MessageKey } from '../i18n';
import { Badge, Layout } from '../layout';
import { ContractorFilter, type FilteredListProps, FilterForm, SelectFilter } from '../list-filters';
import { ListTable } from '../list-table';
import { Pager } from '../pager';
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

export function IncidentListPage(
  props: FilteredListProps<IncidentListQuery, ListedIncident> & { today: string; canRecord: boolean },
) {
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
      <FilterForm
        i18n={i18n}
        action="/incidents"
        overdue={{ label: t('inc.overdueOnly'), checked: query.overdue === 'true' }}
      >
        <SelectFilter
          id="f-status"
          name="status"
          label={t('inc.status')}
          values={['open', 'closed'] as const}
          text={(s) => label(labels.incidentStatus, s)}
          all={t('inc.allStatuses')}
          selected={query.status}
        />
        <ContractorFilter
          i18n={i18n}
          label={t('inc.contractor')}
          contractors={props.contractors}
          selected={query.contractorId}
        />
        <SelectFilter
          id="f-reportable"
          name="reportable"
          label={t('inc.reportable')}
          any={t('list.any')}
          values={['true', 'false'] as const}
          text={(v) => t(v === 'true' ? 'inc.reportableYes' : 'inc.reportableNo')}
          selected={query.reportable}
        />
      </FilterForm>
      <ListTable
        i18n={i18n}
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
      <Pager i18n={i18n} {...props.pager} shown={props.items.length} />
    </Layout>
  );
}
