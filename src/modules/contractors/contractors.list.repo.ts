import { and, asc, count, eq, getTableColumns, gt, type SQL, sql } from 'drizzle-orm';
import { type ContractorRow, contractors } from '../../../db/schema';
import { type SupervisionStatus, supervisionStatusIs } from '../../domain/supervision-status';
import { type Db, stablePlaceholder as p } from '../../platform/db';
import {
  indexedIds,
  infixMatch,
  keptHits,
  probeFor,
  type SearchTerm,
  searchTerm,
  type TermHits,
  termHits,
} from './contractors.search.repo';

export interface ContractorFilter {
  status?: ContractorRow['status'];
  riskTier?: ContractorRow['riskTier'];
  supervisionStatus?: SupervisionStatus;
  q?: string;
  parentId?: string;
  /** Keyset position: the last row's id, and its next_review_due when ordered by due date. */
  afterId?: string;
  afterDue?: string;
  limit: number;
}

/**
 * Lists filtered by a due-date range are ordered by (next_review_due, id), most urgent
 * first, so the range is read from its index; all others by id (creation order).
 */
export const ordersByDueDate = (f: Pick<ContractorFilter, 'supervisionStatus'>): boolean =>
  f.supervisionStatus === 'overdue' || f.supervisionStatus === 'due_soon' || f.supervisionStatus === 'on_track';

export { DUE_SOON_DAYS } from '../../domain/supervision-status';

/** A contractor as a list page reads it: every column but the search text, which is never shown. */
export type ListedContractor = Omit<ContractorRow, 'searchText'>;

const { searchText: _searchText, ...listedColumns } = getTableColumns(contractors);
/** Position of each column in the value arrays of a list query (its select list is in this key order). */
const at = Object.fromEntries(Object.keys(listedColumns).map((key, i) => [key, i])) as Record<
  keyof ListedContractor,
  number
>;

/**
 * One listed contractor from the values of its row, decoded as the schema declares them
 * (JSON text, 0/1 booleans). drizzle's own row mapping is generic per column and costs as
 * much as the query itself on a page of 50; one object literal per row costs little.
 */
function listedContractor(v: readonly unknown[]): ListedContractor {
  return {
    id: v[at.id] as string,
    name: v[at.name] as string,
    nameKana: v[at.nameKana] as string | null,
    corporateNumber: v[at.corporateNumber] as string | null,
    country: v[at.country] as string,
    contactName: v[at.contactName] as string | null,
    contactEmail: v[at.contactEmail] as string | null,
    services: v[at.services] as string | null,
    dataCategories: JSON.parse(v[at.dataCategories] as string) as ContractorRow['dataCategories'],
    handlesSpecialCare: Number(v[at.handlesSpecialCare]) === 1,
    handlesPaymentData: Number(v[at.handlesPaymentData]) === 1,
    subjectCount: v[at.subjectCount] as number,
    systemAccess: Number(v[at.systemAccess]) === 1,
    parentId: v[at.parentId] as string | null,
    crossBorderBasis: v[at.crossBorderBasis] as ContractorRow['crossBorderBasis'],
    processingCountries: JSON.parse((v[at.processingCountries] as string | null) ?? '[]') as string[],
    crossBorderConsent: json<ContractorRow['crossBorderConsent']>(v[at.crossBorderConsent]),
    countryNotes: JSON.parse((v[at.countryNotes] as string | null) ?? '[]') as ContractorRow['countryNotes'],
    reconsignmentApproval: json<ContractorRow['reconsignmentApproval']>(v[at.reconsignmentApproval]),
    myNumberPermission: json<ContractorRow['myNumberPermission']>(v[at.myNumberPermission]),
    status: v[at.status] as ContractorRow['status'],
    riskTier: v[at.riskTier] as ContractorRow['riskTier'],
    riskFactors: JSON.parse(v[at.riskFactors] as string) as ContractorRow['riskFactors'],
    riskTierOverride: v[at.riskTierOverride] as ContractorRow['riskTierOverride'],
    riskOverrideReason: v[at.riskOverrideReason] as string | null,
    nextReviewDue: v[at.nextReviewDue] as string | null,
    createdAt: v[at.createdAt] as string,
    updatedAt: v[at.updatedAt] as string,
    version: v[at.version] as number,
  };
}

const json = <T>(value: unknown): T | null => (typeof value === 'string' ? (JSON.parse(value) as T) : null);

/**
 * How a `q` is matched on this request: for a rare term, its kept hits (termHits), or the
 * infix check among the hits of the n-gram query the probe chose when they are not
 * current; for a common one the infix check alone (its matches fill a page after a few
 * hundred rows read in list order; see INDEX_CAP).
 */
type Search = SearchTerm & { match: string | null; hits?: TermHits };

/** A term that is empty once normalised matches every name, as the empty string is in every text. */
async function searchOf(db: Db, q: string | undefined): Promise<Search | undefined> {
  if (!q) return undefined;
  const term = searchTerm(q);
  if (term.grams.length === 0) return undefined;
  const match = await probeFor(db)(term.grams);
  return { ...term, match, hits: match ? await termHits(db).of(term, match) : undefined };
}

/**
 * A query's answer on a search's kept hits, or, when it comes back empty (`none`) and the
 * hits are no longer current, its answer through the index: the same rows, as of now.
 */
async function onHits<T>(
  db: Db,
  search: Search | undefined,
  run: (search: Search | undefined) => Promise<T>,
  none: (answer: T) => boolean,
): Promise<T> {
  const answer = await run(search);
  if (!search?.hits || !none(answer) || (await termHits(db).current(search, search.hits))) return answer;
  return run({ ...search, hits: undefined });
}

type ListQuery = { values(values: Record<string, unknown>): Promise<unknown[][]> | unknown[][] };

/** The filters' conditions, their values bound as stable placeholders (see contractorLister). */
function filterConditions(f: Omit<ContractorFilter, 'limit'>, search: Search | undefined): SQL[] {
  const where: SQL[] = [];
  if (f.status) where.push(eq(contractors.status, p('status')));
  if (f.riskTier) where.push(eq(contractors.riskTier, p('riskTier')));
  if (f.parentId) where.push(eq(contractors.parentId, p('parentId')));
  if (search?.hits) where.push(keptHits(p('ids'), p('generation')));
  else if (search) {
    where.push(infixMatch(p('q')));
    if (search.match) where.push(indexedIds(p('match')));
  }
  if (f.supervisionStatus) {
    where.push(
      supervisionStatusIs(
        f.supervisionStatus,
        sql`${contractors.nextReviewDue}`,
        p('today'),
        p('soon'),
        sql`${contractors.status}`,
      ),
    );
  }
  return where;
}

/** One prepared statement per combination of filters (and keyset position), keyed by which are set. */
const filterKey = (f: Omit<ContractorFilter, 'limit'>, search: Search | undefined) =>
  [
    f.status ? 's' : '',
    f.riskTier ? 'r' : '',
    f.supervisionStatus ?? '',
    search ? (search.hits ? 'qh' : search.match ? 'qi' : 'q') : '',
    f.parentId ? 'p' : '',
    f.afterId ? 'a' : '',
  ].join('|');

const filterValues = (
  f: Omit<ContractorFilter, 'limit'>,
  search: Search | undefined,
  day: { today: string; soon: string },
) => ({
  status: f.status,
  riskTier: f.riskTier,
  parentId: f.parentId,
  q: search?.text,
  match: search?.match ?? undefined,
  ids: search?.hits?.ids,
  generation: search?.hits?.generation,
  afterId: f.afterId,
  afterDue: f.afterDue,
  today: day.today,
  soon: day.soon,
});

/**
 * What a list query reads of each row: its place in the list and what its presented form
 * depends on (see contractors.view-cache.ts). Every change to a contractor's columns bumps
 * its version, except `next_review_due`, which the review units keep; so the two together
 * tell whether a view presented before still holds.
 */
export interface ListedKey {
  id: string;
  version: number;
  nextReviewDue: string | null;
}
const keyColumns = { id: contractors.id, version: contractors.version, nextReviewDue: contractors.nextReviewDue };

/**
 * List pages run as prepared statements: one per combination of filters, built on first
 * use. Building a drizzle query per request costs a fifth of the throughput; its values
 * are bound as stable placeholders, so SQLite never re-prepares the statement. It reads
 * the keys of the rows only: the rows themselves come from `contractorsByIds` for the
 * ones whose view is not kept already.
 */
export function contractorLister(db: Db) {
  const cache = new Map<string, ListQuery>();
  const page = async (f: ContractorFilter, search: Search | undefined, day: { today: string; soon: string }) => {
    const key = filterKey(f, search);
    let query = cache.get(key);
    if (!query) {
      const where = filterConditions(f, search);
      const byDue = ordersByDueDate(f);
      if (f.afterId && byDue) {
        where.push(sql`(${contractors.nextReviewDue}, ${contractors.id}) > (${p('afterDue')}, ${p('afterId')})`);
      } else if (f.afterId) where.push(gt(contractors.id, p('afterId')));
      query = db
        .select(keyColumns)
        .from(contractors)
        .where(and(...where))
        .orderBy(...(byDue ? [asc(contractors.nextReviewDue), asc(contractors.id)] : [asc(contractors.id)]))
        // A SQL expression (see stablePlaceholder) where drizzle's types expect a placeholder.
        .limit(p('limit') as unknown as number)
        .prepare() as unknown as ListQuery;
      cache.set(key, query);
    }
    return query.values({ ...filterValues(f, search, day), limit: f.limit });
  };
  return async (f: ContractorFilter, day: { today: string; soon: string }): Promise<ListedKey[]> => {
    const search = await searchOf(db, f.q);
    const rows = await onHits(
      db,
      search,
      (s) => page(f, s, day),
      (r) => r.length === 0,
    );
    return rows.map((v) => ({ id: v[0] as string, version: v[1] as number, nextReviewDue: v[2] as string | null }));
  };
}

/**
 * The listed rows with these ids, in no particular order (one prepared statement: the ids
 * go in as one JSON array). A row gone meanwhile is simply not among them.
 */
export function contractorsByIds(db: Db) {
  const query = db
    .select(listedColumns)
    .from(contractors)
    .where(sql`${contractors.id} IN (SELECT value FROM json_each(${p('ids')}))`)
    .prepare() as unknown as ListQuery;
  return async (ids: readonly string[]): Promise<ListedContractor[]> =>
    ids.length === 0 ? [] : (await query.values({ ids: JSON.stringify(ids) })).map(listedContractor);
}

/** How many contractors the filters select (the total under a list page), prepared as the lister is. */
export function contractorCounter(db: Db) {
  const cache = new Map<string, ListQuery>();
  return async (f: Omit<ContractorFilter, 'limit' | 'afterId' | 'afterDue'>, day: { today: string; soon: string }) => {
    const search = await searchOf(db, f.q);
    const counted = async (s: Search | undefined) => {
      const key = filterKey(f, s);
      let query = cache.get(key);
      if (!query) {
        query = db
          .select({ n: count() })
          .from(contractors)
          .where(and(...filterConditions(f, s)))
          .prepare() as unknown as ListQuery;
        cache.set(key, query);
      }
      const rows = await query.values(filterValues(f, s, day));
      return Number(rows[0]?.[0] ?? 0);
    };
    return onHits(db, search, counted, (n) => n === 0);
  };
}
