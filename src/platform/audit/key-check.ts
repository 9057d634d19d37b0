import { eq } from 'drizzle-orm';
import { settings } from '../../../db/schema';
import type { Clock } from '../clock';
import type { Db } from '../db';
import { auditMac } from '../keys';
import type { AuditTrail } from './trail';
import { writeAudited } from './writer';

const SETTING = 'audit_key_check';
/** What the check value is the MAC of: it proves the key without revealing it. */
const PROBE = 'itaku audit key check v1';

export class AuditKeyMismatch extends Error {
  constructor() {
    super(
      'ITAKU_AUDIT_KEY is not the key this database was sealed with: sealing with it would break the audit chain. Use the original key (ITAKU_AUDIT_KEY or the key file beside the database).',
    );
    this.name = 'AuditKeyMismatch';
  }
}

/**
 * A database is sealed with one key for life. The first start records a check value (an
 * HMAC of a fixed text); every later start — server, CLI or Worker — refuses a different
 * key instead of sealing new events that could never verify.
 */
export async function checkAuditKey(ctx: { db: Db; clock: Pick<Clock, 'now'>; audit: AuditTrail }): Promise<void> {
  const expected = await auditMac(ctx.audit.keys, PROBE);
  const read = () => ctx.db.select().from(settings).where(eq(settings.key, SETTING)).get();
  let row = await read();
  if (!row) {
    await writeAudited(
      { ...ctx, actor: { id: 'system' } },
      [
        ctx.db
          .insert(settings)
          .values({ key: SETTING, value: expected, updatedAt: ctx.clock.now().toISOString() })
          .onConflictDoNothing(),
      ],
      [{ action: 'audit.key_registered', entityType: 'audit', entityId: 'key' }],
    );
    row = await read(); // another process may have registered its key first
  }
  if (row?.value !== expected) throw new AuditKeyMismatch();
}
