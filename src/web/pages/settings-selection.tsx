import { type ChecklistCategory, checklistCategories, criterionMinimums } from '../../domain/selection';
import { labels } from '../../i18n/labels';
import type { SelectionCriteriaView } from '../../modules/settings/selection-criteria.service';
import { type FormValues, one } from '../forms';
import { FieldError, Layout, type PageContext } from '../layout';

export interface SelectionSettingsProps {
  page: PageContext;
  criteria: SelectionCriteriaView;
  /** Who last changed them, in words. */
  updatedByName: string | null;
  canEdit: boolean;
  values: FormValues;
  errors: Record<string, string>;
  summary: string | null;
  notice: string | null;
  conflict: boolean;
}

/** The value of "no minimum" in the form (the API's null). */
export const NO_MINIMUM = 'none';

/** Which rule the law itself sets for a category (通則編 10 別添), shown beside its criterion. */
const lawKey = (cat: ChecklistCategory) =>
  cat === 'basicPolicy' ? 'set.sel.recommended' : cat === 'externalEnvironment' ? 'set.sel.abroad' : 'set.sel.required';

function Criterion(props: SelectionSettingsProps & { category: ChecklistCategory }) {
  const { t, label } = props.page.i18n;
  const name = `checklist.${props.category}`;
  const error = props.errors[name];
  const options: string[] = [...criterionMinimums, ...(props.category === 'basicPolicy' ? [NO_MINIMUM] : [])];
  const hint = `${props.category}-law`;
  return (
    <div>
      <label for={name}>{label(labels.checklistCategory, props.category)}</label>
      <p class="hint" id={hint}>
        {t(lawKey(props.category))}
      </p>
      <select
        id={name}
        name={name}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={[hint, error ? `${name}-error` : ''].filter(Boolean).join(' ')}
      >
        {options.map((o) => (
          <option value={o} selected={one(props.values, name) === o}>
            {o === NO_MINIMUM
              ? t('set.sel.none')
              : t('set.sel.atLeast', { rating: label(labels.checklistRating, o as 'adequate') })}
          </option>
        ))}
      </select>
      <FieldError id={name} error={error} />
    </div>
  );
}

/** /settings/selection: the company's selection criteria (選定基準), a minimum rating per category. */
export function SelectionSettingsPage(props: SelectionSettingsProps) {
  const { page, criteria } = props;
  const { t, label, dateTime } = page.i18n;
  return (
    <Layout page={page} title={t('set.sel.title')}>
      <h1>{t('set.sel.title')}</h1>
      {props.notice ? (
        <p class="notice" role="status">
          {props.notice}
        </p>
      ) : null}
      {props.summary || Object.keys(props.errors).length ? (
        <div class="notice error" role="alert">
          <p>{props.summary ?? t('err.title')}</p>
        </div>
      ) : null}
      <p>{t('set.sel.intro')}</p>
      <p class="muted">
        {criteria.updatedAt
          ? t('set.sel.updated', { at: dateTime(criteria.updatedAt), by: props.updatedByName ?? '—' })
          : t('set.sel.defaults')}
      </p>
      {props.canEdit ? (
        <form method="post" action="/settings/selection" novalidate>
          <input type="hidden" name="_csrf" value={page.csrf} />
          <input type="hidden" name="version" value={String(criteria.version)} />
          <fieldset>
            <legend>{t('set.sel.legend')}</legend>
            {checklistCategories.map((category) => (
              <Criterion {...props} category={category} />
            ))}
          </fieldset>
          <p class="actions">
            <button type="submit">{t('set.sel.save')}</button>
          </p>
        </form>
      ) : (
        <table class="record">
          {checklistCategories.map((category) => {
            const minimum = criteria.checklist[category];
            return (
              <tr>
                <th scope="row">{label(labels.checklistCategory, category)}</th>
                <td>
                  {minimum === null
                    ? t('set.sel.none')
                    : t('set.sel.atLeast', { rating: label(labels.checklistRating, minimum) })}
                  <div class="muted">{t(lawKey(category))}</div>
                </td>
              </tr>
            );
          })}
        </table>
      )}
      <p>
        <a href="/settings/calendar">{t('set.title')}</a>
      </p>
    </Layout>
  );
}
