import { asc, type SQL, sql } from 'drizzle-orm';
import { type ContractorRow, contractors } from '../../../db/schema';
import { gramQueries, normalizeForSearch } from '../../domain/search-text';
import { type Db, stablePlaceholder as p, perHandle } from '../../platform/db';

// The n-gram index (contractor_search_fts, contractor_search_keys) is kept by the triggers
// of migration 0016, its change count (contractor_search_generation) by those of 0023; they
// exist only there: they are reached with drizzle's `sql` template.

/**
 * Up to this many index hits, a page is read from the hits (looked up, filtered, sorted);
 * beyond it the term is common enough that the list read in its own order fills a page
 * after a few hundred rows. Both give the same rows: the infix check decides either way.
 */
export const INDEX_CAP = 300;

/** A `q` as the queries bind it: the normalised term and its n-gram queries (none when nothing is left to match). */
export interface SearchTerm {
  text: string;
  grams: string[];
}

const TERM_MEMORY = 1_024;
const terms = new Map<string, SearchTerm>();

/** A `q` as the queries bind it; the same `q` typed again (the pages of one search) is not worked out again. */
export function searchTerm(q: string): SearchTerm {
  let term = terms.get(q);
  if (!term) {
    const normalized = normalizeForSearch(q);
    term = { text: normalized, grams: gramQueries(normalized) };
    terms.set(q, term);
    if (terms.size > TERM_MEMORY) terms.delete(terms.keys().next().value ?? '');
  }
  return term;
}

/**
 * Today's matching: the normalised search text contains the normalised term. `instr`
 * rather than `LIKE '%…%'`: both sides are normalised (Latin already in lower case, so
 * LIKE's ASCII case folding never applies), so they select the same rows, and `instr`
 * compares bytes without decoding each character or escaping wildcards: a fifth less per
 * row checked.
 */
export const infixMatch = (text: SQL | string): SQL => sql`instr(${contractors.searchText}, ${text}) > 0`;

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
 * A rare term's matching contractors as one read of the index found them: their ids in id
 * order (a JSON array, as the page query binds it), and the index's change count then.
 */
export interface TermHits {
  ids: string;
  generation: number;
}

const generation = sql`(SELECT g.n FROM contractor_search_generation g WHERE g.id = 1)`;

/**
 * The contractors of a term's kept hits, as long as no search text changed since they were
 * read: the statement compares the change count itself, in the same snapshot as the rows
 * it reads, so its rows are exactly the infix matches. Once a text changed it selects none
 * (see termHits: an empty answer is checked).
 */
export const keptHits = (ids: SQL | string, at: SQL | number): SQL =>
  sql`${contractors.id} IN (SELECT value FROM json_each(${ids})) AND ${generation} = ${at}`;

/** Terms whose hits are kept per database handle (each some INDEX_CAP ids at most, a few KB). */
const HITS_MEMORY = 256;

/**
 * The hits of rare terms (those the probe reads through the index), kept by normalised
 * term. Paging through a search, or typing the same name again, then skips the index
 * read, the key lookups and the infix check of every hit: a list page reads only the
 * contractors of the page. The hits and their change count are read in one statement, so
 * they belong to one snapshot; a page compares the count in its own (keptHits).
 */
export const termHits = perHandle((db: Db) => {
  const kept = new Map<string, TermHits>();
  return {
    async of(term: SearchTerm, match: string): Promise<TermHits> {
      const found = kept.get(term.text);
      if (found) return found;
      const [row] = (await db.all(
        sql`SELECT ${generation} AS generation, (SELECT json_group_array(id) FROM (${db
          .select({ id: contractors.id })
          .from(contractors)
          .where(sql`${infixMatch(term.text)} AND ${indexedIds(match)}`)})) AS ids`,
      )) as { generation: number; ids: string }[];
      // Sorted here: SQLite does not promise that an aggregate follows its input's order.
      const ids = (JSON.parse(row?.ids ?? '[]') as string[]).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      const hits = { ids: JSON.stringify(ids), generation: Number(row?.generation ?? 0) };
      kept.set(term.text, hits);
      if (kept.size > HITS_MEMORY) kept.delete(kept.keys().next().value ?? '');
      return hits;
    },
    /**
     * Whether kept hits are still those of the index, asked when a page on them came back
     * empty (a page finds none either when nothing matches or when a text changed since);
     * hits no longer current are forgotten, to be read again.
     */
    async current(term: SearchTerm, hits: TermHits): Promise<boolean> {
      const [row] = (await db.all(sql`SELECT ${generation} AS generation`)) as { generation: number }[];
      if (Number(row?.generation) === hits.generation) return true;
      if (kept.get(term.text) === hits) kept.delete(term.text);
      return false;
    },
  };
});

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
  const where = [infixMatch(term.text)];
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
