import { type LabelTable, labels } from '../../i18n/labels';
import { importColumns } from '../../modules/csv/contractor-columns';
import type { ImportError } from '../../modules/imports/imports.parse';
import type { PreviewRow } from '../../modules/imports/imports.service';
import type { FieldError } from '../../platform/problem';
import { fieldText } from '../i18n/problems';
import { Badge, type PageContext } from '../layout';

/** Rows shown of what would be registered, and errors shown of a file full of them. */
export const SHOWN_ROWS = 200;
export const SHOWN_ERRORS = 1000;

/** A column as the reader knows it: its header in the page's language (or as the file wrote it). */
function columnLabel(field: string, page: PageContext): string {
  if (field === '(file)') return page.i18n.t('imp.wholeFile');
  if (field === '(row)') return page.i18n.t('imp.wholeRow');
  const column = importColumns.find((c) => c.field === field);
  return column ? column.header[page.i18n.lang] : field;
}

/** The columns that take one of a table's values: a refused value lists what is accepted. */
const optionTables: Record<string, LabelTable<string>> = {
  dataCategories: labels.dataCategory,
  crossBorderBasis: labels.crossBorderBasis,
  riskTierOverride: labels.riskTier,
};
const BOOLEAN_COLUMNS = new Set(['handlesSpecialCare', 'handlesPaymentData', 'systemAccess']);

/** The error's message in the page's language; codes inside it as their labels. */
function errorText(e: ImportError, page: PageContext): string {
  const { lang, t } = page.i18n;
  const table = optionTables[e.field];
  if (table && e.code === 'invalidOption') {
    const values = Object.values(table).map((l) => l[lang]);
    return t('imp.oneOf', { values: values.join(lang === 'ja' ? '、' : ', ') });
  }
  if (BOOLEAN_COLUMNS.has(e.field) && e.code === 'wrongType') return t('imp.yesNo');
  const params =
    e.code === 'notHandledByParentRow' && typeof e.params?.categories === 'string'
      ? {
          ...e.params,
          categories: e.params.categories
            .split(', ')
            .map((c) => (Object.hasOwn(labels.dataCategory, c) ? labels.dataCategory[c as 'customers'][lang] : c))
            .join(lang === 'ja' ? '、' : ', '),
        }
      : e.params;
  const error: FieldError = { path: e.field, message: e.message, code: e.code, params };
  return fieldText(error, lang);
}

export function ImportErrors(props: { page: PageContext; errors: ImportError[] }) {
  const { t } = props.page.i18n;
  const shown = props.errors.slice(0, SHOWN_ERRORS);
  return (
    <section aria-labelledby="import-errors">
      <h2 id="import-errors">{t('imp.errorsTitle')}</h2>
      {props.errors.length > shown.length ? (
        <p class="muted">{t('imp.shownFirst', { shown: shown.length, total: props.errors.length })}</p>
      ) : null}
      <div class="scroll">
        <table class="import-errors">
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('imp.row')}
              </th>
              <th scope="col">{t('imp.column')}</th>
              <th scope="col">{t('imp.message')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((e) => (
              <tr data-row={e.row} data-field={e.field}>
                <td class="num">{e.row === 0 ? t('imp.header') : e.row}</td>
                <td>{columnLabel(e.field, props.page)}</td>
                <td>{errorText(e, props.page)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}

export function ImportRows(props: { page: PageContext; rows: PreviewRow[] }) {
  const { t, label, lang } = props.page.i18n;
  const shown = props.rows.slice(0, SHOWN_ROWS);
  const header = (field: string) => columnLabel(field, props.page);
  return (
    <section aria-labelledby="import-rows">
      <h2 id="import-rows">{t('imp.createTitle')}</h2>
      {props.rows.length > shown.length ? (
        <p class="muted">{t('imp.shownFirst', { shown: shown.length, total: props.rows.length })}</p>
      ) : null}
      <div class="scroll">
        <table class="import-rows">
          <thead>
            <tr>
              <th scope="col" class="num">
                {t('imp.row')}
              </th>
              <th scope="col">{header('name')}</th>
              <th scope="col">{header('corporateNumber')}</th>
              <th scope="col">{header('country')}</th>
              <th scope="col">{header('dataCategories')}</th>
              <th scope="col">{header('parentName')}</th>
              <th scope="col">{t('c.riskTier')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr data-row={r.row}>
                <td class="num">{r.row}</td>
                <td>{r.name}</td>
                <td>{r.corporateNumber ?? '—'}</td>
                <td>{r.country}</td>
                <td>
                  {r.dataCategories
                    .map((c) => label(labels.dataCategory, c as 'customers'))
                    .join(lang === 'ja' ? '、' : ', ')}
                </td>
                <td>{r.parentName ?? '—'}</td>
                <td>
                  <Badge value={r.riskTier} label={label(labels.riskTier, r.riskTier)} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
