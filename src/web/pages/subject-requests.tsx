import { subjectRequestKinds } from '../../../db/schema';
import { dueState } from '../../domain/subject-requests';
import { labels } from '../../i18n/labels';
import type { SubjectRequestView } from '../../modules/subject-requests/subject-requests.service';
import type { I18n } from '../i18n';
import { Badge, Layout } from '../layout';
import { ContractorFilter, type FilteredListProps, FilterForm, SelectFilter } from '../list-filters';
import { ListTable } from '../list-table';
import { Pager } from '../pager';

export interface SubjectRequestListQuery {
  status: 'open' | 'closed' | 'all';
  kind?: SubjectRequestView['kind'];
  contractorId?: string;
  overdue?: 'true';
}

/** The data categories in words, joined as each language writes a list. */
export const categoriesText = (i18n: I18n, categories: readonly SubjectRequestView['dataCategories'][number][]) =>
  categories.map((c) => i18n.label(labels.dataCategory, c)).join(i18n.lang === 'ja' ? '、' : ', ');

/** The due date with "overdue" or "due soon" beside it while the request is open. */
export function DueDate(props: { i18n: I18n; request: SubjectRequestView; today: string }) {
  const { t, date } = props.i18n;
  const state = dueState(props.request, props.today);
  return (
    <>
      <span class="date">{date(props.request.dueOn)}</span>{' '}
      {state === 'overdue' ? <Badge value="sr-overdue" label={t('sr.overdue')} /> : null}
      {state === 'due_soon' ? <Badge value="sr-soon" label={t('sr.dueSoon')} /> : null}
    </>
  );
}

export function StatusBadge(props: { i18n: I18n; status: 'open' | 'closed' }) {
  return <Badge value={`sr-${props.status}`} label={props.i18n.t(`sr.status.${props.status}`)} />;
}

/** /subject-requests: every request, the most urgent first, with its filters and pages. */
export function SubjectRequestListPage(
  props: FilteredListProps<SubjectRequestListQuery, SubjectRequestView> & { today: string; canRecord: boolean },
) {
  const { page, query } = props;
  const { i18n } = page;
  const { t, label, date } = i18n;
  return (
    <Layout page={page} title={t('sr.title')}>
      <h1>{t('sr.title')}</h1>
      <p>{t('sr.intro')}</p>
      <p class="actions">
        {props.canRecord ? (
          <a class="button" href="/subject-requests/new">
            {t('sr.new')}
          </a>
        ) : null}
        <a class="button secondary" href="/settings/subject-requests">
          {t('sr.settingsLink')}
        </a>
      </p>
      <FilterForm
        i18n={i18n}
        action="/subject-requests"
        overdue={{ label: t('sr.overdueOnly'), checked: query.overdue === 'true' }}
      >
        <SelectFilter
          id="f-status"
          name="status"
          label={t('sr.status')}
          values={['open', 'closed'] as const}
          text={(s) => t(`sr.status.${s}`)}
          all={t('sr.allStatuses')}
          selected={query.status}
        />
        <SelectFilter
          id="f-kind"
          name="kind"
          label={t('sr.kind')}
          any={t('list.any')}
          values={subjectRequestKinds}
          text={(k) => label(labels.subjectRequestKind, k)}
          selected={query.kind}
        />
        <ContractorFilter
          i18n={i18n}
          label={t('sr.contractor')}
          contractors={props.contractors}
          selected={query.contractorId}
        />
      </FilterForm>
      <ListTable
        i18n={i18n}
        class="sr-list"
        columns={[t('sr.reference'), t('sr.kind'), t('sr.received'), t('sr.due'), t('sr.answered'), t('sr.status')]}
        empty={props.items.length === 0}
      >
        {props.items.map((r) => (
          <tr data-request={r.id}>
            <td>
              <a href={`/subject-requests/${r.id}`}>{r.reference}</a>
              <div class="muted">{categoriesText(i18n, r.dataCategories)}</div>
            </td>
            <td>{label(labels.subjectRequestKind, r.kind)}</td>
            <td class="date">{date(r.receivedOn)}</td>
            <td>{r.status === 'open' ? <DueDate i18n={i18n} request={r} today={props.today} /> : '—'}</td>
            <td>
              {r.tasks.length === 0
                ? t('sr.noContractors')
                : t('sr.answeredOf', { done: r.tasks.filter((x) => x.answeredOn).length, all: r.tasks.length })}
            </td>
            <td>
              <StatusBadge i18n={i18n} status={r.status} />
              {r.closedOn ? <div class="muted">{date(r.closedOn)}</div> : null}
            </td>
          </tr>
        ))}
      </ListTable>
      <Pager i18n={i18n} {...props.pager} shown={props.items.length} />
    </Layout>
  );
}
