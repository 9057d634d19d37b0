import { z } from '@hono/zod-openapi';
import { fieldMessage, type MessageCode } from '../i18n/messages';

/**
 * What user-entered text may contain, so that no stored value can break a format it is
 * later written into: a plain-text e-mail line, a CSV cell, an iCalendar property, a
 * log line or a terminal. Text is kept exactly as typed otherwise: no Unicode
 * normalisation (Japanese names are stored as entered, half-width kana included).
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: TAB and LF are allowed, every other control is not
const CONTROL_BUT_TAB_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/;
/** U+2028 LINE SEPARATOR and U+2029 PARAGRAPH SEPARATOR break lines in JavaScript and many viewers. */
const LINE_SEPARATOR = /[\u2028\u2029]/;
/**
 * Bidirectional embeddings, overrides and isolates reorder what is displayed after them
 * ("Trojan Source", CVE-2021-42574): a name could read differently from what is stored.
 * The plain marks (U+200E, U+200F, U+061C) stay allowed: Arabic and Hebrew text needs them.
 */
const BIDI_CONTROL = /[\u202A-\u202E\u2066-\u2069]/;
/** Half of a UTF-16 surrogate pair on its own: no character at all, and not encodable as UTF-8. */
const LONE_SURROGATE = /\p{Cs}/u;
/** Nothing a reader would see: white space, zero-width and other default-ignorable characters. */
const INVISIBLE_ONLY = /^[\p{White_Space}\p{Default_Ignorable_Code_Point}]*$/u;

type TextRule = 'oneLine' | 'multiLine' | 'bidi' | 'surrogate' | 'invisible';
const en = (code: MessageCode, params?: Record<string, number>) => fieldMessage(code, params, 'en');

/** The English of each text rule (the codes of src/i18n/messages.ts carry the other languages). */
export const textMessages = {
  oneLine: en('oneLine'),
  multiLine: en('multiLine'),
  bidi: en('bidi'),
  surrogate: en('surrogate'),
  invisible: en('invisible'),
  empty: en('empty'),
  tooLong: (max: number) => en('tooLong', { max }),
} as const;

const crlfToLf = (value: string) => value.replace(/\r\n/g, '\n');

/** Line structure, looked at before trimming: a line break at either end is refused too. */
const lineProblem = (value: string): TextRule | null =>
  CONTROL.test(value) || LINE_SEPARATOR.test(value) ? 'oneLine' : null;

/** The same for multi-line text, once CRLF has become LF. */
const multiLineControlProblem = (value: string): TextRule | null =>
  CONTROL_BUT_TAB_LF.test(value) || LINE_SEPARATOR.test(value) ? 'multiLine' : null;

/** What the (trimmed) content must not be; an empty value is for `min` to judge. */
function contentProblem(value: string): TextRule | null {
  if (BIDI_CONTROL.test(value)) return 'bidi';
  if (LONE_SURROGATE.test(value)) return 'surrogate';
  if (value !== '' && INVISIBLE_ONLY.test(value)) return 'invisible';
  return null;
}

/** The first rule a single-line value breaks, or null when it is acceptable as it is. */
export const singleLineProblem = (value: string): TextRule | null => lineProblem(value) ?? contentProblem(value.trim());

/** A zod check that reports the rule `problem(value)` names, by its message code. */
const refuse =
  (problem: (value: string) => TextRule | null) =>
  (payload: z.core.ParsePayload<string>): void => {
    const rule = problem(payload.value);
    if (rule)
      payload.issues.push({
        code: 'custom',
        message: textMessages[rule],
        input: payload.value,
        params: { code: rule },
      });
  };

/**
 * Adds the single-line rules to a string schema, checked on the value as that schema has
 * it at this point (after its own trim, if any). Prefer `singleLineText()`, which looks
 * at line breaks before trimming, so that one at either end is refused too.
 *
 * @example singleLine(z.string().trim().max(200)).nullish()
 */
export function singleLine(schema: z.ZodString): z.ZodString {
  return schema.check(refuse(singleLineProblem));
}

/**
 * A name, title, reference or assignee: one line, no control, bidi-override or
 * line-separator character, not made only of invisible characters; trimmed, then
 * `min`–`max` characters (UTF-16 units).
 *
 * @example singleLineText({ min: 1, max: 200 }).openapi({ example: '株式会社サンプル物流' })
 */
export function singleLineText({ min = 0, max }: { min?: number; max: number }): z.ZodString {
  const schema = z
    .string()
    .check(refuse(lineProblem))
    .trim()
    .check(refuse(contentProblem))
    .max(max, textMessages.tooLong(max));
  return min > 0 ? schema.min(min, textMessages.empty) : schema;
}

/**
 * Notes, descriptions, summaries, reasons, evidence: line breaks (LF; CRLF becomes LF)
 * and tabs are kept, every other control and the bidi overrides are refused; trimmed,
 * then `min`–`max` characters.
 *
 * @example multiLineText({ max: 10_000 }).nullish()
 */
export function multiLineText({ min = 0, max }: { min?: number; max: number }): z.ZodString {
  const schema = z
    .string()
    .overwrite(crlfToLf)
    .check(refuse(multiLineControlProblem))
    .trim()
    .check(refuse(contentProblem))
    .max(max, textMessages.tooLong(max));
  return min > 0 ? schema.min(min, textMessages.empty) : schema;
}

// The output side (toOneLine, toCleanText) is text-output.ts, free of zod and the messages.
