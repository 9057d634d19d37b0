import { and, eq, gt, isNull } from 'drizzle-orm';
import { sessions, users } from '../../../db/schema';
import type { Actor, AppDeps } from '../../platform/app-env';

/**
 * The store of browser sessions (only hashes of their ids are kept): created at sign-in,
 * revoked at sign-out, and ended with the user's tokens (see api-tokens.service.ts).
 */

export interface StoredSession {
  idHash: string;
  csrf: string;
  actor: Actor;
}

export async function insertSession(
  deps: AppDeps,
  session: { idHash: string; userId: string; csrf: string; createdAt: string; expiresAt: string },
): Promise<void> {
  await deps.db.insert(sessions).values({
    idHash: session.idHash,
    userId: session.userId,
    csrfToken: session.csrf,
    createdAt: session.createdAt,
    expiresAt: session.expiresAt,
    revokedAt: null,
  });
}

export async function revokeSession(deps: AppDeps, idHash: string): Promise<void> {
  await deps.db.update(sessions).set({ revokedAt: deps.clock.now().toISOString() }).where(eq(sessions.idHash, idHash));
}

/** The session with this id hash and its user, when it is neither revoked nor expired and the user is active. */
export async function findLiveSession(deps: AppDeps, idHash: string): Promise<StoredSession | null> {
  const row = await deps.db
    .select({ idHash: sessions.idHash, csrf: sessions.csrfToken, id: users.id, name: users.name, role: users.role })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(
      and(
        eq(sessions.idHash, idHash),
        isNull(sessions.revokedAt),
        // A deactivated user's sessions end at once, whatever they still hold.
        eq(users.active, true),
        gt(sessions.expiresAt, deps.clock.now().toISOString()),
      ),
    )
    .get();
  return row ? { actor: { id: row.id, name: row.name, role: row.role }, csrf: row.csrf, idHash: row.idHash } : null;
}
