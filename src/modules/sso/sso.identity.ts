import { z } from '@hono/zod-openapi';
import { singleLineText } from '../../platform/text';

/** Who the provider says signed in, as far as itaku uses it. */
export interface SsoIdentity {
  /** Lower-cased: addresses are matched without regard to case. */
  email: string;
  /** A display name for a user created on first sign-in. */
  name: string;
}

const Email = z.email().max(254);
const Name = singleLineText({ min: 1, max: 100 });

/**
 * Whether the provider vouches for the address (OpenID Connect Core §5.1 `email_verified`).
 * Microsoft Entra ID sends no `email_verified` for work accounts, and its `email` is
 * whatever an administrator typed; its optional claim `xms_edov` ("e-mail domain owner
 * verified") says the address is in a domain the tenant has proven it owns. It counts
 * only when `email_verified` is absent altogether: an explicit `false` is never
 * overridden. Nothing else counts, `preferred_username` included (in Entra ID it is a
 * sign-in name, not a mailbox anybody verified), since the address alone decides which
 * itaku user this is.
 */
export function vouchedFor(claims: Record<string, unknown>): boolean {
  if (claims.email_verified === true) return true;
  return claims.email_verified === undefined && claims.xms_edov === true;
}

/**
 * The identity in a set of claims (the ID token's, or the UserInfo response's), or null
 * when it carries no e-mail address the provider vouches for.
 */
export function identityOf(claims: Record<string, unknown>): SsoIdentity | null {
  const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
  if (!Email.safeParse(email).success || !vouchedFor(claims)) return null;
  const name = Name.safeParse(typeof claims.name === 'string' ? claims.name.trim() : '');
  return { email, name: name.success ? name.data : email };
}

/** Whether the claims name an e-mail address at all (else the UserInfo endpoint is asked). */
export const hasEmail = (claims: Record<string, unknown>): boolean => typeof claims.email === 'string';
