// drizzle's SQL builder alone: export threads load this file, and the package index is heavy.
import { type SQL, sql } from 'drizzle-orm/sql';
import { normalizeForSearch } from '../../domain/search-text';
import { type SupervisionStatus, supervisionStatusIs } from '../../domain/supervision-status';
import type { Db } from '../../platform/db';

/**
 * The supervision export's reads, across the registry's tables: one keyset page at a
 * time, in id order, each row with everything its CSV line shows (reviews.repo.ts has
 * the review history's).
 */

export interface ExportFilter {
  status?: string;
  riskTier?: string;
  supervisionStatus?: SupervisionStatus;
  q?: string;
  parentId?: string;
}

export interface StatusRow {
  id: string;
  name: string;
  name_kana: string | null;
  corporate_number: string | null;
  country: string;
  contact_name: string | null;
  contact_email: string | null;
  services: string | null;
  data_categories: string;
  handles_special_care: number;
  handles_payment_data: number;
  subject_count: number;
  system_access: number;
  parent_name: string | null;
  parent_id: string | null;
  cross_border_basis: string | null;
  processing_countries: string;
  risk_tier_override: string | null;
  risk_override_reason: string | null;
  status: string;
  risk_tier: 'high' | 'medium' | 'low';
  next_review_due: string | null;
  last_outcome: string | null;
  last_completed_on: string | null;
  open_findings: number;
  agreement_gaps: number;
  open_alerts: number;
}

/** The filters of GET /contractors as SQL on `contractors c`, as of `today` (due soon up to `soon`). */
export function supervisionWhere(filter: ExportFilter, today: string, soon: string): SQL {
  const conditions = [sql`1 = 1`];
  if (filter.status) conditions.push(sql`c.status = ${filter.status}`);
  if (filter.riskTier) conditions.push(sql`c.risk_tier = ${filter.riskTier}`);
  if (filter.parentId) conditions.push(sql`c.parent_id = ${filter.parentId}`);
  // The list's own infix check (infixMatch in contractors.search.repo.ts).
  if (filter.q) conditions.push(sql`instr(c.search_text, ${normalizeForSearch(filter.q)}) > 0`);
  if (filter.supervisionStatus) {
    conditions.push(supervisionStatusIs(filter.supervisionStatus, sql`c.next_review_due`, today, soon, sql`c.status`));
  }
  return sql.join(conditions, sql` AND `);
}

/** The next page of supervision rows after `afterId`, with per-contractor subqueries. */
export async function supervisionPage(
  db: Db,
  where: SQL,
  today: string,
  afterId: string | null,
  limit: number,
): Promise<StatusRow[]> {
  return db.all<StatusRow>(sql`
        SELECT c.id, c.name, c.name_kana, c.corporate_number, c.country, c.contact_name, c.contact_email, c.services,
          c.data_categories, c.handles_special_care, c.handles_payment_data, c.subject_count, c.system_access,
          p.name AS parent_name, c.parent_id, c.cross_border_basis, c.processing_countries, c.risk_tier_override, c.risk_override_reason,
          c.status, c.risk_tier, c.next_review_due,
          (SELECT r.outcome FROM reviews r WHERE r.contractor_id = c.id AND r.status = 'completed'
            ORDER BY r.completed_on DESC LIMIT 1) AS last_outcome,
          (SELECT max(r.completed_on) FROM reviews r WHERE r.contractor_id = c.id AND r.status = 'completed') AS last_completed_on,
          (SELECT count(*) FROM findings f WHERE f.contractor_id = c.id AND f.status = 'open') AS open_findings,
          (SELECT coalesce(sum(g.missing_clause_count), 0) FROM agreements g WHERE g.contractor_id = c.id
            AND (g.terminated_on IS NULL OR g.terminated_on > ${today})) AS agreement_gaps,
          (SELECT count(*) FROM alerts a WHERE a.contractor_id = c.id AND a.status <> 'resolved') AS open_alerts
        FROM contractors c LEFT JOIN contractors p ON p.id = c.parent_id
        WHERE ${where} AND c.id > ${afterId ?? ''}
        ORDER BY c.id LIMIT ${limit}`);
}
