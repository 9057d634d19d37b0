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

/** Upper-case hex of the UTF-8 bytes, as SQLite's hex() writes them. */
const hexOf = (text: string): string =>
  Array.from(new TextEncoder().encode(text), (b) => b.toString(16).padStart(2, '0'))
    .join('')
    .toUpperCase();

/** At most this many of a term's bigrams are looked up: any one of them narrows the search. */
const MAX_GRAMS = 6;

/**
 * FTS5 queries for the n-gram index of migration 0016, each of which finds every
 * normalised search text that contains `normalized` (and maybe more: callers keep the
 * infix check): one per bigram (spread over the term, at most MAX_GRAMS), or for one
 * character every token that begins with it. The caller reads the index with the one
 * that has the fewest hits; one token is cheap to read, an AND of common ones is not.
 */
export function gramQueries(normalized: string): string[] {
  const chars = Array.from(normalized);
  if (chars.length === 0) return [];
  if (chars.length === 1) return [`"${hexOf(normalized)}"*`];
  const grams = new Set<string>();
  for (let i = 0; i + 1 < chars.length; i++) grams.add(`"${hexOf(`${chars[i]}${chars[i + 1]}`)}"`);
  const all = [...grams];
  if (all.length <= MAX_GRAMS) return all;
  return Array.from({ length: MAX_GRAMS }, (_, i) => all[Math.round((i * (all.length - 1)) / (MAX_GRAMS - 1))] ?? '');
}
