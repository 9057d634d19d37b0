import { sha256Hex } from '../../platform/crypto';

/** The hash before the first event. */
export const GENESIS_HASH = '0'.repeat(64);

export interface ChainFields {
  seq: number;
  at: string;
  actor: string;
  action: string;
  entityType: string;
  entityId: string;
  before: string | null;
  after: string | null;
  requestId: string | null;
  prevHash: string;
}

/**
 * The hash of one event covers every stored column but itself, including its position
 * (`seq`) and its predecessor's hash, so changing, inserting or removing any row breaks
 * the chain from that row on.
 */
export function eventHash(e: ChainFields): Promise<string> {
  return sha256Hex(
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
      e.prevHash,
    ]),
  );
}
