import fc from 'fast-check';
import { normalizeForSearch } from '../../src/domain/search-text';

/**
 * Random company names for the search tests: kana in both widths, kanji, full- and
 * half-width Latin and digits, symbols (・ー&-（）), characters NFKC expands (㈱ ㍿) or
 * composes (e + U+0301), a character outside the BMP, LIKE's wildcards and spaces.
 */
const pieces = [
  '株式会社',
  'カブシキガイシャ',
  'ｶﾌﾞｼｷｶﾞｲｼｬ',
  '物流',
  'ブツリュウ',
  '印刷',
  'インサツ',
  'サンプル',
  'さんぷる',
  'ＡＢＣ',
  'abc',
  'Abc',
  '１２３',
  '123',
  '・',
  'ー',
  '&',
  '-',
  '（',
  '）',
  '(',
  ')',
  ' ',
  '　',
  '%',
  '_',
  '\\',
  '東',
  '京',
  'ア',
  'あ',
  'ｱ',
  'é',
  'e\u0301',
  '𠮷',
  '㈱',
  '㍿',
] as const;
const pieceArb = fc.constantFrom(...pieces);
const charArb = fc.oneof(
  pieceArb,
  fc.integer({ min: 0x3041, max: 0x3096 }).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0x30a1, max: 0x30f6 }).map((c) => String.fromCodePoint(c)),
  fc.integer({ min: 0x4e00, max: 0x4e2f }).map((c) => String.fromCodePoint(c)),
);

export const nameArb = fc
  .array(charArb, { minLength: 1, maxLength: 8 })
  .map((parts) => parts.join('').trim())
  .filter((n) => n.length > 0);
export const kanaArb = fc.option(
  fc
    .array(fc.constantFrom('カブシキガイシャ', 'ブツリュウ', 'ｻﾝﾌﾟﾙ', 'インサツ', 'ー', '・'), { maxLength: 3 })
    .map((p) => p.join('')),
  { nil: null },
);

/** A term of 1–6 characters: cut from one of the names (raw, as typed), or drawn at random. */
export const termArb = (names: readonly string[]) =>
  fc.oneof(
    fc.tuple(fc.constantFrom(...names), fc.nat(), fc.integer({ min: 1, max: 6 })).map(([name, at, len]) => {
      const chars = Array.from(name);
      const start = at % chars.length;
      return chars.slice(start, start + len).join('');
    }),
    fc.array(charArb, { minLength: 1, maxLength: 3 }).map((parts) => Array.from(parts.join('')).slice(0, 6).join('')),
  );

/** Today's matching, without the database: the normalised name + kana contains the normalised term. */
export const infixMatches = (name: string, kana: string | null, term: string): boolean =>
  normalizeForSearch(`${name} ${kana ?? ''}`).includes(normalizeForSearch(term));
