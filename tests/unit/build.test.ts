import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
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
put(
  'src/main.ts',
  "import { greet } from './platform/text';\nimport { table } from './util';\nexport { late } from './late.js';\nexport const out = greet('itaku') + ' ' + table;\n",
);
put('src/late.ts', 'export const late = 1;\n');

const built = (rel: string) => readFileSync(join(root, 'dist', rel), 'utf8');

describe('the server build', () => {
  it('keeps the tree, rewrites imports to the built files, and rebuilds whenever a source changes', async () => {
    expect(isFresh(root)).toBe(false);
    expect(await build(root)).toBe(5);
    expect(isFresh(root)).toBe(true);
    // Extensionless, directory-index and `.js` imports all resolve from dist/, across src/ and db/.
    const main = (await import(pathToFileURL(join(root, 'dist/src/main.js')).href)) as Record<string, unknown>;
    expect(main).toMatchObject({ out: 'こんにちは itaku contractors', late: 1 });
    expect(existsSync(join(root, 'dist/db/migrations/0000_first.sql'))).toBe(true);
    expect(await ensureBuilt(root)).toBe(false);

    // An edit makes the build stale, and the rebuild serves the edit.
    put('src/platform/text.ts', "export const greet = (name: string): string => 'welcome ' + name;\n");
    expect(isFresh(root)).toBe(false);
    expect(await ensureBuilt(root)).toBe(true);
    expect(built('src/platform/text.js')).toContain('welcome');

    // So do a new file and a removed one; a removed module leaves nothing behind to import.
    put('db/migrations/0001_second.sql', 'SELECT 2;\n');
    expect(isFresh(root)).toBe(false);
    await build(root);
    rmSync(join(root, 'src/late.ts'));
    put('src/main.ts', "import { greet } from './platform/text';\nexport const out = greet('x');\n");
    expect(isFresh(root)).toBe(false);
    expect(await ensureBuilt(root)).toBe(true);
    expect(existsSync(join(root, 'dist/src/late.js'))).toBe(false);
    expect(existsSync(join(root, 'dist/db/migrations/0001_second.sql'))).toBe(true);
    expect(isFresh(root)).toBe(true);
  });

  it('refuses an import it cannot resolve, and leaves the previous build as it was', async () => {
    put('src/broken.ts', "export { nothing } from './missing';\n");
    await expect(build(root)).rejects.toThrow(/missing/);
    expect(isFresh(root)).toBe(false);
    rmSync(join(root, 'src/broken.ts'));
    expect(isFresh(root)).toBe(true);
  });
});
