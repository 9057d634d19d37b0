import Database from 'better-sqlite3';
import { type SQL, sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import { alertKinds, contractorStatuses, reviewStatuses } from '../../db/schema';
import { isOpenReview, isOverdueReview, OPEN_REVIEW_STATUSES, openReviewSql } from '../../src/domain/open-review';
import {
  contractorSupervisionStatusSql,
  DUE_SOON_DAYS,
  SUPERVISION_STATUSES,
  supervisionStatus,
  supervisionStatusIs,
  supervisionStatusOf,
  supervisionStatusSql,
} from '../../src/domain/supervision-status';

const dialect = new SQLiteSyncDialect();
const db = new Database(':memory:');
const run = (q: SQL) => {
  const { sql: text, params } = dialect.sqlToQuery(q);
  return db.prepare(text).get(...(params as unknown[])) as Record<string, unknown>;
};

const TODAY = '2026-12-01';
const due = [null, '2026-11-30', '2026-12-01', '2026-12-15', '2026-12-16', '2027-06-01'];

describe('supervision status, in TypeScript and in SQL', () => {
  it.each([
    [null, 'none_scheduled'],
    ['2026-11-30', 'overdue'],
    ['2026-12-01', 'due_soon'],
    ['2026-12-15', 'due_soon'], // today + 14 days
    ['2026-12-16', 'on_track'],
  ] as const)('%s → %s', (date, status) => {
    expect(supervisionStatus(date, TODAY)).toBe(status);
  });

  it('agrees with its SQL CASE on every boundary', () => {
    expect(DUE_SOON_DAYS).toBe(14);
    for (const date of due) {
      expect(run(sql`SELECT ${supervisionStatusSql(sql`${date}`, TODAY)} AS s`).s).toBe(supervisionStatus(date, TODAY));
    }
  });
});

describe('a contractor’s supervision status, in TypeScript and in SQL', () => {
  it.each([
    ['proposed', null, 'selection_pending'],
    ['proposed', '2027-06-01', 'selection_pending'], // a selection far ahead is not "on track"
    ['proposed', '2026-12-15', 'due_soon'],
    ['proposed', '2026-11-30', 'overdue'],
    ['approved', '2027-06-01', 'on_track'],
    ['active', null, 'none_scheduled'],
    ['active', '2026-12-01', 'due_soon'],
    ['suspended', '2026-11-30', 'overdue'],
    ['terminated', null, 'none_scheduled'],
  ] as const)('%s, next review %s → %s', (status, date, expected) => {
    expect(supervisionStatusOf({ status, nextReviewDue: date }, TODAY)).toBe(expected);
  });

  it('never calls a contractor not yet selected on track or merely unscheduled', () => {
    for (const date of due) {
      expect(['on_track', 'none_scheduled']).not.toContain(
        supervisionStatusOf({ status: 'proposed', nextReviewDue: date }, TODAY),
      );
    }
  });

  it('agrees with its SQL CASE and with each status condition on every boundary and lifecycle status', () => {
    for (const status of contractorStatuses) {
      for (const date of due) {
        const column = sql`${date}`;
        const lifecycle = sql`${status}`;
        const ts = supervisionStatusOf({ status, nextReviewDue: date }, TODAY);
        expect(run(sql`SELECT ${contractorSupervisionStatusSql(column, lifecycle, TODAY)} AS s`).s).toBe(ts);
        for (const s of SUPERVISION_STATUSES) {
          const hit = run(
            sql`SELECT (${supervisionStatusIs(s, column, TODAY, '2026-12-15', lifecycle)}) IS 1 AS hit`,
          ).hit;
          expect(hit === 1, `${status} ${date} ${s}`).toBe(ts === s);
        }
      }
    }
  });

  it('names every status an alert kind or a label may use', () => {
    expect(alertKinds).toContain('none_scheduled');
  });
});

describe('an open review, in TypeScript and in SQL', () => {
  it('is scheduled or in progress, and overdue only when open and due before today', () => {
    for (const status of reviewStatuses) {
      const open = run(sql`SELECT (${openReviewSql(sql`${status}`)}) AS o`).o === 1;
      expect(isOpenReview({ status }), status).toBe(open);
      expect(open).toBe((OPEN_REVIEW_STATUSES as readonly string[]).includes(status));
      expect(isOverdueReview({ status, dueDate: '2026-11-30' }, TODAY)).toBe(open);
      expect(isOverdueReview({ status, dueDate: TODAY }, TODAY)).toBe(false);
    }
  });
});
