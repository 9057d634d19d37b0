import type { RequestContext } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { issueTokenRow, liveTokenIds, revokeLiveTokens } from '../users/tokens';
import { liveFeedToken } from './feed-tokens.repo';

/**
 * Calendar feed tokens: calendar clients cannot send headers, so they subscribe to a URL
 * with `?token=`. A feed token is a separate secret from the API token (kind `feed` in
 * `api_tokens`, its own `itkf_` prefix so a leaked one is recognisable): it only reads
 * `GET /calendar.ics`, and the bearer lookup (users/tokens.ts tokenLookup) never accepts it.
 * As with API tokens, only the SHA-256 is stored and the token is shown once.
 */
export const CALENDAR_PATH = '/api/v1/calendar.ics';

/** The subscription URL: absolute with ITAKU_PUBLIC_URL, else path-only for the client to resolve. */
export function feedUrl(publicUrl: string | undefined, token: string): string {
  const base = publicUrl ? publicUrl.replace(/\/+$/, '') : '';
  return `${base}${CALENDAR_PATH}?token=${encodeURIComponent(token)}`;
}

/** Issues a new feed token for the caller and revokes their previous one in the same unit. */
export async function issueFeedToken(ctx: RequestContext): Promise<{ token: string; url: string }> {
  const userId = ctx.actor.id;
  const now = ctx.clock.now().toISOString();
  const t = await issueTokenRow(ctx.db, { userId, kind: 'feed', now });
  await writeAudited(
    ctx,
    [revokeLiveTokens(ctx.db, userId, now, 'feed'), t.insert],
    [{ action: 'token.rotate', entityType: 'user', entityId: userId, after: { tokenId: t.id, kind: 'feed' } }],
  );
  return { token: t.token, url: feedUrl(ctx.config.publicUrl, t.token) };
}

/** Revokes the caller's feed token; without one this changes (and audits) nothing. */
export async function revokeFeedToken(ctx: RequestContext): Promise<void> {
  const userId = ctx.actor.id;
  const active = await liveTokenIds(ctx.db, userId, 'feed');
  if (active.length === 0) return;
  const now = ctx.clock.now().toISOString();
  await writeAudited(
    ctx,
    [revokeLiveTokens(ctx.db, userId, now, 'feed')],
    [
      {
        action: 'token.revoke',
        entityType: 'user',
        entityId: userId,
        after: { tokenIds: active, kind: 'feed', revokedAt: now },
      },
    ],
  );
}

/** Whether the caller has a live feed token, and since when (the token itself is never shown again). */
export async function feedTokenStatus(ctx: RequestContext): Promise<{ active: boolean; issuedAt: string | null }> {
  const live = await liveFeedToken(ctx.db, ctx.actor.id);
  return { active: live !== undefined, issuedAt: live?.createdAt ?? null };
}
