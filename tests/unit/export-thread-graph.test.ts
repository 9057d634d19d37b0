import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';

/**
 * An export thread (src/node-export-worker.ts) is a second V8 isolate for as long as an
 * export runs: every module it loads is compiled and kept again in that isolate, which
 * counts in the export's memory. It reads rows and writes CSV text; the request
 * validation (zod, hono) and the message catalogue are the server's, not the thread's.
 */
describe("the export thread's modules", () => {
  it('include neither zod, hono nor the message catalogue', async () => {
    const result = await build({
      entryPoints: ['src/node-export-worker.ts'],
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      external: ['better-sqlite3'],
      logLevel: 'silent',
    });
    const inputs = Object.keys(result.metafile.inputs);
    // Both files' rows are reached (their dynamic imports are bundled too).
    expect(inputs).toContain('src/modules/exports/reviews.rows.ts');
    expect(inputs).toContain('src/modules/exports/supervision.rows.ts');
    const heavy = inputs.filter((p) => /node_modules\/(zod|hono|@hono)\/|src\/i18n\/messages/.test(p));
    expect(heavy).toEqual([]);
  });
});
