import { encodeCursor } from './cursor';

/**
 * One keyset page from `limit + 1` rows read in list order: the first `limit` rows, and a
 * cursor (the sort key of the last one) only when there are more. Every list reads one
 * row more than it shows, so it knows whether a next page exists without counting.
 */
export function keysetPage<Row, Item = Row>(
  rows: readonly Row[],
  limit: number,
  sortKey: (row: Row) => readonly (string | number)[],
  present?: (row: Row) => Item,
): { items: Item[]; nextCursor: string | null } {
  const shown = rows.slice(0, limit);
  const last = shown.at(-1);
  return {
    items: present ? shown.map(present) : (shown as unknown as Item[]),
    nextCursor: rows.length > limit && last !== undefined ? encodeCursor(sortKey(last)) : null,
  };
}
