import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointThreadData, CheckpointThreadReply } from './platform/node-checkpointer';

/**
 * The checkpoint thread of the Node server (src/platform/node-checkpointer.ts): its own
 * connection to the database file, which copies the WAL's frames into the file when the
 * server asks, off the event loop. PASSIVE: it never waits for a lock and never holds up a
 * writer or a reader; frames a reader still needs are copied at a later request.
 *
 * Once every frame is copied it also starts the WAL over (TRUNCATE), without waiting for
 * any lock: otherwise the server's next commit does, and cutting a WAL of tens of MB back
 * to its size limit then holds that request, and the event loop, for several milliseconds.
 * When a writer or a reader is busy it is left to that next commit, as SQLite does.
 */
const port = parentPort;
if (!port) throw new Error('the checkpoint thread runs inside a worker thread');
const { dbPath } = workerData as CheckpointThreadData;
const sqlite = new Database(dbPath, { fileMustExist: true });
// This connection only checkpoints when asked; it never writes a page of its own.
sqlite.pragma('wal_autocheckpoint = 0');
// Never waits: a lock someone holds means "not now".
sqlite.pragma('busy_timeout = 0');

type CheckpointRow = { busy: number; log: number; checkpointed: number };

/** Starts the WAL over if nobody is using it this moment; false when someone is. */
function restart(): boolean {
  try {
    const [row] = sqlite.pragma('wal_checkpoint(TRUNCATE)') as CheckpointRow[];
    return row?.busy === 0;
  } catch {
    return false;
  }
}

port.on('message', () => {
  let reply: CheckpointThreadReply;
  try {
    const started = performance.now();
    const [row] = sqlite.pragma('wal_checkpoint(PASSIVE)') as CheckpointRow[];
    const frames = row?.log ?? 0;
    const copied = row?.checkpointed ?? 0;
    const restarted = frames > 0 && copied === frames && restart();
    reply = { ok: true, frames, copied, restarted, ms: performance.now() - started };
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
