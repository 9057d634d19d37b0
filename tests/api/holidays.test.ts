import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { nextOpenDay, reportDeadlines } from '../../src/domain/incident-deadlines';
import { daysFromToday, newContractor } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/** Extra closed days (行政機関の休日に関する法律 Art. 1; 通則編 3-5-3-4 ※2). */
let target: Target;
let admin: Client;
let compliance: Awaited<ReturnType<typeof userWithRole>>;
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = await userWithRole(target, 'compliance');
});
afterAll(() => target.close());

type Incident = { id: string; finalDueOn: string; version: number };

describe('extra closed days', () => {
  it('moves an open final deadline that falls on one, and back when it is removed, audited', async () => {
    const c = await newContractor(admin, { name: '休日確認社' });
    const discovered = daysFromToday(-10);
    const incident = (await (
      await compliance.api.post('/api/v1/incidents', {
        contractorId: c.id,
        summary: '不正アクセス',
        discoveredOn: discovered,
        affectedCount: 2000,
      })
    ).json()) as Incident;
    const due = reportDeadlines(discovered, false).finalDueOn;
    expect(incident.finalDueOn).toBe(due);

    const added = await compliance.api.post('/api/v1/holidays/extra', { day: due, name: '臨時の祝日' });
    expect(added.status).toBe(201);
    expect(await added.json()).toMatchObject({ day: due, name: '臨時の祝日' });
    const moved = (await (await admin.get(`/api/v1/incidents/${incident.id}`)).json()) as Incident;
    expect(moved.finalDueOn).toBe(nextOpenDay(addDays(due, 1)));
    expect(moved.version).toBe(incident.version + 1);

    // An incident recorded afterwards rolls past it too.
    const later = (await (
      await compliance.api.post('/api/v1/incidents', {
        contractorId: c.id,
        summary: 's',
        discoveredOn: discovered,
        affectedCount: 2000,
      })
    ).json()) as Incident;
    expect(later.finalDueOn).toBe(moved.finalDueOn);

    const list = (await (await admin.get('/api/v1/holidays/extra')).json()) as Record<string, unknown>;
    expect(list).toMatchObject({
      items: [{ day: due, name: '臨時の祝日' }],
      nextCursor: null,
      holidayDataEnds: '2050-12-31',
    });

    expect((await compliance.api.delete(`/api/v1/holidays/extra/${due}`)).status).toBe(204);
    expect(((await (await admin.get(`/api/v1/incidents/${incident.id}`)).json()) as Incident).finalDueOn).toBe(due);
    expect((await compliance.api.delete(`/api/v1/holidays/extra/${due}`)).status).toBe(404);
    const actions = (
      await target.query<{ action: string }>(
        `SELECT action FROM audit_events WHERE action LIKE 'holiday.%' OR action = 'incident.reschedule' ORDER BY seq`,
      )
    ).map((r) => r.action);
    // One incident moved on adding; both (the later one counted past the day too) move back.
    expect(actions).toEqual([
      'holiday.add',
      'incident.reschedule',
      'holiday.remove',
      'incident.reschedule',
      'incident.reschedule',
    ]);
    expect(((await (await admin.get(`/api/v1/incidents/${later.id}`)).json()) as Incident).finalDueOn).toBe(due);
  });

  it('refuses bad input, duplicates (also at once) and other roles, changing nothing', async () => {
    const day = daysFromToday(400);
    const open = nextOpenDay(day);
    const before = await target.query('SELECT * FROM extra_holidays');
    for (const [body, path] of [
      [{ day: '2026-02-30', name: 'x' }, 'day'],
      [{ day: open, name: '' }, 'name'],
      [{ day: open }, 'name'],
      [{ day: '2027-01-02', name: '正月' }, 'day'], // 29 Dec–3 Jan is closed already
      [{ day: open, name: 'x', extra: 1 }, 'extra'],
    ] as const) {
      const res = await compliance.api.post('/api/v1/holidays/extra', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await problem(res)).errors?.map((e) => e.path)).toContain(path);
    }
    const manager = (await userWithRole(target, 'manager')).api;
    expect((await manager.post('/api/v1/holidays/extra', { day: open, name: 'x' })).status).toBe(403);
    expect((await manager.delete(`/api/v1/holidays/extra/${open}`)).status).toBe(403);
    expect((await manager.get('/api/v1/holidays/extra')).status).toBe(200);
    expect((await admin.delete('/api/v1/holidays/extra/not-a-day')).status).toBe(400);
    expect(await target.query('SELECT * FROM extra_holidays')).toEqual(before);

    const both = await Promise.all([
      compliance.api.post('/api/v1/holidays/extra', { day: open, name: '臨時' }),
      admin.post('/api/v1/holidays/extra', { day: open, name: '臨時' }),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual([201, 409]);
    const conflict = both.find((r) => r.status === 409) as Response;
    expect((await problem(conflict)).errors?.map((e) => e.path)).toEqual(['day']);
    expect(await target.query('SELECT day FROM extra_holidays WHERE day = ?', open)).toHaveLength(1);
  });
});

/** A browser-like session over HTTP: its cookie, the page's CSRF token, form posts. */
async function session(token: string, lang: 'ja' | 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/settings/holidays')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string>, withCsrf = true) =>
    target.fetch(path, {
      method: 'POST',
      headers: { cookie, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang, origin: ORIGIN },
      body: new URLSearchParams(withCsrf ? { _csrf: csrf, ...form } : form).toString(),
      redirect: 'manual',
    });
  return { get, post };
}

describe('the closed-days page (/settings/holidays)', () => {
  it('adds and removes a day with messages next to the field, and refuses other roles and forged posts', async () => {
    const ja = await session(compliance.token, 'ja');
    const day = nextOpenDay(daysFromToday(500));
    const page = await (await ja.get('/settings/holidays')).text();
    expect(page).toContain('休業日の設定');
    expect(page).toContain('2050年12月31日');

    const bad = await ja.post('/settings/holidays', { day: '2027-01-02', name: '正月' });
    expect(bad.status).toBe(400);
    const badHtml = await bad.text();
    expect(badHtml).toContain('<p class="field-error" id="hol-day-error">この日はもともと行政機関の休日です');
    expect(badHtml).toContain('value="正月"');
    expect((await ja.post('/settings/holidays', { day, name: '臨時' }, false)).status).toBe(403);
    const manager = await userWithRole(target, 'manager');
    const m = await session(manager.token, 'en');
    expect((await m.post('/settings/holidays', { day, name: 'x' })).status).toBe(403);
    expect(await (await m.get('/settings/holidays')).text()).toContain('Only compliance and administrators');
    expect(await target.query('SELECT * FROM extra_holidays WHERE day = ?', day)).toEqual([]);

    const added = await ja.post('/settings/holidays', { day, name: '臨時の休日' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe('/settings/holidays?added=1');
    const twice = await ja.post('/settings/holidays', { day, name: '臨時の休日' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('この日はすでに休業日として登録されています');

    const unconfirmed = await ja.post(`/settings/holidays/${day}/delete`, {});
    expect(unconfirmed.status).toBe(400);
    expect(await unconfirmed.text()).toContain(`id="confirm-${day}-error">削除する場合はチェックを入れてください。`);
    expect(await target.query('SELECT day FROM extra_holidays WHERE day = ?', day)).toHaveLength(1);
    expect((await ja.post(`/settings/holidays/${day}/delete`, { confirm: 'on' })).status).toBe(303);
    expect(await target.query('SELECT day FROM extra_holidays WHERE day = ?', day)).toEqual([]);
    expect((await ja.post(`/settings/holidays/${day}/delete`, { confirm: 'on' })).status).toBe(404);
  });
});
