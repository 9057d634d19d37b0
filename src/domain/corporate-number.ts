/**
 * Corporate numbers (法人番号), National Tax Agency: 13 digits, the first a check digit
 * computed from the other twelve (Ordinance on the Corporate Number, Art. 2):
 *   check = 9 − (Σ Pn × Qn mod 9), Pn = n-th digit of the base counted from the right,
 *   Qn = 1 when n is odd, 2 when n is even.
 */
export function corporateCheckDigit(base12: string): number {
  let sum = 0;
  for (let n = 1; n <= 12; n++) {
    const digit = Number(base12[12 - n]);
    sum += digit * (n % 2 === 1 ? 1 : 2);
  }
  return 9 - (sum % 9);
}

/**
 * What people type between groups of digits: spaces, and every dash a Japanese keyboard
 * or a copied PDF produces — ASCII and full-width hyphens (－ becomes - under NFKC), the
 * Unicode hyphens and dashes U+2010…U+2015, the minus sign U+2212 (−), the small hyphen
 * U+FE63, and the katakana prolonged sound mark ー (U+30FC; half-width ｰ becomes it).
 */
const SEPARATORS = /[\s\-\u2010-\u2015\u2212\uFE63\u30FC]/g;

/**
 * Normalises what people type (full-width digits, hyphens, dashes, ー, spaces) to 13
 * ASCII digits, or explains why it is not a corporate number.
 */
export function parseCorporateNumber(
  input: string,
): { ok: true; value: string } | { ok: false; reason: 'digits' | 'checkDigit' } {
  const value = input.normalize('NFKC').replace(SEPARATORS, '');
  if (!/^\d{13}$/.test(value)) return { ok: false, reason: 'digits' };
  if (Number(value[0]) !== corporateCheckDigit(value.slice(1))) {
    return { ok: false, reason: 'checkDigit' };
  }
  return { ok: true, value };
}
