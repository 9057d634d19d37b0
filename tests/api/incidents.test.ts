import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { reportDeadlines } from '../../src/domain/incident-deadlines';
import { type ContractorBody, daysFromToday, newContractor, today } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let admin: Client;
let compliance: Client;
let contractor: ContractorBody;
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = (await userWithRole(target, 'compliance')).api;
  contractor = await newContractor(admin, { name: '漏えい発生社' });
});
afterAll(() => target.close());

type Body = Record<string, unknown> & { id: string };
const none = { specialCare: false, financialHarm: false, wrongfulAct: false, overThousand: false };

async function record(body: Record<string, unknown>) {
  const res = await compliance.post('/api/v1/incidents', {
    contractorId: contractor.id,
    summary: '委託先サーバへの不正アクセス',
    affectedCount: 10,
    ...body,
  });
  if (res.status !== 201) throw new Error(`incident: ${res.status} ${await res.text()}`);
  return (await res.json()) as Body;
}

describe('recording incidents', () => {
  it('derives reportability with its reasons and the PPC deadlines', async () => {
    const discovered = daysFromToday(-3);
    const i = await record({ discoveredOn: discovered, factors: { ...none, wrongfulAct: true } });
    const expected = reportDeadlines(discovered, true);
    expect(i).toMatchObject({
      status: 'open',
      reportable: true,
      reportableReasons: ['wrongful_act'],
      preliminaryDueOn: expected.preliminaryDueOn,
      finalDueOn: expected.finalDueOn,
      nextDeadline: { report: 'preliminary', dueOn: expected.preliminaryDueOn, overdue: false },
    });
    expect(i.preliminaryDueOn).toBe(addDays(discovered, 4));
  });

  it('treats more than 1,000 people as reportable, and small ones as not', async () => {
    expect(await record({ discoveredOn: today(), affectedCount: 1001 })).toMatchObject({
      reportable: true,
      reportableReasons: ['over_1000_people'],
    });
    expect(await record({ discoveredOn: today(), affectedCount: 1000 })).toMatchObject({
      reportable: false,
      reportableReasons: [],
      preliminaryDueOn: null,
      finalDueOn: null,
      nextDeadline: null,
    });
  });

  it('schedules one follow-up review of the contractor within 30 days', async () => {
    const reviews = (await (
      await admin.get(`/api/v1/reviews?contractorId=${contractor.id}&kind=follow_up`)
    ).json()) as {
      items: Body[];
    };
    expect(reviews.items).toEqual([
      expect.objectContaining({
        kind: 'follow_up',
        dueDate: daysFromToday(30),
        status: 'scheduled',
        scheduledBy: 'system',
      }),
    ]);
  });

  it('validates dates and fields, changing nothing', async () => {
    const before = await target.query('SELECT * FROM incidents ORDER BY id');
    for (const [body, path] of [
      [{ discoveredOn: daysFromToday(1) }, 'discoveredOn'],
      [{ discoveredOn: '2026-02-30' }, 'discoveredOn'],
      [{ discoveredOn: today(), affectedCount: -1 }, 'affectedCount'],
      [{ discoveredOn: today(), factors: { ...none, leaked: true } }, 'factors.leaked'],
      [{ discoveredOn: today(), contractorId: 'missing' }, 'contractorId'],
    ] as const) {
      const res = await compliance.post('/api/v1/incidents', {
        contractorId: contractor.id,
        summary: 's',
        affectedCount: 1,
        ...body,
      });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await problem(res)).errors?.map((e) => e.path)).toContain(path);
    }
    expect(await target.query('SELECT * FROM incidents ORDER BY id')).toEqual(before);
  });
});

describe('reporting and closing', () => {
  it('moves the next deadline as reports are recorded, and closes only after the final report', async () => {
    const i = await record({ discoveredOn: daysFromToday(-2), factors: { ...none, specialCare: true } });
    const early = await compliance.post(`/api/v1/incidents/${i.id}/close`, { summary: '対応完了' });
    expect(early.status).toBe(409);
    expect((await problem(early)).type).toBe('/problems/final-report-required');

    const bad = await compliance.patch(`/api/v1/incidents/${i.id}`, { preliminaryReportedOn: daysFromToday(-5) });
    expect(bad.status).toBe(400);
    const prelim = await compliance.patch(
      `/api/v1/incidents/${i.id}`,
      { preliminaryReportedOn: today() },
      { 'if-match': '"1"' },
    );
    expect(prelim.status).toBe(200);
    expect(await prelim.json()).toMatchObject({
      preliminaryReportedOn: today(),
      nextDeadline: { report: 'final' },
      version: 2,
    });
    const final = await compliance.patch(`/api/v1/incidents/${i.id}`, {
      finalReportedOn: today(),
      subjectsNotifiedOn: today(),
    });
    expect(await final.json()).toMatchObject({ nextDeadline: null, subjectsNotifiedOn: today() });
    const closed = await compliance.post(`/api/v1/incidents/${i.id}/close`, { summary: '再発防止策を確認' });
    expect(await closed.json()).toMatchObject({
      status: 'closed',
      closedOn: today(),
      closingSummary: '再発防止策を確認',
    });
    expect((await compliance.post(`/api/v1/incidents/${i.id}/close`, { summary: 'again' })).status).toBe(409);
    expect((await compliance.patch(`/api/v1/incidents/${i.id}`, { summary: 'x' }, { 'if-match': '"1"' })).status).toBe(
      412,
    );
  });

  it('lists by contractor, status and reportability', async () => {
    const ids = async (q: string) =>
      ((await (await admin.get(`/api/v1/incidents?${q}`)).json()) as { items: Body[] }).items.map((x) => x.reportable);
    expect((await ids('reportable=false')).every((r) => r === false)).toBe(true);
    expect((await ids('reportable=true')).every((r) => r === true)).toBe(true);
    expect(await ids('status=closed')).toHaveLength(1);
    expect((await ids(`contractorId=${contractor.id}`)).length).toBeGreaterThan(3);
    expect((await admin.get('/api/v1/incidents?reportable=maybe')).status).toBe(400);
  });

  it('lists the incidents with a report past its deadline (overdue=true), and the others', async () => {
    const c = await newContractor(admin, { name: '期限超過社' });
    const mine = async (q: string) =>
      ((await (await admin.get(`/api/v1/incidents?contractorId=${c.id}&${q}`)).json()) as { items: Body[] }).items
        .map((x) => x.id)
        .sort();
    const at = async (discoveredOn: string, body: Record<string, unknown> = {}) =>
      (
        (await (
          await compliance.post('/api/v1/incidents', {
            contractorId: c.id,
            summary: 's',
            discoveredOn,
            affectedCount: 5000,
            ...body,
          })
        ).json()) as Body
      ).id;
    const preliminaryLate = await at(daysFromToday(-6)); // day 5 was yesterday
    const dueToday = await at(daysFromToday(-4)); // day 5 is today: not late yet
    const answered = await at(daysFromToday(-6));
    await compliance.patch(`/api/v1/incidents/${answered}`, { preliminaryReportedOn: daysFromToday(-2) });
    const small = await at(daysFromToday(-40), { affectedCount: 2 }); // not reportable
    const finalLate = await at(daysFromToday(-40));
    await compliance.patch(`/api/v1/incidents/${finalLate}`, { preliminaryReportedOn: daysFromToday(-38) });

    expect(await mine('overdue=true')).toEqual([preliminaryLate, finalLate].sort());
    expect(await mine('overdue=false')).toEqual([dueToday, answered, small].sort());
    expect((await admin.get('/api/v1/incidents?overdue=yes')).status).toBe(400);
  });

  it('lets compliance write and everyone read', async () => {
    const manager = (await userWithRole(target, 'manager')).api;
    expect((await manager.post('/api/v1/incidents', {})).status).toBe(403);
    expect((await manager.get('/api/v1/incidents')).status).toBe(200);
  });
});

describe('incident alerts', () => {
  it('warns two days before a deadline, is critical once it passed, and resolves when reported', async () => {
    const t = await createTarget();
    try {
      const api = client(t);
      const c = await newContractor(api, { name: '警告社' });
      const make = async (discoveredOn: string) =>
        (await (
          await api.post('/api/v1/incidents', { contractorId: c.id, summary: 's', discoveredOn, affectedCount: 5000 })
        ).json()) as Body;
      const soon = await make(daysFromToday(-3)); // preliminary due tomorrow
      const late = await make(daysFromToday(-6)); // preliminary due yesterday
      await make(daysFromToday(-1)); // preliminary due in 3 days: nothing yet
      const sweep = async () =>
        (await (await api.post('/api/v1/jobs/sweep')).json()) as { raisedByKind: Record<string, number> };
      // The one past day 5 is also missing its notice to the individuals (Rules Art. 10).
      expect((await sweep()).raisedByKind).toEqual({ incident_report_due: 2, subject_notice_missing: 1 });
      const alerts = async () =>
        ((await (await api.get('/api/v1/alerts?kind=incident_report_due&limit=10')).json()) as { items: Body[] }).items;
      const bySubject = Object.fromEntries((await alerts()).map((a) => [a.subjectId, a]));
      expect(bySubject[soon.id]).toMatchObject({ severity: 'warning', dueDate: daysFromToday(1), status: 'open' });
      expect(bySubject[late.id]).toMatchObject({ severity: 'critical', dueDate: daysFromToday(-2) });

      await api.patch(`/api/v1/incidents/${late.id}`, { preliminaryReportedOn: today() });
      const after = (await (await api.post('/api/v1/jobs/sweep')).json()) as { resolvedByKind: Record<string, number> };
      expect(after.resolvedByKind).toEqual({ incident_report_due: 1 });
    } finally {
      await t.close();
    }
  });
});
