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

/**
 * Territories with their own ISO 3166-1 code that lie inside an EU member state, where EU
 * law (and so the GDPR the designation rests on) applies: the French outermost regions
 * Réunion, French Guiana, Guadeloupe, Martinique, Mayotte and Saint-Martin (TFEU Art. 349,
 * 355(1)) and Åland, part of Finland (TFEU Art. 355(4)). Overseas countries and territories
 * (New Caledonia, French Polynesia, Saint-Barthélemy…) are outside the EU and not exempt.
 */
export const INSIDE_EU_MEMBER_STATES = ['RE', 'GF', 'GP', 'MQ', 'YT', 'MF', 'AX'] as const;

const exempt = new Set<string>(['JP', ...EEA_AND_UK, ...INSIDE_EU_MEMBER_STATES]);

/** True when a contractor located there needs a recorded cross-border basis. */
export const needsCrossBorderBasis = (country: string): boolean => !exempt.has(country);

/**
 * The places of `places` (the contractor's country, then where it stores or processes the
 * data: cloud regions, foreign sub-processors) that need an Art. 28 basis, each once, in
 * order. itaku treats a processing country as it treats the contractor's own: the data
 * reaches that country's system, so the basis, the information given for consent
 * (Rules Art. 17(2)) and the yearly confirmation (Rules Art. 18(1)) cover it too.
 */
export const placesNeedingBasis = (places: readonly string[]): string[] =>
  [...new Set(places)].filter((c) => isCountryCode(c) && needsCrossBorderBasis(c));

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
