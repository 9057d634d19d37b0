import { noteRows, submittedNotes } from '../contractor-form';
import { type FormValues, many, one } from '../forms';
import { FieldError, type PageContext } from '../layout';
import { countryName, countryOptions } from './contractor-country';

type Errors = Record<string, string>;

/** The first message under `prefix` (the field itself or one of its parts). */
const errorUnder = (errors: Errors, prefix: string) =>
  errors[prefix] ?? Object.entries(errors).find(([k]) => k.startsWith(`${prefix}.`))?.[1];

/** One input of a fieldset posted as `<group>.<key>`; its error is the one at that path. */
function Input(props: {
  name: string;
  label: string;
  values: FormValues;
  errors: Errors;
  type?: 'text' | 'date' | 'textarea';
}) {
  const { name, values, errors } = props;
  const id = name.replace('.', '-');
  const invalid = errors[name] ? 'true' : undefined;
  const described = errors[name] ? `${name}-error` : undefined;
  return (
    <div>
      <label for={id}>{props.label}</label>
      {props.type === 'textarea' ? (
        <textarea id={id} name={name} aria-invalid={invalid} aria-describedby={described}>
          {one(values, name)}
        </textarea>
      ) : (
        <input
          type={props.type ?? 'text'}
          id={id}
          name={name}
          value={one(values, name)}
          aria-invalid={invalid}
          aria-describedby={described}
        />
      )}
      <FieldError id={name} error={errors[name]} />
    </div>
  );
}

/** A fieldset of a record on the contractor (consent information, approval, permission): shown always, with its hint. */
function RecordFieldset(props: {
  group: string;
  legend: string;
  hint: string;
  fields: [key: string, label: string, type?: 'text' | 'date' | 'textarea'][];
  values: FormValues;
  errors: Errors;
}) {
  const whole = props.errors[props.group];
  return (
    <fieldset
      class="law-record"
      aria-invalid={whole ? 'true' : undefined}
      aria-describedby={[`${props.group}-hint`, whole ? `${props.group}-error` : ''].filter(Boolean).join(' ')}
    >
      <legend>{props.legend}</legend>
      <p class="hint" id={`${props.group}-hint`}>
        {props.hint}
      </p>
      <FieldError id={props.group} error={whole} />
      {props.fields.map(([key, label, type]) => (
        <Input name={`${props.group}.${key}`} label={label} type={type} values={props.values} errors={props.errors} />
      ))}
    </fieldset>
  );
}

/** The processing countries: several of the same list as the country. */
function ProcessingCountries(props: { page: PageContext; values: FormValues; errors: Errors }) {
  const { t, lang } = props.page.i18n;
  const chosen = many(props.values, 'processingCountries');
  const { common, all } = countryOptions(lang);
  const error = errorUnder(props.errors, 'processingCountries');
  const shown = new Set<string>();
  const option = ([code, name]: [string, string]) => {
    const selected = chosen.includes(code) && !shown.has(code);
    if (selected) shown.add(code);
    return (
      <option value={code} selected={selected}>
        {name}
      </option>
    );
  };
  // Stored codes outside the list (older ones) stay chosen, so editing never drops them unasked.
  const unknown = chosen.filter((c) => !all.some(([code]) => code === c));
  return (
    <div>
      <label for="processingCountries">{t('cl.processing')}</label>
      <p class="hint" id="processingCountries-hint">
        {t('cl.processing.hint')}
      </p>
      <select
        id="processingCountries"
        name="processingCountries"
        multiple
        size={8}
        class="multi"
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={['processingCountries-hint', error ? 'processingCountries-error' : '']
          .filter(Boolean)
          .join(' ')}
      >
        {unknown.map((c) => (
          <option value={c} selected>
            {c}
          </option>
        ))}
        <optgroup label={t('ctr.country.common')}>{common.map(option)}</optgroup>
        <optgroup label={t('ctr.country.all')}>{all.map(option)}</optgroup>
      </select>
      <FieldError id="processingCountries" error={error} />
    </div>
  );
}

/** 10-7 notes: one row per foreign place of the contractor, and per note already typed. */
function CountryNotes(props: { page: PageContext; values: FormValues; errors: Errors }) {
  const { t, lang } = props.page.i18n;
  const { values, errors } = props;
  const rows = noteRows(values);
  const places = [one(values, 'country'), ...many(values, 'processingCountries')].filter((c) => c && c !== 'JP');
  for (const place of places) {
    if (!rows.some((r) => r.country === place)) rows.push({ country: place, notes: '', checkedOn: '' });
  }
  // Errors name the rows sent (those with something typed) by their position.
  const sent = submittedNotes(values);
  const errorOf = (country: string, field: string) => {
    const i = sent.findIndex((r) => r.country === country);
    return i < 0 ? undefined : errors[`countryNotes.${i}.${field}`];
  };
  return (
    <fieldset class="law-record" aria-describedby="countryNotes-hint">
      <legend>{t('cl.notes')}</legend>
      <p class="hint" id="countryNotes-hint">
        {t('cl.notes.hint')}
      </p>
      {rows.length === 0 ? <p class="muted">{t('cl.notes.none')}</p> : null}
      {rows.map((r, i) => {
        const name = countryName(lang, r.country);
        const textError = errorOf(r.country, 'notes') ?? errorOf(r.country, 'country');
        const dateError = errorOf(r.country, 'checkedOn');
        return (
          <div class="note-row">
            <input type="hidden" name="noteCountry" value={r.country} />
            <label for={`noteText-${i}`}>{t('cl.notes.text', { country: name })}</label>
            <textarea
              id={`noteText-${i}`}
              name="noteText"
              aria-invalid={textError ? 'true' : undefined}
              aria-describedby={textError ? `noteText-${i}-error` : undefined}
            >
              {r.notes}
            </textarea>
            <FieldError id={`noteText-${i}`} error={textError} />
            <label for={`noteCheckedOn-${i}`}>{t('cl.notes.checkedOn', { country: name })}</label>
            <input
              type="date"
              id={`noteCheckedOn-${i}`}
              name="noteCheckedOn"
              value={r.checkedOn}
              aria-invalid={dateError ? 'true' : undefined}
              aria-describedby={dateError ? `noteCheckedOn-${i}-error` : undefined}
            />
            <FieldError id={`noteCheckedOn-${i}`} error={dateError} />
          </div>
        );
      })}
    </fieldset>
  );
}

/** The form's fields for handling abroad (APPI Art. 28; 通則編 10-7), placed after the cross-border basis. */
export function AbroadFields(props: { page: PageContext; values: FormValues; errors: Errors }) {
  const { t } = props.page.i18n;
  return (
    <>
      <ProcessingCountries {...props} />
      <RecordFieldset
        group="crossBorderConsent"
        legend={t('cl.consent')}
        hint={t('cl.consent.hint')}
        fields={[
          ['informedOn', t('cl.consent.informedOn'), 'date'],
          ['countryName', t('cl.consent.countryName')],
          ['systemInfo', t('cl.consent.systemInfo'), 'textarea'],
          ['measuresInfo', t('cl.consent.measuresInfo'), 'textarea'],
        ]}
        values={props.values}
        errors={props.errors}
      />
      <CountryNotes {...props} />
    </>
  );
}

/** The form's fields for re-consignment (通則編 3-4-4; 番号法10条), placed after the parent. */
export function ReconsignmentFields(props: { page: PageContext; values: FormValues; errors: Errors }) {
  const { t } = props.page.i18n;
  return (
    <>
      <RecordFieldset
        group="reconsignmentApproval"
        legend={t('cl.approval')}
        hint={t('cl.approval.hint')}
        fields={[
          ['approvedOn', t('cl.approval.approvedOn'), 'date'],
          ['approvedBy', t('cl.approval.approvedBy')],
          ['work', t('cl.approval.work'), 'textarea'],
          ['handling', t('cl.approval.handling'), 'textarea'],
        ]}
        values={props.values}
        errors={props.errors}
      />
      <RecordFieldset
        group="myNumberPermission"
        legend={t('cl.myNumber')}
        hint={t('cl.myNumber.hint')}
        fields={[
          ['permittedOn', t('cl.myNumber.permittedOn'), 'date'],
          ['permittedBy', t('cl.myNumber.permittedBy')],
        ]}
        values={props.values}
        errors={props.errors}
      />
    </>
  );
}
