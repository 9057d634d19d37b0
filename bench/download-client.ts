export {}; // a module: top-level await

/**
 * A fast export client in its own process, so that reading a large CSV does not slow the
 * bench's own /healthz probe (autocannon) running beside it. Prints `ready`, waits for a
 * line on stdin, downloads `argv[2]` as fast as it can for at most BENCH_TIMEOUT_MS, and
 * prints one JSON line: status, time to headers, time to the first body bytes, total
 * time, bytes and lines received, and whether it gave up.
 */
const url = process.argv[2];
if (!url) throw new Error('usage: download-client.ts <url> (BENCH_AUTHORIZATION in the environment)');
const authorization = process.env.BENCH_AUTHORIZATION ?? '';
const timeoutMs = Number(process.env.BENCH_TIMEOUT_MS ?? 60_000);

process.stdout.write('ready\n');
await new Promise((resolve) => process.stdin.once('data', resolve));
process.stdin.pause();
// Warm this client right before (fetch loads lazily, then keeps the connection open), so
// that the figures are the server's, not a cold client's.
for (let i = 0; i < 3; i++) await fetch(new URL('/healthz', url)).then((r) => r.arrayBuffer());

const started = performance.now();
let status = 0;
let headersMs = -1;
let firstByteMs = -1;
let bytes = 0;
let lines = 0;
let aborted = false;
try {
  const res = await fetch(url, { headers: { Authorization: authorization }, signal: AbortSignal.timeout(timeoutMs) });
  status = res.status;
  headersMs = performance.now() - started;
  if (res.body) {
    const reader = res.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      if (firstByteMs < 0) firstByteMs = performance.now() - started;
      bytes += value.length;
      for (let i = value.indexOf(10); i !== -1; i = value.indexOf(10, i + 1)) lines++;
    }
  }
} catch (err) {
  if (!(err instanceof Error && (err.name === 'TimeoutError' || err.name === 'AbortError'))) throw err;
  aborted = true;
}
const totalMs = performance.now() - started;
const result = { status, headersMs, firstByteMs, totalMs, bytes, lines, aborted };
process.stdout.write(`${JSON.stringify(result)}\n`);
process.exit(0);
