import { ISO_3166_1 } from '../../domain/iso-3166-1';
import type { Lang } from '../i18n';
import { FieldError } from '../layout';

/** Japan first, then the countries Japanese companies most often entrust data to. */
const COMMON = [
  'JP',
  'US',
  'CN',
  'KR',
  'TW',
  'HK',
  'SG',
  'IN',
  'VN',
  'TH',
  'PH',
  'MY',
  'ID',
  'GB',
  'DE',
  'FR',
  'IE',
  'NL',
  'AU',
  'CA',
];

const cache = new Map<Lang, { common: [string, string][]; all: [string, string][] }>();

/** [code, name] in the reader's language: the common ones, then every country by name. */
export function countryOptions(lang: Lang) {
  let options = cache.get(lang);
  if (!options) {
    const names = new Intl.DisplayNames([lang], { type: 'region', fallback: 'code' });
    const name = (code: string): [string, string] => [code, names.of(code) ?? code];
    const collator = new Intl.Collator(lang);
    options = {
      common: COMMON.map(name),
      all: ISO_3166_1.map(name).sort((a, b) => collator.compare(a[1], b[1])),
    };
    cache.set(lang, options);
  }
  return options;
}

/** A country's name in the reader's language, with its code: 日本 (JP). */
export function countryName(lang: Lang, code: string): string {
  const found = countryOptions(lang).all.find(([c]) => c === code);
  return found ? `${found[1]} (${code})` : code;
}

/**
 * The country as a select of names (the value stays the ISO code). A stored code outside
 * the list (an older one) is offered as it is, so editing never changes it unasked.
 */
export function CountrySelect(props: {
  lang: Lang;
  value: string;
  label: string;
  commonLabel: string;
  allLabel: string;
  error: string | undefined;
}) {
  const { common, all } = countryOptions(props.lang);
  const known = all.some(([code]) => code === props.value);
  let chosen = false;
  const option = ([code, name]: [string, string]) => {
    const selected = !chosen && code === props.value;
    if (selected) chosen = true;
    return (
      <option value={code} selected={selected}>
        {name}
      </option>
    );
  };
  return (
    <div>
      <label for="country">{props.label}</label>
      <select
        id="country"
        name="country"
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={props.error ? 'country-error' : undefined}
      >
        {!known && props.value ? (
          <option value={props.value} selected>
            {props.value}
          </option>
        ) : null}
        <optgroup label={props.commonLabel}>{common.map(option)}</optgroup>
        <optgroup label={props.allLabel}>{all.map(option)}</optgroup>
      </select>
      <FieldError id="country" error={props.error} />
    </div>
  );
}
