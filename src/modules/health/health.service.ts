import type { ServiceContext } from '../../platform/app-env';
import { pingDatabase } from './health.repo';

/** Ready once the database answers (it is migrated before the app serves requests). No one signs in for it. */
export async function checkReady(ctx: Pick<ServiceContext, 'db'>): Promise<{ status: 'ok' }> {
  await pingDatabase(ctx.db);
  return { status: 'ok' };
}
