/**
 * The oldest Node.js itaku runs on. better-sqlite3 13 is a Node-API 10 addon, which Node 20
 * lacks: there it crashes the process with a segmentation fault and no message, so every
 * entry point checks the version before the driver is loaded (src/require-node.ts).
 */
export const MINIMUM_NODE = '22.14.0';

const parse = (version: string): number[] =>
  version
    .replace(/^v/, '')
    .split('.')
    .map((part) => Number.parseInt(part, 10) || 0);

/** True when `version` (as in `process.versions.node`) is at least `minimum`. */
export function nodeAtLeast(version: string, minimum: string = MINIMUM_NODE): boolean {
  const have = parse(version);
  const need = parse(minimum);
  for (let i = 0; i < need.length; i++) {
    const a = have[i] ?? 0;
    const b = need[i] ?? 0;
    if (a !== b) return a > b;
  }
  return true;
}

/** The one line an entry point prints before refusing to start on an older Node, or null. */
export function nodeVersionProblem(version: string): string | null {
  if (nodeAtLeast(version)) return null;
  return `itaku: this is Node.js ${version}, but itaku needs Node.js ${MINIMUM_NODE} or newer; run it through npm (\`npm start\`, \`npm run cli -- …\`), which uses the Node.js 24 installed with it`;
}
