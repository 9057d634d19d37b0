import { fieldError, ProblemError } from './problem';

/**
 * Opaque keyset cursors: base64url JSON of the sort key of the last row returned.
 * Clients must not build them; a tampered cursor is a 400 at `cursor`, never a 500.
 */
export function encodeCursor(key: readonly (string | number)[]): string {
  const bytes = new TextEncoder().encode(JSON.stringify(key));
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

export function decodeCursor<T extends (string | number)[]>(
  cursor: string | undefined,
  shape: readonly ('string' | 'number')[],
): T | undefined {
  if (cursor === undefined) return undefined;
  const bad = () =>
    new ProblemError(400, 'validation', 'cursor: is not a cursor returned by this list', [
      fieldError('cursor', 'cursor'),
    ]);
  let parsed: unknown;
  try {
    const binary = atob(cursor.replace(/-/g, '+').replace(/_/g, '/'));
    parsed = JSON.parse(new TextDecoder().decode(Uint8Array.from(binary, (c) => c.charCodeAt(0))));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== shape.length) throw bad();
  parsed.forEach((v, i) => {
    if (typeof v !== shape[i]) throw bad();
  });
  return parsed as T;
}
