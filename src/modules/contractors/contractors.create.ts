import type { ServiceContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { staleWrite } from '../../platform/concurrency';
import { isStaleWrite } from '../../platform/db';
import { newId } from '../../platform/ids';
import { invalidFields } from '../../platform/problem';
import { supervisionFollowUps } from '../reviews/reviews.automation';
import { expectParentOpen } from './contractors.chain.repo';
import { asRegistryProblem, checkCorporateNumberFree, checkPlacement, parentTerminated } from './contractors.conflicts';
import { type ContractorView, presentContractor } from './contractors.present';
import { checkProfile, newContractorRow, profileFromInput } from './contractors.profile';
import { findContractor, insertContractor } from './contractors.repo';
import type { CreateContractorInput } from './contractors.schemas';

export async function createContractor(ctx: ServiceContext, input: CreateContractorInput): Promise<ContractorView> {
  const { profile, errors } = checkProfile(profileFromInput(input));
  if (errors.length) throw invalidFields(errors);
  await checkCorporateNumberFree(ctx, profile.corporateNumber, null);
  if (profile.parentId) await checkPlacement(ctx, null, profile.parentId, profile.dataCategories, profile);
  const row = newContractorRow(profile, newId(), ctx.clock.now().toISOString());
  const follow = await supervisionFollowUps(ctx, null, row);
  // Stored as the unit leaves it, so the event records what is committed.
  row.nextReviewDue = follow.nextReviewDue;
  const view = presentContractor(row, ctx);
  try {
    await writeAudited(
      ctx,
      [
        insertContractor(ctx.db, row),
        ...follow.statements,
        ...(row.parentId ? expectParentOpen(ctx.db, row.parentId) : []),
      ],
      [{ action: 'contractor.create', entityType: 'contractor', entityId: row.id, after: view }, ...follow.events],
    );
  } catch (err) {
    if (isStaleWrite(err) && row.parentId) {
      // The parent's chain was terminated between the check and the commit.
      const parent = await findContractor(ctx.db, row.parentId);
      throw parent?.status === 'terminated' ? parentTerminated(parent.name) : staleWrite();
    }
    throw await asRegistryProblem(ctx, err, profile.corporateNumber, null);
  }
  return view;
}
