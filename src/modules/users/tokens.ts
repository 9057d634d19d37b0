import { and, eq, isNull, type SQL } from 'drizzle-orm';
import { apiTokens, type tokenKinds, users } from '../../../db/schema';
import type { AuthLookup } from '../../platform/auth';
import { randomToken, sha256Hex } from '../../platform/crypto';
import { type Db, type Statement, stablePlaceholder } from '../../platform/db';
import { newId } from '../../platform/ids';

/**
 * Bearer secrets in `api_tokens`, one row per token: API tokens (`api`, sent as
 * `Authorization: Bearer`) and calendar feed tokens (`feed`, only `?token=` on the
 * calendar). A token is 32 random bytes shown once; only its SHA-256 is stored. Each kind
 * has its own prefix, so that a leaked token is recognisable in scans, and a lookup of
 * one kind never accepts the other.
 */
export type TokenKind = (typeof tokenKinds)[number];

export const TOKEN_PREFIXES: Record<TokenKind, string> = { api: 'itk', feed: 'itkf' };

export interface IssuedToken {
  id: string;
  /** The token itself: returned to its owner once, never stored. */
  token: string;
  /** The row's INSERT, to run in the caller's audited unit. */
  insert: Statement;
}

/** A new token row for the user (`token` only for a preset secret such as ITAKU_ADMIN_TOKEN). */
export async function issueTokenRow(
  db: Db,
  row: { userId: string; kind: TokenKind; now: string; token?: string },
): Promise<IssuedToken> {
  const token = row.token ?? randomToken(TOKEN_PREFIXES[row.kind]);
  const id = newId();
  const tokenHash = await sha256Hex(token);
  return {
    id,
    token,
    insert: db.insert(apiTokens).values({ id, userId: row.userId, kind: row.kind, tokenHash, createdAt: row.now }),
  };
}

/** The user's tokens not yet revoked: of one kind, or all of them. */
const liveTokensOf = (userId: string, kind?: TokenKind): SQL | undefined =>
  and(eq(apiTokens.userId, userId), kind ? eq(apiTokens.kind, kind) : undefined, isNull(apiTokens.revokedAt));

export const revokeLiveTokens = (db: Db, userId: string, now: string, kind?: TokenKind): Statement =>
  db.update(apiTokens).set({ revokedAt: now }).where(liveTokensOf(userId, kind));

export async function liveTokenIds(db: Db, userId: string, kind: TokenKind): Promise<string[]> {
  const rows = await db.select({ id: apiTokens.id }).from(apiTokens).where(liveTokensOf(userId, kind)).all();
  return rows.map((r) => r.id);
}

function prepareLookup(db: Db) {
  return db
    .select({ id: users.id, name: users.name, role: users.role })
    .from(apiTokens)
    .innerJoin(users, eq(users.id, apiTokens.userId))
    .where(
      and(
        // Every value bound as `+?` (see stablePlaceholder): a value bound to an indexed
        // column would otherwise make SQLite plan the lookup again at every request.
        eq(apiTokens.tokenHash, stablePlaceholder('hash')),
        eq(apiTokens.kind, stablePlaceholder('kind')),
        isNull(apiTokens.revokedAt),
        // A deactivated user's tokens stop working at once, even before they are revoked.
        eq(users.active, stablePlaceholder('active')),
      ),
    )
    .prepare();
}

function createLookup(db: Db, kind: TokenKind): AuthLookup {
  let query: ReturnType<typeof prepareLookup> | undefined;
  // token → hash only: revocation is still checked in the database on every request.
  const hashes = new Map<string, string>();
  return async (token) => {
    query ??= prepareLookup(db);
    let hash = hashes.get(token);
    if (hash === undefined) {
      hash = await sha256Hex(token);
      if (hashes.size >= 1000) hashes.clear();
      hashes.set(token, hash);
    }
    return (await query.get({ hash, kind, active: 1 })) ?? undefined;
  };
}

// One lookup per database handle (one per app on both runtimes) and kind.
const lookups = new WeakMap<Db, Partial<Record<TokenKind, AuthLookup>>>();

/**
 * The user a live token of this kind belongs to. The hot path of every request: the query
 * is prepared once per database handle, on first use, and reused.
 */
export function tokenLookup(db: Db, kind: TokenKind = 'api'): AuthLookup {
  let byKind = lookups.get(db);
  if (!byKind) {
    byKind = {};
    lookups.set(db, byKind);
  }
  byKind[kind] ??= createLookup(db, kind);
  return byKind[kind];
}
