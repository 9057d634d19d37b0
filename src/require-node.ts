import { nodeVersionProblem } from './platform/node-version';

/**
 * Imported first by every Node entry point (server, CLI, bench), so that it runs before any
 * module loads the SQLite driver: on a Node too old for it, exit 1 with one clear line.
 */
const problem = nodeVersionProblem(process.versions.node);
if (problem) {
  process.stderr.write(`${problem}\n`);
  process.exit(1);
}
