import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { build, ensureBuilt, isFresh } from '../../scripts/build.mjs';

// A small project laid out like this one, built by the same script as `npm start`'s dist/.
const root = mkdtempSync(join(tmpdir(), 'itaku-build-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const put = (rel: string, text: string) => {
  mkdirSync(dirname(join(root, rel)), { recursive: true });
  writeFileSync(join(root, rel), text);
};
put('package.json', '{"type":"module"}');
put('tsconfig.json', '{"compilerOptions":{"jsx":"react-jsx","jsxImportSource":"hono/jsx"}}');
put('db/schema.ts', "export const table = 'contractors';\n");
put('db/migrations/0000_first.sql', 'SELECT 1;\n');
put('src/platform/text.ts', "export const greet = (name: string): string => 'こんにちは ' + name;\n");
put('src/util/index.ts', "export { table } from '../../db/schema';\n");
// The guard every entry imports first; it records that it ran before the entry's packages.
put('src/require-node.ts', "(globalThis as any).__order = ['guard'];\n");
const main = (greeting: string) =>
  [
    "import { greet } from './platform/text';",
    "import { table } from './util';",
    "import { fileURLToPath } from 'node:url';",
    'const g = globalThis as any;',
    "g.__order.push('main');",
    "const { late } = await import('./late.js');",
    `g.__built = { out: greet(${JSON.stringify(greeting)}) + ' ' + table + ' ' + late, migrations: fileURLToPath(new URL(import.meta.itakuMigrations ?? '../../db/migrations', import.meta.url)) };`,
    '',
  ].join('\n');
put('src/main.ts', main('itaku'));
put('src/late.ts', 'export const late = 1;\n');

const builtFiles = () =>
  readdirSync(join(root, 'dist/src/chunks')).map((f) => readFileSync(join(root, 'dist/src/chunks', f), 'utf8'));
/** Runs the built entry in this process (a fresh URL each time, so it is evaluated anew). */
async function run(): Promise<{ out: string; migrations: string; order: string[] }> {
  const g = globalThis as Record<string, unknown>;
  await import(`${pathToFileURL(join(root, 'dist/src/main.js')).href}?${Math.random()}`);
  return { ...(g.__built as { out: string; migrations: string }), order: g.__order as string[] };
}

describe('the server build', () => {
  it('bundles each entry behind its guard, finds the migrations, and rebuilds whenever a source changes', async () => {
    expect(isFresh(root)).toBe(false);
    expect(await build(root, ['src/main.ts'])).toBe(6);
    expect(isFresh(root)).toBe(true);
    const first = await run();
    // Extensionless, directory-index and `.js` imports resolve across src/ and db/; the guard
    // runs before the entry; the dynamic import is a chunk of its own.
    expect(first).toMatchObject({ out: 'こんにちは itaku contractors 1', order: ['guard', 'main'] });
    expect(first.migrations).toBe(join(root, 'dist/db/migrations'));
    expect(existsSync(join(root, 'dist/db/migrations/0000_first.sql'))).toBe(true);
    // Japanese text is escaped, so that V8 holds each file one byte a character.
    for (const text of builtFiles()) expect(Buffer.byteLength(text)).toBe(text.length);
    expect(await ensureBuilt(root, ['src/main.ts'])).toBe(false);

    // An edit makes the build stale, and the rebuild serves the edit.
    put('src/platform/text.ts', "export const greet = (name: string): string => 'welcome ' + name;\n");
    expect(isFresh(root)).toBe(false);
    expect(await ensureBuilt(root, ['src/main.ts'])).toBe(true);
    expect((await run()).out).toBe('welcome itaku contractors 1');

    // So do a new file and a removed one; a removed module leaves nothing behind.
    put('db/migrations/0001_second.sql', 'SELECT 2;\n');
    expect(isFresh(root)).toBe(false);
    await build(root, ['src/main.ts']);
    rmSync(join(root, 'src/late.ts'));
    put('src/main.ts', main('x').replace("const { late } = await import('./late.js');", 'const late = 0;'));
    expect(isFresh(root)).toBe(false);
    expect(await ensureBuilt(root, ['src/main.ts'])).toBe(true);
    expect((await run()).out).toBe('welcome x contractors 0');
    expect(builtFiles().some((t) => t.includes('late = 1'))).toBe(false);
    expect(existsSync(join(root, 'dist/db/migrations/0001_second.sql'))).toBe(true);
    expect(isFresh(root)).toBe(true);
  });

  it('refuses an import it cannot resolve, and leaves the previous build as it was', async () => {
    put('src/broken.ts', "export { nothing } from './missing';\n");
    await expect(build(root, ['src/main.ts', 'src/broken.ts'])).rejects.toThrow(/missing/);
    expect(isFresh(root)).toBe(false);
    rmSync(join(root, 'src/broken.ts'));
    expect(isFresh(root)).toBe(true);
  });
});
