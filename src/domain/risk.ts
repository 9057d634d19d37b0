/**
 * Risk tier of a contractor from its data-handling profile. Points: special-care data 3;
 * payment data 3; data subjects ≥ 100,000: 2, else ≥ 1,000: 1; access to our systems 1;
 * outside Japan 1 (located there, or storing or processing the data there); is a
 * sub-contractor 1. ≥ 3 → high, 1–2 → medium, 0 → low.
 */
export const riskTiers = ['high', 'medium', 'low'] as const;
export type RiskTier = (typeof riskTiers)[number];

export const riskFactorNames = [
  'special_care_data',
  'payment_data',
  'subjects_100k_or_more',
  'subjects_1k_or_more',
  'system_access',
  'outside_japan',
  'sub_contractor',
] as const;
export type RiskFactor = (typeof riskFactorNames)[number];

export interface RiskProfile {
  handlesSpecialCare: boolean;
  handlesPaymentData: boolean;
  subjectCount: number;
  systemAccess: boolean;
  country: string;
  /** Where the data is stored or processed, when recorded (ISO 3166-1). */
  processingCountries?: readonly string[];
  isSubContractor: boolean;
}

const points: Record<RiskFactor, number> = {
  special_care_data: 3,
  payment_data: 3,
  subjects_100k_or_more: 2,
  subjects_1k_or_more: 1,
  system_access: 1,
  outside_japan: 1,
  sub_contractor: 1,
};

export function assessRisk(p: RiskProfile): { tier: RiskTier; factors: RiskFactor[]; points: number } {
  const factors: RiskFactor[] = [];
  if (p.handlesSpecialCare) factors.push('special_care_data');
  if (p.handlesPaymentData) factors.push('payment_data');
  if (p.subjectCount >= 100_000) factors.push('subjects_100k_or_more');
  else if (p.subjectCount >= 1_000) factors.push('subjects_1k_or_more');
  if (p.systemAccess) factors.push('system_access');
  if (p.country !== 'JP' || (p.processingCountries ?? []).some((c) => c !== 'JP')) factors.push('outside_japan');
  if (p.isSubContractor) factors.push('sub_contractor');
  const total = factors.reduce((sum, f) => sum + points[f], 0);
  const tier: RiskTier = total >= 3 ? 'high' : total >= 1 ? 'medium' : 'low';
  return { tier, factors, points: total };
}

export interface ReviewIntervals {
  high: number;
  medium: number;
  low: number;
}

export const defaultReviewIntervals: ReviewIntervals = { high: 6, medium: 12, low: 24 };

/** Tier and points from factors already assessed (stored with the contractor). */
export function riskFromFactors(factors: readonly string[]): { tier: RiskTier; factors: RiskFactor[]; points: number } {
  const known = factors.filter((f): f is RiskFactor => f in points);
  const total = known.reduce((sum, f) => sum + points[f], 0);
  return { tier: total >= 3 ? 'high' : total >= 1 ? 'medium' : 'low', factors: known, points: total };
}
