import { closeSync, openSync, readSync } from 'node:fs';
import { endianness } from 'node:os';

/**
 * The WAL's length and how much of it is copied into the database file, read from the
 * wal-index (the `-shm` file) that SQLite keeps beside a WAL database: `mxFrame`, the last
 * valid frame (offset 16 of the header), and `nBackfill`, the frames already copied
 * (offset 96), both 32-bit in the machine's byte order (https://www.sqlite.org/walformat.html,
 * "The WAL-Index Header"). One read of 100 bytes, no lock and no connection: cheap enough to
 * look every second. A torn read (SQLite writing the header meanwhile) is off by a few
 * frames, which only moves a checkpoint by one look. Null when there is no index to read.
 */
export function walIndex(shmPath: string): { frames: number; copied: number } | null {
  let fd: number;
  try {
    fd = openSync(shmPath, 'r');
  } catch {
    return null;
  }
  try {
    const header = Buffer.alloc(100);
    if (readSync(fd, header, 0, 100, 0) < 100) return null;
    const little = endianness() === 'LE';
    const mxFrame = little ? header.readUInt32LE(16) : header.readUInt32BE(16);
    const nBackfill = little ? header.readUInt32LE(96) : header.readUInt32BE(96);
    return { frames: mxFrame, copied: Math.min(nBackfill, mxFrame) };
  } finally {
    closeSync(fd);
  }
}

/** How many WAL frames a checkpoint would copy into the database file now (see walIndex). */
export function walFramesToCheckpoint(shmPath: string): number | null {
  const index = walIndex(shmPath);
  return index && index.frames - index.copied;
}
