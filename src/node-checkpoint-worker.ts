import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import type { CheckpointThreadData, CheckpointThreadReply } from './platform/node-checkpointer';

/**
 * The checkpoint thread of the Node server (src/platform/node-checkpointer.ts): its own
 * connection to the database file, which copies the WAL's frames into the file when the
 * server asks, off the event loop. PASSIVE: it never waits for a lock and never holds up a
 * writer or a reader; frames a reader still needs are copied at a later request.
 */
const port = parentPort;
if (!port) throw new Error('the checkpoint thread runs inside a worker thread');
const { dbPath } = workerData as CheckpointThreadData;
const sqlite = new Database(dbPath, { fileMustExist: true });
// This connection only checkpoints when asked; it never writes a page of its own.
sqlite.pragma('wal_autocheckpoint = 0');
port.on('message', () => {
  let reply: CheckpointThreadReply;
  try {
    const started = performance.now();
    const [row] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
    reply = { ok: true, frames: row?.log ?? 0, copied: row?.checkpointed ?? 0, ms: performance.now() - started };
  } catch (err) {
    reply = { ok: false, error: err instanceof Error ? err.message : String(err) };
  }
  port.postMessage(reply);
});
