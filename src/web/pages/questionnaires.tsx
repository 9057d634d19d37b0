import { questionnaireStatuses } from '../../../db/schema';
import { Layout } from '../layout';
import { ContractorFilter, type FilteredListProps, FilterForm, SelectFilter } from '../list-filters';
import { StackTable } from '../list-table';
import { Pager } from '../pager';
import {
  inLang,
  type QuestionnaireStatus,
  type QuestionnaireSummary,
  StatusBadges,
  statusText,
} from './questionnaire-shared';

export interface QuestionnaireListQuery {
  status?: QuestionnaireStatus;
  contractorId?: string;
  overdue?: 'true';
}

/** Every questionnaire sent, newest first: filter by status, contractor and overdue; open one to read its answers. */
export function QuestionnaireListPage(
  props: FilteredListProps<QuestionnaireListQuery, QuestionnaireSummary> & { canSend: boolean },
) {
  const { page, query } = props;
  const { t, date, dateTime } = page.i18n;
  return (
    <Layout page={page} title={t('qn.title')}>
      <h1>{t('qn.title')}</h1>
      <p class="actions">
        <a class="button secondary" href="/questionnaire-templates">
          {t('qn.tpl.title')}
        </a>
      </p>
      {props.canSend ? <p class="hint">{t('qn.list.howToSend')}</p> : null}
      <FilterForm
        i18n={page.i18n}
        action="/questionnaires"
        overdue={{ label: t('qn.list.overdueOnly'), checked: query.overdue === 'true' }}
      >
        <SelectFilter
          id="f-status"
          name="status"
          label={t('qn.status')}
          any={t('list.any')}
          values={questionnaireStatuses}
          text={(s) => statusText(page.i18n, s)}
          selected={query.status}
        />
        <ContractorFilter
          i18n={page.i18n}
          label={t('qn.contractor')}
          contractors={props.contractors}
          selected={query.contractorId}
        />
      </FilterForm>
      <StackTable
        i18n={page.i18n}
        class="qn-list"
        columns={[
          t('qn.contractor'),
          t('qn.template'),
          t('qn.recipient'),
          t('qn.status'),
          t('qn.dueDate'),
          { text: t('qn.answered'), class: 'num' },
          t('qn.sentAt'),
        ]}
        empty={props.items.length === 0}
      >
        {props.items.map((q) => (
          <tr data-questionnaire={q.id}>
            <td data-label={t('qn.contractor')}>
              <a href={`/questionnaires/${q.id}`}>{q.contractorName}</a>
            </td>
            <td data-label={t('qn.template')}>{inLang(page.i18n, q.templateName)}</td>
            <td data-label={t('qn.recipient')}>{q.recipientName}</td>
            <td data-label={t('qn.status')}>
              <span>
                <StatusBadges i18n={page.i18n} q={q} />
              </span>
            </td>
            <td data-label={t('qn.dueDate')}>{date(q.dueDate)}</td>
            <td data-label={t('qn.answered')} class="num">
              {t('qn.answeredOf', { n: q.answeredCount, total: q.questionCount })}
            </td>
            <td data-label={t('qn.sentAt')}>{dateTime(q.sentAt)}</td>
          </tr>
        ))}
      </StackTable>
      <Pager i18n={page.i18n} {...props.pager} shown={props.items.length} />
    </Layout>
  );
}
