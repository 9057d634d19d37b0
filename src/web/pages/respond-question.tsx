import type { QuestionnaireTemplate, TemplateQuestion } from '../../domain/questionnaire/template';
import type { I18n, MessageKey } from '../i18n';
import { FieldError } from '../layout';

/** A file attached to an answer, as the respondent sees it. */
export interface RespondentFile {
  id: string;
  fileName: string;
  size: number;
  contentType: string;
}

/** One question's answer as saved. */
export interface SavedAnswer {
  value: string | null;
  comment: string | null;
  reviewerComment: string | null;
  documents: readonly RespondentFile[];
}

/** What the form shows for a question: what was typed, and what the page showed before (to send changes only). */
export interface AnswerInput {
  value: string;
  comment: string;
  shownValue: string;
  shownComment: string;
}

export const YES_PARTLY_NO = ['yes', 'partly', 'no', 'not_applicable'] as const;

/** Form field names: the answer, its comment, and what the page showed of each. */
export const fieldName = {
  value: (id: string) => `a:${id}`,
  comment: (id: string) => `c:${id}`,
  shownValue: (id: string) => `a0:${id}`,
  shownComment: (id: string) => `c0:${id}`,
  file: (id: string) => `f:${id}`,
};

/** Whether the question counts as answered: a value, or for a file question a file. */
export const isAnswered = (q: TemplateQuestion, a: SavedAnswer | undefined) =>
  Boolean(a && ((a.value !== null && a.value !== '') || (q.type === 'file' && a.documents.length > 0)));

/** Questions take files when they are file questions or name the evidence expected. */
export const takesFiles = (q: TemplateQuestion) => q.type === 'file' || q.evidence !== undefined;

const answerKey = (v: string) => `respond.answer.${v}` as MessageKey;

export function fileSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 102.4) / 10} KB`;
  return `${Math.round(bytes / 104_857.6) / 10} MB`;
}

function Files(props: { i18n: I18n; files: readonly RespondentFile[] }) {
  if (props.files.length === 0) return null;
  return (
    <div class="files">
      <p class="files-h">{props.i18n.t('respond.files')}</p>
      <ul>
        {props.files.map((f) => (
          <li>
            <span class="file-name">{f.fileName}</span> <span class="muted">({fileSize(f.size)})</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export const isQuestionOf = (template: QuestionnaireTemplate, id: string) =>
  template.sections.some((s) => s.questions.some((q) => q.id === id));

function Legend(props: { i18n: I18n; q: TemplateQuestion; number: string }) {
  const { i18n, q } = props;
  return (
    <legend>
      <span class="qid">{props.number}</span> <span class="qtext">{i18n.text(q.text)}</span>{' '}
      <span class={q.required ? 'req' : 'req opt'}>{i18n.t(q.required ? 'respond.required' : 'respond.optional')}</span>
    </legend>
  );
}

function ReviewerNote(props: { i18n: I18n; id: string; comment: string | null }) {
  if (!props.comment) return null;
  return (
    <div class="reviewer" id={`q-${props.id}-review`}>
      <p class="reviewer-h">{props.i18n.t('respond.reviewerComment')}</p>
      <p class="reviewer-text">{props.comment}</p>
    </div>
  );
}

/** The answer control of a question, by its type. */
function Control(props: { i18n: I18n; q: TemplateQuestion; input: AnswerInput; invalid: boolean; described?: string }) {
  const { i18n, q, input } = props;
  const invalid = props.invalid ? 'true' : undefined;
  const name = fieldName.value(q.id);
  if (q.type === 'yes_partly_no') {
    return (
      <div class="choices">
        {YES_PARTLY_NO.map((v) => (
          <label class="check" for={`a-${q.id}-${v}`}>
            <input type="radio" id={`a-${q.id}-${v}`} name={name} value={v} checked={input.value === v} />
            {i18n.t(answerKey(v))}
          </label>
        ))}
      </div>
    );
  }
  if (q.type === 'text' || q.type === 'date') {
    const id = `a-${q.id}`;
    return (
      <>
        <label for={id}>{i18n.t(q.type === 'text' ? 'respond.text' : 'respond.date')}</label>
        {q.type === 'text' ? (
          <textarea id={id} name={name} maxlength={4000} aria-invalid={invalid} aria-describedby={props.described}>
            {input.value}
          </textarea>
        ) : (
          <input
            type="date"
            id={id}
            name={name}
            value={input.value}
            aria-invalid={invalid}
            aria-describedby={props.described}
          />
        )}
      </>
    );
  }
  return null;
}

/** A question with its answer control, the evidence expected, files, and a comment. */
export function QuestionField(props: {
  i18n: I18n;
  q: TemplateQuestion;
  number: string;
  saved: SavedAnswer | undefined;
  input: AnswerInput;
  error: string | undefined;
  attachAction: string;
  maxMib: number;
}) {
  const { i18n, q, input, error } = props;
  const reviewer = props.saved?.reviewerComment ?? null;
  const described =
    [error ? `q-${q.id}-error` : null, reviewer ? `q-${q.id}-review` : null].filter(Boolean).join(' ') || undefined;
  return (
    <fieldset
      class={reviewer ? 'q returned' : 'q'}
      id={`q-${q.id}`}
      aria-invalid={error ? 'true' : undefined}
      aria-describedby={described}
    >
      <Legend i18n={i18n} q={q} number={props.number} />
      <ReviewerNote i18n={i18n} id={q.id} comment={reviewer} />
      <FieldError id={`q-${q.id}`} error={error} />
      <Control i18n={i18n} q={q} input={input} invalid={Boolean(error)} described={described} />
      {q.evidence ? (
        <p class="hint">
          <span class="evidence-h">{i18n.t('respond.evidence')}</span> {i18n.text(q.evidence)}
        </p>
      ) : null}
      <Files i18n={i18n} files={props.saved?.documents ?? []} />
      {takesFiles(q) ? (
        // Open where the file is the answer; folded away where it only backs one up.
        <details class="attach" open={q.type === 'file'}>
          <summary>{i18n.t('respond.attachSummary')}</summary>
          <label for={`f-${q.id}`}>{i18n.t('respond.fileLabel')}</label>
          <p class="hint" id={`f-${q.id}-hint`}>
            {i18n.t('respond.attachHint', { mib: props.maxMib })}
          </p>
          <input type="file" id={`f-${q.id}`} name={fieldName.file(q.id)} aria-describedby={`f-${q.id}-hint`} />
          <button
            type="submit"
            class="secondary"
            formaction={props.attachAction}
            formenctype="multipart/form-data"
            formnovalidate
            name="attach"
            value={q.id}
          >
            {i18n.t('respond.attach')}
          </button>
        </details>
      ) : null}
      <label for={`c-${q.id}`}>{i18n.t('respond.comment')}</label>
      <textarea id={`c-${q.id}`} name={fieldName.comment(q.id)} maxlength={4000} class="comment">
        {input.comment}
      </textarea>
      <input type="hidden" name={fieldName.shownValue(q.id)} value={input.shownValue} />
      <input type="hidden" name={fieldName.shownComment(q.id)} value={input.shownComment} />
    </fieldset>
  );
}

/** A question as submitted: nothing to change. */
export function QuestionAnswered(props: {
  i18n: I18n;
  q: TemplateQuestion;
  number: string;
  saved: SavedAnswer | undefined;
}) {
  const { i18n, q, saved } = props;
  const value = saved?.value ?? null;
  const shown =
    value === null || value === ''
      ? i18n.t('respond.notAnswered')
      : q.type === 'yes_partly_no'
        ? i18n.t(answerKey(value))
        : q.type === 'date'
          ? i18n.date(value)
          : value;
  return (
    <div class="q answered" id={`q-${q.id}`}>
      <p class="q-h">
        <span class="qid">{props.number}</span> <span class="qtext">{i18n.text(q.text)}</span>
      </p>
      <ReviewerNote i18n={i18n} id={q.id} comment={saved?.reviewerComment ?? null} />
      <dl>
        <dt>{i18n.t('respond.answerHeading')}</dt>
        <dd class="answer-value">{shown}</dd>
        {saved?.comment ? (
          <>
            <dt>{i18n.t('respond.commentShown')}</dt>
            <dd class="answer-comment">{saved.comment}</dd>
          </>
        ) : null}
      </dl>
      <Files i18n={i18n} files={saved?.documents ?? []} />
    </div>
  );
}
