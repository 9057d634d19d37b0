/**
 * Normalises names for search so that what a user types matches what was registered,
 * whatever the width or kana form: NFKC folds full-width Latin and half-width katakana
 * (ｶﾌﾞｼｷｶﾞｲｼｬ → カブシキガイシャ), katakana is folded to hiragana, Latin to lower case, and
 * spaces (including the ideographic space) are dropped.
 */
export function normalizeForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
    .replace(/\s+/g, '');
}

/** Escapes LIKE wildcards so a user's `%` or `_` matches itself. */
export const escapeLike = (text: string): string => text.replace(/[\\%_]/g, (ch) => `\\${ch}`);
