import type { ContractorRow } from '../../../db/schema';
import type { ServiceContext } from '../../platform/app-env';
import { checkIfMatch, commitVersioned } from '../../platform/concurrency';
import { fieldError, invalidFields, ProblemError } from '../../platform/problem';
import { supervisionFollowUps } from '../reviews/reviews.automation';
import { expectParentOpen } from './contractors.chain.repo';
import { asRegistryProblem, checkCorporateNumberFree, checkPlacement } from './contractors.conflicts';
import { type ContractorView, presentContractor } from './contractors.present';
import { canonicalCategories, checkProfile, derived, type Profile } from './contractors.profile';
import { childrenOf, contractorUpdate, expectNextReviewDue, getContractorRow } from './contractors.repo';
import type { PatchContractorInput } from './contractors.schemas';

export async function patchContractor(
  ctx: ServiceContext,
  id: string,
  patch: PatchContractorInput,
  ifMatch: string | undefined,
): Promise<ContractorView> {
  const current = await getContractorRow(ctx.db, id);
  checkIfMatch(ifMatch, current.version);
  const merged: Profile = {
    name: patch.name ?? current.name,
    nameKana: patch.nameKana !== undefined ? patch.nameKana : current.nameKana,
    corporateNumber: patch.corporateNumber !== undefined ? patch.corporateNumber : current.corporateNumber,
    country: patch.country ?? current.country,
    contactName: patch.contactName !== undefined ? patch.contactName : current.contactName,
    contactEmail: patch.contactEmail !== undefined ? (patch.contactEmail?.toLowerCase() ?? null) : current.contactEmail,
    services: patch.services !== undefined ? patch.services : current.services,
    dataCategories: patch.dataCategories ?? current.dataCategories,
    handlesSpecialCare: patch.handlesSpecialCare ?? current.handlesSpecialCare,
    handlesPaymentData: patch.handlesPaymentData ?? current.handlesPaymentData,
    subjectCount: patch.subjectCount ?? current.subjectCount,
    systemAccess: patch.systemAccess ?? current.systemAccess,
    parentId: patch.parentId !== undefined ? patch.parentId : current.parentId,
    crossBorderBasis: patch.crossBorderBasis !== undefined ? patch.crossBorderBasis : current.crossBorderBasis,
    riskTierOverride: patch.riskTierOverride !== undefined ? patch.riskTierOverride : current.riskTierOverride,
    riskOverrideReason:
      patch.riskOverrideReason !== undefined
        ? patch.riskOverrideReason
        : patch.riskTierOverride === null
          ? null
          : current.riskOverrideReason,
    processingCountries: patch.processingCountries ?? current.processingCountries,
    crossBorderConsent: patch.crossBorderConsent !== undefined ? patch.crossBorderConsent : current.crossBorderConsent,
    countryNotes: patch.countryNotes ?? current.countryNotes,
    reconsignmentApproval:
      patch.reconsignmentApproval !== undefined ? patch.reconsignmentApproval : current.reconsignmentApproval,
    myNumberPermission: patch.myNumberPermission !== undefined ? patch.myNumberPermission : current.myNumberPermission,
  };
  const { profile, errors } = checkProfile(merged);
  if (errors.length) throw invalidFields(errors);
  if (profile.corporateNumber !== current.corporateNumber)
    await checkCorporateNumberFree(ctx, profile.corporateNumber, id);

  const categoriesChanged = profile.dataCategories.join() !== canonicalCategories(current.dataCategories).join();
  // What the parent and the original consignor approved, changed or withdrawn, is checked again.
  const recordChanged =
    JSON.stringify([profile.reconsignmentApproval, profile.myNumberPermission]) !==
    JSON.stringify([current.reconsignmentApproval, current.myNumberPermission]);
  const parentChanged = profile.parentId !== current.parentId;
  if (profile.parentId && (parentChanged || categoriesChanged || recordChanged)) {
    await checkPlacement(ctx, id, profile.parentId, profile.dataCategories, profile);
  }
  if (categoriesChanged) {
    for (const child of await childrenOf(ctx.db, id)) {
      const outside = child.dataCategories.filter((c) => !profile.dataCategories.includes(c));
      if (outside.length) {
        throw new ProblemError(
          409,
          'reconsignment-scope',
          `Sub-contractor ${child.name} handles ${outside.join(', ')}, which this contractor would no longer handle.`,
          [fieldError('dataCategories', 'stillHandledBySub', { name: child.name, categories: outside.join(', ') })],
        );
      }
    }
  }

  const next: ContractorRow = {
    ...current,
    ...profile,
    ...derived(profile),
    updatedAt: ctx.clock.now().toISOString(),
    version: current.version + 1,
  };
  // next_review_due is kept by review changes (below and in the reviews module), never here.
  const { id: _id, createdAt: _c, nextReviewDue: _n, ...changes } = next;
  const follow = await supervisionFollowUps(ctx, current, next);
  next.nextReviewDue = follow.nextReviewDue;
  const before = presentContractor(current, ctx);
  const after = presentContractor(next, ctx);
  try {
    await commitVersioned(
      ctx,
      [
        ...contractorUpdate(ctx.db, id, current.version, changes),
        ...follow.statements,
        ...(profile.parentId && parentChanged ? expectParentOpen(ctx.db, profile.parentId) : []),
        ...expectNextReviewDue(ctx.db, id, next.nextReviewDue),
      ],
      [{ action: 'contractor.update', entityType: 'contractor', entityId: id, before, after }, ...follow.events],
    );
  } catch (err) {
    // A stale write is already the 412 problem, which asRegistryProblem() returns as it is.
    throw await asRegistryProblem(ctx, err, profile.corporateNumber, id);
  }
  return after;
}
