import { z } from '@hono/zod-openapi';
import { describe, expect, it } from 'vitest';
import { textMessages as m, multiLineText, singleLine, singleLineText } from '../../src/platform/text';
import { toCleanText, toOneLine } from '../../src/platform/text-output';

/** The parsed value, or the messages of the refusal. */
function parse(schema: z.ZodType, value: unknown): { ok: unknown } | { refused: string[] } {
  const r = schema.safeParse(value);
  return r.success ? { ok: r.data } : { refused: r.error.issues.map((i) => i.message) };
}

const name = singleLineText({ min: 1, max: 20 });
const kana = singleLineText({ max: 20 });
const notes = multiLineText({ max: 40 });

describe('singleLineText', () => {
  it.each([
    ['a Japanese name with a full-width space', '株式会社　サンプル物流', '株式会社　サンプル物流'],
    ['half-width kana, as typed (no normalisation)', 'ｶﾌﾞｼｷｶﾞｲｼｬ', 'ｶﾌﾞｼｷｶﾞｲｼｬ'],
    ['full-width letters and digits, as typed', 'ＡＢＣ１２３', 'ＡＢＣ１２３'],
    ['a decomposed accent, as typed', 'Cafe\u0301', 'Cafe\u0301'],
    ['an emoji ZWJ sequence (visible)', '👨‍👩‍👧‍👦 Family', '👨‍👩‍👧‍👦 Family'],
    ['Hebrew with a right-to-left mark', 'שלום\u200F Ltd', 'שלום\u200F Ltd'],
    ['spaces at the ends (trimmed)', '  ACME  ', 'ACME'],
    ['full-width spaces at the ends (trimmed)', '\u3000山田\u3000花子\u3000', '山田\u3000花子'],
    ['exactly max characters', 'x'.repeat(20), 'x'.repeat(20)],
  ])('accepts %s', (_label, input, output) => {
    expect(parse(name, input)).toEqual({ ok: output });
  });

  it.each([
    ['LF', 'ACME\nBcc: x'],
    ['CR', 'ACME\rX'],
    ['CRLF', 'ACME\r\nSubject: x'],
    ['a trailing LF', 'ACME\n'],
    ['a leading CR', '\rACME'],
    ['TAB', 'AC\tME'],
    ['NUL', 'AC\u0000ME'],
    ['a leading NUL', '\u0000ACME'],
    ['ESC (a terminal colour sequence)', 'ACME\u001b[31m'],
    ['BEL', 'ACME\u0007'],
    ['vertical tab', 'AC\u000BME'],
    ['form feed', 'AC\u000CME'],
    ['DEL', 'AC\u007FME'],
    ['C1 U+0080', 'AC\u0080ME'],
    ['C1 NEL U+0085', 'AC\u0085ME'],
    ['C1 CSI U+009B', 'AC\u009BME'],
    ['C1 U+009F', 'AC\u009FME'],
    ['U+2028 LINE SEPARATOR', 'AC\u2028ME'],
    ['U+2029 PARAGRAPH SEPARATOR', 'AC\u2029ME'],
  ])('refuses %s as not on one line', (_label, input) => {
    expect(parse(name, input)).toEqual({ refused: [m.oneLine] });
  });

  it.each([
    ['U+202A LRE', '\u202A'],
    ['U+202B RLE', '\u202B'],
    ['U+202C PDF', '\u202C'],
    ['U+202D LRO', '\u202D'],
    ['U+202E RLO', '\u202E'],
    ['U+2066 LRI', '\u2066'],
    ['U+2067 RLI', '\u2067'],
    ['U+2068 FSI', '\u2068'],
    ['U+2069 PDI', '\u2069'],
  ])('refuses the bidi control %s', (_label, ch) => {
    expect(parse(name, `ACME${ch}gpj.exe`)).toEqual({ refused: [m.bidi] });
  });

  it.each([
    ['U+200B ZERO WIDTH SPACE', '\u200B'],
    ['U+200C ZERO WIDTH NON-JOINER', '\u200C'],
    ['U+200D ZERO WIDTH JOINER', '\u200D'],
    ['U+2060 WORD JOINER', '\u2060'],
    ['U+FEFF inside spaces', ' \uFEFF\u200B '],
    ['several zero-width characters', '\u200B\u200C\u200D\u2060'],
    ['zero-width with a full-width space', '\u3000\u200B\u3000'],
    ['U+3164 HANGUL FILLER', '\u3164'],
    ['U+00AD SOFT HYPHEN', '\u00AD'],
  ])('refuses a value made only of invisible characters: %s', (_label, input) => {
    expect(parse(name, input)).toEqual({ refused: [m.invisible] });
    expect(parse(kana, input)).toEqual({ refused: [m.invisible] });
  });

  it.each([
    ['the empty string', ''],
    ['spaces', '   '],
    ['full-width spaces', '\u3000\u3000'],
    ['a lone U+FEFF (trimmed away)', '\uFEFF'],
  ])('treats %s as empty: refused with min 1, accepted as empty without', (_label, input) => {
    expect(parse(name, input)).toEqual({ refused: [m.empty] });
    expect(parse(kana, input)).toEqual({ ok: '' });
  });

  it('refuses half of a surrogate pair', () => {
    expect(parse(name, 'AC\uD800ME')).toEqual({ refused: [m.surrogate] });
    expect(parse(name, '😀')).toEqual({ ok: '😀' });
  });

  it('counts the length after trimming', () => {
    expect(parse(name, 'x'.repeat(21))).toEqual({ refused: [m.tooLong(20)] });
    expect(parse(name, ` ${'x'.repeat(20)} `)).toEqual({ ok: 'x'.repeat(20) });
  });

  it('keeps null and undefined to the modifiers', () => {
    expect(parse(kana.nullish(), null)).toEqual({ ok: null });
    expect(parse(kana.nullish(), undefined)).toEqual({ ok: undefined });
    expect(parse(kana.nullish(), 'A\nB')).toEqual({ refused: [m.oneLine] });
  });
});

describe('singleLine(schema)', () => {
  const described = singleLine(z.string().trim().max(200));
  it.each([
    ['a control inside', 'a\u0000b', m.oneLine],
    ['a line break inside', 'a\nb', m.oneLine],
    ['a bidi override', 'a\u202Eb', m.bidi],
    ['only zero-width characters', '\u200B\u2060', m.invisible],
  ])('refuses %s', (_label, input, message) => {
    expect(parse(described, input)).toEqual({ refused: [message] });
  });
  it('keeps the rules of the schema it extends', () => {
    expect(parse(described, '  受信者  ')).toEqual({ ok: '受信者' });
    expect(parse(described, 'x'.repeat(201))).toMatchObject({ refused: [expect.stringContaining('200')] });
  });
});

describe('multiLineText', () => {
  it.each([
    ['LF kept', '一行目\n二行目', '一行目\n二行目'],
    ['CRLF becomes LF', '一行目\r\n二行目\r\n三行目', '一行目\n二行目\n三行目'],
    ['TAB kept', '項目\t値', '項目\t値'],
    ['blank lines kept', 'a\n\n\tb', 'a\n\n\tb'],
    ['ends trimmed', '\n  メモ  \r\n', 'メモ'],
    ['full-width spaces inside kept', '確認済み　以上', '確認済み　以上'],
  ])('accepts text: %s', (_label, input, output) => {
    expect(parse(notes, input)).toEqual({ ok: output });
  });

  it.each([
    ['a lone CR', 'a\rb', m.multiLine],
    ['NUL', 'a\u0000b', m.multiLine],
    ['ESC', 'a\u001b[2Jb', m.multiLine],
    ['vertical tab', 'a\u000Bb', m.multiLine],
    ['form feed', 'a\u000Cb', m.multiLine],
    ['DEL', 'a\u007Fb', m.multiLine],
    ['C1 NEL', 'a\u0085b', m.multiLine],
    ['U+2028', 'a\u2028b', m.multiLine],
    ['U+2029', 'a\u2029b', m.multiLine],
    ['U+202E', 'a\u202Eb', m.bidi],
    ['U+2066', 'a\u2066b', m.bidi],
    ['U+2069', 'a\u2069b', m.bidi],
    ['only zero-width characters and line breaks', '\u200B\n\u200D', m.invisible],
    ['half of a surrogate pair', 'a\uDFFFb', m.surrogate],
  ])('refuses %s', (_label, input, message) => {
    expect(parse(notes, input)).toEqual({ refused: [message] });
  });

  it('counts the length after CRLF became LF', () => {
    const twenty = 'ab\r\n'.repeat(10); // 40 units as sent, 30 once normalised
    expect(parse(notes, `${twenty}x`)).toEqual({ ok: `${'ab\n'.repeat(10)}x` });
    expect(parse(notes, 'x'.repeat(41))).toEqual({ refused: [m.tooLong(40)] });
  });

  it('takes its own min message when one is chained', () => {
    const reason = multiLineText({ max: 100 }).min(1, 'must give a reason');
    expect(parse(reason, '  \n ')).toEqual({ refused: ['must give a reason'] });
    expect(parse(multiLineText({ min: 1, max: 100 }), '')).toEqual({ refused: [m.empty] });
  });
});

describe('toOneLine (output)', () => {
  it.each([
    ['CRLF', 'ACME\r\nBcc: x', 'ACME Bcc: x'],
    ['LF and CR', 'a\nb\rc', 'a b c'],
    ['TAB, VT, FF, NEL and the Unicode separators', 'a\tb\u000Bc\u000Cd\u0085e\u2028f\u2029g', 'a b c d e f g'],
    ['NUL, ESC and DEL (removed)', 'a\u0000b\u001b[31mc\u007F', 'ab[31mc'],
    ['C1 controls (removed)', 'a\u0080\u009Bb', 'ab'],
    ['bidi controls (removed)', 'ACME\u202Egpj.exe\u2066x\u2069', 'ACMEgpj.exex'],
    ['a lone surrogate (removed)', 'a\uD800b', 'ab'],
    ['ordinary Japanese text (unchanged)', '株式会社　サンプル物流 ｶﾅ', '株式会社　サンプル物流 ｶﾅ'],
  ])('%s', (_label, input, output) => {
    expect(toOneLine(input)).toBe(output);
  });
});

describe('toCleanText (output)', () => {
  it.each([
    ['CRLF and CR become LF', 'a\r\nb\rc', 'a\nb\nc'],
    ['LF and TAB stay', 'a\n\tb', 'a\n\tb'],
    ['NEL and the Unicode separators become LF', 'a\u0085b\u2028c\u2029d', 'a\nb\nc\nd'],
    ['NUL, ESC, VT, FF, DEL and C1 are removed', 'a\u0000\u001b\u000B\u000C\u007F\u009Fb', 'ab'],
    ['bidi controls are removed', '\u202E=1+1\u2069', '=1+1'],
    ['a lone surrogate is removed', 'a\uDFFF', 'a'],
  ])('%s', (_label, input, output) => {
    expect(toCleanText(input)).toBe(output);
  });
});
