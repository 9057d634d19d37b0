// The arguments an npm script passes to Node, read from package.json, so that tests and
// benchmarks start exactly what `npm start` starts, with the Node binary running them.
import { readFileSync } from 'node:fs';

export function nodeArgsOf(script) {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
  const command = String(pkg.scripts?.[script] ?? '');
  const words = command.trim().split(/\s+/);
  // Only a plain `node …` line can be replayed without a shell.
  if (words[0] !== 'node' || words.length < 2 || words.some((w) => /["'`$&|;<>*?\\]/.test(w))) {
    throw new Error(`npm script "${script}" is not a plain node command: ${JSON.stringify(command)}`);
  }
  return words.slice(1);
}
