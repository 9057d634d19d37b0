import { scryptSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { passwordProblems } from '../../src/modules/users/password-rules';
import { hashPassword, needsRehash, PASSWORD_PARAMS, verifyPassword } from '../../src/platform/password';

const FORMAT = /^\$scrypt\$ln=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9+/]{22})\$([A-Za-z0-9+/]{43})$/;

describe('password hashes', () => {
  it('uses an OWASP scrypt setting, stores it in the hash, and salts each hash anew', async () => {
    const a = await hashPassword('correct horse battery staple');
    const b = await hashPassword('correct horse battery staple');
    const m = FORMAT.exec(a);
    expect(m?.slice(1, 4).map(Number)).toEqual([14, 8, 5]);
    // OWASP Password Storage Cheat Sheet: N=2^14 (ln 14), r=8, p=5 is one of its equivalent settings.
    expect(2 ** PASSWORD_PARAMS.ln * PASSWORD_PARAMS.r * 128).toBe(16 * 1024 * 1024);
    expect(a).not.toBe(b);
    expect(FORMAT.exec(b)?.[4]).not.toBe(m?.[4]);
  });

  it('is scrypt itself: the stored key is what node:crypto derives from the salt and parameters', async () => {
    const stored = await hashPassword('a long enough passphrase');
    const m = FORMAT.exec(stored);
    const salt = Buffer.from(m?.[4] ?? '', 'base64');
    const key = scryptSync('a long enough passphrase', salt, 32, { N: 2 ** 14, r: 8, p: 5, maxmem: 64 * 1024 * 1024 });
    expect(key.toString('base64').replace(/=+$/, '')).toBe(m?.[5]);
  });

  it('verifies the right password only', async () => {
    const stored = await hashPassword('正しいパスワードです、長めに');
    expect(await verifyPassword('正しいパスワードです、長めに', stored)).toBe(true);
    expect(await verifyPassword('正しいパスワードです、長めに ', stored)).toBe(false);
    expect(await verifyPassword('', stored)).toBe(false);
  });

  it('treats full-width and half-width letters as the same password (NFKC)', async () => {
    const stored = await hashPassword('ｐａｓｓｐｈｒａｓｅ ２０２６ ｓｐｒｉｎｇ');
    expect(await verifyPassword('passphrase 2026 spring', stored)).toBe(true);
  });

  it('verifies hashes made with other parameters, and says they need re-hashing', async () => {
    const older = await hashPassword('kept from an older setting', { ln: 12, r: 8, p: 1 });
    expect(await verifyPassword('kept from an older setting', older)).toBe(true);
    expect(needsRehash(older)).toBe(true);
    expect(needsRehash(await hashPassword('made with today’s setting'))).toBe(false);
  });

  it.each([
    ['not a hash'],
    [''],
    ['$scrypt$ln=14,r=8,p=5$short$short'],
    // Parameters that would make a check take minutes or gigabytes are refused, not run.
    [`$scrypt$ln=30,r=8,p=5$${'A'.repeat(22)}$${'A'.repeat(43)}`],
    [`$scrypt$ln=14,r=8,p=99$${'A'.repeat(22)}$${'A'.repeat(43)}`],
  ])('matches nothing against a malformed hash %j', async (stored) => {
    expect(await verifyPassword('anything at all here', stored)).toBe(false);
  });
});

describe('password rules', () => {
  const user = { name: 'Hanako Yamada', email: 'hanako.yamada@example.co.jp' };
  const codes = async (p: string) => (await passwordProblems('password', p, user)).map((e) => [e.code, e.params]);

  it.each([
    ['short one', 'passwordTooShort', { min: 12 }],
    ['12345678901', 'passwordTooShort', { min: 12 }],
    // Characters as people count them: 11 kanji are 11, not 33 bytes.
    ['漢字漢字漢字漢字漢字漢', 'passwordTooShort', { min: 12 }],
    ['x'.repeat(257), 'passwordTooLong', { max: 256 }],
    // On zxcvbn's list of common passwords, whatever the case.
    ['qazwsxedcrfv', 'passwordCommon', undefined],
    ['QazWsxEdcRfv', 'passwordCommon', undefined],
    ['1q2w3e4r5t6y', 'passwordCommon', undefined],
    ['leave me alone', 'passwordCommon', undefined],
    // The user's own address, its local part, or name.
    ['Hanako.Yamada@Example.co.jp', 'passwordLikeName', undefined],
    ['hanako.yamada', 'passwordLikeName', undefined],
    ['hanako yamada', 'passwordLikeName', undefined],
  ])('refuses %j (%s)', async (password, code, params) => {
    expect(await codes(password)).toEqual([[code, params]]);
  });

  it.each([['correct horse battery staple'], ['委託先の監査は毎年六月末'], ['x'.repeat(256)], ['twelve chars']])(
    'accepts %j',
    async (password) => {
      expect(await passwordProblems('password', password, user)).toEqual([]);
    },
  );
});
