import { type FormValues, one } from '../forms';
import { i18n } from '../i18n';
import { questionNumbers, sectionHeading } from './questionnaire-numbering';
import { RespondFrame } from './respond-frame';
import {
  Contents,
  ErrorSummary,
  expiryText,
  Meta,
  Notice,
  type RespondentView,
  type RespondNotice,
} from './respond-parts';
import {
  type AnswerInput,
  fieldName,
  isAnswered,
  QuestionAnswered,
  QuestionField,
  type SavedAnswer,
} from './respond-question';

export type { RespondentView, RespondNotice };

export interface RespondPageProps {
  view: RespondentView;
  /** Where the form posts: /respond/{token}. */
  action: string;
  timeZone: string;
  maxMib: number;
  /** What was typed, when the form comes back refused; absent: the saved answers. */
  typed?: FormValues;
  /** Whether `typed` was saved before the refusal (then the saved answers are what the page shows as before). */
  typedSaved?: boolean;
  /** Messages by question id, `confirm` for the confirmation box, `form` for the whole form. */
  errors?: Record<string, string>;
  notice?: RespondNotice;
}

function inputOf(props: RespondPageProps, id: string, saved: SavedAnswer | undefined): AnswerInput {
  const value = saved?.value ?? '';
  const comment = saved?.comment ?? '';
  const typed = props.typed;
  if (!typed) return { value, comment, shownValue: value, shownComment: comment };
  const before = props.typedSaved
    ? { shownValue: value, shownComment: comment }
    : { shownValue: one(typed, fieldName.shownValue(id)), shownComment: one(typed, fieldName.shownComment(id)) };
  return { value: one(typed, fieldName.value(id)), comment: one(typed, fieldName.comment(id)), ...before };
}

/** The questionnaire by its link: the form while it is open, the answers as sent once submitted. */
export function RespondPage(props: RespondPageProps) {
  const { view } = props;
  const page = i18n(view.language, props.timeZone);
  const { t } = page;
  const saved = new Map(view.answers.map((a) => [a.questionId, a]));
  const questions = view.template.sections.flatMap((s) => s.questions);
  const answered = questions.filter((q) => isAnswered(q, saved.get(q.id))).length;
  const expires = expiryText(view.language, props.timeZone, view.expiresAt);
  const errors = props.errors ?? {};
  const numbers = questionNumbers(view.template);
  const progress = (
    <p class="progress">
      <progress max={questions.length} value={answered} aria-hidden="true" />{' '}
      {t('respond.progress', { answered, total: questions.length })}
    </p>
  );
  const sections = view.template.sections.map((s) => (
    <section class="respond-section" id={`s-${s.id}`} aria-labelledby={`s-${s.id}-h`}>
      <h2 id={`s-${s.id}-h`}>{sectionHeading(page, s)}</h2>
      {s.questions.map((q) =>
        view.readOnly ? (
          <QuestionAnswered i18n={page} q={q} number={numbers.get(q.id) ?? q.id} saved={saved.get(q.id)} />
        ) : (
          <QuestionField
            i18n={page}
            q={q}
            number={numbers.get(q.id) ?? q.id}
            saved={saved.get(q.id)}
            input={inputOf(props, q.id, saved.get(q.id))}
            error={errors[q.id]}
            attachAction={`${props.action}/files`}
            maxMib={props.maxMib}
          />
        ),
      )}
      <p class="to-top">
        <a href="#toc">{t('respond.toTop')}</a>
      </p>
    </section>
  ));
  return (
    <RespondFrame lang={view.language} title={`${page.text(view.template.name)} · ${view.contractorName}`}>
      <h1>{page.text(view.template.name)}</h1>
      <Meta i18n={page} view={view} expires={expires} />
      <Notice i18n={page} notice={props.notice ?? null} view={view} expires={expires} />
      <ErrorSummary i18n={page} errors={errors} view={view} />
      {view.readOnly ? null : (
        <>
          <p>{t('respond.intro')}</p>
          <p class="hint">{t('respond.keepPrivate')}</p>
        </>
      )}
      {progress}
      <Contents i18n={page} view={view} saved={saved} />
      {view.readOnly ? (
        sections
      ) : (
        <form method="post" action={props.action} class="respond-form">
          {/* First in the form, so that Enter in a field saves rather than attaches a file. */}
          <p class="actions">
            <button type="submit" formnovalidate>
              {t('respond.save')}
            </button>
          </p>
          {sections}
          <p class="actions">
            <button type="submit" formnovalidate>
              {t('respond.save')}
            </button>
          </p>
          <section class="submit-box" aria-labelledby="submit-h">
            <h2 id="submit-h">{t('respond.submitHeading')}</h2>
            {progress}
            <p>{t('respond.submitText')}</p>
            {errors.confirm ? (
              <p class="field-error" id="confirm-error">
                {errors.confirm}
              </p>
            ) : null}
            <label class="check" for="confirm">
              <input
                type="checkbox"
                id="confirm"
                name="confirm"
                value="on"
                required
                aria-invalid={errors.confirm ? 'true' : undefined}
                aria-describedby={errors.confirm ? 'confirm-error' : undefined}
              />
              {t('respond.confirm')}
            </label>
            <p class="actions">
              <button type="submit" formaction={`${props.action}/submit`}>
                {t('respond.submit')}
              </button>
            </p>
          </section>
        </form>
      )}
    </RespondFrame>
  );
}
