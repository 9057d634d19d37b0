import { desc, eq, sql } from 'drizzle-orm';
import { jobRuns } from '../../../db/schema';
import type { Db, Statement } from '../../platform/db';

export type JobRunRow = typeof jobRuns.$inferSelect;

/** Newest first, `limit` runs before `before` (started at, id). */
export async function jobRunsPage(
  db: Db,
  q: { before?: [startedAt: string, id: string]; limit: number },
): Promise<JobRunRow[]> {
  return db
    .select()
    .from(jobRuns)
    .where(q.before ? sql`(${jobRuns.startedAt}, ${jobRuns.id}) < (${q.before[0]}, ${q.before[1]})` : undefined)
    .orderBy(desc(jobRuns.startedAt), desc(jobRuns.id))
    .limit(q.limit)
    .all();
}

export const countJobRuns = (db: Db): Promise<number> => db.$count(jobRuns);

export async function findJobRun(db: Db, id: string): Promise<JobRunRow | null> {
  return (await db.select().from(jobRuns).where(eq(jobRuns.id, id)).get()) ?? null;
}

/** A run as it starts; `finishJobRun` records how it ended. Statements, for the job's own units. */
export const startJobRun = (db: Db, run: Pick<JobRunRow, 'id' | 'job' | 'trigger' | 'startedAt'>): Statement =>
  db.insert(jobRuns).values({ ...run, status: 'running' });

export const finishJobRun = (
  db: Db,
  id: string,
  end: Pick<JobRunRow, 'status' | 'finishedAt' | 'counts' | 'error'>,
): Statement => db.update(jobRuns).set(end).where(eq(jobRuns.id, id));
