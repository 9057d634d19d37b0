import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { MINIMUM_NODE, nodeAtLeast, nodeVersionProblem } from '../../src/platform/node-version';

const dir = mkdtempSync(join(tmpdir(), 'itaku-node-version-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const entries = [['src/node.ts'], ['src/cli.ts', 'verify-audit'], ['bench/run.ts', 'contractors']];

/** Node.js binaries on the PATH outside node_modules (the system's), older than itaku needs. */
function oldSystemNodes(): string[] {
  const found: string[] = [];
  for (const folder of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(folder, 'node');
    if (folder.includes('node_modules') || !existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['--version'], { encoding: 'utf8' }).trim();
    if (!nodeAtLeast(version)) found.push(realpathSync(candidate));
  }
  return [...new Set(found)];
}

function run(node: string, preload: string[], args: string[]) {
  const dbPath = join(dir, `${Math.random().toString(36).slice(2)}.db`);
  const result = spawnSync(node, [...preload, '--import', 'tsx', ...args], {
    env: { ...process.env, ITAKU_DB_PATH: dbPath, ITAKU_LOG_LEVEL: 'error' },
    encoding: 'utf8',
    timeout: 20_000,
  });
  return { ...result, dbPath };
}

describe('the Node.js version check', () => {
  it.each([
    ['20.20.2', false],
    ['22.13.1', false],
    ['22.14.0', true],
    ['v24.21.0', true],
    ['26.0.0', true],
  ])('%s is accepted: %s', (version, ok) => {
    expect(nodeAtLeast(version)).toBe(ok);
    const problem = nodeVersionProblem(version);
    if (ok) expect(problem).toBeNull();
    else expect(problem).toMatch(new RegExp(`${version.replace(/\./g, '\\.')}.*${MINIMUM_NODE}.*npm start`));
  });

  it.each(entries)('%s refuses an old Node with one line and exit code 1, before opening any database', (...args) => {
    const r = run(process.execPath, ['--import', './tests/support/pretend-node-20.mjs'], args);
    expect(r.status, r.stderr).toBe(1);
    expect(r.stderr.trim().split('\n')).toEqual([nodeVersionProblem('20.20.2')]);
    expect(existsSync(r.dbPath)).toBe(false);
  });

  // The machine's own Node (20 here) would crash in the SQLite driver without the check:
  // exit code 1 and the message, not a segmentation fault, proves it runs first.
  it('refuses the system Node.js outside npm, if the machine has an old one, on every entry point', () => {
    const nodes = oldSystemNodes();
    for (const node of nodes) {
      const version = execFileSync(node, ['--version'], { encoding: 'utf8' }).trim().replace(/^v/, '');
      for (const args of entries) {
        const r = run(node, [], args);
        expect(r.status, `${node} ${args.join(' ')}: ${r.stderr}`).toBe(1);
        expect(r.stderr.trim()).toBe(nodeVersionProblem(version));
        expect(existsSync(r.dbPath)).toBe(false);
      }
    }
    // This project's own Node is new enough.
    expect(nodeAtLeast(process.versions.node)).toBe(true);
  });
});
