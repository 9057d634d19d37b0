import Database from 'better-sqlite3';
import { type SQL, sql } from 'drizzle-orm';
import { SQLiteSyncDialect } from 'drizzle-orm/sqlite-core';
import { describe, expect, it } from 'vitest';
import {
  confirmationDueBy,
  confirmationDueBySql,
  confirmationScheduled,
  failedConfirmation,
} from '../../src/domain/cross-border';
import {
  keepsProvisionRecords,
  provisionCountries,
  recordMethodOf,
  retainUntil,
} from '../../src/domain/provision-records';
import { countsAsOwnSupervision, reviewsAfter } from '../../src/domain/supervision';

const dialect = new SQLiteSyncDialect();
const db = new Database(':memory:');
const value = (q: SQL) => {
  const { sql: text, params } = dialect.sqlToQuery(sql`SELECT ${q} AS v`);
  return (db.prepare(text).get(...(params as unknown[])) as { v: unknown }).v;
};

describe('what a completed review schedules (Enforcement Rules Art. 18(1); 通則編 3-4-4)', () => {
  const on = '2026-03-31';
  it.each([
    // Art. 18(1)(i) 「年に1回程度」: the next confirmation within 12 months, whatever the outcome.
    ['cross_border_confirmation', 'satisfactory', [['cross_border_confirmation', '2027-03-31']]],
    ['cross_border_confirmation', 'minor_findings', [['cross_border_confirmation', '2027-03-31']]],
    [
      'cross_border_confirmation',
      'major_findings',
      [
        ['follow_up', '2026-04-30'],
        ['cross_border_confirmation', '2027-03-31'],
      ],
    ],
    [
      'cross_border_confirmation',
      'unsatisfactory',
      [
        ['follow_up', '2026-04-30'],
        ['cross_border_confirmation', '2027-03-31'],
      ],
    ],
    // A parent's report is not our own supervision: a passing one restarts nothing.
    ['parent_report', 'satisfactory', []],
    ['parent_report', 'unsatisfactory', [['follow_up', '2026-04-30']]],
    ['document_review', 'satisfactory', [['periodic', '2027-03-31']]],
    ['periodic', 'major_findings', [['follow_up', '2026-04-30']]],
  ] as const)('%s, %s → %j', (kind, outcome, expected) => {
    expect(reviewsAfter({ kind, outcome, completedOn: on }, 12).map((p) => [p.kind, p.dueDate])).toEqual(expected);
  });

  it('counts every open review but a parent report towards next_review_due', () => {
    expect(countsAsOwnSupervision('parent_report')).toBe(false);
    expect(countsAsOwnSupervision('document_review')).toBe(true);
    expect(countsAsOwnSupervision('cross_border_confirmation')).toBe(true);
  });

  it.each([
    ['satisfactory', false],
    ['minor_findings', false],
    ['major_findings', true], // Art. 18(1)(ii): take measures or stop the provision
    ['unsatisfactory', true],
  ] as const)('a confirmation rated %s failed: %s', (outcome, failed) => {
    expect(failedConfirmation(outcome)).toBe(failed);
  });
});

describe('the yearly rhythm, in TypeScript and in SQL (Art. 18(1)(i))', () => {
  it.each([
    ['2026-03-31', '2027-03-31'],
    ['2024-02-29', '2025-02-28'], // clamped to the month's end, never rolled into March
    ['2027-02-28', '2028-02-28'],
    ['2026-12-31', '2027-12-31'],
  ])('last confirmed %s → next due by %s', (last, bound) => {
    expect(confirmationDueBy(last)).toBe(bound);
    expect(value(confirmationDueBySql(sql`${last}`))).toBe(bound);
  });

  it.each([
    [['2027-03-31'], '2026-03-31', true],
    [['2027-04-01'], '2026-03-31', false], // moved past the 12 months
    [['2027-04-01', '2027-01-10'], '2026-03-31', true],
    [[], '2026-03-31', false], // cancelled without a replacement
    [['2030-01-01'], null, true], // none completed yet: any open one covers the contractor
    [[], null, false],
  ] as const)('open %j after %s: scheduled %s', (open, last, ok) => {
    expect(confirmationScheduled(open, last)).toBe(ok);
  });
});

describe('how long a provision record is kept (Enforcement Rules Art. 19, 21)', () => {
  it.each([
    // Art. 21(iii): recorded per provision (Art. 19(2) main text): 3 years.
    [{ providedFrom: '2026-04-01', providedUntil: null, recordedOn: '2026-04-01' }, 'per_provision', '2029-03-31'],
    // …counted from the day it was recorded when that is later.
    [{ providedFrom: '2026-04-01', providedUntil: null, recordedOn: '2026-05-10' }, 'per_provision', '2029-05-09'],
    // Art. 21(ii): recorded collectively (Art. 19(2) proviso): 3 years from the last provision.
    [{ providedFrom: '2026-04-01', providedUntil: '2027-03-31', recordedOn: '2026-04-01' }, 'collective', '2030-03-30'],
    // Civil Code Art. 143(2): no 29 February in the last year → the month's last day.
    [{ providedFrom: '2024-02-29', providedUntil: '2024-02-29', recordedOn: '2024-03-01' }, 'collective', '2027-02-28'],
  ] as const)('%j (%s) → kept until %s', (r, method, until) => {
    expect(recordMethodOf(r)).toBe(method);
    expect(retainUntil(r)).toBe(until);
  });

  it('keeps a contract document standing for the record 1 year from the last provision (Art. 21(i), 19(3))', () => {
    const r = { providedFrom: '2026-04-01', providedUntil: '2026-09-30', recordedOn: '2026-04-01' };
    expect(retainUntil(r, 'contract_document')).toBe('2027-09-29');
  });

  it.each([
    [{ country: 'US', crossBorderBasis: 'consent', processingCountries: [] }, true, ['US']],
    [{ country: 'DE', crossBorderBasis: null, processingCountries: [] }, true, ['DE']],
    [{ country: 'JP', crossBorderBasis: null, processingCountries: ['SG', 'JP'] }, true, ['SG']],
    // An entrustee in Japan (Art. 27(5)(i)) is no third party: nothing to record.
    [{ country: 'JP', crossBorderBasis: null, processingCountries: [] }, false, []],
  ] as const)('%j keeps records: %s, to %j', (c, keeps, countries) => {
    expect(keepsProvisionRecords(c)).toBe(keeps);
    expect(provisionCountries(c)).toEqual(countries);
  });
});
