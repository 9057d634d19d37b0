import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Two files at a time even on a 2-core machine (vitest's default there is one): most
    // tests wait on another process (the server, workerd, Chromium, SMTP), not the CPU.
    maxWorkers: 2,
    // Files of a worker share its module graph instead of importing the app anew each time
    // (that import was half the time of the API files). Every file builds its own server,
    // database and workerd instance, and the tests that change process state restore it.
    isolate: false,
    testTimeout: 20_000,
    hookTimeout: 60_000,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'] } },
      {
        test: {
          name: 'api-node',
          include: ['tests/api/**/*.test.ts'],
          env: { ITAKU_TEST_TARGET: 'node' },
        },
      },
      {
        test: {
          name: 'api-worker',
          include: ['tests/api/**/*.test.ts', 'tests/worker/**/*.test.ts'],
          env: { ITAKU_TEST_TARGET: 'worker' },
          globalSetup: ['tests/support/worker-build.ts'],
          testTimeout: 30_000,
        },
      },
      { test: { name: 'e2e', include: ['tests/e2e/**/*.test.ts'], testTimeout: 30_000 } },
      {
        // Real Chromium (Debian's package, installed by .ci/run) against the real server.
        test: { name: 'browser', include: ['tests/browser/**/*.test.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
