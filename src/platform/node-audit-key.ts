import { createHmac, createSecretKey } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { checkAuditKey } from './audit/key-check';
import { createAuditTrail } from './audit/sealer';
import type { AuditTrail } from './audit/trail';
import type { Clock } from './clock';
import type { Config } from './config';
import { randomToken } from './crypto';
import type { Db } from './db';
import { deriveKeys, MIN_KEY_LENGTH } from './keys';
import type { Logger } from './logger';

/** Where the generated audit key lives when ITAKU_AUDIT_KEY is not set: beside the database. */
export const auditKeyPath = (dbPath: string): string => `${dbPath}.key`;

/**
 * The audit secret on Node: ITAKU_AUDIT_KEY, or else a key file beside the database,
 * generated once (mode 0600, never overwritten) and its location logged. Keep the key
 * file out of the database's backups, or the backup can be rewritten undetectably.
 */
export function loadAuditSecret(config: Pick<Config, 'auditKey' | 'dbPath'>, logger: Logger): string {
  if (config.auditKey) return config.auditKey;
  if (config.dbPath === ':memory:') return randomToken('itka');
  const path = auditKeyPath(config.dbPath);
  try {
    writeFileSync(path, `${randomToken('itka')}\n`, { mode: 0o600, flag: 'wx' });
    logger.info('generated the audit key; keep it apart from database backups', { path });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    logger.debug('audit key file', { path });
  }
  const secret = readFileSync(path, 'utf8').trim();
  if (secret.length < MIN_KEY_LENGTH) {
    throw new Error(`the audit key file ${path} holds fewer than ${MIN_KEY_LENGTH} characters`);
  }
  return secret;
}

/**
 * Node's synchronous HMAC: the same bytes as Web Crypto's, without its job queue. The key
 * object is made once: given raw bytes, each HMAC would import the key again.
 */
export const nodeHmac = (rawKey: Uint8Array) => {
  const key = createSecretKey(rawKey);
  return (text: string) => createHmac('sha256', key).update(text).digest('hex');
};

/** The sealer of a Node database, keyed as above. */
export async function nodeAuditTrail(
  db: Db,
  config: Pick<Config, 'auditKey' | 'dbPath'>,
  clock: Pick<Clock, 'now'>,
  logger: Logger,
  background?: (work: Promise<unknown>) => void,
): Promise<AuditTrail> {
  const keys = await deriveKeys(loadAuditSecret(config, logger), nodeHmac);
  const audit = createAuditTrail({ db, keys, clock, logger, background });
  await checkAuditKey({ db, clock, audit });
  return audit;
}
