import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/calendar';
import { passingChecklist as checklist, daysFromToday, newContractor, today } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

/**
 * The yearly confirmation abroad (Enforcement Rules Art. 18(1)(i)) and what a failed one
 * asks for (Art. 18(1)(ii)), through the API and the sweep; and parent reports, which are
 * not our own supervision of a sub-contractor.
 */
let target: Target;
let admin: Client;
let compliance: Client;

interface Body {
  id: string;
  [k: string]: unknown;
}
interface Alert {
  kind: string;
  status: string;
  severity: string;
  subjectType: string;
  subjectId: string;
  contractorId: string;
  dueDate: string | null;
  message: string;
}

const json = async (res: Response) => (await res.json()) as Body;
const sweep = async () => {
  const res = await admin.post('/api/v1/jobs/sweep');
  expect(res.status).toBe(200);
  return (await res.json()) as { status: string; raisedByKind: Record<string, number> };
};
const alertsOf = async (contractorId: string, kind: string) =>
  ((await (await admin.get(`/api/v1/alerts?contractorId=${contractorId}&kind=${kind}`)).json()) as { items: Alert[] })
    .items;
const openConfirmations = async (contractorId: string) =>
  (
    (await (
      await admin.get(`/api/v1/reviews?contractorId=${contractorId}&kind=cross_border_confirmation&status=scheduled`)
    ).json()) as { items: Body[] }
  ).items;
const complete = async (id: string, outcome: string, completedOn = daysFromToday(-2)) => {
  const res = await compliance.post(`/api/v1/reviews/${id}/complete`, { completedOn, outcome, checklist });
  expect(res.status).toBe(200);
  return (await res.json()) as { nextReview: Body | null; nextReviews: Body[] };
};

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = (await userWithRole(target, 'compliance')).api;
});
afterAll(() => target.close());

describe('the yearly cross-border confirmation', () => {
  it('stays scheduled after a failure and a cancellation, or the sweep says it is not', async () => {
    const c = await newContractor(admin, {
      name: 'Abroad Ltd.',
      country: 'US',
      crossBorderBasis: 'equivalent_measures',
    });
    const [first] = await openConfirmations(c.id);
    const failedOn = daysFromToday(-2);
    const due = addMonths(failedOn, 12);

    // A failed confirmation: its follow-up within a month, and still the next one within 12 months.
    const failed = await complete(String(first?.id), 'unsatisfactory', failedOn);
    expect(failed.nextReviews.map((r) => [r.kind, r.dueDate])).toEqual([
      ['follow_up', addMonths(failedOn, 1)],
      ['cross_border_confirmation', due],
    ]);
    expect(failed.nextReview?.kind).toBe('follow_up');
    let result = await sweep();
    expect(result.raisedByKind.cross_border_measures_required).toBe(1);
    expect(result.raisedByKind.cross_border_unscheduled).toBeUndefined();
    const [measures] = await alertsOf(c.id, 'cross_border_measures_required');
    expect(measures).toMatchObject({
      subjectType: 'contractor',
      subjectId: c.id,
      severity: 'critical',
      status: 'open',
    });
    expect(measures?.message).toContain('18(1)(ii)');

    // Cancelled without a replacement: allowed, and the sweep raises cross_border_unscheduled.
    const next = failed.nextReviews[1] as Body;
    expect((await compliance.post(`/api/v1/reviews/${next.id}/cancel`, { reason: '担当者変更' })).status).toBe(200);
    result = await sweep();
    expect(result.raisedByKind.cross_border_unscheduled).toBe(1);
    const [unscheduled] = await alertsOf(c.id, 'cross_border_unscheduled');
    expect(unscheduled).toMatchObject({ subjectId: c.id, dueDate: due, severity: 'warning', status: 'open' });

    // One scheduled later than 12 months after the last does not count; moved within, it does.
    const late = await json(
      await compliance.post('/api/v1/reviews', {
        contractorId: c.id,
        kind: 'cross_border_confirmation',
        dueDate: addMonths(failedOn, 13),
      }),
    );
    await sweep();
    expect((await alertsOf(c.id, 'cross_border_unscheduled'))[0]?.status).toBe('open');
    const moved = await compliance.patch(`/api/v1/reviews/${late.id}`, { dueDate: due }, { 'if-match': '"1"' });
    expect(moved.status).toBe(200);
    result = await sweep();
    expect(result.raisedByKind.cross_border_unscheduled).toBeUndefined();
    expect((await alertsOf(c.id, 'cross_border_unscheduled'))[0]?.status).toBe('resolved');
    expect((await alertsOf(c.id, 'cross_border_measures_required'))[0]?.status).toBe('open');

    // A later passing confirmation clears the call for measures and schedules the next one.
    const passed = await complete(late.id, 'minor_findings', daysFromToday(-1));
    expect(passed.nextReviews.map((r) => [r.kind, r.dueDate])).toEqual([
      ['cross_border_confirmation', addMonths(daysFromToday(-1), 12)],
    ]);
    await sweep();
    expect((await alertsOf(c.id, 'cross_border_measures_required'))[0]?.status).toBe('resolved');
    expect(await alertsOf(c.id, 'cross_border_unscheduled')).toHaveLength(1);
  });

  it('clears the call for measures on termination; consent needs no confirmation', async () => {
    const c = await newContractor(admin, {
      name: 'Stopped Inc.',
      country: 'SG',
      crossBorderBasis: 'equivalent_measures',
    });
    const [first] = await openConfirmations(c.id);
    await complete(String(first?.id), 'major_findings');
    await sweep();
    expect((await alertsOf(c.id, 'cross_border_measures_required'))[0]?.status).toBe('open');
    const consent = await newContractor(admin, {
      name: 'Consented Co.',
      country: 'US',
      crossBorderBasis: 'consent',
      crossBorderConsent: { informedOn: today(), countryName: '米国', systemInfo: '州法', measuresInfo: '暗号化' },
    });
    expect(await openConfirmations(consent.id)).toEqual([]);
    // Stopping the provision (Art. 18(1)(ii)): the contractor is terminated.
    const end = await admin.post(`/api/v1/contractors/${c.id}/transition`, { to: 'terminated', reason: '提供停止' });
    expect(end.status).toBe(200);
    const result = await sweep();
    expect(result.raisedByKind.cross_border_unscheduled).toBeUndefined();
    expect((await alertsOf(c.id, 'cross_border_measures_required'))[0]?.status).toBe('resolved');

    expect(await alertsOf(consent.id, 'cross_border_unscheduled')).toEqual([]);
  });
});

describe('parent reports', () => {
  it('are scheduled by hand and do not stand in for our own next review', async () => {
    const parent = await newContractor(admin, { name: '親委託先' });
    const sub = await newContractor(admin, { name: '再委託先', parentId: parent.id, dataCategories: ['customers'] });
    const report = await compliance.post('/api/v1/reviews', {
      contractorId: sub.id,
      kind: 'parent_report',
      dueDate: daysFromToday(20),
    });
    expect(report.status).toBe(201);
    const r = await json(report);
    expect(await json(await admin.get(`/api/v1/contractors/${sub.id}`))).toMatchObject({ nextReviewDue: null });
    // A passing report schedules nothing; a failing one gets our own follow-up.
    expect(await complete(r.id, 'satisfactory')).toMatchObject({ nextReview: null, nextReviews: [] });
    const again = await json(
      await compliance.post('/api/v1/reviews', { contractorId: sub.id, kind: 'parent_report', dueDate: today() }),
    );
    const failed = await complete(again.id, 'major_findings', today());
    expect(failed.nextReviews.map((n) => [n.kind, n.dueDate])).toEqual([['follow_up', addMonths(today(), 1)]]);
    expect(await json(await admin.get(`/api/v1/contractors/${sub.id}`))).toMatchObject({
      nextReviewDue: addMonths(today(), 1),
    });
  });
});
