import { sql } from 'drizzle-orm';
import type { Db } from '../../platform/db';

/** The cheapest query there is: it fails while the database is not open. */
export async function pingDatabase(db: Db): Promise<void> {
  await db.get(sql`select 1`);
}
