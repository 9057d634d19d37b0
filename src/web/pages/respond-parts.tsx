import type { QuestionnaireTemplate } from '../../domain/questionnaire/template';
import type { I18n, Lang } from '../i18n';
import { questionNumbers, sectionHeading } from './questionnaire-numbering';
import { isAnswered, type RespondentFile, type SavedAnswer } from './respond-question';

/** The parts of the respondent's page around the questions: who asks, contents, notices, what to correct. */

/** What the respondent's link opens (the questionnaire service's RespondentView). */
export interface RespondentView {
  language: Lang;
  contractorName: string;
  organizationName: string | null;
  recipientName: string;
  dueDate: string;
  expiresAt: string;
  status: string;
  readOnly: boolean;
  template: QuestionnaireTemplate;
  answers: readonly {
    questionId: string;
    value: string | null;
    comment: string | null;
    reviewerComment: string | null;
    documents: readonly RespondentFile[];
  }[];
}

export type RespondNotice = 'saved' | 'attached' | 'submitted' | 'alreadySubmitted' | null;

/** The link's expiry as a date and time in the organisation's zone, written as the language writes it. */
export function expiryText(lang: Lang, timeZone: string, iso: string): string {
  return new Intl.DateTimeFormat(lang === 'ja' ? 'ja-JP' : 'en-GB', {
    dateStyle: 'long',
    timeStyle: 'short',
    timeZone,
  }).format(new Date(iso));
}

export function Meta(props: { i18n: I18n; view: RespondentView; expires: string }) {
  const { i18n, view } = props;
  const { t } = i18n;
  return (
    <dl class="respond-meta">
      <div>
        <dt>{t('respond.askedBy')}</dt>
        <dd>{view.organizationName ?? t('respond.askedByUnknown')}</dd>
      </div>
      <div>
        <dt>{t('respond.contractor')}</dt>
        <dd>{view.contractorName}</dd>
      </div>
      <div>
        <dt>{t('respond.recipient')}</dt>
        <dd>{view.recipientName}</dd>
      </div>
      <div>
        <dt>{t('respond.due')}</dt>
        <dd>{i18n.date(view.dueDate)}</dd>
      </div>
      <div>
        <dt>{t('respond.expires')}</dt>
        <dd>{props.expires}</dd>
      </div>
    </dl>
  );
}

export function Contents(props: { i18n: I18n; view: RespondentView; saved: Map<string, SavedAnswer> }) {
  const { i18n } = props;
  return (
    <nav class="toc" aria-labelledby="toc-h" id="toc">
      <h2 id="toc-h">{i18n.t('respond.toc')}</h2>
      <ol>
        {props.view.template.sections.map((s) => {
          const done = s.questions.filter((q) => isAnswered(q, props.saved.get(q.id))).length;
          return (
            <li>
              <a href={`#s-${s.id}`}>{sectionHeading(i18n, s)}</a>{' '}
              <span class="muted">
                ({done} / {s.questions.length})
              </span>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}

export function ErrorSummary(props: { i18n: I18n; errors: Record<string, string>; view: RespondentView }) {
  const { t } = props.i18n;
  const numbers = questionNumbers(props.view.template);
  const questions = props.view.template.sections.flatMap((s) =>
    s.questions
      .filter((q) => props.errors[q.id])
      .map((q) => ({
        id: q.id,
        name: /^\d/.test(s.id) ? numbers.get(q.id) : `${sectionHeading(props.i18n, s)} ${numbers.get(q.id)}`,
      })),
  );
  const form = props.errors.form;
  if (!questions.length && !form && !props.errors.confirm) return null;
  return (
    <div class="notice error" role="alert" id="problems">
      {form ? <p>{form}</p> : null}
      {questions.length || props.errors.confirm ? (
        <>
          <p>{t('respond.refused')}</p>
          <ul>
            {questions.map((q) => (
              <li>
                <a href={`#q-${q.id}`}>
                  {t('respond.question', { id: q.name ?? q.id })}: {props.errors[q.id]}
                </a>
              </li>
            ))}
            {props.errors.confirm ? (
              <li>
                <a href="#confirm">{props.errors.confirm}</a>
              </li>
            ) : null}
          </ul>
        </>
      ) : null}
    </div>
  );
}

export function Notice(props: { i18n: I18n; notice: RespondNotice; view: RespondentView; expires: string }) {
  const { t } = props.i18n;
  const { notice, view } = props;
  if (view.readOnly) {
    return (
      <div class="notice thanks" role="status">
        <p>
          <strong>{t(notice === 'alreadySubmitted' ? 'respond.alreadySubmitted' : 'respond.thanks')}</strong>
        </p>
        <p>{t(view.status === 'accepted' ? 'respond.accepted' : 'respond.readOnly')}</p>
      </div>
    );
  }
  return (
    <>
      {notice === 'saved' || notice === 'attached' ? (
        <p class="notice" role="status">
          {notice === 'saved' ? t('respond.saved', { expires: props.expires }) : t('respond.attached')}
        </p>
      ) : null}
      {view.status === 'returned' ? <p class="notice warn returned-notice">{t('respond.returned')}</p> : null}
    </>
  );
}
