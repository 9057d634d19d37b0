/**
 * The keys that protect what the database alone must not reveal or allow to be forged,
 * all derived (HKDF-SHA-256) from one secret that is never stored in the database
 * (`ITAKU_AUDIT_KEY`, or on Node a key file beside it): whoever copies or edits the
 * database file without that secret can neither recompute the audit chain nor read the
 * webhook secrets. Web Crypto only, so both runtimes derive the same keys.
 */
/** Web Crypto's key type, as both runtimes' typings name it. */
type SubtleKey = Awaited<ReturnType<typeof crypto.subtle.importKey>>;

export interface Keys {
  /** HMAC-SHA-256 key of the audit chain's seals. */
  audit: SubtleKey;
  /**
   * The same HMAC computed synchronously, where the runtime offers it (Node's
   * `createHmac`): sealing then costs no round trip through Web Crypto's job queue.
   */
  auditMacSync?: (text: string) => string;
  /** AES-256-GCM key for secrets stored in the database (webhook signing secrets). */
  secrets: SubtleKey;
}

const encoder = new TextEncoder();

/** The smallest secret accepted: 32 characters, as for the admin token. */
export const MIN_KEY_LENGTH = 32;

/** Builds a synchronous HMAC-SHA-256 (hex) from raw key bytes; Node passes one. */
export type SyncHmacFactory = (rawKey: Uint8Array) => (text: string) => string;

const hkdf = (info: string) => ({
  name: 'HKDF',
  hash: 'SHA-256',
  salt: encoder.encode('itaku'),
  info: encoder.encode(info),
});

export async function deriveKeys(secret: string, syncHmac?: SyncHmacFactory): Promise<Keys> {
  const base = await crypto.subtle.importKey('raw', encoder.encode(secret), 'HKDF', false, ['deriveKey', 'deriveBits']);
  // The audit key's 256 bits, as deriveKey would take them for an HMAC key of that length.
  const auditBits = new Uint8Array(await crypto.subtle.deriveBits(hkdf('itaku audit chain v1'), base, 256));
  const audit = await crypto.subtle.importKey('raw', auditBits, { name: 'HMAC', hash: 'SHA-256' }, false, [
    'sign',
    'verify',
  ]);
  const secrets = await crypto.subtle.deriveKey(
    hkdf('itaku stored secrets v1'),
    base,
    { name: 'AES-GCM', length: 256 },
    false,
    ['encrypt', 'decrypt'],
  );
  return { audit, secrets, auditMacSync: syncHmac?.(auditBits) };
}

const hex = (bytes: ArrayBuffer): string =>
  Array.from(new Uint8Array(bytes), (b) => b.toString(16).padStart(2, '0')).join('');

/** HMAC-SHA-256 of a text under the audit key, as lowercase hex. */
export async function auditMac(keys: Keys, text: string): Promise<string> {
  if (keys.auditMacSync) return keys.auditMacSync(text);
  return hex(await crypto.subtle.sign('HMAC', keys.audit, encoder.encode(text)));
}

const ENCRYPTED_PREFIX = 'enc1:';

const toBase64 = (bytes: Uint8Array): string => {
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary);
};
const fromBase64 = (text: string): Uint8Array => Uint8Array.from(atob(text), (c) => c.charCodeAt(0));

/** True when a stored value is already encrypted by `encryptSecret`. */
export const isEncryptedSecret = (stored: string): boolean => stored.startsWith(ENCRYPTED_PREFIX);

/**
 * Encrypts a secret for storage: `enc1:<iv>:<ciphertext+tag>` (base64), AES-256-GCM with a
 * random 96-bit IV. `context` (e.g. the webhook id) is bound as associated data, so a
 * ciphertext copied onto another row does not decrypt.
 */
export async function encryptSecret(keys: Keys, plain: string, context: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12));
  const sealed = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: encoder.encode(context) },
    keys.secrets,
    encoder.encode(plain),
  );
  return `${ENCRYPTED_PREFIX}${toBase64(iv)}:${toBase64(new Uint8Array(sealed))}`;
}

/** Decrypts what `encryptSecret` stored; throws when the key, the context or the text is wrong. */
export async function decryptSecret(keys: Keys, stored: string, context: string): Promise<string> {
  if (!isEncryptedSecret(stored)) throw new Error('not an encrypted secret');
  const [iv, body] = stored.slice(ENCRYPTED_PREFIX.length).split(':');
  if (!iv || !body) throw new Error('malformed encrypted secret');
  const plain = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64(iv), additionalData: encoder.encode(context) },
    keys.secrets,
    fromBase64(body),
  );
  return new TextDecoder().decode(plain);
}
