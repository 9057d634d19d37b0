import { and, asc, count, eq, getTableColumns, gt, inArray, type SQL, sql } from 'drizzle-orm';
import { type ContractorRow, contractors } from '../../../db/schema';
import { escapeLike, normalizeForSearch } from '../../domain/search-text';
import { type SupervisionStatus, supervisionStatusIs } from '../../domain/supervision-status';
import { type Db, expectOneChange, stablePlaceholder as p, type Statement } from '../../platform/db';
import { notFound } from '../../platform/problem';

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

type ListQuery = { values(values: Record<string, unknown>): Promise<unknown[][]> | unknown[][] };

/** The filters' conditions, their values bound as stable placeholders (see contractorLister). */
function filterConditions(f: Omit<ContractorFilter, 'limit'>): SQL[] {
  const where: SQL[] = [];
  if (f.status) where.push(eq(contractors.status, p('status')));
  if (f.riskTier) where.push(eq(contractors.riskTier, p('riskTier')));
  if (f.parentId) where.push(eq(contractors.parentId, p('parentId')));
  if (f.q) where.push(sql`${contractors.searchText} LIKE ${p('q')} ESCAPE '\\'`);
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
const filterKey = (f: Omit<ContractorFilter, 'limit'>) =>
  [
    f.status ? 's' : '',
    f.riskTier ? 'r' : '',
    f.supervisionStatus ?? '',
    f.q ? 'q' : '',
    f.parentId ? 'p' : '',
    f.afterId ? 'a' : '',
  ].join('|');

const filterValues = (f: Omit<ContractorFilter, 'limit'>, day: { today: string; soon: string }) => ({
  status: f.status,
  riskTier: f.riskTier,
  parentId: f.parentId,
  q: f.q ? `%${escapeLike(normalizeForSearch(f.q))}%` : undefined,
  afterId: f.afterId,
  afterDue: f.afterDue,
  today: day.today,
  soon: day.soon,
});

/**
 * List pages run as prepared statements: one per combination of filters, built on first
 * use. Building a drizzle query per request costs a fifth of the throughput; its values
 * are bound as stable placeholders, so SQLite never re-prepares the statement.
 */
export function contractorLister(db: Db) {
  const cache = new Map<string, ListQuery>();
  return async (f: ContractorFilter, day: { today: string; soon: string }): Promise<ListedContractor[]> => {
    const key = filterKey(f);
    let query = cache.get(key);
    if (!query) {
      const where = filterConditions(f);
      const byDue = ordersByDueDate(f);
      if (f.afterId && byDue) {
        where.push(sql`(${contractors.nextReviewDue}, ${contractors.id}) > (${p('afterDue')}, ${p('afterId')})`);
      } else if (f.afterId) where.push(gt(contractors.id, p('afterId')));
      query = db
        .select(listedColumns)
        .from(contractors)
        .where(and(...where))
        .orderBy(...(byDue ? [asc(contractors.nextReviewDue), asc(contractors.id)] : [asc(contractors.id)]))
        // A SQL expression (see stablePlaceholder) where drizzle's types expect a placeholder.
        .limit(p('limit') as unknown as number)
        .prepare() as unknown as ListQuery;
      cache.set(key, query);
    }
    const rows = await query.values({ ...filterValues(f, day), limit: f.limit });
    return rows.map(listedContractor);
  };
}

/** How many contractors the filters select (the total under a list page), prepared as the lister is. */
export function contractorCounter(db: Db) {
  const cache = new Map<string, ListQuery>();
  return async (f: Omit<ContractorFilter, 'limit' | 'afterId' | 'afterDue'>, day: { today: string; soon: string }) => {
    const key = filterKey(f);
    let query = cache.get(key);
    if (!query) {
      query = db
        .select({ n: count() })
        .from(contractors)
        .where(and(...filterConditions(f)))
        .prepare() as unknown as ListQuery;
      cache.set(key, query);
    }
    const rows = await query.values(filterValues(f, day));
    return Number(rows[0]?.[0] ?? 0);
  };
}

export async function findContractor(db: Db, id: string): Promise<ContractorRow | null> {
  return (await db.select().from(contractors).where(eq(contractors.id, id)).get()) ?? null;
}

export async function getContractorRow(db: Db, id: string): Promise<ContractorRow> {
  const row = await findContractor(db, id);
  if (!row) throw notFound('Contractor', id);
  return row;
}

/** Ids of the contractors named exactly `name`: at most two, enough to tell none, one and several. */
export async function contractorIdsNamed(db: Db, name: string): Promise<string[]> {
  const rows = await db
    .select({ id: contractors.id })
    .from(contractors)
    .where(eq(contractors.name, name))
    .limit(2)
    .all();
  return rows.map((r) => r.id);
}

/** The contractor other than `selfId` that holds the corporate number, if any. */
export async function findCorporateNumberHolder(
  db: Db,
  corporateNumber: string,
  selfId: string | null,
): Promise<{ id: string; name: string } | null> {
  const holders = await db
    .select({ id: contractors.id, name: contractors.name })
    .from(contractors)
    .where(eq(contractors.corporateNumber, corporateNumber))
    .limit(2)
    .all();
  return holders.find((h) => h.id !== selfId) ?? null;
}

/** The registered contractors among `names` (at most 90 at a time: D1 binds up to 100 parameters). */
export async function contractorsNamed(db: Db, names: readonly string[]): Promise<{ name: string }[]> {
  return db
    .select({ name: contractors.name })
    .from(contractors)
    .where(inArray(contractors.name, [...names]))
    .all();
}

/** The registered contractors holding one of `numbers` (at most 90 at a time). */
export async function contractorsNumbered(
  db: Db,
  numbers: readonly string[],
): Promise<{ name: string; corporateNumber: string | null }[]> {
  return db
    .select({ name: contractors.name, corporateNumber: contractors.corporateNumber })
    .from(contractors)
    .where(inArray(contractors.corporateNumber, [...numbers]))
    .all();
}

export const insertContractor = (db: Db, row: ContractorRow): Statement => db.insert(contractors).values(row);

/** A versioned update of one contractor inside a larger unit, followed by its guard. */
export function contractorUpdate(
  db: Db,
  id: string,
  version: number,
  changes: Partial<Omit<ContractorRow, 'id' | 'createdAt'>>,
): Statement[] {
  return [
    db.update(contractors).set(changes).where(sql`${contractors.id} = ${id} AND ${contractors.version} = ${version}`),
    expectOneChange(db),
  ];
}

export interface ChainRow {
  id: string;
  name: string;
  status: ContractorRow['status'];
  risk_tier: ContractorRow['riskTier'];
  parent_id: string | null;
  depth: number;
}

/** Ancestors from the top of the chain down to the direct parent (depth …, −2, −1); bounded. */
export async function ancestorsOf(db: Db, id: string): Promise<ChainRow[]> {
  return db.all<ChainRow>(sql`
    WITH RECURSIVE up(id, name, status, risk_tier, parent_id, depth) AS (
      SELECT p.id, p.name, p.status, p.risk_tier, p.parent_id, -1
        FROM contractors c JOIN contractors p ON p.id = c.parent_id WHERE c.id = ${id}
      UNION ALL
      SELECT p.id, p.name, p.status, p.risk_tier, p.parent_id, up.depth - 1
        FROM up JOIN contractors p ON p.id = up.parent_id WHERE up.depth > -64
    )
    SELECT * FROM up ORDER BY depth`);
}

/** Every sub-contractor below, depth first (parents before their children). */
export async function descendantsOf(db: Db, id: string): Promise<ChainRow[]> {
  return db.all<ChainRow>(sql`
    WITH RECURSIVE down(id, name, status, risk_tier, parent_id, depth, path) AS (
      SELECT id, name, status, risk_tier, parent_id, 1, id FROM contractors WHERE parent_id = ${id}
      UNION ALL
      SELECT c.id, c.name, c.status, c.risk_tier, c.parent_id, down.depth + 1, down.path || '/' || c.id
        FROM down JOIN contractors c ON c.parent_id = down.id WHERE down.depth < 64
    )
    SELECT id, name, status, risk_tier, parent_id, depth FROM down ORDER BY path`);
}

/** Direct sub-contractors. */
export async function childrenOf(db: Db, id: string): Promise<ContractorRow[]> {
  return db.select().from(contractors).where(eq(contractors.parentId, id)).all();
}

/**
 * Put last in a unit that audits a stored contractor: it aborts the unit (as a stale
 * write) unless `next_review_due` is then `expected`, the value the audit event records.
 * A review written concurrently can move that date between the reads and the commit.
 */
export function expectNextReviewDue(db: Db, id: string, expected: string | null): Statement[] {
  return [
    db
      .update(contractors)
      .set({ nextReviewDue: sql`${contractors.nextReviewDue}` })
      .where(sql`${contractors.id} = ${id} AND ${contractors.nextReviewDue} IS ${expected}`),
    expectOneChange(db),
  ];
}

/**
 * A contractor as a person types it in a form: its id, else its exact name. Returns the
 * ids found (at most two: enough to tell "none", "one" and "several").
 */
export async function findContractorRefs(db: Db, typed: string): Promise<string[]> {
  const byId = await db.select({ id: contractors.id }).from(contractors).where(eq(contractors.id, typed)).get();
  if (byId) return [byId.id];
  return contractorIdsNamed(db, typed);
}

/** Names of the given contractors, for lists that show them beside other records. */
export async function contractorNames(db: Db, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await db
    .select({ id: contractors.id, name: contractors.name })
    .from(contractors)
    .where(inArray(contractors.id, [...ids]))
    .all();
  return new Map(rows.map((r) => [r.id, r.name]));
}

/** A completed review as the selection rule reads it. */
export interface SelectionReview {
  id: string;
  kind: 'selection' | 'follow_up';
  outcome: string | null;
  completedOn: string;
}

/**
 * The completed review that decides whether the contractor is selected: the latest
 * selection review, or a follow-up completed on or after one (the follow-up a failed
 * selection schedules). Ties on the day go to the one written last.
 */
export async function latestSelectionReview(db: Db, contractorId: string): Promise<SelectionReview | null> {
  const rows = await db.all<SelectionReview>(sql`
    SELECT r.id, r.kind, r.outcome, r.completed_on AS completedOn FROM reviews r
    WHERE r.contractor_id = ${contractorId} AND r.status = 'completed' AND r.completed_on IS NOT NULL
      AND (r.kind = 'selection' OR (r.kind = 'follow_up' AND EXISTS (
        SELECT 1 FROM reviews s WHERE s.contractor_id = r.contractor_id AND s.kind = 'selection'
          AND s.status = 'completed' AND s.completed_on <= r.completed_on)))
    ORDER BY r.completed_on DESC, r.updated_at DESC, r.id DESC LIMIT 1`);
  return rows[0] ?? null;
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
  return db
    .select({ id: contractors.id, name: contractors.name, nameKana: contractors.nameKana, status: contractors.status })
    .from(contractors)
    .where(sql`${contractors.searchText} LIKE ${`%${escapeLike(normalizeForSearch(q))}%`} ESCAPE '\\'`)
    .orderBy(asc(contractors.name), asc(contractors.id))
    .limit(limit)
    .all();
}
