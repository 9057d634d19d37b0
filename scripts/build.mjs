// Builds the Node server once: each entry point (the server, the operator commands, the
// export thread) bundled with our sources and the ES-module packages loaded at every start
// into dist/src/, split into shared chunks so that each entry and each module loaded on
// demand (`await import(…)`) reads only what it needs, and db/migrations copied to
// dist/db/migrations. Plain JavaScript on purpose: it runs before anything is built, from
// `prepare` (npm ci), from `npm test`, and from scripts/run.mjs when a source changed since
// the last build. esbuild is a production dependency, so `npm ci --omit=dev` builds too.
import { randomUUID } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const DIST = join(ROOT, 'dist');
const manifestOf = (root) => join(root, 'dist', '.build-manifest.json');
/** What the build reads: any change here (an edit, a new or removed file) makes dist/ stale. */
const INPUTS = ['src', 'db', 'scripts/build.mjs', 'tsconfig.json', 'package.json'];
/**
 * What scripts/run.mjs starts (`npm start`, `npm run cli`) and the export thread's entry
 * (src/platform/node-export-pool.ts): each becomes dist/src/<name>.js. The Workers entry is
 * bundled by wrangler instead.
 */
export const ENTRIES = ['src/node.ts', 'src/cli.ts', 'src/node-export-worker.ts', 'src/node-checkpoint-worker.ts'];
/** Imported first by every Node entry point: it must run before any package loads. */
const GUARD = 'src/require-node.ts';

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

/** Removes the folders under `dir` that hold no file (left by an earlier build's layout). */
function pruneEmpty(dir) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) return;
  for (const name of readdirSync(dir)) pruneEmpty(join(dir, name));
  if (readdirSync(dir).length === 0) rmSync(dir, { recursive: true });
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
 * The ES-module packages bundled with our sources. Node resolves a package file by file,
 * reading its package.json for each (drizzle-orm's is 175 KB of "exports", read again for
 * each of its ~110 files), and loads each of our ~440 modules as its own file: bundled,
 * the server starts from a few files. Everything else (CommonJS packages, which may read
 * files beside themselves, the native SQLite driver, packages loaded only on demand) stays
 * in node_modules, loaded as it is.
 */
const BUNDLED = /^(drizzle-orm|zod|hono|@hono\/[^/]+|@asteasolutions\/zod-to-openapi|uuid)(\/|$)/;

/**
 * An entry as a module of its own: the Node version check first, then the entry itself,
 * loaded dynamically. A bundle evaluates every package it imports before any of its own
 * code, so a static import would load the SQLite driver (which crashes an old Node) before
 * the check could say why.
 */
function guardedEntries(root) {
  const guarded = existsSync(join(root, GUARD));
  return {
    name: 'guarded-entries',
    setup(b) {
      b.onResolve({ filter: /^itaku-entry:/ }, (args) => ({
        path: args.path.slice('itaku-entry:'.length),
        namespace: 'itaku-entry',
      }));
      b.onLoad({ filter: /.*/, namespace: 'itaku-entry' }, (args) => ({
        contents: guarded
          ? `import ${JSON.stringify(`./${GUARD}`)};\nawait import(${JSON.stringify(`./${args.path}`)});\n`
          : `import ${JSON.stringify(`./${args.path}`)};\n`,
        resolveDir: root,
        loader: 'js',
      }));
      b.onResolve({ filter: /.*/ }, (args) => {
        if (args.kind === 'entry-point' || args.path.startsWith('.') || BUNDLED.test(args.path)) return undefined;
        return { path: args.path, external: true };
      });
    },
  };
}

/**
 * esbuild's ASCII charset escapes strings and templates but leaves comments and regular
 * expressions as written; one Japanese character there would make V8 hold the whole file as
 * UTF-16. `\\uXXXX` means the same character in a regular expression and is only text in a
 * comment.
 */
const asciiOnly = (text) => text.replace(/[^\0-\x7f]/g, (ch) => `\\u${ch.charCodeAt(0).toString(16).padStart(4, '0')}`);

/** Builds dist/ from the sources on disk; resolves with the number of source modules bundled. */
export async function build(root = ROOT, entries = ENTRIES) {
  const inputs = snapshot(root);
  // Loaded only here, so that checking freshness at start costs no esbuild.
  const esbuild = await import('esbuild');
  let result;
  try {
    result = await esbuild.build({
      absWorkingDir: root,
      entryPoints: entries.map((rel) => ({ in: `itaku-entry:${rel}`, out: rel.replace(/\.tsx?$/, '') })),
      outdir: 'dist',
      outbase: '.',
      bundle: true,
      splitting: true,
      chunkNames: 'src/chunks/[name]-[hash]',
      platform: 'node',
      format: 'esm',
      target: 'node22',
      // Paths the sources take relative to their own file (import.meta.url), as seen from
      // the chunks in dist/src/chunks/ (src/platform/node-sqlite.ts, src/node.ts).
      define: {
        'import.meta.itakuMigrations': JSON.stringify('../../db/migrations'),
        'import.meta.itakuExportThread': JSON.stringify('../node-export-worker.js'),
        'import.meta.itakuCheckpointThread': JSON.stringify('../node-checkpoint-worker.js'),
      },
      // Not minified (stack traces stay readable) and no source maps: the output is the
      // source minus its types. No `keepNames` either: it renames nothing that matters
      // here and would cost a call at every closure and error created.
      // All ASCII (with asciiOnly below), so that V8 keeps each file's source as one byte
      // per character rather than two.
      charset: 'ascii',
      legalComments: 'none',
      write: false,
      metafile: true,
      logLevel: 'silent',
      plugins: [guardedEntries(root)],
      // jsx and jsxImportSource (hono/jsx) come from tsconfig.json, as for tsc and tsx.
      tsconfig: 'tsconfig.json',
    });
  } catch (err) {
    const first = err.errors?.[0];
    throw first
      ? new Error(`${first.text}${first.location ? ` (${first.location.file}:${first.location.line})` : ''}`)
      : err;
  } finally {
    // esbuild builds in a process of its own: end it, or it would live as long as the server.
    await esbuild.stop();
  }
  const written = new Set();
  for (const file of result.outputFiles) {
    writeAtomic(file.path, asciiOnly(file.text));
    written.add(file.path);
  }
  for (const rel of Object.keys(inputs).filter((r) => r.startsWith('db/migrations/'))) {
    const out = join(root, 'dist', rel);
    writeAtomic(out, readFileSync(join(root, rel)));
    written.add(out);
  }
  // Files of an earlier build must not linger where an import could still find them.
  for (const dir of ['src', 'db', 'vendor']) {
    for (const rel of walk(root, `dist/${dir}`, [])) {
      const abs = join(root, rel);
      if (!written.has(abs) && !rel.includes('.tmp-')) rmSync(abs, { force: true });
    }
    pruneEmpty(join(root, 'dist', dir));
  }
  writeAtomic(manifestOf(root), JSON.stringify({ builtAt: new Date().toISOString(), inputs }));
  return Object.keys(result.metafile.inputs).filter((rel) => /^(src|db)\//.test(rel)).length;
}

/** Builds unless dist/ is already built from the sources on disk; true when it built. */
export async function ensureBuilt(root = ROOT, entries = ENTRIES) {
  if (isFresh(root)) return false;
  await build(root, entries);
  return true;
}

/** `npm run build` and `prepare`: builds and says how long it took. */
export async function main() {
  const started = performance.now();
  const count = await build();
  process.stdout.write(`itaku: built ${count} modules into dist/ in ${Math.round(performance.now() - started)} ms\n`);
}

if (process.argv[1] && pathToFileURL(resolve(process.argv[1])).href === import.meta.url) await main();
