// Builds the Node server once: every file of src/ and db/ transpiled to dist/ in the same
// tree (no bundle, so each module, a worker-thread entry included, keeps its own file next
// to its neighbours), and db/migrations copied beside them, where the built
// src/platform/node-sqlite.js resolves them. Plain JavaScript on purpose: it runs before
// anything is built, from `prepare` (npm ci), from `npm test`, and from scripts/run.mjs
// when a source changed since the last build. esbuild is a production dependency, so
// `npm ci --omit=dev` builds too.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const manifestOf = (root) => join(root, 'dist', '.build-manifest.json');
/** What the build reads: any change here (an edit, a new or removed file) makes dist/ stale. */
const INPUTS = ['src', 'db', 'scripts/build.mjs', 'tsconfig.json', 'package.json'];
/** Transpiled but never run on Node: the Workers entry is bundled by wrangler instead. */
const NOT_FOR_NODE = new Set(['src/worker.ts']);
const CODE = /\.tsx?$/;

function walk(root, rel, out) {
  const abs = join(root, rel);
  if (!existsSync(abs)) return out;
  if (!statSync(abs).isDirectory()) {
    out.push(rel);
    return out;
  }
  for (const name of readdirSync(abs).sort()) walk(root, `${rel}/${name}`, out);
  return out;
}

/** The inputs' paths with their size and modification time: cheap to take at every start. */
function snapshot(root) {
  const files = {};
  for (const input of INPUTS) {
    for (const rel of walk(root, input, [])) {
      const st = statSync(join(root, rel));
      files[rel] = `${st.size}:${st.mtimeMs}`;
    }
  }
  return files;
}

/** True when dist/ was built from exactly the sources on disk now (same files, sizes, times). */
export function isFresh(root = ROOT) {
  let built;
  try {
    built = JSON.parse(readFileSync(manifestOf(root), 'utf8')).inputs;
  } catch {
    return false;
  }
  const now = snapshot(root);
  const keys = Object.keys(now);
  return keys.length === Object.keys(built).length && keys.every((k) => built[k] === now[k]);
}

/**
 * Writes a file under a unique temporary name, then renames it: a reader never sees half.
 * A file that already holds these bytes is left alone (most of a rebuild is unchanged).
 */
function writeAtomic(path, contents) {
  try {
    if (Buffer.from(contents).equals(readFileSync(path))) return;
  } catch {
    // not there yet
  }
  mkdirSync(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${randomUUID()}`;
  writeFileSync(tmp, contents);
  renameSync(tmp, path);
}

/**
 * The ES-module packages loaded at every start, bundled once into dist/vendor/ (split into
 * shared chunks, so each subpath loads only what it needs and each package exists once).
 * Node resolves a package file by file, reading its package.json for each: drizzle-orm's
 * is 175 KB of "exports", read again for each of its ~110 files (a third of the start-up),
 * and zod and hono bring another ~150 files. Everything else (CommonJS packages, those
 * loaded only on demand, the native SQLite driver) stays in node_modules, loaded as it is.
 */
const VENDORED = /^(drizzle-orm|zod|hono|@hono\/[^/]+|@asteasolutions\/zod-to-openapi|uuid)(\/|$)/;
const vendorName = (spec) => spec.replace(/\//g, '__');

/** A relative import specifier from one file of the tree to another. */
function specifier(fromDir, toPath) {
  const spec = relative(fromDir, toPath).split(sep).join('/');
  return spec.startsWith('.') ? spec : `./${spec}`;
}

/**
 * Resolves an import the way TypeScript's bundler resolution does (`./x` → x.ts, x.tsx,
 * x/index.ts; `./x.js` → x.ts) and rewrites it to the built file's name; vendored packages
 * point into dist/vendor/; other packages and node: builtins stay external.
 */
function keepTree(root, vendored) {
  return {
    name: 'keep-tree',
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point') return undefined;
        if (VENDORED.test(args.path)) {
          vendored.add(args.path);
          return {
            path: specifier(args.resolveDir, join(root, 'vendor', `${vendorName(args.path)}.js`)),
            external: true,
          };
        }
        if (!args.path.startsWith('.')) return { path: args.path, external: true };
        const base = resolve(args.resolveDir, args.path.replace(/\.js$/, ''));
        for (const [suffix, out] of [
          ['.ts', '.js'],
          ['.tsx', '.js'],
          ['/index.ts', '/index.js'],
          ['/index.tsx', '/index.js'],
        ]) {
          if (existsSync(base + suffix)) return { path: specifier(args.resolveDir, base) + out, external: true };
        }
        return { errors: [{ text: `cannot resolve ${args.path} from ${relative(root, args.importer)}` }] };
      });
    },
  };
}

/** Builds dist/ from the sources on disk; resolves with the number of modules written. */
export async function build(root = ROOT) {
  const inputs = snapshot(root);
  const entries = Object.keys(inputs).filter(
    (rel) => CODE.test(rel) && !rel.endsWith('.d.ts') && !NOT_FOR_NODE.has(rel),
  );
  // Loaded only here, so that checking freshness at start costs no esbuild.
  const esbuild = await import('esbuild');
  const common = {
    absWorkingDir: root,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    // No source maps: the output is the source minus its types, same names, readable as it is.
    legalComments: 'none',
    write: false,
    logLevel: 'error',
  };
  const vendored = new Set();
  let tree;
  let vendor;
  try {
    tree = await esbuild.build({
      ...common,
      entryPoints: entries,
      outbase: '.',
      outdir: 'dist',
      plugins: [keepTree(root, vendored)],
      // jsx and jsxImportSource (hono/jsx) come from tsconfig.json, as for tsc and tsx.
      tsconfig: 'tsconfig.json',
    });
    vendor = await esbuild.build({
      ...common,
      entryPoints: [...vendored].sort().map((spec) => ({ in: spec, out: vendorName(spec) })),
      outdir: 'dist/vendor',
      splitting: true,
      chunkNames: 'chunks/[name]-[hash]',
      plugins: [
        {
          // Anything else they import (the native SQLite driver) is loaded from node_modules.
          name: 'vendor-only-these',
          setup(b) {
            b.onResolve({ filter: /.*/ }, (args) =>
              args.kind === 'entry-point' || args.path.startsWith('.') || VENDORED.test(args.path)
                ? undefined
                : { path: args.path, external: true },
            );
          },
        },
      ],
    });
  } finally {
    // esbuild builds in a process of its own: end it, or it would live as long as the server.
    await esbuild.stop();
  }
  const written = new Set();
  for (const file of [...tree.outputFiles, ...vendor.outputFiles]) {
    writeAtomic(file.path, file.contents);
    written.add(file.path);
  }
  for (const rel of Object.keys(inputs).filter((r) => r.startsWith('db/migrations/'))) {
    const out = join(root, 'dist', rel);
    writeAtomic(out, readFileSync(join(root, rel)));
    written.add(out);
  }
  // Modules whose source is gone must not linger where an import could still find them.
  for (const dir of ['src', 'db', 'vendor']) {
    for (const rel of walk(root, `dist/${dir}`, [])) {
      const abs = join(root, rel);
      if (!written.has(abs) && !rel.includes('.tmp-')) rmSync(abs, { force: true });
    }
  }
  writeAtomic(manifestOf(root), JSON.stringify({ builtAt: new Date().toISOString(), inputs }));
  return entries.length;
}

/** Builds unless dist/ is already built from the sources on disk; true when it built. */
export async function ensureBuilt(root = ROOT) {
  if (isFresh(root)) return false;
  await build(root);
  return true;
}

/** `npm run build` and `prepare`: builds and says how long it took. */
export async function main() {
  const started = performance.now();
  const count = await build();
  process.stdout.write(`itaku: built ${count} modules into dist/ in ${Math.round(performance.now() - started)} ms\n`);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await main();
