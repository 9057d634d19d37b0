// Before anything else: refuses a Node.js too old for the SQLite driver.
import '../src/require-node';
import { execFileSync } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { cpus, loadavg } from 'node:os';
import { defaultLoad } from './lib/load';
import type { Scenario } from './lib/scenario';
import { ROOT } from './lib/server';
import { contractorList } from './scenarios/contractor-list';
import { dashboard } from './scenarios/dashboard';
import { exportCsv } from './scenarios/export';
import { importContractors } from './scenarios/import';
import { start } from './scenarios/start';
import { sweep } from './scenarios/sweep';
import { worker } from './scenarios/worker';
import { writes } from './scenarios/writes';

/**
 * `npm run bench [-- <scenario>…]`: runs the scenarios of benchmarks.md (all by default),
 * prints one `scenario: figure (baseline, ratio)` line per figure, and writes every
 * figure to bench/results/latest.json. Never part of `npm test`.
 */
const scenarios: Scenario[] = [contractorList, start, writes, sweep, dashboard, importContractors, exportCsv, worker];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !scenarios.some((s) => s.name === name));
if (unknown.length) {
  process.stderr.write(`unknown scenario ${unknown.join(', ')}; known: ${scenarios.map((s) => s.name).join(', ')}\n`);
  process.exit(2);
}
const selected = wanted.length ? scenarios.filter((s) => wanted.includes(s.name)) : scenarios;

/** The commit measured, so results can be compared across commits. */
function commit(): string {
  try {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: ROOT, encoding: 'utf8' }).trim();
    return git('rev-parse', '--short', 'HEAD') + (git('status', '--porcelain') ? '-dirty' : '');
  } catch {
    return 'unknown';
  }
}

const results: Record<string, unknown> = {};
/** Load average before and after: a busy machine (tests running beside) explains odd figures. */
const loadBefore = loadavg();
try {
  for (const s of selected) {
    process.stdout.write(`# ${s.name}: ${s.title}\n`);
    results[s.name] = await s.run((line) => process.stdout.write(`${line}\n`));
  }
} catch (err) {
  process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exitCode = 1;
}

const out = new URL('./results/latest.json', import.meta.url);
await mkdir(new URL('./results/', import.meta.url), { recursive: true });
const report = {
  at: new Date().toISOString(),
  commit: commit(),
  node: process.version,
  cpus: `${cpus().length} × ${cpus()[0]?.model ?? 'unknown'}`,
  load: defaultLoad,
  loadavg: { before: loadBefore, after: loadavg() },
  ok: process.exitCode !== 1,
  scenarios: results,
};
await writeFile(out, `${JSON.stringify(report, null, 2)}\n`);
process.stdout.write(`results: bench/results/latest.json\n`);
