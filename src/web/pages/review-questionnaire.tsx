import type { ReviewView } from '../../modules/reviews/reviews.present';
import type { PageContext } from '../layout';
import { AnswersBySection, type FileNames, Scores } from './questionnaire-answers';
import { ActionLinks } from './questionnaire-detail';
import type { TemplateChoice } from './questionnaire-send';
import { inLang, type QuestionnaireDetailView, StatusBadges, scoreText } from './questionnaire-shared';

export interface ReviewQuestionnairePanelProps {
  page: PageContext;
  review: Pick<ReviewView, 'id' | 'status'>;
  /** The review's live or accepted questionnaire, null when none was sent (findQuestionnaireForReview). */
  questionnaire: QuestionnaireDetailView | null;
  /** What the send form offers (built-in and custom templates). */
  templates: TemplateChoice[];
  /** Compliance (or an admin): may send, accept, return, resend and revoke. */
  canSend: boolean;
  /** Names of the evidence files, when looked up; else they are linked by number. */
  files?: FileNames;
}

const isOpen = (status: ReviewView['status']) => status === 'scheduled' || status === 'in_progress';

/**
 * The review's self-assessment questionnaire (委託先チェックシート): none yet (and, for
 * compliance while the review is open, how to send one), or its status, score, suggested
 * ratings and the answers beside the previous year's.
 */
export function ReviewQuestionnairePanel(props: ReviewQuestionnairePanelProps) {
  const { page, review, questionnaire: q } = props;
  const { t, date } = page.i18n;
  return (
    <section class="qn-panel" aria-labelledby="questionnaire">
      <h2 id="questionnaire">{t('qn.panel.title')}</h2>
      {q === null ? (
        <>
          <p class="muted">{t('qn.panel.none')}</p>
          {props.canSend && isOpen(review.status) && props.templates.length > 0 ? (
            <p class="actions">
              <a class="button" href={`/reviews/${review.id}/questionnaire`}>
                {t('qn.send.title')}
              </a>
            </p>
          ) : null}
        </>
      ) : (
        <>
          <p>
            <StatusBadges i18n={page.i18n} q={q} /> {inLang(page.i18n, q.templateName)} ·{' '}
            {t('qn.panel.to', { name: q.recipientName })} · {t('qn.dueDate')} {date(q.dueDate)} ·{' '}
            {t('qn.answeredOf', { n: q.answeredCount, total: q.questionCount })} · {t('qn.score')} {scoreText(q.score)}
          </p>
          <p class="actions">
            <a class="button secondary" href={`/questionnaires/${q.id}`}>
              {t('qn.open')}
            </a>
          </p>
          {props.canSend ? <ActionLinks page={page} q={q} /> : null}
          <h3 id="questionnaire-scores">{t('qn.scores')}</h3>
          <Scores i18n={page.i18n} q={q} headingId="questionnaire-scores" />
          <details class="qn-panel-answers">
            <summary>{t('qn.panel.answers')}</summary>
            <AnswersBySection i18n={page.i18n} q={q} files={props.files ?? null} />
          </details>
        </>
      )}
    </section>
  );
}
