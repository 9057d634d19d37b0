import { and, asc, eq, gt, gte, inArray, isNull, lt, lte, type SQL, sql } from 'drizzle-orm';
import { type ContractorRow, contractors } from '../../../db/schema';
import { addDays } from '../../domain/calendar';
import { escapeLike, normalizeForSearch } from '../../domain/search-text';
import { type Db, expectOneChange, type Statement } from '../../platform/db';

export interface ContractorFilter {
  status?: ContractorRow['status'];
  riskTier?: ContractorRow['riskTier'];
  supervisionStatus?: 'on_track' | 'due_soon' | 'overdue' | 'none_scheduled';
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

/** Days ahead in which a scheduled review counts as "due soon". */
export const DUE_SOON_DAYS = 14;

const p = (name: string) => sql.placeholder(name);

/**
 * List pages run as prepared statements: one per combination of filters, built on first
 * use. Building a drizzle query per request costs a fifth of the throughput.
 */
export function contractorLister(db: Db) {
  const cache = new Map<string, { all(values: Record<string, unknown>): Promise<ContractorRow[]> | ContractorRow[] }>();
  return async (f: ContractorFilter, today: string): Promise<ContractorRow[]> => {
    const key = [
      f.status ? 's' : '',
      f.riskTier ? 'r' : '',
      f.supervisionStatus ?? '',
      f.q ? 'q' : '',
      f.parentId ? 'p' : '',
      f.afterId ? 'a' : '',
    ].join('|');
    let query = cache.get(key);
    if (!query) {
      const where: SQL[] = [];
      if (f.status) where.push(eq(contractors.status, p('status')));
      if (f.riskTier) where.push(eq(contractors.riskTier, p('riskTier')));
      if (f.parentId) where.push(eq(contractors.parentId, p('parentId')));
      if (f.q) where.push(sql`${contractors.searchText} LIKE ${p('q')} ESCAPE '\\'`);
      const byDue = ordersByDueDate(f);
      if (f.afterId && byDue) {
        where.push(sql`(${contractors.nextReviewDue}, ${contractors.id}) > (${p('afterDue')}, ${p('afterId')})`);
      } else if (f.afterId) where.push(gt(contractors.id, p('afterId')));
      switch (f.supervisionStatus) {
        case 'overdue':
          where.push(lt(contractors.nextReviewDue, p('today')));
          break;
        case 'due_soon':
          where.push(gte(contractors.nextReviewDue, p('today')), lte(contractors.nextReviewDue, p('soon')));
          break;
        case 'on_track':
          where.push(gt(contractors.nextReviewDue, p('soon')));
          break;
        case 'none_scheduled':
          where.push(isNull(contractors.nextReviewDue));
          break;
      }
      query = db
        .select()
        .from(contractors)
        .where(and(...where))
        .orderBy(...(byDue ? [asc(contractors.nextReviewDue), asc(contractors.id)] : [asc(contractors.id)]))
        .limit(p('limit'))
        .prepare() as unknown as typeof query;
      cache.set(key, query as NonNullable<typeof query>);
    }
    return (query as NonNullable<typeof query>).all({
      status: f.status,
      riskTier: f.riskTier,
      parentId: f.parentId,
      q: f.q ? `%${escapeLike(normalizeForSearch(f.q))}%` : undefined,
      afterId: f.afterId,
      afterDue: f.afterDue,
      today,
      soon: addDays(today, DUE_SOON_DAYS),
      limit: f.limit,
    });
  };
}

export async function findContractor(db: Db, id: string): Promise<ContractorRow | undefined> {
  return db.select().from(contractors).where(eq(contractors.id, id)).get();
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
  const byName = await db
    .select({ id: contractors.id })
    .from(contractors)
    .where(eq(contractors.name, typed))
    .limit(2)
    .all();
  return byName.map((r) => r.id);
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
