import { sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { type AlertCondition, sweepParams } from './sweep.conditions';

/**
 * The bits of sweep_changes.tables (db/migrations/0022_sweep_changes_by_table.sql) that
 * make a listed contractor worth re-checking for a condition: the tables its SQL reads,
 * contractors always (names, status), and alerts a person resolved or deleted (64).
 */
const TABLE_BITS = { contractors: 1, reviews: 2, agreements: 4, findings: 8, documents: 16, questionnaires: 32 };
const ALERTS_BY_PEOPLE = 64;
const masks = new Map<string, number>();
export function changeMask(c: AlertCondition): number {
  let mask = masks.get(c.kind);
  if (mask === undefined) {
    const p = sweepParams('2000-01-01');
    const text = new SQLiteSyncDialect().sqlToQuery(
      sql`${c.source(p)} ${c.subject} ${c.contractor} ${c.due} ${c.severity(p)} ${c.message}`,
    ).sql;
    mask = TABLE_BITS.contractors | ALERTS_BY_PEOPLE;
    for (const [table, bit] of Object.entries(TABLE_BITS)) {
      if (new RegExp(`\\b${table}\\b`).test(text)) mask |= bit;
    }
    masks.set(c.kind, mask);
  }
  return mask;
}
