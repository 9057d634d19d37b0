import { normalizePassword } from '../../platform/password';
import { type FieldError, fieldError } from '../../platform/problem';

/**
 * What a new password must be (NIST SP 800-63B §3.1.1.2, OWASP Authentication Cheat
 * Sheet): long rather than complicated, not a commonly used one, not the user's own
 * name or address. No rules about character classes: they make passwords weaker.
 */
export const PASSWORD_MIN = 12;
/** Long enough for any passphrase; the bound keeps a request from hashing megabytes. */
export const PASSWORD_MAX = 256;

let common: Promise<Set<string>> | undefined;

/**
 * The commonly used passwords of zxcvbn's list (about 49,000, lower case) that are long
 * enough to pass the length rule; shorter ones are refused by it anyway. Loaded on first
 * use: the list is decompressed when its module is evaluated.
 */
function commonPasswords(): Promise<Set<string>> {
  common ??= import('@zxcvbn-ts/language-common').then(
    ({ dictionary }) =>
      new Set(dictionary['passwords-common'].filter((p) => p.length >= PASSWORD_MIN).map((p) => p.toLowerCase())),
  );
  return common;
}

const squash = (v: string) => normalizePassword(v).toLowerCase().replace(/\s+/g, '');

/**
 * The rules a new password breaks, as field errors at `path`: length (in characters, as
 * people count them), the common list (case-insensitive), and being the e-mail address,
 * its local part or the name of the user.
 */
export async function passwordProblems(
  path: string,
  password: string,
  user: { name?: string | null; email?: string | null },
): Promise<FieldError[]> {
  const length = [...normalizePassword(password)].length;
  if (length < PASSWORD_MIN) return [fieldError(path, 'passwordTooShort', { min: PASSWORD_MIN })];
  if (length > PASSWORD_MAX) return [fieldError(path, 'passwordTooLong', { max: PASSWORD_MAX })];
  const typed = squash(password);
  const own = [user.name, user.email, user.email?.split('@')[0]].filter((v): v is string => Boolean(v)).map(squash);
  if (own.includes(typed)) return [fieldError(path, 'passwordLikeName')];
  const list = await commonPasswords();
  // As typed, and with its spaces taken out ("letmein letmein" is no better than "letmeinletmein").
  if (list.has(normalizePassword(password).toLowerCase()) || list.has(typed))
    return [fieldError(path, 'passwordCommon')];
  return [];
}
