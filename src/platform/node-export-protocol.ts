import type { ExportJob } from './export-reader';

/**
 * The messages between the server and an export thread. The server asks for one chunk
 * at a time (`next`), so a thread reads no further ahead than the client has read.
 */
export type ToExportThread = { type: 'start'; job: ExportJob } | { type: 'next' } | { type: 'stop' };

export type FromExportThread =
  | { type: 'chunk'; bytes: Uint8Array }
  | { type: 'end' }
  | { type: 'error'; message: string }
  | { type: 'stopped' };

/** What the server hands a new export thread. */
export interface ExportThreadData {
  dbPath: string;
}
