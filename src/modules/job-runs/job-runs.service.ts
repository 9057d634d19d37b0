import type { ServiceContext } from '../../platform/app-env';
import { decodeCursor } from '../../platform/cursor';
import { keysetPage } from '../../platform/keyset';
import { jobRunsPage } from './job-runs.repo';

/** Every run of a scheduled or requested job, newest first. */
export async function listJobRuns(ctx: ServiceContext, q: { limit: number; cursor?: string }) {
  const before = decodeCursor<[string, string]>(q.cursor, ['string', 'string']);
  const rows = await jobRunsPage(ctx.db, { before, limit: q.limit + 1 });
  return keysetPage(rows, q.limit, (r) => [r.startedAt, r.id]);
}
