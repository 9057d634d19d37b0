import autocannon, { type Result } from 'autocannon';

export interface LoadOptions {
  connections: number;
  /** Seconds measured per target. */
  duration: number;
  /** Seconds of load thrown away first: JIT, prepared-statement caches, page cache. */
  warmup: number;
  /** A paired measurement alternates the two targets in this many slices. */
  rounds: number;
}

export const defaultLoad: LoadOptions = {
  connections: Number(process.env.BENCH_CONNECTIONS ?? 10),
  duration: Number(process.env.BENCH_DURATION ?? 6),
  warmup: Number(process.env.BENCH_WARMUP ?? 1),
  rounds: 3,
};

export interface Target {
  url: string;
  headers?: Record<string, string>;
}

export interface LoadFigure {
  url: string;
  reqPerSec: number;
  p50Ms: number;
  /** The worst slice's p99 when measured in slices (percentiles cannot be averaged). */
  p99Ms: number;
  requests: number;
}

/** Any error or non-2xx answer fails the bench: a figure measured on 401s or 500s is meaningless. */
async function slice(t: Target, seconds: number, connections: number): Promise<Result> {
  const r = await autocannon({ url: t.url, headers: t.headers ?? {}, connections, duration: seconds, timeout: 10 });
  if (r.errors > 0 || r.non2xx > 0) {
    throw new Error(`${t.url}: ${r.errors} errors, ${r.non2xx} non-2xx (${JSON.stringify(r.statusCodeStats)})`);
  }
  return r;
}

function combine(url: string, slices: Result[]): LoadFigure {
  const requests = slices.reduce((n, r) => n + r.requests.total, 0);
  const seconds = slices.reduce((n, r) => n + r.duration, 0);
  return {
    url,
    reqPerSec: Math.round(requests / seconds),
    p50Ms: Math.max(...slices.map((r) => r.latency.p50)),
    p99Ms: Math.max(...slices.map((r) => r.latency.p99)),
    requests,
  };
}

/** Loads one target with autocannon, from this process (never the server's). */
export async function load(t: Target, opts: LoadOptions = defaultLoad): Promise<LoadFigure> {
  if (opts.warmup > 0) await slice(t, opts.warmup, opts.connections);
  return combine(t.url, [await slice(t, opts.duration, opts.connections)]);
}

/**
 * Loads `a` and its baseline `b` in alternating slices (a b a b a b), so that drift on a
 * shared machine (another process waking up) hits both alike and the ratio stays honest.
 */
export async function loadPaired(
  a: Target,
  b: Target,
  opts: LoadOptions = defaultLoad,
): Promise<[LoadFigure, LoadFigure]> {
  if (opts.warmup > 0) for (const t of [a, b]) await slice(t, opts.warmup, opts.connections);
  const sa: Result[] = [];
  const sb: Result[] = [];
  const seconds = opts.duration / opts.rounds;
  for (let i = 0; i < opts.rounds; i++) {
    sa.push(await slice(a, seconds, opts.connections));
    sb.push(await slice(b, seconds, opts.connections));
  }
  return [combine(a.url, sa), combine(b.url, sb)];
}

const int = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
export const fmtInt = (n: number): string => int.format(n);
export const fmtRatio = (n: number): string => n.toFixed(2);
export const fmtFigure = (f: LoadFigure): string => `${fmtInt(f.reqPerSec)} req/s p99 ${fmtInt(f.p99Ms)} ms`;
