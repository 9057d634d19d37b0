import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { settings } from '../../db/schema';
import { createAuditTrail } from '../../src/platform/audit/sealer';
import { writeAudited } from '../../src/platform/audit/writer';
import { atomic, changesOf, isUniqueViolation } from '../../src/platform/db';
import { deriveKeys } from '../../src/platform/keys';
import { createLogger } from '../../src/platform/logger';
import { client } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

const now = () => new Date().toISOString();

/** A write context with its own sealer under the target's audit key, as another process would have. */
async function auditedCtx() {
  const clock = { now: () => new Date() };
  const audit = createAuditTrail({
    db: target.db,
    keys: await deriveKeys(target.auditKey),
    clock,
    logger: createLogger('silent'),
  });
  return { db: target.db, clock, audit, actor: { id: 'system' as const } };
}

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
        await auditedCtx(),
        [target.db.insert(settings).values({ key: 'a', value: 'again', updatedAt: now() })],
        [{ action: 'setting.create', entityType: 'setting', entityId: 'a' }],
      ),
    ).rejects.toThrow();
    expect(await target.query('SELECT count(*) AS n FROM audit_events')).toEqual(before);
  });

  it('lets parallel writers append without contending, and seals them all into one chain', async () => {
    const ctx = await auditedCtx();
    await Promise.all(
      Array.from({ length: 12 }, (_, i) =>
        writeAudited(
          ctx,
          [target.db.insert(settings).values({ key: `k${i}`, value: String(i), updatedAt: now() })],
          [{ action: 'setting.create', entityType: 'setting', entityId: `k${i}`, after: { value: i } }],
        ),
      ),
    );
    const verify = (await (await client(target).get('/api/v1/audit-events/verify')).json()) as {
      ok: boolean;
      unsealed: number;
      count: number;
      sealed: number;
    };
    expect(verify).toMatchObject({ ok: true, unsealed: 0 });
    expect(verify.sealed).toBe(verify.count);
    const rows = await target.query<{ entity_id: string }>(
      "SELECT entity_id FROM audit_events WHERE action = 'setting.create' AND entity_id LIKE 'k%' ORDER BY seq",
    );
    expect(rows.map((r) => r.entity_id).sort()).toEqual(Array.from({ length: 12 }, (_, i) => `k${i}`).sort());
    // Every event has exactly one seal, in seq order.
    const seals = await target.query<{ n: number }>(
      'SELECT count(*) AS n FROM audit_events e JOIN audit_seals s ON s.seq = e.seq',
    );
    expect(seals[0]?.n).toBe(verify.count);
  });

  it('seals the writes of one turn of the event loop in one pass when sealing goes on after the answer', async () => {
    const work: Promise<unknown>[] = [];
    // A new millisecond at every call: each pass stamps its seals with its own time.
    let tick = Date.parse('2030-01-01T00:00:00Z');
    const clock = { now: () => new Date(tick++) };
    const audit = createAuditTrail({
      db: target.db,
      keys: await deriveKeys(target.auditKey),
      clock,
      logger: createLogger('silent'),
      background: (w) => work.push(w),
    });
    const ctx = { db: target.db, clock, audit, actor: { id: 'system' as const } };
    // One after the other, as requests answered in the same turn are.
    for (let i = 0; i < 12; i++) {
      await writeAudited(
        ctx,
        [target.db.insert(settings).values({ key: `t${i}`, value: String(i), updatedAt: now() })],
        [{ action: 'setting.create', entityType: 'setting', entityId: `t${i}`, after: { value: i } }],
      );
    }
    await Promise.all(work);
    await audit.settled();
    const passes = await target.query<{ sealed_at: string }>(
      `SELECT DISTINCT s.sealed_at FROM audit_events e JOIN audit_seals s ON s.seq = e.seq
       WHERE e.action = 'setting.create' AND e.entity_id LIKE 't%'`,
    );
    // On better-sqlite3 the twelve units commit in one turn; D1's commits are spread over several.
    if (target.kind === 'node') expect(passes).toHaveLength(1);
    else expect(passes.length).toBeLessThan(12);
    const verify = (await (await client(target).get('/api/v1/audit-events/verify')).json()) as {
      ok: boolean;
      unsealed: number;
    };
    expect(verify).toMatchObject({ ok: true, unsealed: 0 });
  });
});
