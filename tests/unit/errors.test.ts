import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app';
import { FixedClock } from '../../src/platform/clock';
import { parseConfig } from '../../src/platform/config';
import { decodeCursor, encodeCursor } from '../../src/platform/cursor';
import type { Db } from '../../src/platform/db';
import { deriveKeys } from '../../src/platform/keys';
import { createLogger } from '../../src/platform/logger';
import { ProblemError } from '../../src/platform/problem';

describe('unexpected errors', () => {
  it('are logged with the request id and answered with a generic 500', async () => {
    const lines: string[] = [];
    const failingDb = new Proxy(
      {},
      {
        get() {
          return () => {
            throw new Error('SQLITE_CORRUPT: secret table layout in users_secret');
          };
        },
      },
    ) as Db;
    const app = createApp({
      db: failingDb,
      config: parseConfig({}),
      clock: new FixedClock('2026-11-29T00:00:00Z'),
      logger: createLogger('debug', (line) => lines.push(line)),
      audit: {
        keys: await deriveKeys('k'.repeat(32)),
        seal: async () => 0,
        afterCommit: async () => {},
        settled: async () => {},
      },
    });
    const res = await app.request('/healthz');
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    const text = await res.text();
    expect(text).not.toMatch(/SQLITE|secret|stack|at /);
    const body = JSON.parse(text) as { type: string; requestId: string };
    expect(body.type).toBe('/problems/internal');
    const logged = lines.map((l) => JSON.parse(l) as Record<string, unknown>).find((l) => l.msg === 'unhandled error');
    expect(logged?.requestId).toBe(body.requestId);
    expect(String(logged?.error)).toContain('SQLITE_CORRUPT');
    // The request log line never contains the Authorization header.
    expect(lines.join('\n')).not.toMatch(/authorization|Bearer/i);
  });
});

describe('cursors', () => {
  it('round-trip and reject anything else as a 400 at cursor', () => {
    const c = encodeCursor(['2026-11-29', 'abc']);
    expect(decodeCursor(c, ['string', 'string'])).toEqual(['2026-11-29', 'abc']);
    for (const bad of ['', '!!!', encodeCursor([1]), encodeCursor(['a', 2]), btoa('{"a":1}')]) {
      let error: unknown;
      try {
        decodeCursor(bad, ['string', 'string']);
      } catch (err) {
        error = err;
      }
      expect(error, bad).toBeInstanceOf(ProblemError);
      expect((error as ProblemError).errors?.[0]?.path).toBe('cursor');
    }
  });
});
