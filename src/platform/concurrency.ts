import { ProblemError } from './problem';

/**
 * Optimistic concurrency: responses carry `ETag: "<version>"`; a write with `If-Match`
 * proceeds only when it names the current version (or `*`).
 */
export function checkIfMatch(ifMatch: string | undefined, currentVersion: number): void {
  if (ifMatch === undefined || ifMatch.trim() === '*') return;
  const versions = ifMatch.split(',').map((tag) =>
    tag
      .trim()
      .replace(/^W\//, '')
      .replace(/^"(.*)"$/, '$1'),
  );
  if (!versions.includes(String(currentVersion))) {
    throw staleWrite(currentVersion);
  }
}

export const staleWrite = (currentVersion?: number) =>
  new ProblemError(
    412,
    'precondition-failed',
    currentVersion === undefined
      ? 'The resource was changed by someone else meanwhile; read it again and retry.'
      : `If-Match does not match the current version ${currentVersion}; read the resource again and retry.`,
  );
