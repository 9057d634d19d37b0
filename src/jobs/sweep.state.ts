import { sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { sha256Hex } from '../platform/crypto';
import type { Db } from '../platform/db';
import { alertConditions, sweepParams } from './sweep.conditions';

// sweep_changes and sweep_state are defined in db/migrations/0018_sweep_incremental.sql
// (kept by triggers and by the sweep's own unit), so they are reached with `sql` here.

/** What the last successful sweep left: the day it swept through, under which rules. */
export interface SweptThrough {
  day: string;
  fingerprint: string;
}

export async function sweptThrough(db: Db): Promise<SweptThrough | null> {
  const row = await db.get<{ day: string; fingerprint: string } | undefined>(
    sql`SELECT swept_through AS day, fingerprint FROM sweep_state WHERE id = 1`,
  );
  return row ?? null;
}

let fingerprint: Promise<string> | undefined;

/**
 * The alert rules as the code states them: every condition's SQL and the day offsets it is
 * judged by. A release that changes a rule changes this, and its first sweep checks
 * everything again instead of trusting what the previous rules decided.
 */
export function rulesFingerprint(): Promise<string> {
  fingerprint ??= (() => {
    const dialect = new SQLiteSyncDialect();
    const p = sweepParams('2000-01-01');
    const text = alertConditions.map((c) => {
      const q = dialect.sqlToQuery(
        sql`${c.kind} ${c.source(p)} ${c.subject} ${c.contractor} ${c.due} ${c.severity(p)} ${c.message}`,
      );
      return `${q.sql}\u0000${JSON.stringify(q.params)}`;
    });
    return sha256Hex(text.join('\u0001'));
  })();
  return fingerprint;
}

/**
 * The end of a run's unit: the change list is emptied (what was on it has been checked by
 * this very unit, and no write can come between on either driver) and the day recorded.
 */
export const recordSweptThrough = (day: string, rules: string, runId: string) => [
  sql`DELETE FROM sweep_changes`,
  sql`INSERT INTO sweep_state (id, swept_through, fingerprint, run_id) VALUES (1, ${day}, ${rules}, ${runId})
    ON CONFLICT (id) DO UPDATE SET swept_through = excluded.swept_through, fingerprint = excluded.fingerprint,
      run_id = excluded.run_id`,
];
