import { findingSeverities } from '../../../db/schema';
import { labels, overdueLabel } from '../../i18n/labels';
import type { FindingView } from '../../modules/reviews/reviews.present';
import { Badge, Layout } from '../layout';
import { ContractorFilter, type FilteredListProps, FilterForm, SelectFilter } from '../list-filters';
import { ListTable } from '../list-table';
import { Pager } from '../pager';

export interface FindingListQuery {
  status: 'open' | 'resolved' | 'all';
  severity?: (typeof findingSeverities)[number];
  overdue?: 'true';
  contractorId?: string;
}

export interface ListedFinding extends FindingView {
  contractorName: string;
}

/** A description's first line, short enough for a list cell. */
export function firstLine(text: string, max = 90): string {
  const first = text.split('\n')[0]?.trim() ?? '';
  return first.length > max ? `${first.slice(0, max - 1)}…` : first;
}

/** The corrective actions across contractors, filtered, with the way to each one's resolution. */
export function FindingListPage(
  props: FilteredListProps<FindingListQuery, ListedFinding> & {
    /** This list's address, carried to a finding's page so resolving it comes back here. */
    here: string;
    canResolve: boolean;
    notice: string | null;
  },
) {
  const { page, query } = props;
  const { i18n } = page;
  const { t, label, text, date } = i18n;
  const back = encodeURIComponent(props.here);
  return (
    <Layout page={page} title={t('fnd.title')}>
      <h1>{t('fnd.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      <FilterForm
        i18n={i18n}
        action="/findings"
        overdue={{ label: t('fnd.overdueOnly'), checked: query.overdue === 'true' }}
      >
        <SelectFilter
          id="f-status"
          name="status"
          label={t('fnd.status')}
          values={['open', 'resolved'] as const}
          text={(s) => label(labels.findingStatus, s)}
          all={t('fnd.allStatuses')}
          selected={query.status}
        />
        <SelectFilter
          id="f-severity"
          name="severity"
          label={t('r.severity')}
          any={t('list.any')}
          values={[...findingSeverities].reverse()}
          text={(s) => label(labels.findingSeverity, s)}
          selected={query.severity}
        />
        <ContractorFilter
          i18n={i18n}
          label={t('fnd.contractor')}
          contractors={props.contractors}
          selected={query.contractorId}
        />
      </FilterForm>
      <ListTable
        i18n={i18n}
        class="fnd-list"
        columns={[
          t('r.findingDue'),
          t('r.severity'),
          t('r.description'),
          t('fnd.contractor'),
          t('fnd.review'),
          t('fnd.status'),
          props.canResolve ? { text: <span class="visually-hidden">{t('fnd.resolve')}</span> } : null,
        ]}
        empty={props.items.length === 0}
      >
        {props.items.map((f) => (
          <tr data-finding={f.id}>
            <td class="date">{date(f.dueDate)}</td>
            <td>
              <Badge value={f.severity} label={label(labels.findingSeverity, f.severity)} />
              <div class="muted">{label(labels.findingCategory, f.category)}</div>
            </td>
            <td>
              <a href={`/findings/${f.id}?back=${back}`}>{firstLine(f.description)}</a>
            </td>
            <td>
              <a href={`/contractors/${f.contractorId}`}>{f.contractorName}</a>
            </td>
            <td>
              {f.reviewId ? (
                <a href={`/reviews/${f.reviewId}`}>{t('fnd.openReview')}</a>
              ) : (
                <span class="muted">{t('fnd.noReview')}</span>
              )}
            </td>
            <td>
              <Badge
                value={f.overdue ? 'overdue' : f.status}
                label={f.overdue ? text(overdueLabel) : label(labels.findingStatus, f.status)}
              />
              {f.resolvedOn ? <div class="muted date">{date(f.resolvedOn)}</div> : null}
            </td>
            {props.canResolve ? (
              <td>
                {f.status === 'open' ? (
                  <a class="button secondary" href={`/findings/${f.id}?back=${back}#resolve`}>
                    {t('fnd.resolve')}
                    <span class="visually-hidden">: {firstLine(f.description, 40)}</span>
                  </a>
                ) : null}
              </td>
            ) : null}
          </tr>
        ))}
      </ListTable>
      <Pager i18n={i18n} {...props.pager} shown={props.items.length} />
    </Layout>
  );
}
