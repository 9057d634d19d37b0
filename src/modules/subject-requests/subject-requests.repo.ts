import { and, asc, count, eq, inArray, lt, type SQL, sql } from 'drizzle-orm';
import {
  contractors,
  type SubjectRequestRow,
  type SubjectRequestTaskRow,
  subjectRequests,
  subjectRequestTasks,
} from '../../../db/schema';
import { type Db, expectOneChange, rawStatement, type Statement } from '../../platform/db';
import { notFound } from '../../platform/problem';

export async function findSubjectRequest(db: Db, id: string): Promise<SubjectRequestRow | null> {
  return (await db.select().from(subjectRequests).where(eq(subjectRequests.id, id)).get()) ?? null;
}

export async function getSubjectRequestRow(db: Db, id: string): Promise<SubjectRequestRow> {
  const row = await findSubjectRequest(db, id);
  if (!row) throw notFound('Subject request', id);
  return row;
}

export type TaskRow = SubjectRequestTaskRow & { contractorName: string };

/** The tasks of the given requests with their contractor's name, by name within a request. */
export async function taskRowsOf(db: Db, requestIds: readonly string[]): Promise<TaskRow[]> {
  if (requestIds.length === 0) return [];
  const rows = await db
    .select({ task: subjectRequestTasks, contractorName: contractors.name })
    .from(subjectRequestTasks)
    .innerJoin(contractors, eq(contractors.id, subjectRequestTasks.contractorId))
    .where(inArray(subjectRequestTasks.requestId, [...requestIds]))
    .all();
  return rows
    .map((r) => ({ ...r.task, contractorName: r.contractorName }))
    .sort(
      (a, b) => a.contractorName.localeCompare(b.contractorName, 'ja') || a.contractorId.localeCompare(b.contractorId),
    );
}

/**
 * The contractors holding any of `categories` on `on`, as a recursive CTE named `holders`
 * (contractor_id, category): the same rule as holdersOf() in domain/subject-requests.ts.
 * "In force on a day" mirrors agreementStatus(a, day) === 'active' (domain/agreement-terms.ts):
 * not terminated by then, started, and not past its end unless it renews by terms.
 * One JSON parameter carries the categories (D1 binds at most 100 per statement).
 */
export const holdersCte = (categories: readonly string[], on: string): SQL => sql`WITH RECURSIVE
  wanted(category) AS (SELECT value FROM json_each(${JSON.stringify(categories)})),
  holders(contractor_id, category) AS (
    SELECT g.contractor_id, j.value FROM agreements g, json_each(g.data_categories) j
      WHERE j.value IN (SELECT category FROM wanted)
        AND (g.terminated_on IS NULL OR g.terminated_on > ${on})
        AND g.start_date <= ${on}
        AND (g.end_date IS NULL OR g.end_date >= ${on} OR (g.auto_renew = 1 AND g.renewal_term_months > 0))
    UNION
    SELECT c.id, h.category FROM holders h JOIN contractors c ON c.parent_id = h.contractor_id
      JOIN json_each(c.data_categories) j ON j.value = h.category
      WHERE c.status <> 'terminated'
  )`;

/** Who holds the categories now, read outside any unit: what the unit then checks still holds. */
export async function holderIds(db: Db, categories: readonly string[], on: string): Promise<string[]> {
  const rows = (await db.all(
    sql`${holdersCte(categories, on)} SELECT DISTINCT contractor_id AS id FROM holders ORDER BY contractor_id`,
  )) as { id: string }[];
  return rows.map((r) => r.id);
}

/**
 * The tasks of a request, opened in its unit from the holders as they are at commit, then
 * a guard: the unit rolls back (a stale write) unless they are exactly `expected`, the set
 * its audit event records. An agreement terminated meanwhile thus either counts or not,
 * never half.
 */
export function openTasks(
  db: Db,
  requestId: string,
  categories: readonly string[],
  on: string,
  expected: readonly string[],
  at: string,
): Statement[] {
  return [
    rawStatement(
      db,
      sql`${holdersCte(categories, on)}
        INSERT INTO subject_request_tasks (request_id, contractor_id, updated_at, version)
        SELECT ${requestId}, contractor_id, ${at}, 1 FROM (SELECT DISTINCT contractor_id FROM holders)
        RETURNING contractor_id`,
    ),
    db
      .update(subjectRequests)
      .set({ updatedAt: sql`${subjectRequests.updatedAt}` })
      .where(
        sql`${subjectRequests.id} = ${requestId}
          AND (SELECT count(*) FROM subject_request_tasks t WHERE t.request_id = ${requestId}) = ${expected.length}
          AND NOT EXISTS (SELECT 1 FROM subject_request_tasks t WHERE t.request_id = ${requestId}
            AND t.contractor_id NOT IN (SELECT value FROM json_each(${JSON.stringify(expected)})))`,
      ),
    expectOneChange(db),
  ];
}

export const deleteTasks = (db: Db, requestId: string): Statement =>
  db.delete(subjectRequestTasks).where(eq(subjectRequestTasks.requestId, requestId));

export const insertSubjectRequest = (db: Db, row: SubjectRequestRow): Statement =>
  db.insert(subjectRequests).values(row);

/** A versioned update of one request while it is open, followed by its guard. */
export function requestUpdate(db: Db, current: SubjectRequestRow, next: SubjectRequestRow, extra?: SQL): Statement[] {
  const { id: _id, createdAt: _c, createdBy: _b, ...changes } = next;
  return [
    db
      .update(subjectRequests)
      .set(changes)
      .where(
        sql`${subjectRequests.id} = ${current.id} AND ${subjectRequests.version} = ${current.version}
          AND ${subjectRequests.status} = 'open' ${extra ? sql`AND ${extra}` : sql``}`,
      ),
    expectOneChange(db),
  ];
}

/** Closing needs every task answered: checked again inside the unit, against a task changed meanwhile. */
export const allTasksAnswered = (requestId: string): SQL =>
  sql`NOT EXISTS (SELECT 1 FROM subject_request_tasks t WHERE t.request_id = ${requestId} AND t.answered_on IS NULL)`;

/** A versioned update of one task, only while its request is open, followed by its guard. */
export function taskUpdate(db: Db, current: SubjectRequestTaskRow, next: SubjectRequestTaskRow): Statement[] {
  return [
    db
      .update(subjectRequestTasks)
      .set({
        forwardedOn: next.forwardedOn,
        answeredOn: next.answeredOn,
        outcome: next.outcome,
        note: next.note,
        updatedAt: next.updatedAt,
        version: next.version,
      })
      .where(
        sql`${subjectRequestTasks.requestId} = ${current.requestId}
          AND ${subjectRequestTasks.contractorId} = ${current.contractorId}
          AND ${subjectRequestTasks.version} = ${current.version}
          AND EXISTS (SELECT 1 FROM subject_requests r WHERE r.id = ${current.requestId} AND r.status = 'open')`,
      ),
    expectOneChange(db),
  ];
}

export interface SubjectRequestFilter {
  status?: 'open' | 'closed';
  kind?: SubjectRequestRow['kind'];
  overdue?: boolean;
  contractorId?: string;
  /** Keyset position: the last row's (dueOn, id). */
  after?: [dueOn: string, id: string];
  limit: number;
}

const overdueSql = (today: string) => and(eq(subjectRequests.status, 'open'), lt(subjectRequests.dueOn, today)) as SQL;

function matching(f: Omit<SubjectRequestFilter, 'after' | 'limit'>, today: string): SQL[] {
  const where: SQL[] = [];
  if (f.status) where.push(eq(subjectRequests.status, f.status));
  if (f.kind) where.push(eq(subjectRequests.kind, f.kind));
  if (f.overdue === true) where.push(overdueSql(today));
  if (f.overdue === false) where.push(sql`NOT (${overdueSql(today)})`);
  if (f.contractorId) where.push(inArray(subjectRequests.id, requestsWithTaskFor(f.contractorId)));
  return where;
}

/** The requests with a task for the contractor (the tasks' contractor index answers it). */
const requestsWithTaskFor = (contractorId: string) =>
  sql`(SELECT t.request_id FROM subject_request_tasks t WHERE t.contractor_id = ${contractorId})`;

/** Requests by due date, the most urgent first. */
export async function subjectRequestRows(db: Db, f: SubjectRequestFilter, today: string) {
  const where = matching(f, today);
  if (f.after) {
    const [dueOn, id] = f.after;
    where.push(sql`(${subjectRequests.dueOn}, ${subjectRequests.id}) > (${dueOn}, ${id})`);
  }
  return db
    .select()
    .from(subjectRequests)
    .where(and(...where))
    .orderBy(asc(subjectRequests.dueOn), asc(subjectRequests.id))
    .limit(f.limit)
    .all();
}

export async function countSubjectRequestRows(
  db: Db,
  f: Omit<SubjectRequestFilter, 'after' | 'limit'>,
  today: string,
): Promise<number> {
  const row = await db
    .select({ n: count() })
    .from(subjectRequests)
    .where(and(...matching(f, today)))
    .get();
  return row?.n ?? 0;
}

/** The contractors with tasks at all, at most `limit`: what a list can be narrowed to. */
export async function contractorsWithTasks(db: Db, limit: number): Promise<{ id: string; name: string }[]> {
  return db
    .select({ id: contractors.id, name: contractors.name })
    .from(contractors)
    .where(
      inArray(contractors.id, db.selectDistinct({ id: subjectRequestTasks.contractorId }).from(subjectRequestTasks)),
    )
    .limit(limit)
    .all();
}
