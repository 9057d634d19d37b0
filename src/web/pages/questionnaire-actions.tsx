import { one } from '../forms';
import { FieldError, Layout } from '../layout';
import { questionnaireActions } from './questionnaire-detail';
import { answerText, inLang, type QuestionnaireDetailView, type QuestionnaireSummary } from './questionnaire-shared';
import { Confirm, type FormProps, Problems } from './supervision';

export type ConfirmedAction = 'accept' | 'revoke' | 'resend';

/** The form comes back after a conflict (412): someone changed the questionnaire first. */
export type ActionFormProps = FormProps & { conflict: boolean };

function Conflict(props: ActionFormProps) {
  return props.conflict ? (
    <p class="notice error" role="alert">
      {props.page.i18n.t('qn.conflict')}
    </p>
  ) : (
    <Problems {...props} />
  );
}

/**
 * Accept, revoke and resend change what the contractor can do with its link, so each is
 * asked once more, with a box to tick, against the version the page showed.
 */
export function QuestionnaireConfirmPage(
  props: ActionFormProps & { q: QuestionnaireSummary; action: ConfirmedAction },
) {
  const { page, q, action } = props;
  const { t } = page.i18n;
  const title = t(`qn.${action}`);
  return (
    <Layout page={page} title={title}>
      <h1>
        {title}: {q.contractorName}
      </h1>
      <Conflict {...props} />
      {questionnaireActions(q)[action] ? (
        <ConfirmForm {...props} />
      ) : (
        <p>
          <a href={`/questionnaires/${q.id}`}>{t('qn.backToOne')}</a>
        </p>
      )}
    </Layout>
  );
}

function ConfirmForm(props: ActionFormProps & { q: QuestionnaireSummary; action: ConfirmedAction }) {
  const { page, q, action } = props;
  const { t } = page.i18n;
  const title = t(`qn.${action}`);
  return (
    <>
      <p>{t(`qn.${action}.explain`)}</p>
      <form
        method="post"
        action={`/questionnaires/${q.id}/${action}`}
        novalidate
        class={action === 'revoke' ? 'danger' : undefined}
      >
        <input type="hidden" name="_csrf" value={page.csrf} />
        <input type="hidden" name="version" value={String(q.version)} />
        <Confirm {...props} name="confirm" label={t(`qn.${action}.confirm`)} />
        <p class="actions">
          <button type="submit" class={action === 'revoke' ? 'danger' : undefined}>
            {title}
          </button>
          <a class="button secondary" href={`/questionnaires/${q.id}`}>
            {t('qn.backToOne')}
          </a>
        </p>
      </form>
    </>
  );
}

/**
 * Return for clarification: a comment per question that needs one (at least one), shown
 * to the contractor beside its answer when the link opens again.
 */
export function QuestionnaireReturnPage(props: ActionFormProps & { q: QuestionnaireDetailView }) {
  const { page, q } = props;
  const { t } = page.i18n;
  const answers = new Map(q.answers.map((a) => [a.questionId, a]));
  const missing = props.errors.comments;
  return (
    <Layout page={page} title={t('qn.return')}>
      <h1>
        {t('qn.return')}: {q.contractorName}
      </h1>
      <Conflict {...props} />
      <p>{t('qn.return.explain')}</p>
      <form method="post" action={`/questionnaires/${q.id}/return`} novalidate>
        <input type="hidden" name="_csrf" value={page.csrf} />
        <input type="hidden" name="version" value={String(q.version)} />
        <FieldError id="comments" error={missing} />
        {q.template.sections.map((s) => (
          <fieldset>
            <legend>
              {s.id} {inLang(page.i18n, s.title)}
            </legend>
            {s.questions.map((question) => {
              const name = `comment.${question.id}`;
              const a = answers.get(question.id);
              const error = props.errors[name] ?? props.errors[`comments.${question.id}`];
              const described = [`${name}-answer`, error ? `${name}-error` : null].filter(Boolean).join(' ');
              return (
                <div class="qn-return-q">
                  <label for={name}>
                    {question.id} {inLang(page.i18n, question.text)}
                  </label>
                  <p class="hint" id={`${name}-answer`}>
                    {t('qn.thisTime')}: {answerText(page.i18n, question, a?.value) || t('qn.unanswered')}
                    {a?.comment ? ` · ${a.comment}` : ''}
                  </p>
                  <textarea
                    id={name}
                    name={name}
                    rows={2}
                    aria-describedby={described}
                    aria-invalid={error ? 'true' : undefined}
                  >
                    {one(props.values, name)}
                  </textarea>
                  <FieldError id={name} error={error} />
                </div>
              );
            })}
          </fieldset>
        ))}
        <p class="actions">
          <button type="submit">{t('qn.return')}</button>
          <a class="button secondary" href={`/questionnaires/${q.id}`}>
            {t('qn.backToOne')}
          </a>
        </p>
      </form>
    </Layout>
  );
}
