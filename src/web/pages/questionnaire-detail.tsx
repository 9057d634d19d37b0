import { Layout, type PageContext } from '../layout';
import { AnswersBySection, type FileNames, Scores } from './questionnaire-answers';
import {
  inLang,
  isLive,
  type QuestionnaireDetailView,
  type QuestionnaireSummary,
  StatusBadges,
} from './questionnaire-shared';

/** What compliance may do with a questionnaire in its status: each leads to its own confirmation or form. */
export function questionnaireActions(q: Pick<QuestionnaireSummary, 'status'>) {
  return {
    // Only a submitted questionnaire has answers to accept or to question.
    accept: q.status === 'submitted',
    return: q.status === 'submitted',
    // A new link while the contractor still has to answer; a submitted one waits on us.
    resend: q.status === 'sent' || q.status === 'in_progress' || q.status === 'returned',
    revoke: isLive(q.status),
  };
}

/** The actions as links to their confirmation pages, for compliance. */
export function ActionLinks(props: { page: PageContext; q: QuestionnaireSummary }) {
  const { t } = props.page.i18n;
  const can = questionnaireActions(props.q);
  const base = `/questionnaires/${props.q.id}`;
  return (
    <p class="actions">
      {can.accept ? (
        <a class="button" href={`${base}/accept`}>
          {t('qn.accept')}
        </a>
      ) : null}
      {can.return ? (
        <a class="button secondary" href={`${base}/return`}>
          {t('qn.return')}
        </a>
      ) : null}
      {can.resend ? (
        <a class="button secondary" href={`${base}/resend`}>
          {t('qn.resend')}
        </a>
      ) : null}
      {can.revoke ? (
        <a class="button secondary danger" href={`${base}/revoke`}>
          {t('qn.revoke')}
        </a>
      ) : null}
    </p>
  );
}

/** Who was asked, by when, and what happened since, in words and local time. */
export function QuestionnaireFacts(props: { page: PageContext; q: QuestionnaireSummary }) {
  const { page, q } = props;
  const { t, date, dateTime } = page.i18n;
  const row = (name: string, value: string | null) => (
    <tr>
      <th scope="row">{name}</th>
      <td>{value || '—'}</td>
    </tr>
  );
  return (
    <table class="record">
      <tr>
        <th scope="row">{t('qn.contractor')}</th>
        <td>
          <a href={`/contractors/${q.contractorId}`}>{q.contractorName}</a>
        </td>
      </tr>
      <tr>
        <th scope="row">{t('qn.status')}</th>
        <td>
          <StatusBadges i18n={page.i18n} q={q} />
        </td>
      </tr>
      <tr>
        <th scope="row">{t('qn.recipient')}</th>
        <td>
          {q.recipientName} &lt;{q.recipientEmail}&gt;
        </td>
      </tr>
      {row(
        t('qn.template'),
        `${inLang(page.i18n, q.templateName)} (${t('qn.tpl.versionN', { n: q.templateVersion })})`,
      )}
      {row(t('qn.language'), t(q.language === 'ja' ? 'qn.lang.ja' : 'qn.lang.en'))}
      {row(t('qn.dueDate'), date(q.dueDate))}
      {row(t('qn.expiresAt'), dateTime(q.expiresAt))}
      {row(t('qn.answered'), t('qn.answeredOf', { n: q.answeredCount, total: q.questionCount }))}
      {row(t('qn.sentAt'), dateTime(q.sentAt))}
      {row(t('qn.submittedAt'), dateTime(q.submittedAt))}
      {q.returnedAt ? row(t('qn.returnedAt'), dateTime(q.returnedAt)) : null}
      {q.acceptedAt ? row(t('qn.acceptedAt'), dateTime(q.acceptedAt)) : null}
      {q.revokedAt ? row(t('qn.revokedAt'), dateTime(q.revokedAt)) : null}
    </table>
  );
}

/** A questionnaire: its facts, its scores and suggested ratings, and the answers beside last year's. */
export function QuestionnaireDetailPage(props: {
  page: PageContext;
  q: QuestionnaireDetailView;
  files: FileNames;
  canAct: boolean;
  notice: string | null;
}) {
  const { page, q } = props;
  const { t } = page.i18n;
  const title = `${t('qn.one')}: ${q.contractorName}`;
  return (
    <Layout page={page} title={title}>
      <h1>{title}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.canAct ? <ActionLinks page={page} q={q} /> : null}
      <p>
        <a href={`/reviews/${q.reviewId}`}>{t('qn.toReview')}</a> · <a href="/questionnaires">{t('qn.toList')}</a>
      </p>
      <h2>{t('qn.facts')}</h2>
      <QuestionnaireFacts page={page} q={q} />
      <h2 id="scores">{t('qn.scores')}</h2>
      <Scores i18n={page.i18n} q={q} headingId="scores" />
      <h2>{t('qn.answers')}</h2>
      <AnswersBySection i18n={page.i18n} q={q} files={props.files} />
    </Layout>
  );
}
