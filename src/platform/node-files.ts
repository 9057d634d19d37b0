import { createReadStream } from 'node:fs';
import { chmod, mkdir, readdir, rename, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Readable } from 'node:stream';
import { randomToken } from './crypto';
import { checkKey, type FileStore } from './files';

/** ITAKU_FILES_DIR, or a `files` directory beside the database. */
export const filesDirOf = (config: { filesDir: string | undefined; dbPath: string }): string =>
  resolve(config.filesDir ?? join(dirname(config.dbPath), 'files'));

const exists = async (path: string) => (await stat(path).catch(() => null)) !== null;

/**
 * Node: one file per content in a directory only itaku's user may read (0700, files 0600:
 * the documents hold contractors' certificates and audit reports). A file is written
 * under a temporary name and renamed into place, so a reader never sees half of one and
 * two uploads of the same bytes at once both end with one complete file.
 */
export async function nodeFileStore(dir: string): Promise<FileStore> {
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await chmod(dir, 0o700);
  const pathOf = (sha256: string) => join(dir, checkKey(sha256));
  return {
    async put(sha256, bytes) {
      const path = pathOf(sha256);
      if (await exists(path)) return;
      const temp = join(dir, `.${sha256}.${randomToken('tmp')}`);
      await writeFile(temp, bytes, { mode: 0o600, flag: 'wx' });
      await rename(temp, path);
    },
    async get(sha256) {
      const path = pathOf(sha256);
      const info = await stat(path).catch(() => null);
      if (!info) return null;
      return { body: Readable.toWeb(createReadStream(path)) as ReadableStream<Uint8Array>, size: info.size };
    },
    async list() {
      return (await readdir(dir)).filter((name) => !name.startsWith('.'));
    },
  };
}
