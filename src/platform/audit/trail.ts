import type { Keys } from '../keys';

/**
 * The sealing side of the audit trail, as the write path sees it: writes append their
 * events unsealed, then call `afterCommit()`, which chains everything committed so far
 * under the audit key. Implemented in src/modules/audit/audit.sealer.ts.
 */
export interface AuditTrail {
  keys: Keys;
  /** Seals every committed, unsealed event; resolves with how many it sealed. */
  seal(): Promise<number>;
  /** Called by a write after its unit committed: seals (or schedules sealing of) its events. */
  afterCommit(): Promise<void>;
  /** Resolves once no sealing pass of this process is running or queued. */
  settled(): Promise<void>;
}
