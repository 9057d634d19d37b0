import { Worker } from 'node:worker_threads';
import type { ExportJob, ExportReader } from './export-reader';
import type { Logger } from './logger';
import type { ExportThreadData, FromExportThread, ToExportThread } from './node-export-protocol';

/**
 * Node's export reader: a small pool of worker threads (src/node-export-worker.ts), each
 * with its own read-only connection, so that a long export's reads and CSV formatting
 * never hold the event loop that serves everyone else. At most `threads` exports read at
 * once; more wait, in order, for a thread to come free (their headers and first bytes are
 * already sent). A thread left idle for `idleMs` ends, so an idle server holds none.
 */
export interface NodeExportReader extends ExportReader {
  /** Ends every thread (shutdown); exports still running fail. */
  close(): Promise<void>;
}

export interface NodeExportReaderOptions {
  dbPath: string;
  /** The thread's entry file (src/node-export-worker.ts, or its build). */
  entry: URL;
  logger: Logger;
  threads?: number;
  idleMs?: number;
}

/** Heap limits of an export thread, in MB: a page is well under 10 MB of text. */
const THREAD_HEAP = { maxYoungGenerationSizeMb: 8, maxOldGenerationSizeMb: 128 };

/** Pages a running export may hold in this thread, read but not yet written out. */
const PAGES_AHEAD = 4;

/** One worker thread: requests answered in order, one reply each. */
class ExportThread {
  private readonly pending: Array<{ resolve: (m: FromExportThread) => void; reject: (e: Error) => void }> = [];
  dead = false;
  idleTimer?: NodeJS.Timeout;

  constructor(
    readonly worker: Worker,
    onDeath: (thread: ExportThread, err: Error) => void,
  ) {
    worker.on('message', (m: FromExportThread) => this.pending.shift()?.resolve(m));
    const die = (err: Error) => {
      if (this.dead) return;
      this.dead = true;
      for (const p of this.pending.splice(0)) p.reject(err);
      onDeath(this, err);
    };
    worker.on('error', die);
    worker.on('exit', (code) => die(new Error(`export thread exited (${code})`)));
  }

  /** A busy thread keeps the process alive; an idle one never does. */
  busy(busy: boolean): void {
    if (busy) this.worker.ref();
    else this.worker.unref();
  }

  post(message: ToExportThread): void {
    this.worker.postMessage(message);
  }

  request(message: ToExportThread): Promise<FromExportThread> {
    if (this.dead) return Promise.reject(new Error('export thread ended'));
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.worker.postMessage(message);
    });
  }
}

export function nodeExportReader(options: NodeExportReaderOptions): NodeExportReader {
  const size = options.threads ?? 2;
  const idleMs = options.idleMs ?? 60_000;
  const all = new Set<ExportThread>();
  const idle: ExportThread[] = [];
  const waiting: Array<(thread: ExportThread) => void> = [];
  let closed = false;

  const spawn = (): ExportThread => {
    const data: ExportThreadData = { dbPath: options.dbPath };
    // execArgv is inherited: under `--import tsx` the thread loads the TypeScript entry too.
    // V8 sizes a thread's heap from the machine's memory; one that turns a page of rows
    // into text at a time holds little, and a small heap is collected before it grows.
    const worker = new Worker(options.entry, { workerData: data, resourceLimits: THREAD_HEAP });
    const thread = new ExportThread(worker, (t, err) => {
      all.delete(t);
      const at = idle.indexOf(t);
      if (at >= 0) idle.splice(at, 1);
      clearTimeout(t.idleTimer);
      if (!closed) options.logger.warn('export thread ended', { error: err.message });
      // A waiting export takes the place the ended thread leaves.
      const next = waiting.shift();
      if (next && !closed) next(spawn());
    });
    all.add(thread);
    return thread;
  };

  /** A free thread, or a place in the queue; `cancel` leaves the queue. */
  const acquire = (): { thread: Promise<ExportThread>; cancel: () => void } => {
    if (closed) return { thread: Promise.reject(new Error('the export reader is closed')), cancel: () => {} };
    const free = idle.pop();
    if (free) {
      clearTimeout(free.idleTimer);
      free.busy(true);
      return { thread: Promise.resolve(free), cancel: () => {} };
    }
    if (all.size < size) return { thread: Promise.resolve(spawn()), cancel: () => {} };
    let take!: (thread: ExportThread) => void;
    const thread = new Promise<ExportThread>((resolve) => {
      take = resolve;
    });
    waiting.push(take);
    return {
      thread,
      cancel: () => {
        const at = waiting.indexOf(take);
        if (at >= 0) waiting.splice(at, 1);
      },
    };
  };

  const release = (thread: ExportThread): void => {
    if (thread.dead || closed) return;
    const next = waiting.shift();
    if (next) {
      next(thread);
      return;
    }
    idle.push(thread);
    thread.busy(false);
    thread.idleTimer = setTimeout(() => {
      const at = idle.indexOf(thread);
      if (at < 0) return;
      idle.splice(at, 1);
      all.delete(thread);
      thread.dead = true;
      void thread.worker.terminate();
    }, idleMs);
    thread.idleTimer.unref();
  };

  return {
    read(job: ExportJob): ReadableStream<Uint8Array> {
      let claim: ReturnType<typeof acquire> | undefined;
      let thread: ExportThread | undefined;
      let over = false;
      return new ReadableStream<Uint8Array>(
        {
          async pull(controller) {
            if (!claim) {
              claim = acquire();
              const t = await claim.thread;
              if (over) return release(t); // the client left while it waited
              thread = t;
              thread.post({ type: 'start', job });
            }
            if (!thread || over) return;
            const reply = await thread.request({ type: 'next' });
            if (over) return; // cancelled meanwhile: cancel() returns the thread
            if (reply.type === 'chunk') return controller.enqueue(reply.bytes);
            over = true;
            release(thread);
            if (reply.type === 'end') return controller.close();
            // The client gets a cut-off file (the status line is long sent); the log says why.
            const message = reply.type === 'error' ? reply.message : `unexpected ${reply.type}`;
            options.logger.error('export failed', { error: message });
            controller.error(new Error(`export failed: ${message}`));
          },
          async cancel() {
            if (over) return;
            over = true;
            claim?.cancel();
            if (!thread) return;
            // The thread stops between two pages and says so; only then may another export use it.
            const t = thread;
            try {
              await t.request({ type: 'stop' });
              release(t);
            } catch {
              // the thread ended: the pool already let it go
            }
          },
          // A few pages asked for ahead, so the thread keeps reading while the socket drains.
        },
        { highWaterMark: PAGES_AHEAD },
      );
    },
    async close() {
      closed = true;
      waiting.splice(0);
      idle.splice(0);
      await Promise.all([...all].map((t) => t.worker.terminate()));
      all.clear();
    },
  };
}
