import { and, desc, eq, isNull } from 'drizzle-orm';
import { apiTokens } from '../../../db/schema';
import type { Db } from '../../platform/db';

/** The user's live feed token (its id and when it was issued), or undefined when none is. */
export async function liveFeedToken(db: Db, userId: string): Promise<{ id: string; createdAt: string } | undefined> {
  return db
    .select({ id: apiTokens.id, createdAt: apiTokens.createdAt })
    .from(apiTokens)
    .where(and(eq(apiTokens.userId, userId), eq(apiTokens.kind, 'feed'), isNull(apiTokens.revokedAt)))
    .orderBy(desc(apiTokens.createdAt))
    .limit(1)
    .get();
}
