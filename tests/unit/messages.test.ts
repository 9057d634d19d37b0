import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { fieldMessage, fieldMessages, isMessageCode, type MessageCode } from '../../src/i18n/messages';
import { fieldError } from '../../src/platform/problem';
import { fieldErrors } from '../../src/platform/router';
import { multiLineText, singleLineText } from '../../src/platform/text';
import { fieldText } from '../../src/web/i18n/problems';

/** Every parameter a message may name, filled with something recognisable. */
const sample = {
  min: 3,
  max: 7,
  expected: 'string',
  field: 'startDate',
  country: 'US',
  id: 'x1',
  name: 'N',
  categories: 'customers',
  what: 'h',
  detail: 'd',
  cells: 2,
  header: 3,
  row: 4,
  count: 5,
};
const codes = Object.keys(fieldMessages) as MessageCode[];

describe('the field message catalogue', () => {
  it.each(codes)('%s reads in English and in Japanese', (code) => {
    const en = fieldMessage(code, sample, 'en');
    const ja = fieldMessage(code, sample, 'ja');
    expect(en.trim()).not.toBe('');
    expect(ja.trim()).not.toBe('');
    // Japanese text, not the English left in place (csvSyntax quotes the parser's own words).
    expect(ja, code).toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(en, code).not.toMatch(/[\u3040-\u30ff\u4e00-\u9fff]/);
    expect(`${en} ${ja}`).not.toMatch(/undefined|\[object/);
  });

  it('carries the figures a message names into both languages', () => {
    expect(fieldMessage('tooLong', { max: 200 }, 'ja')).toBe('200文字以内で入力してください');
    expect(fieldMessage('tooLong', { max: 200 }, 'en')).toBe('must be at most 200 characters');
    expect(fieldMessage('notBefore', { field: 'startDate' }, 'ja')).toBe('開始日より前の日付にはできません');
  });

  it('builds API field errors from a code', () => {
    expect(fieldError('email', 'emailTaken')).toEqual({
      path: 'email',
      message: 'is already used by another user',
      code: 'emailTaken',
    });
    expect(fieldError('cells', 'cellCount', { cells: 2, header: 3 })).toEqual({
      path: 'cells',
      message: 'has 2 cells; the header has 3',
      code: 'cellCount',
      params: { cells: 2, header: 3 },
    });
  });
});

describe('codes of zod issues', () => {
  const schema = z.strictObject({
    name: singleLineText({ min: 1, max: 5 }),
    note: multiLineText({ max: 50 }).optional(),
    count: z.number().int().min(1).max(9),
    kinds: z.array(z.enum(['a', 'b'])).min(1),
    mail: z.email('must be an e-mail address').optional(),
  });
  const codesOf = (input: unknown) => {
    const r = schema.safeParse(input);
    return r.success ? {} : Object.fromEntries(fieldErrors(r.error.issues).map((e) => [e.path, [e.code, e.params]]));
  };

  it.each([
    [{ name: '', count: 1, kinds: ['a'] }, 'name', 'empty', undefined],
    [{ name: 'abcdefg', count: 1, kinds: ['a'] }, 'name', 'tooLong', { max: 5 }],
    [{ name: 'a\nb', count: 1, kinds: ['a'] }, 'name', 'oneLine', undefined],
    [{ name: 'a\u202eb', count: 1, kinds: ['a'] }, 'name', 'bidi', undefined],
    [{ name: 'a', note: 'x\u0007', count: 1, kinds: ['a'] }, 'note', 'multiLine', undefined],
    [{ count: 1, kinds: ['a'] }, 'name', 'required', undefined],
    [{ name: 'a', count: 1.5, kinds: ['a'] }, 'count', 'wholeNumber', undefined],
    [{ name: 'a', count: 0, kinds: ['a'] }, 'count', 'tooSmall', { min: 1 }],
    [{ name: 'a', count: 10, kinds: ['a'] }, 'count', 'tooLarge', { max: 9 }],
    [{ name: 'a', count: 'x', kinds: ['a'] }, 'count', 'notNumber', undefined],
    [{ name: 'a', count: 1, kinds: [] }, 'kinds', 'chooseOne', undefined],
    [{ name: 'a', count: 1, kinds: ['c'] }, 'kinds.0', 'invalidOption', undefined],
    [{ name: 'a', count: 1, kinds: ['a'], mail: 'nope' }, 'mail', 'email', undefined],
    [{ name: 'a', count: 1, kinds: ['a'], extra: 1 }, 'extra', 'unknownField', undefined],
  ])('%j → %s: %s', (input, path, code, params) => {
    expect(codesOf(input)[path]).toEqual([code, params]);
  });

  it('every code zod issues map to is in the catalogue', () => {
    for (const [code] of Object.values(codesOf({ name: '', count: 'x', kinds: [], extra: 1 }))) {
      expect(isMessageCode(code)).toBe(true);
    }
  });

  it('pages say the code in Japanese and keep the API English in English', () => {
    const [e] = fieldErrors(schema.safeParse({ name: 'abcdefg', count: 1, kinds: ['a'] }).error?.issues ?? []);
    expect(e && fieldText(e, 'ja')).toBe('5文字以内で入力してください');
    expect(e && fieldText(e, 'en')).toBe('must be at most 5 characters');
  });
});

describe('the sources', () => {
  const files = (dir: string): string[] =>
    readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? files(join(dir, n)) : [join(dir, n)]));

  it('write no field error as an English literal: every one goes through a code', () => {
    const offenders = files(join(import.meta.dirname, '../../src'))
      .filter((f) => /\.tsx?$/.test(f))
      .flatMap((f) =>
        readFileSync(f, 'utf8')
          .split('\n')
          .map((line, i) => [f, i + 1, line] as const)
          .filter(([, , line]) => /\{\s*(path|row)\b[^}]*\bmessage:\s*['`]/.test(line)),
      );
    expect(offenders).toEqual([]);
  });
});
