import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeContractor,
  daysFromToday,
  newAgreement,
  newContractor,
  scheduleReview,
  today,
} from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let admin: Client;
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  const high = await newContractor(admin, { handlesSpecialCare: true });
  const medium = await newContractor(admin, { systemAccess: true });
  const low = await newContractor(admin);
  await newContractor(admin); // not yet selected, nothing scheduled
  await activeContractor(admin); // selected, its periodic review two years ahead
  await scheduleReview(admin, String(high.id), daysFromToday(-4));
  await scheduleReview(admin, String(medium.id), daysFromToday(5));
  await scheduleReview(admin, String(low.id), daysFromToday(100));
  await newAgreement(admin, String(low.id), { endDate: daysFromToday(20), clauses: { responsibilities: true } });
  await admin.post('/api/v1/incidents', {
    contractorId: high.id,
    summary: '誤送信',
    discoveredOn: today(),
    affectedCount: 2000,
  });
  await admin.post('/api/v1/jobs/sweep');
});
afterAll(() => target.close());

const count = async (path: string) => {
  let n = 0;
  let cursor: string | null = null;
  do {
    const res = await admin.get(
      `${path}${path.includes('?') ? '&' : '?'}limit=200${cursor ? `&cursor=${cursor}` : ''}`,
    );
    const page = (await res.json()) as { items: unknown[]; nextCursor: string | null };
    n += page.items.length;
    cursor = page.nextCursor;
  } while (cursor);
  return n;
};

describe('dashboard summary', () => {
  it('matches the API lists for the same data', async () => {
    const manager = (await userWithRole(target, 'manager')).api;
    const res = await manager.get('/api/v1/dashboard/summary');
    expect(res.status).toBe(200);
    const s = (await res.json()) as {
      today: string;
      contractors: { byStatus: Record<string, number>; total: number };
      supervision: Record<string, Record<string, number>>;
      reviews: Record<string, number>;
      openAlerts: Record<string, number>;
      agreements: Record<string, number>;
      incidents: { open: number; reportable: number; nextDeadline: string | null };
    };
    expect(s.today).toBe(today());
    expect(s.contractors.total).toBe(await count('/api/v1/contractors'));
    expect(s.contractors.byStatus.proposed).toBe(await count('/api/v1/contractors?status=proposed'));
    for (const tier of ['high', 'medium', 'low']) {
      for (const sup of ['overdue', 'due_soon', 'on_track', 'none_scheduled', 'selection_pending']) {
        expect(s.supervision[tier]?.[sup], `${tier} ${sup}`).toBe(
          await count(`/api/v1/contractors?riskTier=${tier}&supervisionStatus=${sup}`),
        );
      }
    }
    // Contractors not yet selected are counted apart, never as on track or nothing scheduled.
    expect(s.supervision.low).toMatchObject({ on_track: 1, none_scheduled: 0, selection_pending: 2 });
    // The incident's follow-up review (due in 30 days) is open too.
    expect(s.reviews.overdue).toBe(await count('/api/v1/reviews?overdue=true'));
    expect(s.reviews.overdue).toBe(1);
    expect(s.reviews.dueSoon).toBe(1);
    expect(s.openAlerts.total).toBe(
      (await count('/api/v1/alerts?status=open')) + (await count('/api/v1/alerts?status=acknowledged')),
    );
    expect(s.openAlerts.warning).toBe(await count('/api/v1/alerts?status=open&severity=warning'));
    expect(s.agreements.expiringWithin60Days).toBe(await count('/api/v1/agreements?expiringWithinDays=60'));
    expect(s.agreements.withGaps).toBe(1);
    expect(s.incidents).toEqual({ open: 1, reportable: 1, nextDeadline: daysFromToday(4) });
    expect(s.incidents.open).toBe(await count('/api/v1/incidents?status=open'));
  });
});
