import { parentPort, workerData } from 'node:worker_threads';
import Database from 'better-sqlite3';
import { CasingCache } from 'drizzle-orm/casing';
import type { SQL } from 'drizzle-orm/sql';
import type { Db } from './db';
import type { ExportJob } from './export-reader';
import type { ExportThreadData, FromExportThread, ToExportThread } from './node-export-protocol';

/**
 * The body of an export thread: its own read-only connection to the database file (WAL
 * lets it read while the server's connection writes, and it can never write), one export
 * at a time, each chunk produced only when the server asks for it.
 */
/**
 * The one part of drizzle the export reads use, `db.all(sql)`: the query compiled as the
 * SQLite dialect compiles it (double-quoted names, `?` parameters) and its rows as plain
 * objects, as drizzle's better-sqlite3 driver returns them. The full driver is not loaded:
 * drizzle's index costs a thread some 60 MB of heap and a second of start-up.
 */
function readOnlyDb(sqlite: Database.Database): Db {
  const config = {
    casing: new CasingCache(),
    escapeName: (name: string) => `"${name.replaceAll('"', '""')}"`,
    escapeParam: () => '?',
    escapeString: (value: string) => `'${value.replaceAll("'", "''")}'`,
  };
  const statements = new Map<string, Database.Statement>();
  const all = async (query: SQL) => {
    const { sql, params } = query.toQuery(config);
    let statement = statements.get(sql);
    if (!statement) {
      statement = sqlite.prepare(sql);
      statements.set(sql, statement);
    }
    return statement.all(...params);
  };
  return { all } as unknown as Db;
}

export function serveExportThread(rows: (db: Db, job: ExportJob) => AsyncGenerator<Uint8Array>): void {
  const port = parentPort;
  if (!port) throw new Error('an export thread runs inside a worker thread');
  const { dbPath } = workerData as ExportThreadData;
  const sqlite = new Database(dbPath, { readonly: true, fileMustExist: true });
  sqlite.pragma('busy_timeout = 5000');
  const db = readOnlyDb(sqlite);
  const post = (message: FromExportThread) =>
    message.type === 'chunk'
      ? port.postMessage(message, [message.bytes.buffer as ArrayBuffer])
      : port.postMessage(message);

  let current: AsyncGenerator<Uint8Array> | undefined;
  // The next page, read while the server writes the one before (one page ahead, no more).
  let ahead: Promise<IteratorResult<Uint8Array>> | undefined;
  const handle = async (message: ToExportThread): Promise<void> => {
    if (message.type === 'start') {
      current = rows(db, message.job);
      ahead = undefined;
    } else if (message.type === 'next') {
      if (!current) return post({ type: 'end' });
      try {
        const next = await (ahead ?? current.next());
        ahead = undefined;
        if (next.done) {
          current = undefined;
          post({ type: 'end' });
        } else {
          post({ type: 'chunk', bytes: next.value });
          ahead = current.next();
          ahead.catch(() => undefined); // answered at the next request
        }
      } catch (err) {
        current = undefined;
        ahead = undefined;
        post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
      }
    } else {
      const stopping = current;
      const reading = ahead;
      current = undefined;
      ahead = undefined;
      await reading?.catch(() => undefined);
      await stopping?.return(undefined).catch(() => undefined);
      post({ type: 'stopped' });
    }
  };
  // One message at a time, in order: a reply always answers the request before it.
  let queue = Promise.resolve();
  port.on('message', (message: ToExportThread) => {
    queue = queue.then(() => handle(message));
  });
}
