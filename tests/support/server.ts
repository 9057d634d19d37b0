import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';
import { nodeArgsOf } from '../../scripts/npm-script.mjs';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
/**
 * How a test starts the server: `source` runs src/ through tsx (no build needed, what most
 * tests use); `npm start` runs exactly the command of package.json's start script, the
 * built server (`npm test` builds first, and a stale build is rebuilt before it starts).
 */
export type ServerCommand = 'source' | 'npm start';
const argsOf = (command: ServerCommand) =>
  command === 'npm start' ? nodeArgsOf('start') : ['--import', 'tsx', 'src/node.ts'];

/** A free TCP port on 127.0.0.1. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const address = srv.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      srv.close(() => resolve(port));
    });
  });
}

export interface RunningServer {
  url: string;
  child: ChildProcess;
  output(): string;
  stop(signal?: NodeJS.Signals): Promise<number | null>;
}

/**
 * Starts the server as a real process on 127.0.0.1 and waits until it listens.
 * Test files run side by side, so the free port picked here can be taken by another file's
 * server before ours binds it: then it starts again on a new port (a port given in `env`
 * is kept as it is).
 */
export async function startServer(
  env: Record<string, string>,
  command: ServerCommand = 'source',
): Promise<RunningServer> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(env, env.PORT ? Number(env.PORT) : await freePort(), command);
    } catch (err) {
      const taken = err instanceof Error && err.message.includes('EADDRINUSE');
      if (!taken || env.PORT || attempt >= 5) throw err;
    }
  }
}

async function startOnce(env: Record<string, string>, port: number, command: ServerCommand): Promise<RunningServer> {
  const child = spawn(process.execPath, argsOf(command), {
    cwd: ROOT,
    env: { ...process.env, ITAKU_HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d) => {
    out += d;
  });
  child.stderr?.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => {
    exitCode = code;
  });
  // Ready when /healthz answers (whatever the log level); a server that never gets there is killed.
  const deadline = Date.now() + 20_000;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`server exited with ${exitCode}:\n${out}`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not start:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    child,
    output: () => out,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null) child.kill(signal);
      return exited;
    },
  };
}

/** Runs the server entry point expecting it to fail at start-up. */
export function runToExit(
  env: Record<string, string>,
  command: ServerCommand = 'source',
): Promise<{ code: number | null; stderr: string; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, argsOf(command), {
      cwd: ROOT,
      env: { ...process.env, ITAKU_HOST: '127.0.0.1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stderr, stdout });
    });
  });
}
