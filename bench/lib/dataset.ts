import { rmSync } from 'node:fs';
import { copyFile, mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { addDays, civilDate } from '../../src/domain/calendar';
import { runSweep } from '../../src/jobs/sweep';
import { systemClock } from '../../src/platform/clock';
import { type Seeded, seedContractors, TIME_ZONE } from '../seed';
import { type ReviewsSeeded, seedReviews } from '../seed-reviews';
import { appDeps } from './app-deps';
import { atExit } from './cleanup';
import { fmtInt } from './load';

/**
 * The one seeded database a run shares: seeding 100k contractors and 1M reviews takes
 * longer than most scenarios, so it is built once, in layers, each on first need:
 * contractors + agreements (contractor list), then reviews and findings (sweep,
 * dashboard, export), then one sweep's alerts (dashboard, export). Scenarios that change
 * data beyond that work on a copy (scratchPath) or on their own database.
 */
export const CONTRACTORS = Number(process.env.BENCH_CONTRACTORS ?? 100_000);
/** The PRNG seed: the same seed gives the same data (only uuidv7 ids differ per run). */
const SEED = 25;

export interface ContractorsData {
  path: string;
  contractors: number;
  seed: Seeded;
  /**
   * The data is seeded as of the day before today, so that the sweep scenario's first
   * run is "yesterday" and its daily run today (agreements whose term ended yesterday
   * roll forward, reviews due yesterday become overdue): afterwards the data is as a
   * real sweep left it this morning, which the servers of later scenarios (system clock)
   * see.
   */
  sweepDay: string;
}
export interface ReviewsData extends ContractorsData {
  reviews: ReviewsSeeded;
}

type Print = (line: string) => void;

let dir: Promise<string> | undefined;
let contractors: Promise<ContractorsData> | undefined;
let reviews: Promise<ReviewsData> | undefined;
let swept: Promise<ReviewsData> | undefined;

/** The run's temp dir, removed however the bench ends. */
export function workDir(): Promise<string> {
  dir ??= mkdtemp(join(tmpdir(), 'itaku-bench-')).then((d) => {
    atExit(() => rmSync(d, { recursive: true, force: true }));
    return d;
  });
  return dir;
}

/** A path for a scenario's own file in the run's temp dir (the dir goes at the end). */
export const scratchPath = async (name: string): Promise<string> => join(await workDir(), name);

export function contractorData(print: Print): Promise<ContractorsData> {
  contractors ??= (async () => {
    const path = await scratchPath('itaku.db');
    const sweepDay = addDays(civilDate(new Date(), TIME_ZONE), -1);
    const opts = { contractors: CONTRACTORS, agreementsPerContractor: 3, seed: SEED, asOf: sweepDay };
    const seed = await seedContractors(path, opts);
    print(
      `seed contractors: ${seed.seconds.toFixed(1)} s (${fmtInt(CONTRACTORS)} contractors + ${fmtInt(seed.agreements)} agreements; rows ${seed.loadSeconds.toFixed(1)} s, indexes ${seed.indexSeconds.toFixed(1)} s)`,
    );
    return { path, contractors: CONTRACTORS, seed, sweepDay };
  })();
  return contractors;
}

export function reviewData(print: Print): Promise<ReviewsData> {
  reviews ??= (async () => {
    const base = await contractorData(print);
    const { sweepDay } = base;
    const seeded = await seedReviews(base.path, { seed: SEED + 1, today: sweepDay });
    print(
      `seed reviews: ${seeded.seconds.toFixed(1)} s (${fmtInt(seeded.reviews)} reviews, ${fmtInt(seeded.openOverdue)} open overdue, ${fmtInt(seeded.dueToday)} due on ${sweepDay}, ${fmtInt(seeded.findings)} findings)`,
    );
    return { ...base, reviews: seeded, sweepDay };
  })();
  return reviews;
}

/** Called by the sweep scenario once it has swept the shared database itself. */
export function markSwept(data: ReviewsData): void {
  swept = Promise.resolve(data);
}
export const isSwept = (): boolean => swept !== undefined;

/** The reviews data with the alerts of a sweep run today (run here unless the sweep scenario did). */
export function sweptData(print: Print): Promise<ReviewsData> {
  swept ??= (async () => {
    const data = await reviewData(print);
    const { deps, close } = await appDeps(data.path, systemClock(TIME_ZONE));
    try {
      const started = performance.now();
      const result = await runSweep(deps, { trigger: 'bench', emailEnabled: true });
      if (result.status !== 'succeeded') throw new Error(`seed sweep ${result.status}: ${result.error}`);
      print(
        `seed sweep: ${((performance.now() - started) / 1000).toFixed(1)} s (${fmtInt(result.raised)} alerts raised)`,
      );
    } finally {
      await close();
    }
    return data;
  })();
  return swept;
}

/** A consistent copy of a database file (its WAL is checkpointed into it by every writer here). */
export async function copyDatabase(from: string, name: string): Promise<string> {
  const to = await scratchPath(name);
  await copyFile(from, to);
  return to;
}
