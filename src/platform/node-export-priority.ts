import { readlinkSync } from 'node:fs';
import { setPriority } from 'node:os';

/**
 * An export thread runs below the server's own thread: when the machine is busy, the
 * requests of people waiting get the CPU first and the export (a download in progress)
 * takes what is left. Linux gives each thread its own nice value; elsewhere the thread
 * keeps the process's priority.
 */
export const EXPORT_THREAD_NICE = 5;

try {
  const tid = Number(readlinkSync('/proc/thread-self').split('/').at(-1));
  if (Number.isInteger(tid) && tid > 0) setPriority(tid, EXPORT_THREAD_NICE);
} catch {
  // not Linux, or not allowed: the thread runs at the process's priority
}
