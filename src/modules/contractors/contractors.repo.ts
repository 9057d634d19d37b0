import { eq, inArray, sql } from 'drizzle-orm';
import { type ContractorRow, contractors } from '../../../db/schema';
import { type Db, expectOneChange, perHandle, type Statement, stablePlaceholder } from '../../platform/db';
import { notFound } from '../../platform/problem';

// List pages and name search live beside this file; their callers import them from here.
export {
  type ContractorFilter,
  contractorCounter,
  contractorLister,
  contractorsByIds,
  DUE_SOON_DAYS,
  type ListedContractor,
  type ListedKey,
  ordersByDueDate,
} from './contractors.list.repo';
export { contractorsMatching } from './contractors.search.repo';

// Every write about a contractor (reviews, agreements, findings, …) starts with this.
const contractorById = perHandle((db) =>
  db
    .select()
    .from(contractors)
    .where(sql`${contractors.id} = ${stablePlaceholder('id')}`)
    .prepare(),
);

export async function findContractor(db: Db, id: string): Promise<ContractorRow | null> {
  return ((await contractorById(db).get({ id })) as ContractorRow | undefined) ?? null;
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
