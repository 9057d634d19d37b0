import type { ServiceContext } from '../../platform/app-env';
import { listFindings } from '../findings/findings.service';
import type { FindingView } from './reviews.present';
import { countFindingsOfReview, getReviewRow } from './reviews.repo';

/**
 * One page of what a review found, earliest correction due first, with how many there are
 * in all (a review's page shows "1–50 of 120"). An unknown review is a 404, not an empty page.
 */
export async function reviewFindings(
  ctx: ServiceContext,
  reviewId: string,
  q: { limit: number; cursor?: string },
): Promise<{ items: FindingView[]; nextCursor: string | null; total: number }> {
  await getReviewRow(ctx.db, reviewId);
  const [page, total] = await Promise.all([
    listFindings(ctx, { reviewId, limit: q.limit, cursor: q.cursor }),
    countFindingsOfReview(ctx.db, reviewId),
  ]);
  return { ...page, total };
}
