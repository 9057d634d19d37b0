import { Buffer } from 'node:buffer';
import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/**
 * Password hashes: scrypt from `node:crypto`, which Node and Workers (`nodejs_compat`)
 * both provide with the same bytes. The parameters are the OWASP Password Storage Cheat
 * Sheet's scrypt setting that fits a Workers isolate (N=2^14, r=8, p=5: 16 MiB of memory;
 * N=2^17 would need 128 MiB, the whole isolate). They are stored in each hash, so they can
 * be raised later without locking anyone out: a hash made with older ones still verifies.
 *
 * Format: `$scrypt$ln=14,r=8,p=5$<salt>$<key>` (base64, no padding), PHC-style.
 */

export interface ScryptParams {
  /** log2 of the cost N. */
  ln: number;
  r: number;
  p: number;
}

export const PASSWORD_PARAMS: ScryptParams = { ln: 14, r: 8, p: 5 };

const SALT_BYTES = 16;
const KEY_BYTES = 32;
const FORMAT = /^\$scrypt\$ln=(\d{1,2}),r=(\d{1,2}),p=(\d{1,2})\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/;

/** scrypt needs 128·N·r bytes (and a little more); Node's default limit of 32 MiB is too small for some settings. */
const maxmem = (q: ScryptParams) => 256 * 2 ** q.ln * q.r + 16 * 1024 * 1024;

/** Stored parameters outside these bounds are refused: no stored value may make a check take minutes. */
const sane = (q: ScryptParams) => q.ln >= 10 && q.ln <= 20 && q.r >= 1 && q.r <= 32 && q.p >= 1 && q.p <= 16;

/**
 * Unicode text is compared as NFKC, so a password typed with full-width letters on one
 * keyboard and half-width on another (IME settings differ) is the same password.
 */
export const normalizePassword = (password: string): string => password.normalize('NFKC');

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64').replace(/=+$/, '');

function derive(password: string, salt: Uint8Array, q: ScryptParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(
      normalizePassword(password),
      salt,
      KEY_BYTES,
      { N: 2 ** q.ln, r: q.r, p: q.p, maxmem: maxmem(q) },
      (err, key) => (err ? reject(err) : resolve(key)),
    );
  });
}

/** A new hash of the password with a random salt, in the format above. */
export async function hashPassword(password: string, q: ScryptParams = PASSWORD_PARAMS): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await derive(password, salt, q);
  return `$scrypt$ln=${q.ln},r=${q.r},p=${q.p}$${b64(salt)}$${b64(key)}`;
}

/** Whether the password matches the stored hash; a malformed hash matches nothing. Compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = FORMAT.exec(stored);
  if (!m) return false;
  const q = { ln: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  if (!sane(q)) return false;
  const expected = Buffer.from(m[5] ?? '', 'base64');
  const key = await derive(password, Buffer.from(m[4] ?? '', 'base64'), q);
  return key.length === expected.length && timingSafeEqual(key, expected);
}

/** Whether a stored hash was made with weaker parameters than today's (to re-hash at the next sign-in). */
export function needsRehash(stored: string): boolean {
  const m = FORMAT.exec(stored);
  if (!m) return true;
  return Number(m[1]) < PASSWORD_PARAMS.ln || Number(m[2]) < PASSWORD_PARAMS.r || Number(m[3]) < PASSWORD_PARAMS.p;
}

/**
 * A hash of no password anyone knows, verified when the account does not exist or has no
 * password, so that a sign-in takes as long whether the address is known or not.
 */
let decoy: Promise<string> | undefined;
export const decoyHash = (): Promise<string> => {
  decoy ??= hashPassword(b64(randomBytes(24)));
  return decoy;
};
