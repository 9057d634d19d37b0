// drizzle's SQL builder alone: export threads load this file, and the package index is heavy.
import { type SQL, sql } from 'drizzle-orm/sql';
import type { Db } from '../../platform/db';

/** The review history export's reads: one keyset page at a time, in id order. */

export interface ReviewExportRow {
  id: string;
  contractor_id: string;
  contractor_name: string;
  kind: string;
  due_date: string;
  status: string;
  assignee: string | null;
  completed_on: string | null;
  outcome: string | null;
  checklist_basic_policy: string;
  checklist_handling_rules: string;
  checklist_organizational: string;
  checklist_human: string;
  checklist_physical: string;
  checklist_technical: string;
  checklist_external_environment: string;
  notes: string | null;
  cancel_reason: string | null;
}

export interface ReviewExportFilter {
  contractorId?: string;
  status?: string;
  kind?: string;
  /** Completed on or after / on or before these dates. */
  completedFrom?: string;
  completedTo?: string;
}

export function reviewsWhere(filter: ReviewExportFilter): SQL {
  const conditions = [sql`1 = 1`];
  if (filter.contractorId) conditions.push(sql`r.contractor_id = ${filter.contractorId}`);
  if (filter.status) conditions.push(sql`r.status = ${filter.status}`);
  if (filter.kind) conditions.push(sql`r.kind = ${filter.kind}`);
  if (filter.completedFrom) conditions.push(sql`r.completed_on >= ${filter.completedFrom}`);
  if (filter.completedTo) conditions.push(sql`r.completed_on <= ${filter.completedTo}`);
  return sql.join(conditions, sql` AND `);
}

/** The next page of reviews after `afterId`, each with its contractor's name. */
export async function reviewsPage(
  db: Db,
  where: SQL,
  afterId: string | null,
  limit: number,
): Promise<ReviewExportRow[]> {
  return db.all<ReviewExportRow>(sql`
        SELECT r.id, r.contractor_id, c.name AS contractor_name, r.kind, r.due_date, r.status, r.assignee,
          r.completed_on, r.outcome, r.checklist_basic_policy, r.checklist_handling_rules,
          r.checklist_organizational, r.checklist_human, r.checklist_physical, r.checklist_technical,
          r.checklist_external_environment, r.notes, r.cancel_reason
        FROM reviews r JOIN contractors c ON c.id = r.contractor_id
        WHERE ${where} AND r.id > ${afterId ?? ''}
        ORDER BY r.id LIMIT ${limit}`);
}
