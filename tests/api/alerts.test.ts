import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  activeContractor,
  type ContractorBody,
  daysFromToday,
  newAgreement,
  newContractor,
  passingChecklist,
  scheduleReview,
  today,
} from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let admin: Client;
let compliance: Client;
let manager: Client;

interface Alert {
  id: string;
  kind: string;
  severity: string;
  status: string;
  subjectId: string;
  contractorId: string;
  dueDate: string | null;
  resolvedBy: string | null;
  message: string;
}
interface Sweep {
  status: string;
  raised: number;
  resolved: number;
  raisedByKind: Record<string, number>;
  resolvedByKind: Record<string, number>;
}

const sweep = async () => {
  const res = await admin.post('/api/v1/jobs/sweep');
  expect(res.status).toBe(200);
  return (await res.json()) as Sweep;
};
const alertsOf = async (query = 'limit=200') =>
  ((await (await manager.get(`/api/v1/alerts?${query}`)).json()) as { items: Alert[] }).items;

const fixtures: Record<string, ContractorBody> = {};

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = (await userWithRole(target, 'compliance')).api;
  manager = (await userWithRole(target, 'manager')).api;

  // review_overdue and review_due_soon
  fixtures.reviews = await newContractor(admin, { name: 'レビュー社' });
  fixtures.overdueReview = await scheduleReview(admin, String(fixtures.reviews.id), daysFromToday(-5));
  fixtures.soonReview = await scheduleReview(admin, String(fixtures.reviews.id), daysFromToday(7), 'document_review');
  await scheduleReview(admin, String(fixtures.reviews.id), daysFromToday(40), 'on_site_audit');
  // none_scheduled: active, its periodic review cancelled
  fixtures.idle = await activeContractor(admin, { name: '予定なし社' });
  const open = (await (
    await admin.get(`/api/v1/reviews?contractorId=${fixtures.idle.id}&status=scheduled`)
  ).json()) as {
    items: ContractorBody[];
  };
  for (const r of open.items) await compliance.post(`/api/v1/reviews/${r.id}/cancel`, { reason: 'test' });
  // agreement_expired: active contractor whose only agreement ended
  fixtures.expired = await activeContractor(admin, { name: '契約切れ社' });
  fixtures.expiredAgreement = await newAgreement(admin, String(fixtures.expired.id), {
    startDate: daysFromToday(-400),
    endDate: daysFromToday(-3),
  });
  // agreement_expiring and agreement_notice_due
  fixtures.agreements = await newContractor(admin, { name: '契約社' });
  fixtures.expiring = await newAgreement(admin, String(fixtures.agreements.id), { endDate: daysFromToday(30) });
  fixtures.renewing = await newAgreement(admin, String(fixtures.agreements.id), {
    endDate: daysFromToday(40),
    autoRenew: true,
    renewalTermMonths: 12,
    noticePeriodDays: 30,
  });
  await newAgreement(admin, String(fixtures.agreements.id), { endDate: daysFromToday(200) });
  // finding_overdue
  const finding = await compliance.post('/api/v1/findings', {
    contractorId: fixtures.agreements.id,
    severity: 'medium',
    category: 'human',
    description: '教育記録なし',
    dueDate: daysFromToday(-1),
  });
  fixtures.finding = (await finding.json()) as ContractorBody;
  // cross_border_confirmation_due
  fixtures.abroad = await newContractor(admin, {
    name: 'Overseas Inc.',
    country: 'US',
    crossBorderBasis: 'equivalent_measures',
  });
  const cb = (await (await admin.get(`/api/v1/reviews?contractorId=${fixtures.abroad.id}`)).json()) as {
    items: ContractorBody[];
  };
  fixtures.cbReview = cb.items[0] as ContractorBody;
  await compliance.patch(`/api/v1/reviews/${fixtures.cbReview.id}`, { dueDate: daysFromToday(10) });
  // A terminated contractor raises nothing.
  const gone = await newContractor(admin, { name: '終了社' });
  await scheduleReview(admin, String(gone.id), daysFromToday(-30));
  await target.exec(`UPDATE contractors SET status = 'terminated' WHERE id = '${gone.id}'`);
});
afterAll(() => target.close());

describe('the sweep', () => {
  it('raises one alert per condition and subject', async () => {
    const result = await sweep();
    expect(result.status).toBe('succeeded');
    expect(result.raisedByKind).toEqual({
      review_overdue: 1,
      review_due_soon: 1,
      none_scheduled: 1,
      agreement_expiring: 1,
      agreement_expired: 1,
      agreement_notice_due: 1,
      finding_overdue: 1,
      cross_border_confirmation_due: 1,
    });
    const all = await alertsOf();
    // 32 hex digits, the first 12 the run's time: one run's alerts share them.
    for (const a of all) expect(a.id).toMatch(/^[0-9a-f]{32}$/);
    expect(new Set(all.map((a) => a.id.slice(0, 12))).size).toBe(1);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
    const byKind = Object.fromEntries(all.map((a) => [a.kind, a]));
    expect(byKind.review_overdue).toMatchObject({
      subjectId: fixtures.overdueReview?.id,
      contractorId: fixtures.reviews?.id,
      dueDate: daysFromToday(-5),
      severity: 'warning',
      status: 'open',
    });
    expect(byKind.review_overdue?.message).toContain('レビュー社');
    expect(byKind.review_due_soon).toMatchObject({ subjectId: fixtures.soonReview?.id, severity: 'info' });
    expect(byKind.none_scheduled).toMatchObject({ subjectId: fixtures.idle?.id });
    expect(byKind.agreement_expired).toMatchObject({ subjectId: fixtures.expiredAgreement?.id, severity: 'critical' });
    expect(byKind.agreement_expiring).toMatchObject({ subjectId: fixtures.expiring?.id, dueDate: daysFromToday(30) });
    expect(byKind.agreement_notice_due).toMatchObject({ subjectId: fixtures.renewing?.id, dueDate: daysFromToday(10) });
    expect(byKind.finding_overdue).toMatchObject({ subjectId: fixtures.finding?.id });
    expect(byKind.cross_border_confirmation_due).toMatchObject({
      subjectId: fixtures.cbReview?.id,
      severity: 'warning',
    });
  });

  it('is idempotent: running it again raises nothing new', async () => {
    const before = await target.query('SELECT id, kind, status, version FROM alerts ORDER BY id');
    const again = await sweep();
    expect(again).toMatchObject({ raised: 0, resolved: 0 });
    expect(await target.query('SELECT id, kind, status, version FROM alerts ORDER BY id')).toEqual(before);
  });

  it('resolves alerts whose condition has cleared', async () => {
    await compliance.post(`/api/v1/reviews/${fixtures.overdueReview?.id}/complete`, {
      completedOn: today(),
      outcome: 'satisfactory',
      checklist: passingChecklist,
    });
    await compliance.patch(`/api/v1/findings/${fixtures.finding?.id}`, { resolvedOn: today() });
    const result = await sweep();
    expect(result.resolvedByKind).toEqual({ review_overdue: 1, finding_overdue: 1 });
    const resolved = await alertsOf('status=resolved');
    expect(resolved.map((a) => a.kind).sort()).toEqual(['finding_overdue', 'review_overdue']);
    expect(resolved.every((a) => a.resolvedBy === 'system')).toBe(true);
  });

  it('enforces one unresolved alert per kind and subject in the database', async () => {
    const [open] = await target.query<{ id: string; kind: string; subject_id: string }>(
      "SELECT id, kind, subject_id FROM alerts WHERE status = 'open' LIMIT 1",
    );
    await expect(
      target.exec(
        `INSERT INTO alerts (id, kind, severity, contractor_id, subject_type, subject_id, message, status, raised_at, version)
         VALUES ('dup', '${open?.kind}', 'info', 'c', 'review', '${open?.subject_id}', 'm', 'open', '2026-01-01', 1)`,
      ),
    ).rejects.toThrow(/UNIQUE/);
  });

  it('records every run', async () => {
    const runs = (await (await manager.get('/api/v1/jobs/runs?limit=2')).json()) as {
      items: { job: string; status: string; trigger: string; finishedAt: string; counts: Record<string, number> }[];
    };
    expect(runs.items).toHaveLength(2);
    expect(runs.items[0]).toMatchObject({ job: 'sweep', status: 'succeeded', trigger: 'api', counts: { resolved: 2 } });
    expect(runs.items[0]?.finishedAt).toBeTruthy();
  });

  it('records a run that another holds the lease against as skipped, and lets go of its own', async () => {
    const before = await target.query('SELECT id, status, version FROM alerts ORDER BY id');
    await target.exec(
      "INSERT INTO job_leases (name, holder, expires_at) VALUES ('sweep', 'another process', '2999-01-01T00:00:00.000Z')",
    );
    const res = await admin.post('/api/v1/jobs/sweep');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ status: 'skipped', raised: 0, resolved: 0 });
    expect(await target.query('SELECT id, status, version FROM alerts ORDER BY id')).toEqual(before);
    const runs = (await (await manager.get('/api/v1/jobs/runs?limit=1')).json()) as {
      items: { status: string; error: string | null; finishedAt: string | null }[];
    };
    expect(runs.items[0]).toMatchObject({ status: 'skipped', error: 'another sweep holds the lease' });
    expect(runs.items[0]?.finishedAt).toBeTruthy();
    // The other holder's lease is untouched; once it has expired, the next run takes it and lets it go.
    expect(await target.query("SELECT holder FROM job_leases WHERE name = 'sweep'")).toEqual([
      { holder: 'another process' },
    ]);
    await target.exec("UPDATE job_leases SET expires_at = '2000-01-01T00:00:00.000Z' WHERE name = 'sweep'");
    expect(await sweep()).toMatchObject({ status: 'succeeded' });
    expect(await target.query("SELECT holder FROM job_leases WHERE name = 'sweep'")).toEqual([]);
  });
});

describe('working with alerts', () => {
  it('filters by status, kind, contractor and severity', async () => {
    expect((await alertsOf('kind=agreement_expired')).map((a) => a.subjectId)).toEqual([fixtures.expiredAgreement?.id]);
    expect((await alertsOf(`contractorId=${fixtures.agreements?.id}&status=open`)).map((a) => a.kind).sort()).toEqual([
      'agreement_expiring',
      'agreement_notice_due',
    ]);
    expect((await alertsOf('severity=critical')).map((a) => a.kind)).toEqual(['agreement_expired']);
    expect((await manager.get('/api/v1/alerts?kind=bogus')).status).toBe(400);
    const page1 = (await (await manager.get('/api/v1/alerts?limit=3')).json()) as {
      items: Alert[];
      nextCursor: string;
    };
    const page2 = (await (await manager.get(`/api/v1/alerts?limit=50&cursor=${page1.nextCursor}`)).json()) as {
      items: Alert[];
    };
    expect(page1.items.length + page2.items.length).toBe((await alertsOf()).length);
  });

  it('sorts by date or severity, paging every alert once in that order', async () => {
    const all = await alertsOf();
    const pages = async (sort: string) => {
      const seen: Alert[] = [];
      let cursor: string | null = null;
      do {
        const res = await manager.get(`/api/v1/alerts?sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`);
        expect(res.status).toBe(200);
        const page = (await res.json()) as { items: Alert[]; nextCursor: string | null };
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen.map((a) => a.id).sort()).toEqual(all.map((a) => a.id).sort());
      return seen;
    };
    const byDue = (await pages('due')).map((a) => a.dueDate ?? '9999-12-31');
    expect(byDue).toEqual([...byDue].sort());
    expect((await pages('due')).at(-1)?.kind).toBe('none_scheduled');
    const rank: Record<string, number> = { critical: 0, warning: 1, info: 2 };
    const bySeverity = (await pages('severity')).map((a) => rank[a.severity] ?? 9);
    expect(bySeverity).toEqual([...bySeverity].sort());
    expect((await pages('raised')).map((a) => a.id)).toEqual(all.map((a) => a.id));
    // Open alerts (read in the sort's order from an index): every one once, exactly in order.
    const open = await alertsOf('status=open&limit=200');
    expect(open.length).toBeGreaterThan(3);
    const walk = async (sort: string) => {
      const seen: Alert[] = [];
      let cursor: string | null = null;
      do {
        const res = await manager.get(
          `/api/v1/alerts?status=open&sort=${sort}&limit=2${cursor ? `&cursor=${cursor}` : ''}`,
        );
        const page = (await res.json()) as { items: Alert[]; nextCursor: string | null };
        seen.push(...page.items);
        cursor = page.nextCursor;
      } while (cursor);
      return seen.map((a) => a.id);
    };
    const raisedAt = new Map(
      (
        await target.query<{ id: string; raised_at: string }>("SELECT id, raised_at FROM alerts WHERE status = 'open'")
      ).map((r) => [r.id, r.raised_at]),
    );
    const key = (a: Alert) => `${raisedAt.get(a.id)}|${a.id}`;
    const expectedBySeverity = [...open].sort(
      (a, b) => (rank[a.severity] ?? 9) - (rank[b.severity] ?? 9) || (key(a) < key(b) ? 1 : key(a) > key(b) ? -1 : 0),
    );
    expect(await walk('severity')).toEqual(expectedBySeverity.map((a) => a.id));
    const dueOf = (a: Alert) => `${a.dueDate ?? '9999-12-31'}|${a.id}`;
    const expectedByDue = [...open].sort((a, b) => (dueOf(a) < dueOf(b) ? -1 : dueOf(a) > dueOf(b) ? 1 : 0));
    expect(await walk('due')).toEqual(expectedByDue.map((a) => a.id));
    // A cursor belongs to its sort.
    const first = (await (await manager.get('/api/v1/alerts?sort=due&limit=1')).json()) as { nextCursor: string };
    expect((await manager.get(`/api/v1/alerts?sort=severity&cursor=${first.nextCursor}`)).status).toBe(400);
    expect((await manager.get('/api/v1/alerts?sort=oldest')).status).toBe(400);
  });

  it('lets compliance acknowledge and resolve with a note; managers only read', async () => {
    const [alert] = await alertsOf('kind=agreement_expiring');
    expect((await manager.post(`/api/v1/alerts/${alert?.id}/acknowledge`)).status).toBe(403);
    const ack = await compliance.post(`/api/v1/alerts/${alert?.id}/acknowledge`);
    expect(ack.status).toBe(200);
    expect(await ack.json()).toMatchObject({ status: 'acknowledged', acknowledgedAt: expect.any(String) });
    expect((await compliance.post(`/api/v1/alerts/${alert?.id}/acknowledge`)).status).toBe(200);
    const resolved = await compliance.post(`/api/v1/alerts/${alert?.id}/resolve`, { note: '更新手続き中' });
    expect(await resolved.json()).toMatchObject({ status: 'resolved', resolutionNote: '更新手続き中' });
    const again = await compliance.post(`/api/v1/alerts/${alert?.id}/resolve`, {});
    expect(again.status).toBe(409);
    expect((await problem(again)).type).toBe('/problems/alert-resolved');
    expect((await compliance.post('/api/v1/alerts/missing/acknowledge')).status).toBe(404);
    // The condition still holds, so the next sweep raises a fresh alert.
    expect((await sweep()).raisedByKind).toEqual({ agreement_expiring: 1 });
  });

  it('keeps jobs and webhooks to admins', async () => {
    expect((await compliance.post('/api/v1/jobs/sweep')).status).toBe(403);
    expect((await manager.post('/api/v1/jobs/deliver')).status).toBe(403);
    expect((await compliance.get('/api/v1/webhooks')).status).toBe(403);
    expect((await compliance.post('/api/v1/webhooks', {})).status).toBe(403);
  });
});

describe('webhooks', () => {
  it('registers a receiver without ever returning its secret', async () => {
    const res = await admin.post('/api/v1/webhooks', {
      url: 'https://hooks.example.com/itaku',
      secret: 's3cret-s3cret-s3cret',
      events: ['review_overdue', 'review_overdue', 'agreement_expired'],
    });
    expect(res.status).toBe(201);
    const hook = (await res.json()) as Record<string, unknown>;
    expect(hook).toMatchObject({
      url: 'https://hooks.example.com/itaku',
      events: ['review_overdue', 'agreement_expired'],
      active: true,
    });
    expect(JSON.stringify(hook)).not.toContain('s3cret');
    const listed = await admin.get('/api/v1/webhooks');
    expect(JSON.stringify(await listed.json())).not.toContain('s3cret');
    expect((await admin.get(`/api/v1/webhooks/${hook.id}/deliveries`)).status).toBe(200);
    expect((await admin.delete(`/api/v1/webhooks/${hook.id}`)).status).toBe(204);
    expect((await admin.get(`/api/v1/webhooks/${hook.id}`)).status).toBe(404);
  });

  it('refuses URLs that are not http(s), short secrets and unknown events', async () => {
    for (const [body, path] of [
      [{ url: 'ftp://example.com/x', secret: '0123456789abcdef', events: ['review_overdue'] }, 'url'],
      [{ url: 'file:///etc/passwd', secret: '0123456789abcdef', events: ['review_overdue'] }, 'url'],
      [{ url: 'not a url', secret: '0123456789abcdef', events: ['review_overdue'] }, 'url'],
      [{ url: 'https://x.example', secret: 'short', events: ['review_overdue'] }, 'secret'],
      [{ url: 'https://x.example', secret: '0123456789abcdef', events: [] }, 'events'],
      [{ url: 'https://x.example', secret: '0123456789abcdef', events: ['everything'] }, 'events.0'],
    ] as const) {
      const res = await admin.post('/api/v1/webhooks', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await problem(res)).errors?.map((e) => e.path)).toContain(path);
    }
  });
});
