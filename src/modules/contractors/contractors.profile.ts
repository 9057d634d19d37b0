import type { ContractorRow } from '../../../db/schema';
import { dataCategories } from '../../../db/schema';
import { parseCorporateNumber } from '../../domain/corporate-number';
import { isCountryCode, needsCrossBorderBasis } from '../../domain/countries';
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
 * import): corporate number check digit, country code, the APPI Art. 28 basis, and a
 * reason for a manual tier. Returns the normalised profile or every field error at once.
 */
export function checkProfile(input: Profile): { profile: Profile; errors: FieldError[] } {
  const errors: FieldError[] = [];
  const profile: Profile = { ...input, country: input.country.trim().toUpperCase() };
  profile.dataCategories = canonicalCategories(input.dataCategories);
  if (profile.corporateNumber !== null && profile.corporateNumber !== undefined) {
    const parsed = parseCorporateNumber(profile.corporateNumber);
    if (parsed.ok) profile.corporateNumber = parsed.value;
    else
      errors.push(
        fieldError('corporateNumber', parsed.reason === 'digits' ? 'corporateNumberDigits' : 'corporateNumberCheck'),
      );
  }
  if (!isCountryCode(profile.country)) {
    errors.push(fieldError('country', 'countryCode'));
  } else if (needsCrossBorderBasis(profile.country) && !profile.crossBorderBasis) {
    errors.push(fieldError('crossBorderBasis', 'crossBorderBasisRequired', { country: profile.country }));
  }
  if (profile.riskTierOverride && !profile.riskOverrideReason) {
    errors.push(fieldError('riskOverrideReason', 'riskOverrideReasonRequired'));
  }
  if (!profile.riskTierOverride) profile.riskOverrideReason = profile.riskOverrideReason ?? null;
  return { profile, errors };
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
  };
}
