import type { ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { newId } from '../../platform/ids';
import { invalidFields } from '../../platform/problem';
import { supervisionFollowUps } from '../reviews/reviews.automation';
import { asRegistryProblem, checkCorporateNumberFree, checkPlacement } from './contractors.conflicts';
import { type ContractorView, presentContractor } from './contractors.present';
import { checkProfile, newContractorRow, profileFromInput } from './contractors.profile';
import { insertContractor } from './contractors.repo';
import type { CreateContractorInput } from './contractors.schemas';

export async function createContractor(ctx: ServiceContext, input: CreateContractorInput): Promise<ContractorView> {
  const { profile, errors } = checkProfile(profileFromInput(input));
  if (errors.length) throw invalidFields(errors);
  await checkCorporateNumberFree(ctx, profile.corporateNumber, null);
  if (profile.parentId) await checkPlacement(ctx, null, profile.parentId, profile.dataCategories);
  const row = newContractorRow(profile, newId(), ctx.clock.now().toISOString());
  const follow = await supervisionFollowUps(ctx, null, row);
  // Stored as the unit leaves it, so the event records what is committed.
  row.nextReviewDue = follow.nextReviewDue;
  const view = presentContractor(row, ctx);
  try {
    await writeAudited(
      ctx,
      [insertContractor(ctx.db, row), ...follow.statements],
      [{ action: 'contractor.create', entityType: 'contractor', entityId: row.id, after: view }, ...follow.events],
    );
  } catch (err) {
    throw await asRegistryProblem(ctx, err, profile.corporateNumber, null);
  }
  return view;
}
