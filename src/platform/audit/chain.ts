import type { AuditRow } from '../../../db/schema';
import { auditMac, type Keys } from '../keys';

/** The hash before the first event. */
export const GENESIS_HASH = '0'.repeat(64);

export type ChainFields = Pick<
  AuditRow,
  'seq' | 'at' | 'actor' | 'action' | 'entityType' | 'entityId' | 'before' | 'after' | 'requestId'
>;

/**
 * The seal of one event: HMAC-SHA-256 under the audit key (never in the database) over
 * every stored column of the event, its position (`seq`) and its predecessor's seal.
 * Changing, inserting or removing a row breaks the chain from that row on, and without
 * the key nobody can compute a chain that verifies again.
 */
export function sealHash(keys: Keys, e: ChainFields, prevHash: string): Promise<string> {
  return auditMac(
    keys,
    JSON.stringify([
      e.seq,
      e.at,
      e.actor,
      e.action,
      e.entityType,
      e.entityId,
      e.before,
      e.after,
      e.requestId,
      prevHash,
    ]),
  );
}
