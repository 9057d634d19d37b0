import type { Keys } from '../../platform/keys';

/**
 * What the browser carries between leaving for the identity provider and coming back:
 * the OAuth `state`, the OpenID `nonce`, the PKCE `code_verifier`, where to go afterwards
 * and the redirect URI the request named (the code exchange must repeat it exactly).
 *
 * Kept in a cookie, sealed with AES-256-GCM under a key of its own, rather than in a table:
 * - sealed, not only signed: the verifier is the proof that this browser started the
 *   sign-in (RFC 7636), so it is never readable from the cookie, in a proxy's log or in
 *   the browser's cookie store; and the browser cannot choose any of the values;
 * - stateless, so both runtimes (Node and Workers, any isolate) accept the callback
 *   without a store shared between them, and an abandoned sign-in leaves nothing behind;
 * - bound to this browser: the `state` that comes back must equal the one sealed here,
 *   so a callback address sent by someone else (login CSRF) is refused;
 * - short-lived (ten minutes, checked here and not only by the cookie's Max-Age) and
 *   used once: the callback clears the cookie before anything else, and the provider
 *   refuses a second exchange of the same code (RFC 6749 §4.1.2).
 */
export interface OidcFlow {
  state: string;
  nonce: string;
  codeVerifier: string;
  next: string;
  redirectUri: string;
  /** When the sealed flow stops being accepted, in milliseconds since the epoch. */
  expiresAt: number;
}

export const FLOW_SECONDS = 600;

/** Bound as associated data: a ciphertext made for anything else never opens as a flow. */
const CONTEXT = 'itaku oidc flow v1';
/** The longest sealed value accepted; a genuine one is about 500 characters. */
const MAX_SEALED = 4096;

const encoder = new TextEncoder();
type SubtleKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

/**
 * A key of its own for the flow cookie, derived as HMAC(audit key, label), as the sign-in
 * form's key is (src/web/login-csrf.ts): the audit chain only ever MACs JSON arrays, so
 * the label collides with nothing it seals, and the derived key reveals nothing of it.
 */
const flowKeys = new WeakMap<Keys, Promise<SubtleKey>>();
function flowKey(keys: Keys): Promise<SubtleKey> {
  let key = flowKeys.get(keys);
  if (!key) {
    key = crypto.subtle
      .sign('HMAC', keys.audit, encoder.encode('itaku oidc flow cookie key v1'))
      .then((raw) => crypto.subtle.importKey('raw', raw, { name: 'AES-GCM' }, false, ['encrypt', 'decrypt']));
    flowKeys.set(keys, key);
  }
  return key;
}

const toBase64Url = (bytes: Uint8Array): string => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
};

const fromBase64Url = (text: string): Uint8Array =>
  Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0));

/** The flow as a cookie value: `<iv>.<ciphertext+tag>`, base64url (no character a cookie refuses). */
export async function sealFlow(keys: Keys, flow: OidcFlow): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(CONTEXT) },
    await flowKey(keys),
    encoder.encode(JSON.stringify(flow)),
  );
  return `${toBase64Url(iv)}.${toBase64Url(new Uint8Array(sealed))}`;
}

const isFlow = (v: unknown): v is OidcFlow => {
  if (typeof v !== 'object' || v === null) return false;
  const f = v as Record<string, unknown>;
  return (
    ['state', 'nonce', 'codeVerifier', 'next', 'redirectUri'].every((k) => typeof f[k] === 'string') &&
    typeof f.expiresAt === 'number'
  );
};

/** The flow sealed in the cookie, or null when it is missing, altered, made under another key, or expired. */
export async function openFlow(keys: Keys, sealed: string | undefined, nowMs: number): Promise<OidcFlow | null> {
  if (!sealed || sealed.length > MAX_SEALED) return null;
  const [iv, body, extra] = sealed.split('.');
  if (!iv || !body || extra !== undefined) return null;
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv: fromBase64Url(iv), additionalData: encoder.encode(CONTEXT) },
      await flowKey(keys),
      fromBase64Url(body),
    );
    const flow: unknown = JSON.parse(new TextDecoder().decode(plain));
    return isFlow(flow) && flow.expiresAt > nowMs ? flow : null;
  } catch {
    // Not base64, not ours, or tampered with: the tag does not verify.
    return null;
  }
}
