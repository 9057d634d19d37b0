/**
 * Countries (ISO 3166-1 alpha-2) and the APPI Art. 28 cross-border rule.
 *
 * Providing personal data to a third party in a foreign country needs the data subject's
 * consent or a system of equivalent measures (APPI Art. 28(1), Enforcement Rules Art. 16),
 * except for countries the PPC has designated as having an equivalent regime: the member
 * states of the European Economic Area and the United Kingdom (PPC Notice No. 1 of 2019,
 * as amended). Keep that designation here and nowhere else.
 */
export const EEA_AND_UK = [
  // EU member states
  'AT',
  'BE',
  'BG',
  'HR',
  'CY',
  'CZ',
  'DK',
  'EE',
  'FI',
  'FR',
  'DE',
  'GR',
  'HU',
  'IE',
  'IT',
  'LV',
  'LT',
  'LU',
  'MT',
  'NL',
  'PL',
  'PT',
  'RO',
  'SK',
  'SI',
  'ES',
  'SE',
  // EEA members outside the EU
  'IS',
  'LI',
  'NO',
  // United Kingdom
  'GB',
] as const;

const exempt = new Set<string>(['JP', ...EEA_AND_UK]);

/** True when a contractor located there needs a recorded cross-border basis. */
export const needsCrossBorderBasis = (country: string): boolean => !exempt.has(country);

// CLDR knows these two-letter codes but they are not countries.
const notCountries = new Set(['EU', 'EZ', 'UN', 'ZZ', 'QO', 'XA', 'XB', 'AA']);
const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });

/** An assigned ISO 3166-1 alpha-2 code, upper case ("jp" is not accepted: be explicit). */
export function isCountryCode(code: string): boolean {
  if (!/^[A-Z]{2}$/.test(code) || notCountries.has(code)) return false;
  try {
    return regionNames.of(code) !== undefined;
  } catch {
    return false;
  }
}
