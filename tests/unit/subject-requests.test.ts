import { describe, expect, it } from 'vitest';
import {
  closingProblems,
  DEFAULT_TARGET_DAYS,
  dueOnOf,
  dueState,
  type HolderAgreement,
  type HolderContractor,
  holdersOf,
} from '../../src/domain/subject-requests';
import { looksPersonal } from '../../src/modules/subject-requests/subject-requests.schemas';

describe('the internal target (「遅滞なく」, APPI Art. 33(2), 34(2), 35(2)/(4)/(6); 通則編 3-8: no fixed number)', () => {
  it.each([
    ['2026-12-01', DEFAULT_TARGET_DAYS, '2026-12-15'],
    ['2026-12-25', 14, '2027-01-08'], // calendar days: the year-end holidays are not skipped
    ['2028-02-20', 10, '2028-03-01'], // leap year
    ['2026-03-31', 1, '2026-04-01'],
  ])('received %s, target %i days → due %s', (received, days, due) => {
    expect(dueOnOf(received, days)).toBe(due);
  });

  it.each([
    ['open', '2026-12-10', '2026-12-01', 'none'],
    ['open', '2026-12-04', '2026-12-01', 'due_soon'], // within 3 days
    ['open', '2026-12-01', '2026-12-01', 'due_soon'], // due today: not yet overdue
    ['open', '2026-11-30', '2026-12-01', 'overdue'],
    ['closed', '2026-11-30', '2026-12-01', 'none'],
  ] as const)('%s, due %s, today %s → %s', (status, dueOn, today, state) => {
    expect(dueState({ status, dueOn }, today)).toBe(state);
  });
});

describe('closing (APPI Art. 33(2) items 1–3; the privacy policy §8 grounds)', () => {
  it.each([
    [{ outcome: 'fulfilled' }, []],
    [{ outcome: 'withdrawn' }, []],
    [
      { outcome: 'refused' },
      [
        ['refusalGround', 'required'],
        ['refusalReason', 'required'],
      ],
    ],
    [
      { outcome: 'partly_fulfilled', refusalGround: 'violation_of_law', refusalReason: '  ' },
      [['refusalReason', 'required']],
    ],
    [
      { outcome: 'refused', refusalGround: 'harm_to_life_or_property', refusalReason: '第三者の権利を害するおそれ' },
      [],
    ],
    [{ outcome: 'fulfilled', refusalGround: 'serious_business_disruption' }, [['refusalGround', 'notRefusal']]],
    [{ outcome: 'fulfilled', refusalReason: 'x' }, [['refusalReason', 'notRefusal']]],
  ])('%o → %o', (closing, problems) => {
    expect(closingProblems(closing)).toEqual(problems);
  });
});

describe('who holds the data on the day of receipt (法25条 委託, 通則編 3-4-4 再委託)', () => {
  const terms = { autoRenew: false, renewalTermMonths: null, noticePeriodDays: null, terminatedOn: null };
  const ag = (
    contractorId: string,
    dataCategories: string[],
    more: Partial<HolderAgreement> = {},
  ): HolderAgreement => ({
    contractorId,
    dataCategories,
    startDate: '2026-01-01',
    endDate: '2026-12-31',
    ...terms,
    ...more,
  });
  const c = (id: string, parentId: string | null, dataCategories: string[], status = 'active'): HolderContractor => ({
    id,
    parentId,
    status,
    dataCategories,
  });
  const contractors = [
    c('A', null, ['customers', 'employees']),
    c('A1', 'A', ['customers']),
    c('A11', 'A1', ['customers']),
    c('A2', 'A', ['employees']),
    c('A3', 'A', ['customers'], 'terminated'),
    c('B', null, ['customers']),
  ];
  it.each([
    [
      'an agreement in force, its chain by category',
      ['customers'],
      '2026-06-01',
      [ag('A', ['customers'])],
      ['A', 'A1', 'A11'],
    ],
    [
      'the agreement’s categories decide, not the contractor’s',
      ['employees'],
      '2026-06-01',
      [ag('A', ['customers'])],
      [],
    ],
    ['not yet started on the day', ['customers'], '2025-12-31', [ag('A', ['customers'])], []],
    ['the last day of the term is in force', ['customers'], '2026-12-31', [ag('B', ['customers'])], ['B']],
    ['expired the day before', ['customers'], '2027-01-01', [ag('B', ['customers'])], []],
    [
      'auto-renewed past its end',
      ['customers'],
      '2027-03-01',
      [ag('B', ['customers'], { autoRenew: true, renewalTermMonths: 12 })],
      ['B'],
    ],
    [
      'terminated that day: no longer in force',
      ['customers'],
      '2026-06-01',
      [ag('B', ['customers'], { terminatedOn: '2026-06-01' })],
      [],
    ],
    [
      'terminated later: still held that day',
      ['customers'],
      '2026-06-01',
      [ag('B', ['customers'], { terminatedOn: '2026-06-02' })],
      ['B'],
    ],
    [
      'several categories',
      ['customers', 'employees'],
      '2026-06-01',
      [ag('A', ['customers', 'employees'])],
      ['A', 'A1', 'A11', 'A2'],
    ],
  ])('%s', (_name, categories, on, agreements, holders) => {
    expect(holdersOf(categories, on, contractors, agreements)).toEqual(holders);
  });
});

describe('no more personal data than needed in the reference', () => {
  it.each([
    ['SR-2026-0042', false],
    ['2026-000123', false],
    ['受付No.15', false],
    ['hanako@example.co.jp', true],
    ['090-1234-5678', true],
    ['0312345678', true],
    ['+81 90 1234 5678', true],
  ])('%s → %s', (reference, personal) => {
    expect(looksPersonal(reference)).toBe(personal);
  });
});
