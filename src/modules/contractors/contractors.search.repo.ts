import { asc, type SQL, sql } from 'drizzle-orm';
import { type ContractorRow, contractors } from '../../../db/schema';
import { escapeLike, gramQueries, normalizeForSearch } from '../../domain/search-text';
import { type Db, stablePlaceholder as p } from '../../platform/db';

// The n-gram index (contractor_search_fts, contractor_search_keys) is kept by the triggers
// of migration 0016 and exists only there: it is reached with drizzle's `sql` template.

/**
 * Up to this many index hits, a page is read from the hits (looked up, filtered, sorted);
 * beyond it the term is common enough that the list read in its own order fills a page
 * after a few hundred rows. Both give the same rows: the infix check decides either way.
 */
export const INDEX_CAP = 300;

/** A `q` as the queries bind it: its LIKE pattern and its n-gram queries (none when nothing is left to match). */
export interface SearchTerm {
  like: string;
  grams: string[];
}

export function searchTerm(q: string): SearchTerm {
  const normalized = normalizeForSearch(q);
  return { like: `%${escapeLike(normalized)}%`, grams: gramQueries(normalized) };
}

/** Today's matching: the normalised search text contains the normalised term. */
export const infixMatch = (like: SQL | string): SQL => sql`${contractors.searchText} LIKE ${like} ESCAPE '\\'`;

/** The contractors the index finds for one n-gram query: every infix match, maybe a few more. */
export const indexedIds = (match: SQL | string): SQL =>
  sql`${contractors.id} IN (SELECT k.contractor_id FROM contractor_search_keys k WHERE k.key IN (SELECT rowid FROM contractor_search_fts WHERE contractor_search_fts MATCH ${match}))`;

type Probe = { values(values: Record<string, unknown>): Promise<unknown[][]> | unknown[][] };

/**
 * Of the term's n-gram queries, the one with the fewest hits if it has at most
 * INDEX_CAP, else null: one prepared statement that counts each query's hits up to the
 * cap (a bounded read of one token each).
 */
export function indexProbe(db: Db): (grams: string[]) => Promise<string | null> {
  let probe: Probe | undefined;
  return async (grams) => {
    probe ??= db
      .select({
        i: sql<number>`q.key`,
        n: sql<number>`(SELECT count(*) FROM (SELECT 1 FROM contractor_search_fts WHERE contractor_search_fts MATCH q.value LIMIT ${sql.raw(String(INDEX_CAP + 1))}))`,
      })
      .from(sql`json_each(${p('grams')}) q`)
      .prepare() as unknown as Probe;
    let best: string | null = null;
    let fewest = INDEX_CAP + 1;
    for (const [i, n] of await probe.values({ grams: JSON.stringify(grams) })) {
      if (Number(n) < fewest) [best, fewest] = [grams[Number(i)] ?? null, Number(n)];
    }
    return best;
  };
}

/**
 * How long a probe's choice is reused for the same term. The choice only decides which
 * read is fastest, never which rows match (any of the term's n-gram queries finds every
 * infix match, and the infix check decides either way), so a choice made before names
 * changed stays correct and at worst reads more than it must until it is made again.
 * Terms typed again and again (a search box, the pages of one search) skip the probe:
 * on a rare term it is a fifth of the request.
 */
export const PROBE_REUSE_MS = 30_000;
const PROBE_MEMORY = 1_024;

const probes = new WeakMap<object, (grams: string[]) => Promise<string | null>>();

/** One prepared probe per database handle, its recent choices kept by term. */
export function probeFor(db: Db): (grams: string[]) => Promise<string | null> {
  let probe = probes.get(db);
  if (!probe) {
    const run = indexProbe(db);
    const chosen = new Map<string, { match: string | null; at: number }>();
    probe = async (grams) => {
      const key = grams.join(' ');
      const now = Date.now();
      const kept = chosen.get(key);
      if (kept && now - kept.at < PROBE_REUSE_MS) return kept.match;
      const match = await run(grams);
      chosen.delete(key);
      chosen.set(key, { match, at: now });
      if (chosen.size > PROBE_MEMORY) chosen.delete(chosen.keys().next().value ?? '');
      return match;
    };
    probes.set(db, probe);
  }
  return probe;
}

/**
 * Contractors whose name or kana contains `q` (width and kana form do not matter), for a
 * form that picks one: at most `limit`, by name.
 */
export async function contractorsMatching(
  db: Db,
  q: string,
  limit: number,
): Promise<{ id: string; name: string; nameKana: string | null; status: ContractorRow['status'] }[]> {
  const term = searchTerm(q);
  const where = [infixMatch(term.like)];
  const match = term.grams.length ? await probeFor(db)(term.grams) : null;
  if (match) where.push(indexedIds(match));
  return db
    .select({ id: contractors.id, name: contractors.name, nameKana: contractors.nameKana, status: contractors.status })
    .from(contractors)
    .where(sql.join(where, sql` AND `))
    .orderBy(asc(contractors.name), asc(contractors.id))
    .limit(limit)
    .all();
}
