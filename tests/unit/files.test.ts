import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { contentDisposition } from '../../src/modules/documents/disposition';
import { filesDirOf, nodeFileStore } from '../../src/platform/node-files';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), 'itaku-files-'));
  dirs.push(d);
  return d;
};
const digest = async (bytes: Uint8Array) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

describe('node file store', () => {
  it('defaults to a files directory beside the database', () => {
    expect(filesDirOf({ filesDir: undefined, dbPath: '/var/lib/itaku/itaku.db' })).toBe('/var/lib/itaku/files');
    expect(filesDirOf({ filesDir: '/srv/docs', dbPath: '/var/lib/itaku/itaku.db' })).toBe('/srv/docs');
  });

  it('keeps each content once, readable only by its owner, under its SHA-256', async () => {
    const dir = join(tempDir(), 'files');
    const store = await nodeFileStore(dir);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
    const bytes = new TextEncoder().encode('%PDF-1.4 証明書');
    const key = await digest(bytes);
    await Promise.all([store.put(key, bytes, 'application/pdf'), store.put(key, bytes, 'application/pdf')]);
    expect(readdirSync(dir)).toEqual([key]);
    expect(statSync(join(dir, key)).mode & 0o777).toBe(0o600);
    expect(await store.list()).toEqual([key]);
    const got = await store.get(key);
    expect(got?.size).toBe(bytes.length);
    expect(new Uint8Array(await new Response(got?.body).arrayBuffer())).toEqual(bytes);
    expect(await store.get('0'.repeat(64))).toBeNull();
  });

  it('refuses a key that is not a SHA-256, so no name can leave the directory', async () => {
    const store = await nodeFileStore(tempDir());
    await expect(store.put('../../etc/passwd', new Uint8Array([1]), 'text/plain')).rejects.toThrow(/SHA-256/);
    await expect(store.get(`../${'a'.repeat(64)}`)).rejects.toThrow(/SHA-256/);
  });
});

describe('contentDisposition', () => {
  it('sends an ASCII fallback and the UTF-8 name per RFC 5987', () => {
    expect(contentDisposition('登録証 (2026).pdf')).toBe(
      `attachment; filename="___ (2026).pdf"; filename*=UTF-8''%E7%99%BB%E9%8C%B2%E8%A8%BC%20%282026%29.pdf`,
    );
    expect(contentDisposition('a"b\\c.txt')).toBe(`attachment; filename="a_b_c.txt"; filename*=UTF-8''a%22b%5Cc.txt`);
  });
});
