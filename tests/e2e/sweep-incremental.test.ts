import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { rollForward, type SweepDeps, type SweepScope, sweepScope, sweepStatements } from '../../src/jobs/sweep';
import { changeMask } from '../../src/jobs/sweep.changes';
import { type AlertCondition, alertConditions } from '../../src/jobs/sweep.conditions';
import { rulesFingerprint } from '../../src/jobs/sweep.state';
import { FixedClock } from '../../src/platform/clock';
import { atomic, type Db } from '../../src/platform/db';
import { newId } from '../../src/platform/ids';
import { openSqlite } from '../../src/platform/node-sqlite';

/**
 * The sweep after its first run checks only what changed and what the calendar crossed
 * since the last run (src/jobs/sweep.statements.ts). Here two databases live the same
 * random history — writes of every kind the alert conditions read, made with plain SQL as
 * any writer could, people resolving alerts, runs days or weeks apart — and on one of them
 * every run checks everything. After every run both hold exactly the same alerts. The
 * runs are the sweep's unit itself (what `runSweep` commits, without its lease, job run
 * and audit checkpoint, which tests/api/alerts.test.ts covers on both runtimes).
 */
const dir = mkdtempSync(join(tmpdir(), 'itaku-sweep-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const START = '2026-03-02';
const CONTRACTORS = 12;
const statuses = ['proposed', 'approved', 'active', 'suspended', 'terminated'] as const;
const reviewKinds = ['periodic', 'selection', 'follow_up', 'cross_border_confirmation'] as const;
const reviewStatuses = ['scheduled', 'in_progress', 'completed', 'cancelled'] as const;
const outcomes = [null, 'satisfactory', 'minor_findings', 'major_findings', 'unsatisfactory'] as const;

// Days from the day of the write: mostly near it, so that runs land on the boundaries.
const day = fc.oneof({ arbitrary: fc.integer({ min: -3, max: 3 }), weight: 2 }, fc.integer({ min: -20, max: 70 }));
const maybeDay = fc.option(day, { nil: null });
const contractor = fc.integer({ min: 0, max: CONTRACTORS - 1 });

type Op =
  | { op: 'contractor'; i: number; status: string; nextDue: number | null; abroad: boolean; name: number }
  | {
      op: 'review';
      j: number;
      i: number;
      kind: string;
      status: string;
      due: number;
      done: number | null;
      outcome: string | null;
    }
  | { op: 'deleteReview'; j: number }
  | {
      op: 'agreement';
      k: number;
      i: number;
      autoRenew: boolean;
      start: number;
      end: number | null;
      notice: number | null;
      terminated: number | null;
    }
  | { op: 'finding'; m: number; i: number; open: boolean; due: number }
  | { op: 'document'; n: number; i: number; kind: string; valid: number | null; deleted: boolean }
  | { op: 'questionnaire'; q: number; i: number; status: string; due: number }
  | { op: 'resolveAlert'; pick: number }
  | { op: 'sweep'; advance: number };

const ops: fc.Arbitrary<Op> = fc.oneof(
  fc.record({
    op: fc.constant('contractor' as const),
    i: contractor,
    status: fc.constantFrom(...statuses),
    nextDue: maybeDay,
    abroad: fc.boolean(),
    name: fc.nat(3),
  }),
  fc.record({
    op: fc.constant('review' as const),
    j: fc.nat(9),
    i: contractor,
    kind: fc.constantFrom(...reviewKinds),
    status: fc.constantFrom(...reviewStatuses),
    due: day,
    done: maybeDay,
    outcome: fc.constantFrom(...outcomes),
  }),
  fc.record({
    op: fc.constant('review' as const),
    j: fc.nat(9),
    i: contractor,
    kind: fc.constantFrom(...reviewKinds),
    status: fc.constantFrom('scheduled', 'in_progress'),
    due: day,
    done: fc.constant(null),
    outcome: fc.constant(null),
  }),
  fc.record({ op: fc.constant('deleteReview' as const), j: fc.nat(9) }),
  fc.record({
    op: fc.constant('agreement' as const),
    k: fc.nat(5),
    // A few contractors with several agreements each: one agreement's dates move another's alert.
    i: fc.nat(2),
    autoRenew: fc.boolean(),
    start: day,
    end: maybeDay,
    notice: maybeDay,
    terminated: maybeDay,
  }),
  fc.record({ op: fc.constant('finding' as const), m: fc.nat(4), i: contractor, open: fc.boolean(), due: day }),
  fc.record({
    op: fc.constant('document' as const),
    n: fc.nat(4),
    i: contractor,
    kind: fc.constantFrom('privacy_mark', 'isms', 'other'),
    valid: maybeDay,
    deleted: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('questionnaire' as const),
    q: fc.nat(2),
    i: contractor,
    status: fc.constantFrom('sent', 'in_progress', 'submitted', 'accepted', 'revoked'),
    due: day,
  }),
  fc.record({ op: fc.constant('resolveAlert' as const), pick: fc.nat(20) }),
  // Runs often and far apart, so that dates are crossed between runs with no write in between.
  {
    arbitrary: fc.record({
      op: fc.constant('sweep' as const),
      advance: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3 }), weight: 4 }, fc.nat(90)),
    }),
    weight: 5,
  },
);

interface World {
  db: Db;
  close(): void;
  run(sql: string, ...params: unknown[]): void;
  alerts(): unknown[];
}

function world(name: string): World {
  const path = join(dir, `${name}.db`);
  const { db, sqlite } = openSqlite(path);
  return {
    db,
    close: () => sqlite.close(),
    run: (sql, ...params) => void sqlite.prepare(sql).run(...params),
    // Everything the sweep decides, without the random ids.
    alerts: () =>
      sqlite
        .prepare(
          `SELECT kind, subject_id, contractor_id, severity, due_date, message, status, raised_at, resolved_at,
             resolved_by, escalated_at FROM alerts ORDER BY kind, subject_id, raised_at, status`,
        )
        .all(),
  };
}

/** The SQL of one write, the same on both databases. */
function writeOf(op: Op, today: string, seq: number): [string, ...unknown[]] | null {
  // Dates around the day of the write, so that later runs cross them.
  const d = (n: number | null) => (n === null ? null : addDays(today, n));
  const at = `${today}T01:00:00.${String(seq % 1000).padStart(3, '0')}Z`;
  switch (op.op) {
    case 'contractor':
      return [
        `UPDATE contractors SET status = ?, next_review_due = ?, cross_border_basis = ?, name = ?, updated_at = ?
         WHERE id = ?`,
        op.status,
        d(op.nextDue),
        op.abroad ? 'equivalent_measures' : null,
        `委託先 ${op.i}-${op.name}`,
        at,
        `c${op.i}`,
      ];
    case 'review':
      return [
        `INSERT INTO reviews (id, contractor_id, kind, due_date, status, completed_on, outcome, checklist_organizational,
           checklist_human, checklist_physical, checklist_technical, scheduled_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, 'not_assessed', 'not_assessed', 'not_assessed', 'not_assessed', 'u', ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, due_date = excluded.due_date, status = excluded.status,
           completed_on = excluded.completed_on, outcome = excluded.outcome, updated_at = excluded.updated_at`,
        `r${op.j}`,
        `c${op.i}`,
        op.kind,
        d(op.due),
        op.status,
        op.status === 'completed' ? d(op.done ?? op.due) : null,
        op.status === 'completed' ? op.outcome : null,
        at,
        at,
      ];
    case 'deleteReview':
      return ['DELETE FROM reviews WHERE id = ?', `r${op.j}`];
    case 'agreement':
      return [
        `INSERT INTO agreements (id, contractor_id, title, purpose, data_categories, start_date, end_date, auto_renew,
           notice_deadline, current_end_date, terminated_on, reconsignment, clause_responsibilities,
           clause_security_measures, clause_reconsignment, clause_reporting, clause_compliance_checks,
           clause_breach_of_contract, clause_incident_reporting, clause_after_termination, missing_clause_count,
           created_at, updated_at)
         VALUES (?, ?, '業務委託契約', 'p', '[]', ?, ?, ?, ?, ?, ?, 'prohibited', 1, 1, 1, 1, 1, 1, 1, 1, 0, ?, ?)
         ON CONFLICT (id) DO UPDATE SET start_date = excluded.start_date, end_date = excluded.end_date,
           auto_renew = excluded.auto_renew, notice_deadline = excluded.notice_deadline,
           current_end_date = excluded.current_end_date, terminated_on = excluded.terminated_on,
           updated_at = excluded.updated_at`,
        `g${op.k}`,
        `c${op.i}`,
        d(op.start),
        d(op.end),
        op.autoRenew ? 1 : 0,
        op.autoRenew ? d(op.notice) : null,
        // Auto-renewing terms far ahead: their roll-forward is tested elsewhere.
        op.autoRenew ? '2099-12-31' : d(op.end),
        d(op.terminated),
        at,
        at,
      ];
    case 'finding':
      return [
        `INSERT INTO findings (id, contractor_id, severity, category, description, due_date, status, created_at, updated_at)
         VALUES (?, ?, 'major', 'technical', '是正', ?, ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET due_date = excluded.due_date, status = excluded.status, updated_at = excluded.updated_at`,
        `f${op.m}`,
        `c${op.i}`,
        d(op.due),
        op.open ? 'open' : 'resolved',
        at,
        at,
      ];
    case 'document':
      return [
        `INSERT INTO documents (id, contractor_id, kind, file_name, content_type, size, sha256, uploaded_by, created_at,
           valid_until, deleted_at)
         VALUES (?, ?, ?, 'cert.pdf', 'application/pdf', 1, 'x', 'u', ?, ?, ?)
         ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, valid_until = excluded.valid_until,
           deleted_at = excluded.deleted_at`,
        `d${op.n}`,
        `c${op.i}`,
        op.kind,
        at,
        d(op.valid),
        op.deleted ? at : null,
      ];
    case 'questionnaire':
      return [
        `INSERT INTO questionnaires (id, review_id, contractor_id, template_id, template_version, template, language,
           recipient_name, recipient_email, due_date, expires_at, status, token_hash, token_sealed, sent_at, sent_by,
           created_at, updated_at)
         VALUES (?, ?, ?, 'appi-standard', 1, '{}', 'ja', '担当', 'a@example.jp', ?, '2099-01-01T00:00:00Z', ?, ?, 's', ?,
           'u', ?, ?)
         ON CONFLICT (id) DO UPDATE SET contractor_id = excluded.contractor_id, due_date = excluded.due_date,
           status = excluded.status, updated_at = excluded.updated_at`,
        `q${op.q}`,
        `rq${op.q}`,
        `c${op.i}`,
        d(op.due),
        op.status,
        `hash-${op.q}`,
        at,
        at,
        at,
      ];
    case 'resolveAlert':
      return [
        `UPDATE alerts SET status = 'resolved', resolved_by = 'u', resolved_at = ?, resolution_note = 'done'
         WHERE id = (SELECT id FROM alerts WHERE status <> 'resolved' ORDER BY kind, subject_id LIMIT 1 OFFSET ?)`,
        at,
        op.pick,
      ];
    case 'sweep':
      return null;
  }
}

/** Back to an empty registry (the audit trail is append-only and stays: nothing here reads it). */
function setUp(w: World) {
  for (const table of ['alerts', 'questionnaires', 'documents', 'findings', 'reviews', 'agreements', 'contractors']) {
    w.run(`DELETE FROM ${table}`);
  }
  w.run('DELETE FROM sweep_changes');
  w.run('DELETE FROM sweep_state');
  for (let i = 0; i < CONTRACTORS; i++) {
    w.run(
      `INSERT INTO contractors (id, name, search_text, country, data_categories, handles_special_care,
         handles_payment_data, subject_count, system_access, status, risk_tier, risk_factors, created_at, updated_at)
       VALUES (?, ?, ?, 'JP', '[]', 0, 0, 10, 0, 'active', 'low', '[]', ?, ?)`,
      `c${i}`,
      `委託先 ${i}`,
      `委託先 ${i}`,
      `${START}T00:00:00Z`,
      `${START}T00:00:00Z`,
    );
  }
  for (let q = 0; q < 3; q++) {
    w.run(
      `INSERT INTO reviews (id, contractor_id, kind, due_date, status, checklist_organizational, checklist_human,
         checklist_physical, checklist_technical, scheduled_by, created_at, updated_at)
       VALUES (?, 'c0', 'periodic', ?, 'completed', 'not_assessed', 'not_assessed', 'not_assessed', 'not_assessed',
         'u', ?, ?)`,
      `rq${q}`,
      '2025-01-01',
      `${START}T00:00:00Z`,
      `${START}T00:00:00Z`,
    );
  }
}

const clock = new FixedClock(`${START}T00:00:00.000Z`);
const incremental = world('incremental');
const full = world('full');
afterAll(() => {
  incremental.close();
  full.close();
});

/** One sweep's unit on `w`: full, or continuing from its last run. Returns the scope. */
async function sweepOn(w: World, narrow: boolean): Promise<SweepScope> {
  const rules = await rulesFingerprint();
  const deps = { db: w.db, clock } as unknown as SweepDeps;
  const scope: SweepScope = narrow ? await sweepScope(deps, clock.today(), rules) : { full: true };
  const plan = { runId: newId(), now: clock.now(), emailEnabled: true, checkpoint: null, scope, rules };
  const statements = sweepStatements(deps, plan).map((l) => l.statement);
  await atomic(w.db, [...(await rollForward(deps)).statements, ...statements]);
  return scope;
}

/** Lives `history` on both databases, comparing their alerts after every run. */
async function replay(history: Op[]): Promise<{ kind: string; subject_id: string; status: string }[]> {
  clock.set(`${START}T00:00:00.000Z`);
  for (const w of [incremental, full]) setUp(w);
  const sweep = async () => {
    const scope = await sweepOn(incremental, true);
    await sweepOn(full, false);
    expect(incremental.alerts()).toEqual(full.alerts());
    return scope;
  };
  expect((await sweep()).full).toBe(true);
  let seq = 0;
  let narrowed = 0;
  for (const op of [...history, { op: 'sweep', advance: 1 } as const]) {
    if (op.op === 'sweep') {
      clock.advanceDays(op.advance);
      if (!(await sweep()).full) narrowed++;
      continue;
    }
    const write = writeOf(op, clock.today(), seq++);
    if (write) for (const w of [incremental, full]) w.run(...write);
  }
  // Every run after the first continued from the one before.
  expect(narrowed).toBe(history.filter((o) => o.op === 'sweep').length + 1);
  return incremental.alerts() as { kind: string; subject_id: string; status: string }[];
}

const agreement = (k: number, start: number, end: number | null, autoRenew = false): Op => ({
  op: 'agreement',
  k,
  i: 0,
  autoRenew,
  start,
  end,
  notice: null,
  terminated: null,
});

describe('an incremental sweep', () => {
  it('raises, resolves and escalates exactly what a full check does, over random histories', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(ops, { minLength: 5, maxLength: 60 }), async (history) => {
        await replay(history);
      }),
      { numRuns: 60 },
    );
  });

  it('clears an expired agreement once another agreement of the contractor starts, with no write between', async () => {
    const alerts = await replay([
      agreement(0, -100, -1),
      agreement(1, 2, null, true),
      { op: 'sweep', advance: 1 },
      { op: 'sweep', advance: 3 },
    ]);
    expect(alerts.filter((a) => a.kind === 'agreement_expired').map((a) => [a.subject_id, a.status])).toEqual([
      ['g0', 'resolved'],
    ]);
  });
});

describe('an incremental sweep, on histories once found to differ', () => {
  it('resolves an overdue questionnaire alert when the questionnaire moves to another contractor and a later date', async () => {
    const alerts = await replay([
      { op: 'questionnaire', q: 1, i: 0, status: 'sent', due: 0 },
      { op: 'sweep', advance: 1 },
      { op: 'questionnaire', q: 1, i: 1, status: 'sent', due: 0 },
      { op: 'sweep', advance: 1 },
      { op: 'questionnaire', q: 0, i: 1, status: 'sent', due: 0 },
      { op: 'questionnaire', q: 1, i: 1, status: 'sent', due: 1 },
      { op: 'document', n: 0, i: 1, kind: 'privacy_mark', valid: null, deleted: false },
      { op: 'sweep', advance: 1 },
    ]);
    // The alert moved with its questionnaire (db/migrations/0020), so the later change reached it.
    expect(
      (alerts as { kind: string; subject_id: string; status: string; contractor_id: string }[])
        .filter((a) => a.kind === 'questionnaire_overdue')
        .map((a) => [a.subject_id, a.contractor_id, a.status]),
    ).toEqual([
      ['q0', 'c1', 'open'],
      ['q1', 'c1', 'resolved'],
      // Due again by the last run.
      ['q1', 'c1', 'open'],
    ]);
  });
});

describe('the change list', () => {
  const tablesOf = () =>
    (incremental.db as unknown as { $client: { prepare(s: string): { all(): unknown[] } } }).$client
      .prepare('SELECT contractor_id, tables FROM sweep_changes ORDER BY contractor_id')
      .all();

  it('records which tables changed for each contractor; a condition re-checks it only for the tables it reads', async () => {
    clock.set(`${START}T00:00:00.000Z`);
    setUp(incremental);
    await sweepOn(incremental, true);
    const write = (op: Op) => incremental.run(...(writeOf(op, clock.today(), 0) ?? ['SELECT 1']));
    write(agreement(0, -100, 5));
    write({ op: 'review', j: 0, i: 1, kind: 'periodic', due: 3, status: 'scheduled', done: null, outcome: 'passed' });
    write({ op: 'finding', m: 0, i: 1, open: true, due: 3 });
    write(agreement(0, -100, 6));
    expect(tablesOf()).toEqual([
      { contractor_id: 'c0', tables: 4 },
      { contractor_id: 'c1', tables: 2 | 8 },
    ]);
    expect(changeMask(alertConditions.find((c) => c.kind === 'review_overdue') as AlertCondition)).toBe(1 | 2 | 64);
    expect(changeMask(alertConditions.find((c) => c.kind === 'agreement_expired') as AlertCondition)).toBe(1 | 4 | 64);
    // A contractor's own change concerns every condition; the run empties the list.
    write({ op: 'contractor', i: 0, status: 'active', nextDue: null, abroad: false, name: 1 });
    expect(tablesOf()).toEqual([
      { contractor_id: 'c0', tables: 1 | 4 },
      { contractor_id: 'c1', tables: 2 | 8 },
    ]);
    await sweepOn(incremental, true);
    expect(tablesOf()).toEqual([]);
  });
});
