import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { daysFromToday, newAgreement, newContractor, today } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let admin: Client;
let compliance: Client;
let manager: Client;
const ids: Record<string, string> = {};

type Task = { contractorId: string; contractorName: string; version: number; answeredOn: string | null };
type Request = { id: string; dueOn: string; version: number; status: string; tasks: Task[]; [k: string]: unknown };

/**
 * The holders of "customers" on today (APPI Art. 33–35 requests reach the data at the
 * contractors): an agreement in force covering it, and sub-contractors below handling it.
 */
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = (await userWithRole(target, 'compliance')).api;
  manager = (await userWithRole(target, 'manager')).api;
  const parent = await newContractor(admin, { name: 'A 物流', dataCategories: ['customers', 'employees'] });
  await newAgreement(admin, parent.id, { reconsignment: 'allowed', dataCategories: ['customers'] });
  const sub = await newContractor(admin, { name: 'B 倉庫', parentId: parent.id, dataCategories: ['customers'] });
  const subOther = await newContractor(admin, { name: 'C 給与', parentId: parent.id, dataCategories: ['employees'] });
  const ended = await newContractor(admin, { name: 'D 旧委託先', dataCategories: ['customers'] });
  await newAgreement(admin, ended.id, { startDate: daysFromToday(-400), endDate: daysFromToday(-1) });
  const later = await newContractor(admin, { name: 'E 予定', dataCategories: ['customers'] });
  await newAgreement(admin, later.id, { startDate: daysFromToday(1), endDate: daysFromToday(300) });
  const other = await newContractor(admin, { name: 'F 人事', dataCategories: ['employees'] });
  await newAgreement(admin, other.id, { dataCategories: ['employees'] });
  Object.assign(ids, { parent: parent.id, sub: sub.id, subOther: subOther.id, other: other.id });
});
afterAll(() => target.close());

async function record(body: Record<string, unknown> = {}): Promise<Request> {
  const res = await compliance.post('/api/v1/subject-requests', {
    kind: 'disclosure',
    receivedOn: today(),
    dataCategories: ['customers'],
    reference: 'SR-2026-0001',
    ...body,
  });
  if (res.status !== 201) throw new Error(`subject request: ${res.status} ${await res.text()}`);
  return (await res.json()) as Request;
}

const count = async () => (await target.query<{ n: number }>('SELECT count(*) AS n FROM subject_requests'))[0]?.n ?? 0;

describe('recording a request', () => {
  it('opens a task for each contractor holding the categories on the day of receipt, due after the target', async () => {
    const r = await record();
    expect(r).toMatchObject({ status: 'open', dueOn: addDays(today(), 14), overdue: false, outcome: null });
    expect(r.tasks.map((t) => t.contractorName)).toEqual(['A 物流', 'B 倉庫']);
    const both = await record({ dataCategories: ['customers', 'employees'] });
    expect(both.tasks.map((t) => t.contractorName).sort()).toEqual(['A 物流', 'B 倉庫', 'F 人事']);
    // C handles employees, but its parent holds none under the agreement: nothing reached it.
    const got = (await (await manager.get(`/api/v1/subject-requests/${r.id}`)).json()) as Request;
    expect(got.tasks).toEqual(r.tasks);
  });

  it('refuses personal data in the reference, a future receipt, no category and other roles, changing nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string, string][] = [
      [{ reference: 'taro@example.jp' }, 'reference', 'srReferencePersonal'],
      [{ reference: '090-1234-5678' }, 'reference', 'srReferencePersonal'],
      [{ receivedOn: daysFromToday(1) }, 'receivedOn', 'notInFuture'],
      [{ dataCategories: [] }, 'dataCategories', 'categoryRequired'],
      [{ kind: 'complaint' }, 'kind', 'invalidOption'],
    ];
    for (const [body, path, code] of cases) {
      const res = await compliance.post('/api/v1/subject-requests', {
        kind: 'disclosure',
        receivedOn: today(),
        dataCategories: ['customers'],
        reference: 'SR-1',
        ...body,
      });
      expect(res.status, path).toBe(400);
      expect((await problem(res)).errors).toContainEqual(expect.objectContaining({ path, code }));
    }
    const res = await manager.post('/api/v1/subject-requests', {
      kind: 'disclosure',
      receivedOn: today(),
      dataCategories: ['customers'],
      reference: 'SR-1',
    });
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });

  it('takes its due date from the internal target setting', async () => {
    expect(await (await manager.get('/api/v1/settings/subject-requests')).json()).toMatchObject({
      targetDays: 14,
      version: 0,
    });
    const bad = await compliance.patch('/api/v1/settings/subject-requests', { targetDays: 31 }, { 'if-match': '"0"' });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.[0]?.path).toBe('targetDays');
    expect((await manager.patch('/api/v1/settings/subject-requests', { targetDays: 10 })).status).toBe(403);
    const ok = await compliance.patch('/api/v1/settings/subject-requests', { targetDays: 10 }, { 'if-match': '"0"' });
    expect(ok.status).toBe(200);
    const stale = await compliance.patch('/api/v1/settings/subject-requests', { targetDays: 7 }, { 'if-match': '"0"' });
    expect(stale.status).toBe(412);
    expect((await record({ receivedOn: daysFromToday(-2) })).dueOn).toBe(addDays(today(), 8));
    await compliance.patch('/api/v1/settings/subject-requests', { targetDays: 14 }, { 'if-match': '"1"' });
  });
});

describe('tasks and closing', () => {
  it('records forwarding and answers, one of two parallel updates with the same If-Match getting 412', async () => {
    const r = await record({ kind: 'deletion', reference: 'SR-TASKS' });
    const [a, b] = r.tasks as [Task, Task];
    const path = (t: Task) => `/api/v1/subject-requests/${r.id}/tasks/${t.contractorId}`;
    const early = await compliance.patch(path(a), { answeredOn: today(), outcome: 'done' });
    expect(early.status).toBe(400);
    expect((await problem(early)).errors).toContainEqual(expect.objectContaining({ path: 'forwardedOn' }));
    const noNote = await compliance.patch(path(a), { forwardedOn: today(), answeredOn: today(), outcome: 'not_done' });
    expect((await problem(noNote)).errors).toContainEqual(
      expect.objectContaining({ path: 'note', code: 'srNoteRequired' }),
    );

    const ifMatch = { 'if-match': `"${a.version}"` };
    const racing = await Promise.all([
      compliance.patch(path(a), { forwardedOn: today() }, ifMatch),
      compliance.patch(path(a), { forwardedOn: daysFromToday(-0), note: 'メールで依頼' }, ifMatch),
    ]);
    expect(racing.map((x) => x.status).sort()).toEqual([200, 412]);
    const won = racing.find((x) => x.status === 200) as Response;
    expect(won.headers.get('etag')).toBe(`"${a.version + 1}"`);

    // Closing waits for every contractor, naming those still to answer.
    const open = await compliance.post(`/api/v1/subject-requests/${r.id}/close`, { outcome: 'fulfilled' });
    expect(open.status).toBe(409);
    const openBody = await problem(open);
    expect(openBody.type).toBe('/problems/subject-request-open-tasks');
    expect(openBody.errors?.map((e) => e.path).sort()).toEqual([`tasks.${a.contractorId}`, `tasks.${b.contractorId}`]);

    for (const t of [a, b]) {
      const res = await compliance.patch(path(t), { forwardedOn: today(), answeredOn: today(), outcome: 'done' });
      expect(res.status).toBe(200);
    }
    // Scope is fixed once contractors were asked.
    const scope = await compliance.patch(`/api/v1/subject-requests/${r.id}`, { dataCategories: ['employees'] });
    expect(scope.status).toBe(409);
    expect((await problem(scope)).errors?.[0]).toMatchObject({ path: 'dataCategories', code: 'srTasksUnderway' });

    const noGround = await compliance.post(`/api/v1/subject-requests/${r.id}/close`, { outcome: 'refused' });
    expect(noGround.status).toBe(400);
    expect((await problem(noGround)).errors?.map((e) => e.path)).toEqual(['refusalGround', 'refusalReason']);
    const stray = await compliance.post(`/api/v1/subject-requests/${r.id}/close`, {
      outcome: 'fulfilled',
      refusalGround: 'violation_of_law',
    });
    expect((await problem(stray)).errors?.[0]).toMatchObject({ path: 'refusalGround', code: 'srNotRefusal' });

    const closing = {
      outcome: 'partly_fulfilled',
      refusalGround: 'violation_of_law',
      refusalReason: '法令により一部不可',
    };
    const closes = await Promise.all([
      compliance.post(`/api/v1/subject-requests/${r.id}/close`, closing),
      compliance.post(`/api/v1/subject-requests/${r.id}/close`, closing),
    ]);
    expect(closes.map((x) => x.status).sort()).toEqual([200, 409]);
    const closed = (await (await compliance.get(`/api/v1/subject-requests/${r.id}`)).json()) as Request;
    expect(closed).toMatchObject({ status: 'closed', closedOn: today(), ...closing });
    const after = await compliance.patch(path(a), { note: 'x' });
    expect(after.status).toBe(409);
    const events = await target.query<{ n: number }>(
      `SELECT count(*) AS n FROM audit_events WHERE entity_id = ? AND action = 'subject_request.close'`,
      r.id,
    );
    expect(events[0]?.n).toBe(1);
  });

  it('derives the tasks again when the categories are corrected before forwarding', async () => {
    const r = await record({ reference: 'SR-FIX' });
    const res = await compliance.patch(
      `/api/v1/subject-requests/${r.id}`,
      { dataCategories: ['employees'], reference: 'SR-FIX-2' },
      { 'if-match': `"${r.version}"` },
    );
    expect(res.status).toBe(200);
    const fixed = (await res.json()) as Request;
    expect(fixed).toMatchObject({ reference: 'SR-FIX-2', version: r.version + 1 });
    expect(fixed.tasks.map((t) => t.contractorName)).toEqual(['F 人事']);
    expect(
      (await compliance.patch(`/api/v1/subject-requests/${r.id}`, { reference: 'x' }, { 'if-match': '"1"' })).status,
    ).toBe(412);
  });
});

describe('lists and alerts', () => {
  it('filters by status, kind, overdue and contractor, with an alert while due and none once closed', async () => {
    const late = await record({ kind: 'correction', receivedOn: daysFromToday(-20), reference: 'SR-LATE' });
    const page = async (q: string) =>
      (await (await manager.get(`/api/v1/subject-requests?${q}`)).json()) as { items: Request[] };
    expect((await page('overdue=true')).items.map((x) => x.id)).toEqual([late.id]);
    expect((await page('kind=correction&status=open')).items.map((x) => x.id)).toEqual([late.id]);
    expect(
      (await page(`contractorId=${ids.other}`)).items.every((x) => x.tasks.some((t) => t.contractorId === ids.other)),
    ).toBe(true);
    const first = await page('limit=2');
    expect(first.items[0]?.id).toBe(late.id);

    await admin.post('/api/v1/jobs/sweep');
    const alerts = await target.query<{ severity: string; contractor_id: string; status: string }>(
      `SELECT severity, contractor_id, status FROM alerts WHERE kind = 'subject_request_due' AND subject_id = ?`,
      late.id,
    );
    expect(alerts).toEqual([{ severity: 'critical', contractor_id: ids.parent, status: 'open' }]);
    for (const t of late.tasks) {
      await compliance.patch(`/api/v1/subject-requests/${late.id}/tasks/${t.contractorId}`, {
        forwardedOn: daysFromToday(-19),
        answeredOn: daysFromToday(-1),
        outcome: 'no_data',
      });
    }
    expect((await compliance.post(`/api/v1/subject-requests/${late.id}/close`, { outcome: 'fulfilled' })).status).toBe(
      200,
    );
    await admin.post('/api/v1/jobs/sweep');
    const resolved = await target.query<{ status: string }>(
      `SELECT status FROM alerts WHERE kind = 'subject_request_due' AND subject_id = ?`,
      late.id,
    );
    expect(resolved).toEqual([{ status: 'resolved' }]);
  });

  it('warns from 3 days before the due date and turns the same alert critical once the date has passed', async () => {
    const soon = await record({ kind: 'disclosure', receivedOn: daysFromToday(-12), reference: 'SR-SOON' });
    const alertOf = async () =>
      target.query<{ id: string; severity: string }>(
        `SELECT id, severity FROM alerts WHERE kind = 'subject_request_due' AND subject_id = ? AND status <> 'resolved'`,
        soon.id,
      );
    await admin.post('/api/v1/jobs/sweep');
    const [warning] = await alertOf();
    expect(warning?.severity).toBe('warning');
    // The due date passes (moved in the database: the clock of the worker cannot be set).
    await target.exec(`UPDATE subject_requests SET due_on = '${daysFromToday(-1)}' WHERE id = '${soon.id}'`);
    await admin.post('/api/v1/jobs/sweep');
    expect(await alertOf()).toEqual([{ id: warning?.id, severity: 'critical' }]);
  });

  it('stays consistent when a request is recorded while an agreement is terminated', async () => {
    const c = await newContractor(admin, { name: 'G 解約', dataCategories: ['applicants'] });
    const g = await newAgreement(admin, c.id, { dataCategories: ['applicants'] });
    const [terminated, created] = await Promise.all([
      admin.patch(`/api/v1/agreements/${g.id}`, { terminatedOn: today() }),
      compliance.post('/api/v1/subject-requests', {
        kind: 'suspension',
        receivedOn: today(),
        dataCategories: ['applicants'],
        reference: 'SR-RACE',
      }),
    ]);
    expect([terminated.status, created.status]).toEqual([200, 201]);
    const r = (await created.json()) as Request;
    const seq = async (entity: string, action: string) =>
      (
        await target.query<{ seq: number }>(
          'SELECT seq FROM audit_events WHERE entity_id = ? AND action = ?',
          entity,
          action,
        )
      )[0]?.seq ?? 0;
    const recordedFirst = (await seq(r.id, 'subject_request.create')) < (await seq(g.id, 'agreement.update'));
    const stored = await target.query<{ contractor_id: string }>(
      'SELECT contractor_id FROM subject_request_tasks WHERE request_id = ?',
      r.id,
    );
    // Recorded before the termination: the contractor held the data that day; after it: it did not.
    expect(stored.map((t) => t.contractor_id)).toEqual(recordedFirst ? [c.id] : []);
    expect(r.tasks.map((t) => t.contractorId)).toEqual(recordedFirst ? [c.id] : []);
  });
});
