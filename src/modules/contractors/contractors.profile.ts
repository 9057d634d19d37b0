import type { ContractorRow } from '../../../db/schema';
import { dataCategories } from '../../../db/schema';
import { parseCorporateNumber } from '../../domain/corporate-number';
import { isCountryCode, placesNeedingBasis } from '../../domain/countries';
import { assessRisk } from '../../domain/risk';
import { normalizeForSearch } from '../../domain/search-text';
import { type FieldError, fieldError } from '../../platform/problem';
import type { CreateContractorInput } from './contractors.schemas';

/** The profile fields after defaults and normalisation, as stored. */
export type Profile = Omit<
  ContractorRow,
  'id' | 'status' | 'riskTier' | 'riskFactors' | 'nextReviewDue' | 'createdAt' | 'updatedAt' | 'version' | 'searchText'
>;

export const canonicalCategories = (list: readonly string[]) => dataCategories.filter((c) => list.includes(c));

/**
 * The registry's own rules on a complete profile (the same for the API and the CSV
 * import): corporate number check digit, country codes, the APPI Art. 28 basis for the
 * country and each processing country, what the person was told with the basis consent,
 * 10-7 notes for foreign places only, and a reason for a manual tier. Returns the
 * normalised profile or every field error at once.
 */
export function checkProfile(input: Profile): { profile: Profile; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const profile: Profile = {
    ...input,
    country: input.country.trim().toUpperCase(),
    processingCountries: (input.processingCountries ?? []).map((c) => c.trim().toUpperCase()),
    crossBorderConsent: input.crossBorderConsent ?? null,
    countryNotes: (input.countryNotes ?? []).map((n) => ({ ...n, country: n.country.trim().toUpperCase() })),
    reconsignmentApproval: input.reconsignmentApproval ?? null,
    myNumberPermission: input.myNumberPermission ?? null,
  };
  profile.dataCategories = canonicalCategories(input.dataCategories);
  if (profile.corporateNumber !== null && profile.corporateNumber !== undefined) {
    const parsed = parseCorporateNumber(profile.corporateNumber);
    if (parsed.ok) profile.corporateNumber = parsed.value;
    else
      errors.push(
        fieldError('corporateNumber', parsed.reason === 'digits' ? 'corporateNumberDigits' : 'corporateNumberCheck'),
      );
  }
  errors.push(...abroadErrors(profile));
  if (profile.riskTierOverride && !profile.riskOverrideReason) {
    errors.push(fieldError('riskOverrideReason', 'riskOverrideReasonRequired'));
  }
  if (!profile.riskTierOverride) profile.riskOverrideReason = profile.riskOverrideReason ?? null;
  return { profile, errors };
}

/**
 * APPI Art. 28 for every place the data reaches: the country and each processing country
 * outside Japan, the EEA and the UK (src/domain/countries.ts) need a basis; the basis
 * consent needs the information given to the person beforehand (Art. 28(2); Enforcement
 * Rules Art. 17(2): the country's name, its system, the recipient's measures).
 */
function abroadErrors(profile: Profile): FieldError[] {
  const errors: FieldError[] = [];
  const countryOk = isCountryCode(profile.country);
  if (!countryOk) errors.push(fieldError('country', 'countryCode'));
  const seen = new Set<string>();
  profile.processingCountries.forEach((code, i) => {
    if (!isCountryCode(code)) errors.push(fieldError(`processingCountries.${i}`, 'countryCode'));
    else if (seen.has(code)) errors.push(fieldError(`processingCountries.${i}`, 'duplicateCountry'));
    seen.add(code);
  });
  if (!profile.crossBorderBasis) {
    if (countryOk && placesNeedingBasis([profile.country]).length) {
      errors.push(fieldError('crossBorderBasis', 'crossBorderBasisRequired', { country: profile.country }));
    } else {
      const abroad = placesNeedingBasis(profile.processingCountries);
      if (abroad.length) {
        errors.push(fieldError('crossBorderBasis', 'processingCountryBasis', { countries: abroad.join(', ') }));
      }
    }
  }
  if (profile.crossBorderBasis === 'consent' && !profile.crossBorderConsent) {
    errors.push(fieldError('crossBorderConsent', 'crossBorderConsentRequired'));
  }
  // 10-7 notes are about a foreign place of this contractor, one note per country.
  const foreign = new Set([profile.country, ...profile.processingCountries].filter((c) => c !== 'JP'));
  const noted = new Set<string>();
  profile.countryNotes.forEach((note, i) => {
    if (!foreign.has(note.country)) {
      errors.push(fieldError(`countryNotes.${i}.country`, 'countryNoteNotForeign', { country: note.country }));
    } else if (noted.has(note.country)) {
      errors.push(fieldError(`countryNotes.${i}.country`, 'duplicateCountry'));
    }
    noted.add(note.country);
  });
  return errors;
}

/** A new contractor row from a checked profile: every new contractor starts proposed. */
export function newContractorRow(profile: Profile, id: string, now: string): ContractorRow {
  return {
    ...profile,
    ...derived(profile),
    id,
    status: 'proposed',
    nextReviewDue: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}

/** What itaku derives from a profile: the risk tier and factors, and the search text. */
export function derived(profile: Profile) {
  const risk = assessRisk({ ...profile, isSubContractor: profile.parentId !== null });
  return {
    riskTier: profile.riskTierOverride ?? risk.tier,
    riskFactors: risk.factors,
    searchText: normalizeForSearch(`${profile.name} ${profile.nameKana ?? ''}`),
  };
}

/** A create body (API or CSV row) as a profile, before the registry's checks. */
export function profileFromInput(input: CreateContractorInput): Profile {
  return {
    name: input.name,
    nameKana: input.nameKana ?? null,
    corporateNumber: input.corporateNumber ?? null,
    country: input.country,
    contactName: input.contactName ?? null,
    contactEmail: input.contactEmail?.toLowerCase() ?? null,
    services: input.services ?? null,
    dataCategories: input.dataCategories,
    handlesSpecialCare: input.handlesSpecialCare,
    handlesPaymentData: input.handlesPaymentData,
    subjectCount: input.subjectCount,
    systemAccess: input.systemAccess,
    parentId: input.parentId ?? null,
    crossBorderBasis: input.crossBorderBasis ?? null,
    riskTierOverride: input.riskTierOverride ?? null,
    riskOverrideReason: input.riskOverrideReason ?? null,
    processingCountries: input.processingCountries ?? [],
    crossBorderConsent: input.crossBorderConsent ?? null,
    countryNotes: (input.countryNotes ?? []).map((n) => ({ ...n, checkedOn: n.checkedOn ?? null })),
    reconsignmentApproval: input.reconsignmentApproval ?? null,
    myNumberPermission: input.myNumberPermission ?? null,
  };
}
