import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../../db/schema';
import { writeAudited } from '../../src/modules/audit/audit.writer';
import { atomic, changesOf, isUniqueViolation } from '../../src/platform/db';
import { client } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

const now = () => new Date().toISOString();

describe(`atomic() on the ${process.env.ITAKU_TEST_TARGET ?? 'node'} driver`, () => {
  it('commits every statement together and reports changes', async () => {
    const results = await atomic(target.db, [
      target.db.insert(settings).values({ key: 'a', value: '1', updatedAt: now() }),
      target.db.update(settings).set({ value: '2' }).where(eq(settings.key, 'a')),
      target.db.insert(settings).values({ key: 'b', value: '1', updatedAt: now() }).returning(),
    ]);
    expect(changesOf(results[1])).toBe(1);
    expect(results[2]).toEqual([expect.objectContaining({ key: 'b' })]);
    expect(await target.db.select().from(settings).where(eq(settings.key, 'a')).get()).toMatchObject({ value: '2' });
  });

  it('rolls back everything when one statement fails', async () => {
    let error: unknown;
    try {
      await atomic(target.db, [
        target.db.insert(settings).values({ key: 'c', value: '1', updatedAt: now() }),
        target.db.insert(settings).values({ key: 'a', value: 'duplicate', updatedAt: now() }),
      ]);
    } catch (err) {
      error = err;
    }
    expect(isUniqueViolation(error, 'settings.key')).toBe(true);
    expect(await target.db.select().from(settings).where(eq(settings.key, 'c')).get()).toBeUndefined();
  });

  it('writes nothing, not even the audit event, when the audited unit fails', async () => {
    const before = await target.query<{ n: number }>('SELECT count(*) AS n FROM audit_events');
    await expect(
      writeAudited(
        { db: target.db, clock: { now: () => new Date() }, actor: { id: 'system' } },
        [target.db.insert(settings).values({ key: 'a', value: 'again', updatedAt: now() })],
        [{ action: 'setting.create', entityType: 'setting', entityId: 'a' }],
      ),
    ).rejects.toThrow();
    expect(await target.query('SELECT count(*) AS n FROM audit_events')).toEqual(before);
  });

  it('retries on a new chain head when another writer appended first', async () => {
    // Simulate a writer that appended between our read of the head and our commit.
    const ctx = { db: target.db, clock: { now: () => new Date() }, actor: { id: 'system' as const } };
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        writeAudited(
          ctx,
          [target.db.insert(settings).values({ key: `k${i}`, value: String(i), updatedAt: now() })],
          [{ action: 'setting.create', entityType: 'setting', entityId: `k${i}`, after: { value: i } }],
        ),
      ),
    );
    const verify = (await (await client(target).get('/api/v1/audit-events/verify')).json()) as { ok: boolean };
    expect(verify.ok).toBe(true);
    const rows = await target.query<{ entity_id: string }>(
      "SELECT entity_id FROM audit_events WHERE action = 'setting.create' ORDER BY seq",
    );
    expect(rows.map((r) => r.entity_id).sort()).toEqual(['k0', 'k1', 'k2', 'k3', 'k4', 'k5']);
  });
});
