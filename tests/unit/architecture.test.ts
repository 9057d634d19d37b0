import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The import graph of src/, read from the sources: which way the layers point
 * (docs/architecture.md) is checked here rather than trusted to review.
 */
const ROOT = normalize(join(import.meta.dirname, '../..'));
const SRC = join(ROOT, 'src');

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

const IMPORT =
  /(?:^|\n)\s*(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|(?:^|\n)\s*import\s*['"](\.{1,2}\/[^'"]+)['"]/g;

function resolveImport(from: string, spec: string): string | null {
  const base = normalize(join(dirname(from), spec));
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, join(base, 'index.ts')]) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  }
  return null;
}

const files = sources(SRC);
const graph = new Map<string, string[]>(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(IMPORT)]
      .map((m) => resolveImport(file, m[1] ?? m[2] ?? ''))
      .filter((t): t is string => t?.startsWith(SRC) === true);
    return [file, targets];
  }),
);
const name = (file: string) => relative(ROOT, file);

/** Every cycle's members, by Tarjan's strongly connected components. */
function cycles(): string[][] {
  let index = 0;
  const stack: string[] = [];
  const on = new Set<string>();
  const idx = new Map<string, number>();
  const low = new Map<string, number>();
  const found: string[][] = [];
  const visit = (v: string) => {
    idx.set(v, index);
    low.set(v, index++);
    stack.push(v);
    on.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!idx.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (on.has(w)) low.set(v, Math.min(low.get(v) ?? 0, idx.get(w) ?? 0));
    }
    if (low.get(v) === idx.get(v)) {
      const scc: string[] = [];
      for (let w = stack.pop(); w !== undefined; w = stack.pop()) {
        on.delete(w);
        scc.push(name(w));
        if (w === v) break;
      }
      if (scc.length > 1 || (graph.get(v) ?? []).includes(v)) found.push(scc.sort());
    }
  };
  for (const f of files) if (!idx.has(f)) visit(f);
  return found;
}

const arrows = (fromDir: string, allowed: (target: string) => boolean) =>
  [...graph.entries()]
    .filter(([file]) => name(file).startsWith(fromDir))
    .flatMap(([file, targets]) => targets.filter((t) => !allowed(name(t))).map((t) => `${name(file)} → ${name(t)}`));

describe('the import graph of src/', () => {
  it('reads every source file', () => {
    expect(files.length).toBeGreaterThan(50);
    expect([...graph.values()].flat().length).toBeGreaterThan(200);
  });

  it('has no cycle', () => {
    expect(cycles()).toEqual([]);
  });

  it('keeps domain/ pure: it imports only domain/', () => {
    expect(arrows('src/domain/', (t) => t.startsWith('src/domain/'))).toEqual([]);
  });

  it('keeps i18n/ (labels and message texts) below everything but domain/', () => {
    expect(arrows('src/i18n/', (t) => t.startsWith('src/i18n/') || t.startsWith('src/domain/'))).toEqual([]);
  });

  it('never points from platform/ up to features, pages, jobs or the entry points', () => {
    const below = (t: string) => ['src/platform/', 'src/domain/', 'src/i18n/'].some((d) => t.startsWith(d));
    expect(arrows('src/platform/', below)).toEqual([]);
  });

  it('keeps feature modules apart from pages and entry points', () => {
    const up = (t: string) =>
      t.startsWith('src/web/') || ['src/node.ts', 'src/worker.ts', 'src/cli.ts', 'src/app.ts'].includes(t);
    expect(arrows('src/modules/', (t) => !up(t))).toEqual([]);
    expect(arrows('src/jobs/', (t) => !up(t))).toEqual([]);
    expect(arrows('src/notify/', (t) => !up(t))).toEqual([]);
  });
});
