/**
 * The output side of src/platform/text.ts: rows stored before its rules existed may hold
 * anything, so every format that writes stored text cleans it again on the way out. No
 * imports: the export threads (src/node-export-worker.ts) load this without zod or the
 * messages.
 */

// biome-ignore lint/suspicious/noControlCharactersInRegex: line breaks, tabs and NEL become one space
const BREAKS = /\r\n|[\t\n\u000B\u000C\r\u0085\u2028\u2029]/g;
// biome-ignore lint/suspicious/noControlCharactersInRegex: every control and bidi control is removed
const UNSAFE = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/gu;
// biome-ignore lint/suspicious/noControlCharactersInRegex: TAB and LF survive in multi-line output
const UNSAFE_BUT_TAB_LF = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]|\p{Cs}/gu;

/**
 * A stored value for one line of a line-based format (an e-mail line, an iCalendar
 * SUMMARY): line breaks and tabs become a space, other controls, bidi controls and lone
 * surrogates are removed. It can neither add a line nor reorder what follows it.
 */
export function toOneLine(value: string): string {
  return value.replace(BREAKS, ' ').replace(UNSAFE, '');
}

/**
 * A stored value for a format that allows several lines (a CSV cell, an iCalendar
 * DESCRIPTION): CRLF, CR and the Unicode separators become LF, tabs stay, every other
 * control, bidi control and lone surrogate is removed.
 */
export function toCleanText(value: string): string {
  return value.replace(/\r\n|[\r\u0085\u2028\u2029]/g, '\n').replace(UNSAFE_BUT_TAB_LF, '');
}
