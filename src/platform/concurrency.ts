import { type AuditedWriteContext, type AuditInput, writeAudited } from './audit/writer';
import { isStaleWrite, type Statement, type StatementResult } from './db';
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

/**
 * Commits a versioned update: `statements` must contain the `UPDATE … WHERE version = ?`
 * followed by `expectOneChange()`. When another writer changed the row first, the whole
 * unit is rolled back and the caller gets 412, as for a stale `If-Match`.
 */
export async function commitVersioned(
  ctx: AuditedWriteContext,
  statements: readonly Statement[],
  events: readonly AuditInput[],
): Promise<StatementResult[]> {
  try {
    return await writeAudited(ctx, statements, events);
  } catch (err) {
    if (isStaleWrite(err)) throw staleWrite();
    throw err;
  }
}
