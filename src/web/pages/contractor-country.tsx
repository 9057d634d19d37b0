import type { Lang } from '../i18n';
import { FieldError } from '../layout';

/** The officially assigned ISO 3166-1 alpha-2 codes (249). */
export const ISO_3166_1 = [
  'AD',
  'AE',
  'AF',
  'AG',
  'AI',
  'AL',
  'AM',
  'AO',
  'AQ',
  'AR',
  'AS',
  'AT',
  'AU',
  'AW',
  'AX',
  'AZ',
  'BA',
  'BB',
  'BD',
  'BE',
  'BF',
  'BG',
  'BH',
  'BI',
  'BJ',
  'BL',
  'BM',
  'BN',
  'BO',
  'BQ',
  'BR',
  'BS',
  'BT',
  'BV',
  'BW',
  'BY',
  'BZ',
  'CA',
  'CC',
  'CD',
  'CF',
  'CG',
  'CH',
  'CI',
  'CK',
  'CL',
  'CM',
  'CN',
  'CO',
  'CR',
  'CU',
  'CV',
  'CW',
  'CX',
  'CY',
  'CZ',
  'DE',
  'DJ',
  'DK',
  'DM',
  'DO',
  'DZ',
  'EC',
  'EE',
  'EG',
  'EH',
  'ER',
  'ES',
  'ET',
  'FI',
  'FJ',
  'FK',
  'FM',
  'FO',
  'FR',
  'GA',
  'GB',
  'GD',
  'GE',
  'GF',
  'GG',
  'GH',
  'GI',
  'GL',
  'GM',
  'GN',
  'GP',
  'GQ',
  'GR',
  'GS',
  'GT',
  'GU',
  'GW',
  'GY',
  'HK',
  'HM',
  'HN',
  'HR',
  'HT',
  'HU',
  'ID',
  'IE',
  'IL',
  'IM',
  'IN',
  'IO',
  'IQ',
  'IR',
  'IS',
  'IT',
  'JE',
  'JM',
  'JO',
  'JP',
  'KE',
  'KG',
  'KH',
  'KI',
  'KM',
  'KN',
  'KP',
  'KR',
  'KW',
  'KY',
  'KZ',
  'LA',
  'LB',
  'LC',
  'LI',
  'LK',
  'LR',
  'LS',
  'LT',
  'LU',
  'LV',
  'LY',
  'MA',
  'MC',
  'MD',
  'ME',
  'MF',
  'MG',
  'MH',
  'MK',
  'ML',
  'MM',
  'MN',
  'MO',
  'MP',
  'MQ',
  'MR',
  'MS',
  'MT',
  'MU',
  'MV',
  'MW',
  'MX',
  'MY',
  'MZ',
  'NA',
  'NC',
  'NE',
  'NF',
  'NG',
  'NI',
  'NL',
  'NO',
  'NP',
  'NR',
  'NU',
  'NZ',
  'OM',
  'PA',
  'PE',
  'PF',
  'PG',
  'PH',
  'PK',
  'PL',
  'PM',
  'PN',
  'PR',
  'PS',
  'PT',
  'PW',
  'PY',
  'QA',
  'RE',
  'RO',
  'RS',
  'RU',
  'RW',
  'SA',
  'SB',
  'SC',
  'SD',
  'SE',
  'SG',
  'SH',
  'SI',
  'SJ',
  'SK',
  'SL',
  'SM',
  'SN',
  'SO',
  'SR',
  'SS',
  'ST',
  'SV',
  'SX',
  'SY',
  'SZ',
  'TC',
  'TD',
  'TF',
  'TG',
  'TH',
  'TJ',
  'TK',
  'TL',
  'TM',
  'TN',
  'TO',
  'TR',
  'TT',
  'TV',
  'TW',
  'TZ',
  'UA',
  'UG',
  'UM',
  'US',
  'UY',
  'UZ',
  'VA',
  'VC',
  'VE',
  'VG',
  'VI',
  'VN',
  'VU',
  'WF',
  'WS',
  'YE',
  'YT',
  'ZA',
  'ZM',
  'ZW',
] as const;

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
