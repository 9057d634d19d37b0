import { afterAll, beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/platform/clock';
import { newContractor } from '../support/factories';
import { type Client, client } from '../support/http';
import { createTarget, type Target } from '../support/target';

const clock = new FixedClock('2026-12-01T01:00:00Z');
let target: Target;
let api: Client;
beforeAll(async () => {
  target = await createTarget({ clock });
  api = client(target);
});
afterAll(() => target.close());

it('turns an incident alert critical the day its deadline passes, then resolves it on the report', async () => {
  const c = await newContractor(api, { name: '期限社' });
  const res = await api.post('/api/v1/incidents', {
    contractorId: c.id,
    summary: 'ランサムウェア',
    discoveredOn: '2026-12-01',
    affectedCount: 20,
    factors: { wrongfulAct: true },
  });
  const incident = (await res.json()) as { id: string; preliminaryDueOn: string; finalDueOn: string };
  expect(incident).toMatchObject({ preliminaryDueOn: '2026-12-05', finalDueOn: '2027-01-29' });
  const sweep = async () => (await api.post('/api/v1/jobs/sweep')).json();
  const alert = async () =>
    (
      (await (await api.get('/api/v1/alerts?kind=incident_report_due')).json()) as {
        items: { severity: string; status: string }[];
      }
    ).items[0];

  clock.set('2026-12-02T01:00:00Z'); // 3 days before: nothing
  await sweep();
  expect(await alert()).toBeUndefined();
  clock.set('2026-12-03T01:00:00Z'); // 2 days before: warning
  await sweep();
  expect(await alert()).toMatchObject({ severity: 'warning', status: 'open' });
  clock.set('2026-12-06T01:00:00Z'); // day after the deadline: critical at once
  await sweep();
  expect(await alert()).toMatchObject({ severity: 'critical', status: 'open' });
  await api.patch(`/api/v1/incidents/${incident.id}`, { preliminaryReportedOn: '2026-12-06' });
  await sweep();
  expect(await alert()).toMatchObject({ status: 'resolved' });
  // The final report warns two days before day 60, moved for nothing here (2027-01-29 is a Friday).
  clock.set('2027-01-27T01:00:00Z');
  await sweep();
  const items = (
    (await (await api.get('/api/v1/alerts?kind=incident_report_due&status=open')).json()) as {
      items: { dueDate: string; message: string }[];
    }
  ).items;
  expect(items).toEqual([expect.objectContaining({ dueDate: '2027-01-29' })]);
  expect(items[0]?.message).toContain('Final report');
});
