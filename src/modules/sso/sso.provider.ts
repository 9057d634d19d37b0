import type * as Oidc from 'openid-client';
import type { OidcConfig } from '../../platform/config';
import type { Logger } from '../../platform/logger';
import { FLOW_SECONDS, type OidcFlow } from './sso.flow';
import { hasEmail, identityOf, type SsoIdentity } from './sso.identity';
import { SsoRefusal } from './sso.refusal';

/**
 * The conversation with the one configured OpenID provider, through openid-client (panva;
 * OpenID-certified relying party, on Web Crypto and fetch only, so it runs on Node and on
 * Workers alike): authorization code flow with PKCE (S256), `state` and `nonce`. The
 * client checks the ID token's issuer, audience, times and nonce, and the issuer of the
 * authorization response (RFC 9207) when the provider sends it.
 */

const SCOPE = 'openid email profile';
/** How long itaku waits for the provider on each request, in seconds. */
const TIMEOUT_SECONDS = 10;
/** Provider metadata is read again after this long, so a changed configuration is picked up. */
const METADATA_MS = 3_600_000;

/** openid-client (with jose and oauth4webapi) is loaded by the first sign-in, not at start. */
type OidcModule = typeof Oidc;
const loadOidc = (): Promise<OidcModule> => import('openid-client');

/**
 * Plain HTTP is allowed only to an issuer on this machine (a test or development
 * provider); everything else must be HTTPS, as openid-client insists by default.
 */
export function isLoopbackHttp(issuer: URL): boolean {
  return issuer.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(issuer.hostname);
}

const discovered = new WeakMap<OidcConfig, { at: number; config: Promise<Oidc.Configuration> }>();

/** The provider's metadata and this client, discovered once per configuration and kept for an hour. */
function clientConfiguration(oidc: OidcModule, settings: OidcConfig, nowMs: number): Promise<Oidc.Configuration> {
  const cached = discovered.get(settings);
  if (cached && nowMs - cached.at < METADATA_MS) return cached.config;
  const issuer = new URL(settings.issuer);
  const config = oidc.discovery(
    issuer,
    settings.clientId,
    undefined,
    // A confidential client sends its secret as HTTP Basic, OpenID Connect's default
    // method, which Entra ID and Google both accept; without a secret, PKCE alone.
    settings.clientSecret ? oidc.ClientSecretBasic(settings.clientSecret) : oidc.None(),
    { timeout: TIMEOUT_SECONDS, execute: isLoopbackHttp(issuer) ? [oidc.allowInsecureRequests] : [] },
  );
  discovered.set(settings, { at: nowMs, config });
  // A provider that was down is asked again by the next sign-in.
  config.catch(() => {
    if (discovered.get(settings)?.config === config) discovered.delete(settings);
  });
  return config;
}

const errorText = (err: unknown) => (err instanceof Error ? `${err.name}: ${err.message}` : String(err));

async function configurationOrRefusal(oidc: OidcModule, settings: OidcConfig, logger: Logger, nowMs: number) {
  try {
    return await clientConfiguration(oidc, settings, nowMs);
  } catch (err) {
    // The operator's problem (wrong issuer, provider down), not the person's: logged for them.
    logger.error('OpenID provider discovery failed', { issuer: settings.issuer, error: errorText(err) });
    throw new SsoRefusal('provider-unavailable');
  }
}

/** Where to send the browser, and the flow to seal into its cookie. */
export async function beginSignIn(
  settings: OidcConfig,
  logger: Logger,
  request: { redirectUri: string; next: string; nowMs: number },
): Promise<{ url: string; flow: OidcFlow }> {
  const oidc = await loadOidc();
  const config = await configurationOrRefusal(oidc, settings, logger, request.nowMs);
  const flow: OidcFlow = {
    state: oidc.randomState(),
    nonce: oidc.randomNonce(),
    codeVerifier: oidc.randomPKCECodeVerifier(),
    next: request.next,
    redirectUri: request.redirectUri,
    expiresAt: request.nowMs + FLOW_SECONDS * 1000,
  };
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: flow.redirectUri,
    scope: SCOPE,
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(flow.codeVerifier),
    code_challenge_method: 'S256',
    state: flow.state,
    nonce: flow.nonce,
  });
  return { url: url.href, flow };
}

/** Status codes of a provider that is failing, not refusing: its token endpoint is down or confused. */
const UNAVAILABLE_CODES = new Set(['OAUTH_RESPONSE_IS_NOT_CONFORM', 'OAUTH_RESPONSE_IS_NOT_JSON']);

/** What went wrong talking to the provider, as the refusal the person sees. */
function refusalFor(oidc: OidcModule, err: unknown, logger: Logger): SsoRefusal {
  if (err instanceof SsoRefusal) return err;
  if (err instanceof oidc.AuthorizationResponseError) {
    // Only a plain error code is shown back; the provider's description is not (anyone can put text in a URL).
    const code = /^[a-z_]{1,64}$/.test(err.error) ? err.error : undefined;
    return new SsoRefusal('provider-refused', undefined, code);
  }
  if (err instanceof oidc.ResponseBodyError) {
    logger.warn('OpenID provider refused the code exchange', { error: err.error, status: err.status });
    return new SsoRefusal(err.status >= 500 ? 'provider-unavailable' : 'exchange-failed');
  }
  if (err instanceof oidc.ClientError && !UNAVAILABLE_CODES.has(err.code ?? '')) {
    logger.warn('OpenID provider response did not verify', { code: err.code, error: err.message });
    return new SsoRefusal('exchange-failed');
  }
  // fetch failures and time-outs (TypeError, AbortError, TimeoutError) and failing endpoints.
  logger.error('OpenID provider unavailable', { error: errorText(err) });
  return new SsoRefusal('provider-unavailable');
}

/**
 * Completes the sign-in the provider sent the browser back from: checks the state against
 * the sealed flow, exchanges the code with the PKCE verifier, verifies the ID token with
 * the nonce, and reads the verified e-mail address (from the ID token, else from the
 * UserInfo endpoint, whose subject must be the ID token's).
 */
export async function finishSignIn(
  settings: OidcConfig,
  logger: Logger,
  flow: OidcFlow,
  callback: URLSearchParams,
  nowMs: number,
): Promise<SsoIdentity> {
  // Checked here first, so that a forged callback never reaches the provider.
  if (callback.get('state') !== flow.state) throw new SsoRefusal('flow-invalid');
  const oidc = await loadOidc();
  const config = await configurationOrRefusal(oidc, settings, logger, nowMs);
  // The code exchange repeats the redirect URI exactly as the authorization request named it.
  const current = new URL(flow.redirectUri);
  current.search = callback.toString();
  try {
    const tokens = await oidc.authorizationCodeGrant(config, current, {
      pkceCodeVerifier: flow.codeVerifier,
      expectedState: flow.state,
      expectedNonce: flow.nonce,
      idTokenExpected: true,
    });
    const idClaims = tokens.claims();
    if (!idClaims) throw new SsoRefusal('exchange-failed');
    let claims: Record<string, unknown> = idClaims;
    if (!hasEmail(idClaims) && config.serverMetadata().userinfo_endpoint) {
      claims = await oidc.fetchUserInfo(config, tokens.access_token, idClaims.sub);
    }
    const identity = identityOf(claims);
    if (!identity) {
      const email = typeof claims.email === 'string' ? claims.email : undefined;
      throw new SsoRefusal('email-unverified', email);
    }
    return identity;
  } catch (err) {
    throw refusalFor(oidc, err, logger);
  }
}
