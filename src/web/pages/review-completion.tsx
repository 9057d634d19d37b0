import { checklistRatings, findingCategories, findingSeverities, reviewOutcomes } from '../../../db/schema';
import { type ChecklistCategory, type ChecklistRating, checklistCategories } from '../../domain/selection';
import { labels } from '../../i18n/labels';
import type { ReviewView } from '../../modules/reviews/reviews.present';
import { Layout, type PageContext } from '../layout';
import { countryName } from './contractor-country';
import { Confirm, type FormProps, hasProblems, Input, Problems, Select, TextArea } from './supervision';

/** How many findings the completion form has rows for. */
export const FINDING_SLOTS = 3;

/** An outcome that contradicts the checklist: asked to be confirmed before it is saved. */
export interface Contradiction {
  /** The categories rated inadequate, in words. */
  categories: string;
}

/** The ratings a contractor's answered questionnaire suggests (the reviewer decides). */
export interface Suggestion {
  questionnaireId: string;
  ratings: Partial<Record<ChecklistCategory, ChecklistRating>>;
}

/** A category's rating, with the questionnaire's suggestion under it when there is one. */
function Rated(props: FormProps & { category: ChecklistCategory; suggestion: Suggestion | null }) {
  const { t, label } = props.page.i18n;
  const name = `checklist.${props.category}`;
  const choose = t('rev.choose');
  const suggested = props.suggestion?.ratings[props.category];
  return (
    <div class="rated">
      <Select
        {...props}
        name={name}
        label={label(labels.checklistCategory, props.category)}
        options={checklistRatings}
        table={labels.checklistRating}
        blank={choose}
        required
      />
      {props.suggestion ? (
        <p class="hint suggested" data-category={props.category}>
          {suggested
            ? t('rev.suggested', { rating: label(labels.checklistRating, suggested) })
            : t('rev.suggestedNone')}
        </p>
      ) : null}
    </div>
  );
}

/** Completing a review: the date, the outcome, every category's rating, notes and findings. */
export function CompleteReviewPage(
  props: FormProps & {
    review: ReviewView;
    contractorName: string;
    contradiction: Contradiction | null;
    suggestion: Suggestion | null;
    /** Where the contractor handles data abroad and what 10-7 notes were taken, for that rating. */
    abroad?: { countries: string[]; notes: { country: string; notes: string; checkedOn: string | null }[] };
  },
) {
  const { t, label, date } = props.page.i18n;
  const r = props.review;
  const choose = t('rev.choose');
  const words = {
    outcome: label(labels.reviewOutcome, 'satisfactory'),
    rating: label(labels.checklistRating, 'inadequate'),
  };
  return (
    <Layout page={props.page} title={t('r.completeTitle')}>
      <h1>{t('r.completeTitle')}</h1>
      <p>
        {props.contractorName} · {label(labels.reviewKind, r.kind)} · {t('r.dueDate')} {date(r.dueDate)}
      </p>
      <Problems {...props} />
      {props.contradiction ? (
        <div class="notice warn" role={hasProblems(props) ? undefined : 'alert'}>
          <p>{t('rev.satisfactoryInadequate', { ...words, categories: props.contradiction.categories })}</p>
        </div>
      ) : null}
      <form method="post" action={`/reviews/${r.id}/complete`} novalidate>
        <input type="hidden" name="_csrf" value={props.page.csrf} />
        <Input {...props} name="completedOn" label={t('r.completedOn')} type="date" required />
        <Select
          {...props}
          name="outcome"
          label={t('r.outcome')}
          options={reviewOutcomes}
          table={labels.reviewOutcome}
          blank={choose}
          required
        />
        <fieldset>
          <legend>{t('r.checklist')}</legend>
          <p class="hint">{t('rev.checklistHint')}</p>
          {props.suggestion ? (
            <div class="notice" id="suggested-ratings">
              <p>{t('rev.suggestedNote')}</p>
              <p>
                <a href={`/reviews/${r.id}/complete?suggested=1`}>{t('rev.useSuggested')}</a> ·{' '}
                <a href={`/questionnaires/${props.suggestion.questionnaireId}`}>{t('rev.suggestedOpen')}</a>
              </p>
            </div>
          ) : null}
          {checklistCategories.map((cat) => (
            <>
              <Rated {...props} category={cat} suggestion={props.suggestion} />
              {cat === 'externalEnvironment' && props.abroad?.countries.length ? (
                <ExternalEnvironmentNotes page={props.page} abroad={props.abroad} />
              ) : null}
            </>
          ))}
        </fieldset>
        <TextArea {...props} name="notes" label={t('r.notes')} />
        <h2>{t('r.findings')}</h2>
        {Array.from({ length: FINDING_SLOTS }, (_, i) => (
          <fieldset>
            <legend>{t('r.finding', { n: i + 1 })}</legend>
            <Select
              {...props}
              name={`findings.${i}.severity`}
              label={t('r.severity')}
              options={findingSeverities}
              table={labels.findingSeverity}
              blank="—"
            />
            <Select
              {...props}
              name={`findings.${i}.category`}
              label={t('r.category')}
              options={findingCategories}
              table={labels.findingCategory}
              blank="—"
            />
            <Input {...props} name={`findings.${i}.description`} label={t('r.description')} />
            <Input {...props} name={`findings.${i}.dueDate`} label={t('r.findingDue')} type="date" />
          </fieldset>
        ))}
        {props.contradiction ? (
          <>
            <input type="hidden" name="confirming" value="1" />
            <div class="notice warn">
              <Confirm {...props} name="confirmOutcome" label={t('rev.confirmSatisfactory', words)} />
            </div>
          </>
        ) : null}
        <p class="actions">
          <button type="submit">{t('r.complete')}</button>
          <a class="button secondary" href={`/reviews/${r.id}`}>
            {t('rev.backToReview')}
          </a>
        </p>
      </form>
    </Layout>
  );
}

/**
 * 10-7 (外的環境の把握): the contractor's foreign countries and the notes taken on each
 * country's system, beside the rating they inform; a country without notes is named.
 */
function ExternalEnvironmentNotes(props: {
  page: PageContext;
  abroad: NonNullable<Parameters<typeof CompleteReviewPage>[0]['abroad']>;
}) {
  const { t, date, lang } = props.page.i18n;
  const { countries, notes } = props.abroad;
  const unnoted = countries.filter((c) => !notes.some((n) => n.country === c));
  return (
    <div class="notice" id="external-environment-notes">
      <p>{t('rev.externalNotes')}</p>
      <ul>
        {notes
          .filter((n) => countries.includes(n.country))
          .map((n) => (
            <li>
              <strong>{countryName(lang, n.country)}</strong>
              {n.checkedOn ? ` (${date(n.checkedOn)})` : ''}: <span class="prewrap">{n.notes}</span>
            </li>
          ))}
        {unnoted.map((c) => (
          <li class="missing">{t('rev.externalUnnoted', { country: countryName(lang, c) })}</li>
        ))}
      </ul>
    </div>
  );
}
