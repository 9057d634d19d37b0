// First, before the modules below load: the thread's lower priority (see the file).
import './platform/node-export-priority';
import type { ExportRowsJob } from './modules/exports/exports.rows';
import { serveExportThread } from './platform/node-export-thread';

/**
 * An export thread of the Node server (src/platform/node-export-pool.ts): it reads the
 * CSV exports' rows on its own read-only connection, off the server's event loop. Each
 * file's module is loaded when a thread first reads that file.
 */
serveExportThread(async function* (db, job) {
  const rows = job as ExportRowsJob;
  if (rows.file === 'reviews') {
    const [{ reviewRows }, { THREAD_PAGE_ROWS }] = await Promise.all([
      import('./modules/exports/reviews.rows'),
      import('./modules/exports/exports.rows'),
    ]);
    yield* reviewRows(db, rows, THREAD_PAGE_ROWS);
  } else {
    const { supervisionRows } = await import('./modules/exports/supervision.rows');
    yield* supervisionRows(db, rows);
  }
});
