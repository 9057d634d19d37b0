import { inArray } from 'drizzle-orm';
import { type ContractorRow, contractors } from '../../../db/schema';
import type { Db } from '../../platform/db';

/** The lifecycle status of each contractor named, for the warnings of their agreements. */
export async function contractorStatusesOf(
  db: Db,
  ids: readonly string[],
): Promise<Map<string, ContractorRow['status']>> {
  const unique = [...new Set(ids)];
  if (unique.length === 0) return new Map();
  const rows = await db
    .select({ id: contractors.id, status: contractors.status })
    .from(contractors)
    .where(inArray(contractors.id, unique))
    .all();
  return new Map(rows.map((r) => [r.id, r.status]));
}
