import { rm } from 'node:fs/promises';
import type Database from 'better-sqlite3';
import { fillPlaceholders } from 'drizzle-orm';
import { runSweep, type SweepDeps, type SweepResult, type SweepScope, sweepScope } from '../../src/jobs/sweep';
import { rulesFingerprint } from '../../src/jobs/sweep.state';
import { compiledSweep } from '../../src/jobs/sweep.statements';
import { FixedClock } from '../../src/platform/clock';
import { newId } from '../../src/platform/ids';
import { appDeps } from '../lib/app-deps';
import { CONTRACTORS, copyDatabase, isSwept, markSwept, reviewData } from '../lib/dataset';
import { fmtInt, fmtRatio } from '../lib/load';
import type { Scenario } from '../lib/scenario';
import { explain, openRaw, prepare } from '../lib/sql';
import { TIME_ZONE } from '../seed';

/** benchmarks.md: first ≤ 1 s and ≤ 1.5× bare; daily ≤ 60 ms; nothing to flag ≤ 5 ms. */
const TARGET = { firstMs: 1000, firstRatio: 1.5, dailyMs: 60, nothingMs: 5 };

/** The sweep's SQL exactly as runSweep() runs it on better-sqlite3 for this clock and scope. */
function statementsFor(deps: SweepDeps, runId: string, scope: SweepScope, rules: string) {
  const plan = { runId, now: deps.clock.now(), emailEnabled: true, checkpoint: null, scope, rules };
  const { list, values } = compiledSweep(deps.clock.today(), plan);
  return list.map((q) => ({ label: q.label, query: { sql: q.sql, params: fillPlaceholders(q.params, values) } }));
}

/**
 * The baseline: the same statements, prepared and run with raw better-sqlite3 in one
 * transaction, with nothing around them (no lease, job_runs row, audit event, agreement
 * roll-forward, drizzle, RETURNING rows brought into JavaScript).
 */
function runBare(sqlite: Database.Database, deps: SweepDeps, scope: SweepScope, rules: string) {
  // Prepared before the clock starts, as the app keeps them prepared.
  const statements = statementsFor(deps, newId(), scope, rules).map((s) => ({ ...s, run: prepare(sqlite, s.query) }));
  const each: { label: string; ms: number; changes: number }[] = [];
  const started = performance.now();
  sqlite.exec('BEGIN');
  try {
    for (const s of statements) {
      const t = performance.now();
      const changes = s.run.run();
      each.push({ label: s.label, ms: performance.now() - t, changes });
    }
  } catch (err) {
    sqlite.exec('ROLLBACK');
    throw err;
  }
  // The commit on its own line: it appends the changed pages to the WAL. Like the server's
  // connection, this one leaves checkpoints to a thread; the one after is timed apart.
  const committing = performance.now();
  sqlite.exec('COMMIT');
  each.push({ label: 'commit', ms: performance.now() - committing, changes: 0 });
  const ms = performance.now() - started;
  const copying = performance.now();
  const [copied] = sqlite.pragma('wal_checkpoint(PASSIVE)') as [{ log: number }];
  return { ms, each, checkpoint: { ms: performance.now() - copying, frames: copied.log } };
}

const ms = (n: number) => `${n < 10 ? n.toFixed(1) : fmtInt(n)} ms`;
const slowest = (each: { label: string; ms: number }[]) =>
  [...each]
    .sort((a, b) => b.ms - a.ms)
    .slice(0, 3)
    .map((e) => `${e.label} ${ms(e.ms)}`)
    .join(', ');

export const sweep: Scenario = {
  name: 'sweep',
  title: `the daily sweep (runSweep) on ${fmtInt(CONTRACTORS)} contractors and their reviews vs its bare statements`,
  async run(print) {
    if (isSwept()) throw new Error('the sweep scenario needs the data before any sweep');
    const data = await reviewData(print);
    // The bare statements run on a copy, so both start from the same state.
    const barePath = await copyDatabase(data.path, 'sweep-bare.db');
    // 09:00 in Tokyo (the default cron) on the day before today; the daily run is today.
    const clock = new FixedClock(`${data.sweepDay}T00:00:00.000Z`, TIME_ZONE);
    // As the server runs it: the audit seal does not hold up the sweep.
    const app = await appDeps(data.path, clock, { sealInBackground: true, checkpointInBackground: true });
    const bare = openRaw(barePath);
    bare.pragma('wal_autocheckpoint = 0');
    const rules = await rulesFingerprint();
    try {
      const phases = [
        { name: 'first run', targetMs: TARGET.firstMs, maxRatio: TARGET.firstRatio, advance: 0 },
        { name: 'daily run', targetMs: TARGET.dailyMs, maxRatio: Number.POSITIVE_INFINITY, advance: 1 },
        { name: 'nothing to flag', targetMs: TARGET.nothingMs, maxRatio: Number.POSITIVE_INFINITY, advance: 0 },
      ];
      const measured = [];
      for (const phase of phases) {
        clock.advanceDays(phase.advance);
        // The scope the run is about to take (full, or since the previous run's day).
        const scope = await sweepScope(app.deps, clock.today(), rules);
        const baseline = runBare(bare, app.deps, scope, rules);
        const started = performance.now();
        const result: SweepResult = await runSweep(app.deps, { trigger: 'bench', emailEnabled: true });
        const took = performance.now() - started;
        const settling = performance.now();
        await app.settled();
        const after = performance.now() - settling;
        // Runs a day apart do not overlap their checkpoints; nor do the phases here.
        await app.quiet();
        if (result.status !== 'succeeded') throw new Error(`sweep ${phase.name}: ${result.status} ${result.error}`);
        const ratio = took / baseline.ms;
        const misses = [
          ...(took > phase.targetMs ? [`≤ ${ms(phase.targetMs)}`] : []),
          ...(ratio > phase.maxRatio ? [`≤ ${phase.maxRatio}× bare`] : []),
        ];
        const missed = misses.length > 0;
        print(
          `sweep ${phase.name} (${clock.today()}, ${scope.full ? 'full check' : `since ${scope.since}`}): ${ms(took)}, ${fmtInt(result.raised)} raised, ${fmtInt(result.resolved)} resolved, ${fmtInt(result.agreementsRolledForward)} agreements rolled forward (bare statements ${ms(baseline.ms)}, ratio ${fmtRatio(ratio)})${missed ? ` MISSES target ${misses.join(' and ')}` : ''}`,
        );
        print(`sweep ${phase.name} bare, slowest: ${slowest(baseline.each)}`);
        print(
          `sweep ${phase.name}, after its answer (audit seal; on the day's first run new statistics and the next run's statements): ${ms(after)}`,
        );
        print(
          `sweep ${phase.name}, its checkpoint (in the server's checkpoint thread, after the unit): ${fmtInt(baseline.checkpoint.frames)} pages in ${ms(baseline.checkpoint.ms)}`,
        );
        measured.push({
          phase: phase.name,
          today: clock.today(),
          ms: took,
          afterAnswerMs: after,
          result,
          bare: baseline,
          ratio,
          missed,
        });
      }

      // Every statement's plan, one line each; a full scan of a table is called out.
      const plans = statementsFor(app.deps, newId(), { full: false, since: clock.today() }, rules).map((s) => ({
        label: s.label,
        ...explain(app.sqlite, s.query),
      }));
      for (const p of plans) {
        const flag = p.fullScans.length ? `FULL SCAN of ${p.fullScans.join(', ')}: ` : '';
        print(`sweep plan ${p.label}: ${flag}${p.line}`);
      }
      markSwept(data);
      return { target: TARGET, reviews: data.reviews, phases: measured, plans };
    } finally {
      await app.close();
      bare.close();
      await rm(barePath, { force: true });
      await rm(`${barePath}-wal`, { force: true });
      await rm(`${barePath}-shm`, { force: true });
    }
  },
};
