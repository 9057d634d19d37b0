import { Worker } from 'node:worker_threads';
import type Database from 'better-sqlite3';
import type { Logger } from './logger';
import { walIndex } from './sqlite-wal-index';

/**
 * WAL checkpoints off the server's event loop. By default SQLite checkpoints inside the
 * commit that takes the WAL past 1,000 pages: that commit (a request, or the sweep's unit
 * writing ~3,000 pages of alerts) then also copies every page into the database file and
 * syncs it, tens of milliseconds during which better-sqlite3 holds the event loop.
 * Here twice a second the WAL index is read, and when the WAL holds `pages` frames or more
 * a worker thread (src/node-checkpoint-worker.ts) copies them on its own connection. Writes
 * go on meanwhile, so the thread's checkpoint leaves the frames written during it; SQLite
 * starts the WAL over only once every frame is copied, so the server's connection copies
 * that short tail itself (at most `tail` frames, a millisecond or so); when the thread
 * copied every frame it starts the WAL over itself, so that no request pays for cutting
 * the WAL file back to its size limit (src/node-checkpoint-worker.ts). The server's own
 * commits checkpoint only past `hardPages` (20× SQLite's default, above the ~12,000 pages
 * of the first sweep's full check): under writes so steady that the thread never catches
 * up, that bounds the WAL (~80 MB), and the commit then copies just what the thread has
 * not. The thread starts on demand and ends after `idleMs` without work, so an idle
 * server holds none. Should it fail, the connection checkpoints at SQLite's default again.
 */
export interface CheckpointThreadData {
  dbPath: string;
}
export type CheckpointThreadReply =
  | { ok: true; frames: number; copied: number; restarted: boolean; ms: number }
  | { ok: false; error: string };

export interface NodeCheckpointer {
  /** One look now (the timer's work); resolves once a checkpoint it started has finished. */
  tick(): Promise<void>;
  /** Stops the timer and ends the thread. */
  close(): Promise<void>;
}

export interface NodeCheckpointerOptions {
  sqlite: Database.Database;
  dbPath: string;
  /** The thread's entry file (src/node-checkpoint-worker.ts, or its build). */
  entry: URL;
  logger: Logger;
  /** SQLite's own default threshold. */
  pages?: number;
  /** Frames the server's connection copies itself, so that the WAL can start over. */
  tail?: number;
  /** The WAL length at which a commit checkpoints anyway (wal_autocheckpoint). */
  hardPages?: number;
  everyMs?: number;
  idleMs?: number;
}

/** SQLite's default wal_autocheckpoint, restored if the thread cannot do the work. */
const SQLITE_DEFAULT_PAGES = 1000;
/** Copying even a WAL of a million pages takes seconds, not minutes. */
const REPLY_TIMEOUT_MS = 120_000;
/** Bytes of WAL file kept once the WAL starts over (SQLite keeps all of it by default). */
const WAL_SIZE_LIMIT = 16 * 1024 * 1024;

export function nodeCheckpointer(options: NodeCheckpointerOptions): NodeCheckpointer {
  const pages = options.pages ?? SQLITE_DEFAULT_PAGES;
  const tail = options.tail ?? 128;
  const everyMs = options.everyMs ?? 500;
  const hardPages = options.hardPages ?? 20 * SQLITE_DEFAULT_PAGES;
  const idleMs = options.idleMs ?? 60_000;
  const shmPath = `${options.dbPath}-shm`;
  options.sqlite.pragma(`wal_autocheckpoint = ${hardPages}`);
  // A WAL that grew during a burst of writes is cut back to this size when it starts over.
  options.sqlite.pragma(`journal_size_limit = ${WAL_SIZE_LIMIT}`);

  let worker: Worker | undefined;
  let idleTimer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let closed = false;
  let pendingReply: ((reply: CheckpointThreadReply) => void) | undefined;

  /** Back to SQLite's own checkpoints, on the server's connection. */
  const fallBack = (reason: string) => {
    if (closed) return;
    closed = true;
    clearInterval(timer);
    clearTimeout(idleTimer);
    options.logger.warn('background checkpoints stopped; the server checkpoints in its commits again', {
      error: reason,
    });
    try {
      options.sqlite.pragma(`wal_autocheckpoint = ${SQLITE_DEFAULT_PAGES}`);
    } catch {
      // the connection is closed: nothing left to checkpoint from here
    }
  };

  const thread = (): Worker => {
    if (worker) return worker;
    const data: CheckpointThreadData = { dbPath: options.dbPath };
    const w = new Worker(options.entry, {
      workerData: data,
      resourceLimits: { maxYoungGenerationSizeMb: 2, maxOldGenerationSizeMb: 16 },
    });
    w.unref();
    w.on('message', (reply: CheckpointThreadReply) => {
      const answer = pendingReply;
      pendingReply = undefined;
      answer?.(reply);
    });
    const gone = (err: Error) => {
      if (worker !== w) return;
      worker = undefined;
      const answer = pendingReply;
      pendingReply = undefined;
      answer?.({ ok: false, error: err.message });
      fallBack(err.message);
    };
    w.on('error', gone);
    w.on('exit', (code) => gone(new Error(`checkpoint thread exited (${code})`)));
    worker = w;
    return w;
  };

  const checkpoint = async (): Promise<void> => {
    clearTimeout(idleTimer);
    let w: Worker;
    try {
      w = thread();
    } catch (err) {
      fallBack(err instanceof Error ? err.message : String(err));
      return;
    }
    const reply = await new Promise<CheckpointThreadReply>((resolve) => {
      // A thread that does not answer is given up (the server then checkpoints itself).
      const late = setTimeout(() => {
        pendingReply = undefined;
        resolve({ ok: false, error: `no answer in ${REPLY_TIMEOUT_MS} ms` });
        fallBack('the checkpoint thread did not answer');
        const stuck = worker;
        worker = undefined;
        void stuck?.terminate();
      }, REPLY_TIMEOUT_MS);
      late.unref();
      pendingReply = (r) => {
        clearTimeout(late);
        resolve(r);
      };
      w.postMessage('checkpoint');
    });
    if (!reply.ok) {
      options.logger.warn('background checkpoint failed', { error: reply.error });
    } else if (reply.copied < reply.frames) {
      // Readers still use the rest (an export, a long page): copied at a later look.
      options.logger.debug('background checkpoint partial', { ...reply });
    }
    if (closed) return;
    idleTimer = setTimeout(() => {
      const ending = worker;
      worker = undefined;
      void ending?.terminate();
    }, idleMs);
    idleTimer.unref();
  };

  /** Frames waiting to be copied, on a WAL long enough to be worth starting over. */
  const waiting = (): number => {
    try {
      const index = walIndex(shmPath);
      return index && index.frames >= pages ? index.frames - index.copied : 0;
    } catch {
      return 0; // unreadable for now: the commits' own bound still holds
    }
  };

  /** The last few frames, copied here: then the next write starts the WAL over. */
  const finish = () => {
    if (closed) return;
    const left = waiting();
    if (left === 0 || left > tail) return;
    try {
      options.sqlite.pragma('wal_checkpoint(PASSIVE)');
    } catch (err) {
      // A PASSIVE checkpoint does not wait for locks; one refused now is tried at the next look.
      options.logger.debug('checkpoint of the last frames refused', { error: String(err) });
    }
  };

  const tick = (): Promise<void> => {
    if (closed) return Promise.resolve();
    if (running) return running;
    const left = waiting();
    if (left === 0) return Promise.resolve();
    if (left <= tail) {
      finish();
      return Promise.resolve();
    }
    running = checkpoint()
      .then(finish)
      .finally(() => {
        running = undefined;
      });
    return running;
  };

  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();

  return {
    tick,
    async close() {
      closed = true;
      clearInterval(timer);
      clearTimeout(idleTimer);
      await running?.catch(() => undefined);
      const ending = worker;
      worker = undefined;
      await ending?.terminate();
    },
  };
}
