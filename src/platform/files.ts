/**
 * Where uploaded documents' bytes live, addressed by their SHA-256: the same bytes are
 * stored once however many documents name them, and a stored file can never be changed
 * under a name that vouches for its content. Node keeps a directory
 * (src/platform/node-files.ts); Workers an R2 bucket (below).
 */
export interface StoredFile {
  body: ReadableStream<Uint8Array>;
  size: number;
}

export interface FileStore {
  /** Stores the bytes under their SHA-256 (hex); storing the same bytes again is a no-op. */
  put(sha256: string, bytes: Uint8Array, contentType: string): Promise<void>;
  get(sha256: string): Promise<StoredFile | null>;
  /** Every stored SHA-256, for checks and operators. */
  list(): Promise<string[]>;
}

const SHA256_HEX = /^[0-9a-f]{64}$/;

/** Refuses anything but a lowercase SHA-256: the key becomes a path or an object name. */
export function checkKey(sha256: string): string {
  if (!SHA256_HEX.test(sha256)) throw new Error('file store keys are SHA-256 hex digests');
  return sha256;
}

/** The minimal part of Workers' R2Bucket the store uses (types from @cloudflare/workers-types). */
export interface R2Like {
  head(key: string): Promise<unknown | null>;
  put(
    key: string,
    value: Uint8Array,
    options: { httpMetadata: { contentType: string }; sha256: string },
  ): Promise<unknown>;
  get(key: string): Promise<{ body: ReadableStream<Uint8Array>; size: number } | null>;
  list(options?: { cursor?: string }): Promise<{ objects: { key: string }[]; truncated: boolean; cursor?: string }>;
}

/** Workers: the R2 bucket bound as FILES. R2 checks the bytes against the digest on put. */
export function r2FileStore(bucket: R2Like): FileStore {
  return {
    async put(sha256, bytes, contentType) {
      const key = checkKey(sha256);
      if (await bucket.head(key)) return;
      await bucket.put(key, bytes, { httpMetadata: { contentType }, sha256: key });
    },
    async get(sha256) {
      const object = await bucket.get(checkKey(sha256));
      return object ? { body: object.body, size: object.size } : null;
    },
    async list() {
      const keys: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await bucket.list(cursor ? { cursor } : {});
        keys.push(...page.objects.map((o) => o.key));
        cursor = page.truncated ? page.cursor : undefined;
      } while (cursor);
      return keys;
    },
  };
}
