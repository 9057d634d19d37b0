// Runs a built entry point: `node scripts/run.mjs src/node.ts [args…]` loads dist/src/node.js
// in this same process, with its arguments as if it had been started directly. If any
// source changed since the last build (or nothing was built yet, e.g. `npm ci
// --ignore-scripts`), it builds first and says so: a stale dist/ is never run.
import module from 'node:module';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DIST, ensureBuilt } from './build.mjs';

const [, , entry, ...args] = process.argv;
if (!entry || !/^src\/[\w/-]+\.tsx?$/.test(entry)) {
  process.stderr.write('usage: node scripts/run.mjs src/<entry>.ts [arguments]\n');
  process.exit(2);
}
const started = performance.now();
try {
  if (await ensureBuilt()) {
    process.stderr.write(
      `itaku: sources changed since the last build: rebuilt dist/ in ${Math.round(performance.now() - started)} ms\n`,
    );
  }
} catch (err) {
  process.stderr.write(`itaku: cannot build dist/ from src/: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(1);
}
// V8 keeps the code it compiled for dist/ on disk and reuses it at the next start (keyed by
// each file's content, so a rebuilt file is compiled afresh); a read-only dist/ only loses that.
module.enableCompileCache?.(join(DIST, '.compile-cache'));
const built = join(DIST, entry.replace(/\.tsx?$/, '.js'));
process.argv = [process.argv[0], built, ...args];
await import(pathToFileURL(built).href);
// Written now rather than at exit, so that a process that is killed keeps it too.
module.flushCompileCache?.();
