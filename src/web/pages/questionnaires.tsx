import { questionnaireStatuses } from '../../../db/schema';
import { Layout, type PageContext } from '../layout';
import { ContractorFilter, FilterActions } from '../list-filters';
import { Pager, type PagerState } from '../pager';
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
export function QuestionnaireListPage(props: {
  page: PageContext;
  query: QuestionnaireListQuery;
  items: QuestionnaireSummary[];
  contractors: { id: string; name: string }[];
  pager: { state: PagerState; nextCursor: string | null; total: number; pageSize: number };
  canSend: boolean;
}) {
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
      <form class="filters" method="get" action="/questionnaires" aria-label={t('list.filter')}>
        <div>
          <label for="f-status">{t('qn.status')}</label>
          <select id="f-status" name="status">
            <option value="">{t('list.any')}</option>
            {questionnaireStatuses.map((s) => (
              <option value={s} selected={query.status === s}>
                {statusText(page.i18n, s)}
              </option>
            ))}
          </select>
        </div>
        <ContractorFilter
          i18n={page.i18n}
          label={t('qn.contractor')}
          contractors={props.contractors}
          selected={query.contractorId}
        />
        <FilterActions
          i18n={page.i18n}
          overdueLabel={t('qn.list.overdueOnly')}
          overdue={query.overdue === 'true'}
          clearHref="/questionnaires"
        />
      </form>
      {props.items.length === 0 ? (
        <p class="muted">{t('list.empty')}</p>
      ) : (
        <table class="stack qn-list">
          <thead>
            <tr>
              <th scope="col">{t('qn.contractor')}</th>
              <th scope="col">{t('qn.template')}</th>
              <th scope="col">{t('qn.recipient')}</th>
              <th scope="col">{t('qn.status')}</th>
              <th scope="col">{t('qn.dueDate')}</th>
              <th scope="col" class="num">
                {t('qn.answered')}
              </th>
              <th scope="col">{t('qn.sentAt')}</th>
            </tr>
          </thead>
          <tbody>
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
          </tbody>
        </table>
      )}
      <Pager
        i18n={page.i18n}
        state={props.pager.state}
        nextCursor={props.pager.nextCursor}
        shown={props.items.length}
        total={props.pager.total}
        pageSize={props.pager.pageSize}
      />
    </Layout>
  );
}
