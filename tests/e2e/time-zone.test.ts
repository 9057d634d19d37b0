import { afterAll, beforeAll, expect, it } from 'vitest';
import { FixedClock } from '../../src/platform/clock';
import { newContractor, scheduleReview } from '../support/factories';
import { type Client, client } from '../support/http';
import { createTarget, type Target } from '../support/target';

// 23:30 UTC on 30 November is already 08:30 on 1 December in Tokyo.
const clock = new FixedClock('2026-11-30T23:30:00Z');
let target: Target;
let api: Client;
beforeAll(async () => {
  target = await createTarget({ clock });
  api = client(target);
});
afterAll(() => target.close());

it('judges "today" in the organisation time zone, not in UTC', async () => {
  const c = await newContractor(api);
  const yesterday = await scheduleReview(api, String(c.id), '2026-11-30');
  const today = await scheduleReview(api, String(c.id), '2026-12-01');
  expect(yesterday.overdue).toBe(true);
  expect(today.overdue).toBe(false);
  const contractor = (await (await api.get(`/api/v1/contractors/${c.id}`)).json()) as Record<string, unknown>;
  expect(contractor).toMatchObject({ supervisionStatus: 'overdue', nextReviewDue: '2026-11-30' });
  // Completion dates are checked against Tokyo's today too: 1 December is not in the future.
  const done = await api.post(`/api/v1/reviews/${today.id}/complete`, {
    completedOn: '2026-12-01',
    outcome: 'satisfactory',
    checklist: { organizational: 'adequate', human: 'adequate', physical: 'adequate', technical: 'adequate' },
  });
  expect(done.status).toBe(200);
  const sweep = (await (await api.post('/api/v1/jobs/sweep')).json()) as { raisedByKind: Record<string, number> };
  expect(sweep.raisedByKind.review_overdue).toBe(1);
});
