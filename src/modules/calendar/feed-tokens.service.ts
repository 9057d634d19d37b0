import { and, eq, isNull, sql } from 'drizzle-orm';
import { apiTokens, users } from '../../../db/schema';
import type { Actor, RequestContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { randomToken, sha256Hex } from '../../platform/crypto';
import type { Db } from '../../platform/db';
import { newId } from '../../platform/ids';

/**
 * Calendar feed tokens: calendar clients cannot send headers, so they subscribe to a URL
 * with `?token=`. A feed token is a separate secret from the API token (kind `feed` in
 * `api_tokens`, its own `itkf_` prefix so a leaked one is recognisable): it only reads
 * `GET /calendar.ics`, and the bearer lookup (users.service tokenLookup) never accepts it.
 * As with API tokens, only the SHA-256 is stored and the token is shown once.
 */
export const FEED_TOKEN_PREFIX = 'itkf';
export const CALENDAR_PATH = '/api/v1/calendar.ics';

/** The subscription URL: absolute with ITAKU_PUBLIC_URL, else path-only for the client to resolve. */
export function feedUrl(publicUrl: string | undefined, token: string): string {
  const base = publicUrl ? publicUrl.replace(/\/+$/, '') : '';
  return `${base}${CALENDAR_PATH}?token=${encodeURIComponent(token)}`;
}

const activeFeedTokensOf = (userId: string) =>
  and(eq(apiTokens.userId, userId), eq(apiTokens.kind, 'feed'), isNull(apiTokens.revokedAt));

/** Issues a new feed token for the caller and revokes their previous one in the same unit. */
export async function issueFeedToken(ctx: RequestContext): Promise<{ token: string; url: string }> {
  const userId = ctx.actor.id;
  const now = ctx.clock.now().toISOString();
  const token = randomToken(FEED_TOKEN_PREFIX);
  const id = newId();
  await writeAudited(
    ctx,
    [
      ctx.db.update(apiTokens).set({ revokedAt: now }).where(activeFeedTokensOf(userId)),
      ctx.db.insert(apiTokens).values({ id, userId, kind: 'feed', tokenHash: await sha256Hex(token), createdAt: now }),
    ],
    [{ action: 'token.rotate', entityType: 'user', entityId: userId, after: { tokenId: id, kind: 'feed' } }],
  );
  return { token, url: feedUrl(ctx.config.publicUrl, token) };
}

/** Revokes the caller's feed token; without one this changes (and audits) nothing. */
export async function revokeFeedToken(ctx: RequestContext): Promise<void> {
  const userId = ctx.actor.id;
  const active = await ctx.db.select({ id: apiTokens.id }).from(apiTokens).where(activeFeedTokensOf(userId)).all();
  if (active.length === 0) return;
  const now = ctx.clock.now().toISOString();
  await writeAudited(
    ctx,
    [ctx.db.update(apiTokens).set({ revokedAt: now }).where(activeFeedTokensOf(userId))],
    [
      {
        action: 'token.revoke',
        entityType: 'user',
        entityId: userId,
        after: { tokenIds: active.map((t) => t.id), kind: 'feed', revokedAt: now },
      },
    ],
  );
}

function prepareFeedLookup(db: Db) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(eq(apiTokens.tokenHash, sql.placeholder('hash')), eq(apiTokens.kind, 'feed'), isNull(apiTokens.revokedAt)),
    )
    .prepare();
}

// Prepared once per database handle (one per app on both runtimes), like the bearer lookup.
const lookups = new WeakMap<Db, ReturnType<typeof prepareFeedLookup>>();

/** The user a feed token belongs to, when it is a live feed token; API tokens never match. */
export async function feedTokenUser(db: Db, token: string): Promise<Actor | undefined> {
  let query = lookups.get(db);
  if (!query) {
    query = prepareFeedLookup(db);
    lookups.set(db, query);
  }
  return (await query.get({ hash: await sha256Hex(token) })) ?? undefined;
}
