import type { dataCategories } from '../../../db/schema';
import { riskFromFactors } from '../../domain/risk';
import { dueSoonUntil, supervisionStatus, supervisionStatusOf } from '../../domain/supervision-status';
import type { ServiceContext } from '../../platform/app-env';
import type { ListedContractor } from './contractors.repo';

export { supervisionStatus, supervisionStatusOf };

/** "Today" as a list page needs it: computed once per page, not once per row. */
export interface Today {
  today: string;
  soon: string;
}
let lastDay: Today | undefined;
export const todayOf = (ctx: ServiceContext): Today => {
  const today = ctx.clock.today();
  if (lastDay?.today !== today) lastDay = { today, soon: dueSoonUntil(today) };
  return lastDay;
};

export function presentContractor(row: ListedContractor, ctx: ServiceContext, day: Today = todayOf(ctx)) {
  // The stored factors were derived from this row's profile when it was written.
  const risk = riskFromFactors(row.riskFactors);
  return {
    id: row.id,
    name: row.name,
    nameKana: row.nameKana,
    corporateNumber: row.corporateNumber,
    country: row.country,
    contactName: row.contactName,
    contactEmail: row.contactEmail,
    services: row.services,
    dataCategories: row.dataCategories as (typeof dataCategories)[number][],
    handlesSpecialCare: row.handlesSpecialCare,
    handlesPaymentData: row.handlesPaymentData,
    subjectCount: row.subjectCount,
    systemAccess: row.systemAccess,
    parentId: row.parentId,
    crossBorderBasis: row.crossBorderBasis,
    processingCountries: row.processingCountries,
    crossBorderConsent: row.crossBorderConsent,
    countryNotes: row.countryNotes,
    reconsignmentApproval: row.reconsignmentApproval,
    myNumberPermission: row.myNumberPermission,
    status: row.status,
    riskTier: row.riskTier,
    computedRiskTier: risk.tier,
    riskFactors: risk.factors,
    riskPoints: risk.points,
    riskTierOverride: row.riskTierOverride,
    riskOverrideReason: row.riskOverrideReason,
    reviewIntervalMonths: ctx.config.reviewIntervals[row.riskTier],
    supervisionStatus: supervisionStatusOf(row, day.today, day.soon),
    nextReviewDue: row.nextReviewDue,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    version: row.version,
  };
}
export type ContractorView = ReturnType<typeof presentContractor>;
