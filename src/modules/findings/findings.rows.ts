import type { FindingRow } from '../../../db/schema';
import { newId } from '../../platform/ids';
import type { NewFindingInput } from '../reviews/reviews.schemas';

/** A new open finding, recorded on a review's completion or on its own. */
export function newFindingRow(
  f: NewFindingInput,
  owner: { contractorId: string; reviewId: string | null },
  now: string,
): FindingRow {
  return {
    id: newId(),
    reviewId: owner.reviewId,
    contractorId: owner.contractorId,
    severity: f.severity,
    category: f.category,
    description: f.description,
    dueDate: f.dueDate,
    status: 'open',
    resolvedOn: null,
    resolutionNote: null,
    createdAt: now,
    updatedAt: now,
    version: 1,
  };
}
