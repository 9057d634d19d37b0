/**
 * Why a single sign-on did not sign anybody in. Each reason is shown to the person in
 * their language (src/web/i18n/areas/sso.ts) with its own status: none of them is a
 * fault of itaku, so none is a 500.
 */
export const refusalStatus = {
  /** The provider answered with an error (the person cancelled, or was not allowed). */
  'provider-refused': 403,
  /** No sealed flow in this browser, or another state: expired, started elsewhere, or forged. */
  'flow-invalid': 400,
  /** The provider refused the code (already used, or not issued for this sign-in) or the ID token did not verify. */
  'exchange-failed': 400,
  /** The provider could not be reached, or answered what no provider should. */
  'provider-unavailable': 502,
  /** The provider gave no e-mail address, or did not vouch for it. */
  'email-unverified': 403,
  /** Nobody in itaku has this e-mail address, and first sign-ins do not create users. */
  'unknown-user': 403,
  /** The user was deactivated. */
  'user-inactive': 403,
} as const;

export type RefusalReason = keyof typeof refusalStatus;

export class SsoRefusal extends Error {
  readonly status: number;

  constructor(
    readonly reason: RefusalReason,
    /** The e-mail address the provider vouched for, when the refusal is about the person. */
    readonly email?: string,
    /** The provider's error code (`access_denied`), when it sent one. */
    readonly providerError?: string,
  ) {
    super(`single sign-on refused: ${reason}`);
    this.name = 'SsoRefusal';
    this.status = refusalStatus[reason];
  }
}
