/**
 * Where a long export's rows are read. Node's better-sqlite3 is synchronous, so reading a
 * large file on the request's thread would hold every other request for as long as a
 * page takes; Node reads them in a worker thread on its own read-only connection
 * (src/platform/node-export-pool.ts). Without a reader (Workers, where every D1 read is
 * asynchronous, and operator commands) the rows are read in keyset pages in place.
 */
export interface ExportReader {
  /**
   * The CSV bytes of the rows `job` describes (a plain, cloneable value the reading side
   * understands), one chunk per page, read only as fast as the stream is pulled.
   * Cancelling the stream stops the reading and frees what it held.
   */
  read(job: ExportJob): ReadableStream<Uint8Array>;
}

/** A description of an export's rows that can be handed to another thread. */
export interface ExportJob {
  file: string;
}
