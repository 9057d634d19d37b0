import { eq, sql } from 'drizzle-orm';
import { settings } from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';

/** The settings key the selection criteria (選定基準) are kept under. */
export const SELECTION_CRITERIA_KEY = 'selection-criteria';

export async function findSettingRow(db: Db, key: string): Promise<{ value: string; updatedAt: string } | null> {
  const row = await db
    .select({ value: settings.value, updatedAt: settings.updatedAt })
    .from(settings)
    .where(eq(settings.key, key))
    .get();
  return row ?? null;
}

/**
 * Writes a versioned setting (its JSON value holds `version`) only over the version read:
 * the first write inserts it; a later one updates it while the stored version is still
 * `readVersion`. Followed by its guard, so a concurrent writer makes the unit roll back.
 */
export function settingWrite(db: Db, key: string, value: string, updatedAt: string, readVersion: number): Statement[] {
  return [
    db
      .insert(settings)
      .values({ key, value, updatedAt })
      .onConflictDoUpdate({
        target: settings.key,
        set: { value, updatedAt },
        setWhere: sql`json_extract(${settings.value}, '$.version') = ${readVersion}`,
      }),
    expectOneChange(db),
  ];
}
