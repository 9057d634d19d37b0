import type { TemplateQuestion } from '../../domain/questionnaire/template';
import { labels } from '../../i18n/labels';
import type { I18n, MessageKey } from '../i18n';
import { questionNumbers, sectionHeading } from './questionnaire-numbering';
import { answerText, inLang, type QuestionnaireDetailView, scoreText } from './questionnaire-shared';

/**
 * The evidence files of the answers, by document id: their names (a deleted one is left
 * out); null where the names were not looked up (each file is then linked by number).
 */
export type FileNames = ReadonlyMap<string, string> | null;

/** The checklist columns a category suggests a rating for, as the review's checklist names them. */
const CATEGORY_KEYS: Record<string, MessageKey> = {
  basicPolicy: 'qn.cat.basicPolicy',
  handlingRules: 'qn.cat.handlingRules',
  organizational: 'qn.cat.organizational',
  human: 'qn.cat.human',
  physical: 'qn.cat.physical',
  technical: 'qn.cat.technical',
  externalEnvironment: 'qn.cat.externalEnvironment',
  consignment: 'qn.cat.consignment',
};
export const categoryText = (i18n: I18n, category: string) =>
  CATEGORY_KEYS[category] ? i18n.t(CATEGORY_KEYS[category]) : category;

const RATINGS = ['adequate', 'needs_improvement', 'inadequate', 'not_assessed'] as const;
type Rating = (typeof RATINGS)[number];
const isRating = (v: unknown): v is Rating => (RATINGS as readonly unknown[]).includes(v);

/** The score overall, per category with the rating it suggests for the review's checklist. */
export function Scores(props: { i18n: I18n; q: QuestionnaireDetailView; headingId: string }) {
  const { i18n, q } = props;
  const { t, label } = i18n;
  return (
    <>
      <p class="qn-score">
        {t('qn.score')}: <strong>{scoreText(q.score)}</strong>
      </p>
      <section class="scroll" tabindex={0} aria-labelledby={props.headingId}>
        <table class="qn-scores">
          <tr>
            <th scope="col">{t('qn.category')}</th>
            <th scope="col">{t('qn.suggested')}</th>
            <th scope="col" class="num">
              {t('qn.score')}
            </th>
            <th scope="col" class="num">
              {t('qn.answered')}
            </th>
            <th scope="col" class="num">
              {t('qn.noOnRequired')}
            </th>
          </tr>
          {q.categoryResults.map((r) => {
            const suggested = q.suggestedChecklist[r.category];
            return (
              <tr>
                <th scope="row">{categoryText(i18n, r.category)}</th>
                <td>
                  {isRating(suggested) ? (
                    <span class={`rating ${suggested}`}>{label(labels.checklistRating, suggested)}</span>
                  ) : (
                    <span class="muted">{t('qn.noChecklist')}</span>
                  )}
                </td>
                <td class="num">{scoreText(r.score)}</td>
                <td class="num">{t('qn.answeredOf', { n: r.answered, total: r.total })}</td>
                <td class="num">{r.noOnRequired}</td>
              </tr>
            );
          })}
        </table>
      </section>
      <p class="hint">{t('qn.suggestedHint')}</p>
    </>
  );
}

function Answer(props: {
  i18n: I18n;
  question: TemplateQuestion;
  value: string | null | undefined;
  comment: string | null | undefined;
}) {
  const text = answerText(props.i18n, props.question, props.value);
  return (
    <>
      {text ? (
        <span class={`qn-value ${props.value ?? ''}`}>{text}</span>
      ) : (
        <span class="muted">{props.i18n.t('qn.unanswered')}</span>
      )}
      {props.comment ? <blockquote class="note">{props.comment}</blockquote> : null}
    </>
  );
}

/**
 * The answers section by section, each beside the contractor's answer of the previous
 * questionnaire; a changed answer is marked in words as well as by colour.
 */
export function AnswersBySection(props: { i18n: I18n; q: QuestionnaireDetailView; files: FileNames }) {
  const { i18n, q } = props;
  const { t, dateTime } = i18n;
  const answers = new Map(q.answers.map((a) => [a.questionId, a]));
  const previous = q.previous ? new Map(q.previous.answers.map((a) => [a.questionId, a])) : null;
  const numbers = questionNumbers(q.template);
  const sectionScores = new Map(q.sections.map((s) => [s.sectionId, s]));
  return (
    <>
      {previous && q.previous ? (
        <p class="hint">{t('qn.previousFrom', { date: dateTime(q.previous.sentAt) })}</p>
      ) : (
        <p class="hint">{t('qn.noPrevious')}</p>
      )}
      {q.template.sections.map((s) => {
        const score = sectionScores.get(s.id);
        const headingId = `sec-${s.id}`;
        return (
          <section class="qn-section" aria-labelledby={headingId}>
            <h3 id={headingId}>
              {sectionHeading(i18n, s)}{' '}
              {score ? (
                <span class="muted">
                  {t('qn.sectionScore', {
                    score: scoreText(score.score),
                    n: score.answered,
                    total: score.total,
                  })}
                </span>
              ) : null}
            </h3>
            <table class="stack qn-answers">
              <thead>
                <tr>
                  <th scope="col">{t('qn.question')}</th>
                  <th scope="col">{t('qn.thisTime')}</th>
                  {previous ? <th scope="col">{t('qn.previous')}</th> : null}
                </tr>
              </thead>
              <tbody>
                {s.questions.map((question) => {
                  const a = answers.get(question.id);
                  const before = previous?.get(question.id);
                  const changed = previous !== null && (before?.value ?? null) !== (a?.value ?? null);
                  const docs = (a?.documentIds ?? []).filter((id) => props.files?.has(id) ?? true);
                  return (
                    <tr class={changed ? 'qn-changed' : undefined} id={`q-${question.id}`}>
                      <td data-label={t('qn.question')}>
                        <span>
                          <span class="qn-qid">{numbers.get(question.id)}</span> {inLang(i18n, question.text)}
                          {question.required ? <span class="muted"> {t('qn.requiredMark')}</span> : null}
                        </span>
                      </td>
                      <td data-label={t('qn.thisTime')}>
                        <div>
                          <Answer i18n={i18n} question={question} value={a?.value} comment={a?.comment} />
                          {changed ? <span class="badge qn-changed-badge">{t('qn.changed')}</span> : null}
                          {docs.length ? (
                            <ul class="qn-files">
                              {docs.map((id, i) => (
                                <li>
                                  <a href={`/documents/${id}`}>{props.files?.get(id) ?? t('qn.fileN', { n: i + 1 })}</a>
                                </li>
                              ))}
                            </ul>
                          ) : null}
                          {a?.reviewerComment ? (
                            <p class="qn-reviewer">
                              <strong>{t('qn.reviewerComment')}:</strong> {a.reviewerComment}
                            </p>
                          ) : null}
                        </div>
                      </td>
                      {previous ? (
                        <td data-label={t('qn.previous')}>
                          <div>
                            {before ? (
                              <Answer i18n={i18n} question={question} value={before.value} comment={before.comment} />
                            ) : (
                              <span class="muted">{t('qn.unanswered')}</span>
                            )}
                          </div>
                        </td>
                      ) : null}
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </>
  );
}
