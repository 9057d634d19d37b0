import type { ServiceContext } from '../../platform/app-env';
import type { CsvFormat } from '../csv/csv-format';
import type { ExportFilter } from './exports.repo';
import { csvHead, type ExportRowsJob } from './exports.rows';
import type { ReviewExportFilter } from './reviews.repo';
import { reviewRows } from './reviews.rows';
import { supervisionRows } from './supervision.rows';

export type { ExportFilter } from './exports.repo';

const macrotask = () => new Promise((resolve) => setTimeout(resolve, 0));

/**
 * The rows read here, in keyset pages: each pull reads the next page after yielding to
 * the event loop, so a long export neither holds the connection nor blocks other
 * requests (D1 reads are asynchronous), and memory stays flat however many rows there are.
 */
function inPlace(ctx: ServiceContext, job: ExportRowsJob): ReadableStream<Uint8Array> {
  const rows = job.file === 'reviews' ? reviewRows(ctx.db, job) : supervisionRows(ctx.db, job);
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      await macrotask();
      const next = await rows.next();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel() {
      await rows.return(undefined);
    },
  });
}

/**
 * The whole file: the header at once (it needs no read, so the first byte leaves without
 * waiting), then the rows, from the runtime's export reader when it has one (Node reads
 * them in a worker thread), otherwise in place. Pulled only as fast as the client reads.
 */
function csvStream(ctx: ServiceContext, job: ExportRowsJob): ReadableStream<Uint8Array> {
  const head = csvHead(job);
  let rows: ReadableStreamDefaultReader<Uint8Array> | undefined;
  let cancelled = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(head);
    },
    async pull(controller) {
      if (!rows) {
        // Let the header leave before a reader is set up (on Node a thread may be started).
        await macrotask();
        if (cancelled) return; // the client left meanwhile: nothing to set up
        rows = (ctx.exportReader?.read(job) ?? inPlace(ctx, job)).getReader();
      }
      const next = await rows.read();
      if (next.done) controller.close();
      else controller.enqueue(next.value);
    },
    async cancel(reason) {
      cancelled = true;
      await rows?.cancel(reason);
    },
  });
}

/**
 * The supervision status of every contractor (filters as GET /contractors), one row
 * each. Its profile columns are the import columns, so the file imports back as it is.
 */
export function supervisionStatusCsv(
  ctx: ServiceContext,
  filter: ExportFilter,
  format: CsvFormat,
): ReadableStream<Uint8Array> {
  return csvStream(ctx, {
    file: 'supervision-status',
    filter,
    format,
    today: ctx.clock.today(),
    reviewIntervals: ctx.config.reviewIntervals,
  });
}

/** Every review, the supervision history for an auditor, in the order they were created. */
export function reviewsCsv(
  ctx: ServiceContext,
  filter: ReviewExportFilter,
  format: CsvFormat,
): ReadableStream<Uint8Array> {
  return csvStream(ctx, { file: 'reviews', filter, format, today: ctx.clock.today() });
}
