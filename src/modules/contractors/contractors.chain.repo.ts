import { sql } from 'drizzle-orm';
import { contractors } from '../../../db/schema';
import { type Db, expectOneChange, type Statement } from '../../platform/db';

/**
 * Guards that keep a re-consignment chain whole under concurrent writes: the checks before
 * a write read the chain, and these, inside the writing unit, abort it when the chain
 * changed meanwhile in a way that would leave a terminated parent with a running
 * sub-contractor.
 */

/**
 * Put in a unit that places a sub-contractor under `parentId`: it aborts the unit (as a
 * stale write) when the parent is terminated by then — a chain terminated concurrently
 * never gains a running sub-contractor.
 */
export function expectParentOpen(db: Db, parentId: string): Statement[] {
  return [
    db
      .update(contractors)
      .set({ version: sql`${contractors.version}` })
      .where(sql`${contractors.id} = ${parentId} AND ${contractors.status} <> 'terminated'`),
    expectOneChange(db),
  ];
}

/**
 * Put last in a unit that terminates `rootId`: it aborts the unit (as a stale write)
 * unless every contractor below it is terminated by then, so a sub-contractor placed
 * concurrently never survives its terminated chain.
 */
export function expectChainTerminated(db: Db, rootId: string): Statement[] {
  return [
    db
      .update(contractors)
      .set({ version: sql`${contractors.version}` })
      .where(
        sql`${contractors.id} = ${rootId} AND NOT EXISTS (
          WITH RECURSIVE below(id, depth) AS (
            SELECT s.id, 1 FROM contractors s WHERE s.parent_id = ${rootId}
            UNION ALL
            SELECT s.id, below.depth + 1 FROM contractors s JOIN below ON s.parent_id = below.id WHERE below.depth < 64
          )
          SELECT 1 FROM contractors x JOIN below ON x.id = below.id WHERE x.status <> 'terminated')`,
      ),
    expectOneChange(db),
  ];
}
