import ICAL from 'ical.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src/platform/crypto';
import {
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
let compliance: { id: string; token: string; api: Client };
let alpha: ContractorBody;
let beta: ContractorBody;

type Body = Record<string, unknown> & { id: string };
interface FeedToken {
  token: string;
  url: string;
}
interface ParsedEvent {
  uid: string;
  summary: string;
  description: string;
  /** DTSTART as ical.js reads it: `YYYY-MM-DD` for a DATE value. */
  start: string;
  startType: string;
  end: string;
}

const json = async <T = Body>(res: Response | Promise<Response>): Promise<T> => (await (await res).json()) as T;

/** Parses with ical.js, an iCalendar implementation independent of the generator. */
function parseCalendar(text: string) {
  const vcalendar = new ICAL.Component(ICAL.parse(text));
  const events: ParsedEvent[] = vcalendar.getAllSubcomponents('vevent').map((vevent) => {
    const dtstart = vevent.getFirstProperty('dtstart');
    return {
      uid: String(vevent.getFirstPropertyValue('uid')),
      summary: String(vevent.getFirstPropertyValue('summary')),
      description: String(vevent.getFirstPropertyValue('description')),
      start: String(dtstart?.getFirstValue()),
      startType: String(dtstart?.type),
      end: String(vevent.getFirstPropertyValue('dtend')),
    };
  });
  return {
    name: vcalendar.getFirstPropertyValue('x-wr-calname'),
    timeZone: vcalendar.getFirstPropertyValue('x-wr-timezone'),
    events,
  };
}

async function issueFeedToken(api: Client): Promise<FeedToken> {
  const res = await api.post('/api/v1/users/me/feed-token');
  expect(res.status).toBe(201);
  return json<FeedToken>(res);
}

/** A calendar client: no headers, the token in the URL. */
const subscribe = (url: string) => client(target, null).get(url);

async function fetchCalendar(url: string) {
  const res = await subscribe(url);
  expect(res.status, await res.clone().text()).toBe(200);
  return parseCalendar(await res.text());
}

async function openReviews(): Promise<Body[]> {
  const items: Body[] = [];
  for (const status of ['scheduled', 'in_progress']) {
    items.push(...(await json<{ items: Body[] }>(admin.get(`/api/v1/reviews?status=${status}&limit=200`))).items);
  }
  return items;
}

const fixtures = {
  overdue: {} as Body,
  started: {} as Body,
  betaAudit: {} as Body,
  completed: {} as Body,
  cancelled: {} as Body,
  leak: {} as Body,
  prelimReported: {} as Body,
  minorLeak: {} as Body,
  renewing: {} as Body,
  fixedTerm: {} as Body,
};

// West of UTC, a civil date that passes through a JS Date is read back a day early. Run the
// in-process Node app there (the worker runs in UTC), whatever zone the test machine has.
const hostZone = process.env.TZ;
beforeAll(async () => {
  process.env.TZ = 'Pacific/Honolulu';
  target = await createTarget();
  admin = client(target);
  compliance = await userWithRole(target, 'compliance');
  alpha = await newContractor(admin, { name: 'カレンダー配送株式会社' });
  beta = await newContractor(admin, { name: 'Beta Cloud KK' });

  await scheduleReview(admin, alpha.id, daysFromToday(10));
  fixtures.overdue = await scheduleReview(admin, alpha.id, daysFromToday(-5), 'document_review');
  fixtures.started = await scheduleReview(admin, alpha.id, daysFromToday(20), 'on_site_audit');
  await compliance.api.patch(`/api/v1/reviews/${fixtures.started.id}`, {
    status: 'in_progress',
    assignee: '監査 太郎',
  });
  fixtures.betaAudit = await scheduleReview(admin, beta.id, daysFromToday(45), 'selection');

  fixtures.completed = await scheduleReview(admin, alpha.id, daysFromToday(3));
  const done = await compliance.api.post(`/api/v1/reviews/${fixtures.completed.id}/complete`, {
    completedOn: today(),
    outcome: 'satisfactory',
    checklist: passingChecklist,
  });
  expect(done.status).toBe(200);
  fixtures.cancelled = await scheduleReview(admin, beta.id, daysFromToday(7));
  expect(
    (await compliance.api.post(`/api/v1/reviews/${fixtures.cancelled.id}/cancel`, { reason: '重複' })).status,
  ).toBe(200);

  const incident = (body: Record<string, unknown>) =>
    json(
      compliance.api.post('/api/v1/incidents', {
        contractorId: alpha.id,
        summary: '委託先サーバへの不正アクセス',
        discoveredOn: daysFromToday(-2),
        affectedCount: 5000,
        ...body,
      }),
    );
  fixtures.leak = await incident({});
  fixtures.prelimReported = await incident({ contractorId: beta.id });
  fixtures.prelimReported = await json(
    compliance.api.patch(`/api/v1/incidents/${fixtures.prelimReported.id}`, { preliminaryReportedOn: today() }),
  );
  fixtures.minorLeak = await incident({ affectedCount: 3 });

  fixtures.renewing = await newAgreement(admin, alpha.id, {
    title: '自動更新の委託契約',
    endDate: daysFromToday(100),
    autoRenew: true,
    renewalTermMonths: 12,
    noticePeriodDays: 30,
  });
  fixtures.fixedTerm = await newAgreement(admin, beta.id, { noticePeriodDays: 30 });
});
afterAll(async () => {
  await target.close();
  if (hostZone === undefined) delete process.env.TZ;
  else process.env.TZ = hostZone;
});

describe('feed tokens', () => {
  it('are issued to the caller with a subscription URL, and only their hash is stored', async () => {
    const feed = await issueFeedToken(compliance.api);
    expect(feed.token).toMatch(/^itkf_[A-Za-z0-9_-]{43}$/);
    expect(feed.url).toBe(`/api/v1/calendar.ics?token=${feed.token}`);
    const rows = await target.query<{ kind: string; token_hash: string; revoked_at: string | null }>(
      'SELECT kind, token_hash, revoked_at FROM api_tokens WHERE user_id = ? ORDER BY created_at',
      compliance.id,
    );
    expect(rows.filter((r) => r.kind === 'feed' && r.revoked_at === null)).toEqual([
      { kind: 'feed', token_hash: await sha256Hex(feed.token), revoked_at: null },
    ]);
    expect(JSON.stringify(rows)).not.toContain(feed.token);
  });

  it('are refused as bearer tokens, and in the query string of any other route', async () => {
    const feed = await issueFeedToken(compliance.api);
    const asBearer = client(target, feed.token);
    for (const path of ['/api/v1/users/me', '/api/v1/reviews', '/api/v1/calendar.ics']) {
      const res = await asBearer.get(path);
      expect(res.status, path).toBe(401);
      expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
    }
    expect((await asBearer.post('/api/v1/users/me/feed-token')).status).toBe(401);
    expect((await subscribe(`/api/v1/users/me?token=${feed.token}`)).status).toBe(401);
    expect((await subscribe(`/api/v1/reviews?token=${feed.token}`)).status).toBe(401);
    expect((await subscribe(feed.url)).status).toBe(200);
  });

  it('rotate: a new one revokes the previous one; DELETE revokes it', async () => {
    const first = await issueFeedToken(compliance.api);
    const second = await issueFeedToken(compliance.api);
    expect(second.token).not.toBe(first.token);
    expect((await subscribe(first.url)).status).toBe(401);
    expect((await subscribe(second.url)).status).toBe(200);

    expect((await compliance.api.delete('/api/v1/users/me/feed-token')).status).toBe(204);
    const revoked = await subscribe(second.url);
    expect(revoked.status).toBe(401);
    expect(await problem(revoked)).toMatchObject({ type: '/problems/unauthorized', status: 401 });
    // Idempotent, and the API token is untouched.
    expect((await compliance.api.delete('/api/v1/users/me/feed-token')).status).toBe(204);
    expect((await compliance.api.get('/api/v1/users/me')).status).toBe(200);

    const actions = (
      await json<{ items: { action: string; after: { kind?: string } | null }[] }>(
        admin.get(`/api/v1/audit-events?entityType=user&entityId=${compliance.id}&limit=200`),
      )
    ).items
      .filter((e) => e.after?.kind === 'feed')
      .map((e) => e.action);
    expect(actions).toContain('token.rotate');
    expect(actions.filter((a) => a === 'token.revoke')).toHaveLength(1);
  });

  it('say whether one is live and since when, never the token itself', async () => {
    const manager = await userWithRole(target, 'manager');
    const status = () => json<Record<string, unknown>>(manager.api.get('/api/v1/users/me/feed-token'));
    expect(await status()).toEqual({ active: false, issuedAt: null });
    await issueFeedToken(manager.api);
    const live = await status();
    expect(live).toEqual({ active: true, issuedAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T/) });
    expect(await manager.api.get('/api/v1/users/me/feed-token').then((r) => r.text())).not.toMatch(/itkf_/);
    expect((await manager.api.delete('/api/v1/users/me/feed-token')).status).toBe(204);
    expect(await status()).toEqual({ active: false, issuedAt: null });
  });

  it('are revoked with all other tokens by DELETE /users/{id}/tokens', async () => {
    const manager = await userWithRole(target, 'manager');
    const feed = await issueFeedToken(manager.api);
    expect((await subscribe(feed.url)).status).toBe(200);
    expect((await admin.delete(`/api/v1/users/${manager.id}/tokens`)).status).toBe(204);
    expect((await subscribe(feed.url)).status).toBe(401);
  });

  it('use ITAKU_PUBLIC_URL for an absolute subscription URL', async () => {
    const t = await createTarget({ env: { ITAKU_PUBLIC_URL: 'https://itaku.example.com/' } });
    try {
      const feed = await issueFeedToken(client(t));
      expect(feed.url).toBe(`https://itaku.example.com/api/v1/calendar.ics?token=${feed.token}`);
      const c = await newContractor(client(t), { name: 'リンク社' });
      await scheduleReview(client(t), c.id, daysFromToday(5));
      const res = await client(t, null).get(`/api/v1/calendar.ics?token=${feed.token}`);
      const [event] = parseCalendar(await res.text()).events;
      expect(event?.description).toContain(`https://itaku.example.com/contractors/${c.id}`);
    } finally {
      await t.close();
    }
  });
});

describe('GET /calendar.ics authentication', () => {
  it('answers 401 problem+json without a token, with an unknown one, or with an API token in the query', async () => {
    for (const url of [
      '/api/v1/calendar.ics',
      '/api/v1/calendar.ics?token=',
      '/api/v1/calendar.ics?token=itkf_garbage',
      `/api/v1/calendar.ics?token=${'x'.repeat(600)}`,
      `/api/v1/calendar.ics?token=${target.adminToken}`,
    ]) {
      const res = await subscribe(url);
      expect(res.status, url.slice(0, 60)).toBe(401);
      expect(res.headers.get('www-authenticate')).toMatch(/^Bearer/);
      expect(await problem(res)).toMatchObject({ type: '/problems/unauthorized', status: 401 });
    }
    expect((await client(target, 'itk_unknown').get('/api/v1/calendar.ics')).status).toBe(401);
  });

  it('accepts an API token in the Authorization header, for every role', async () => {
    const manager = await userWithRole(target, 'manager');
    for (const api of [admin, manager.api, compliance.api]) {
      const res = await api.get('/api/v1/calendar.ics');
      expect(res.status).toBe(200);
    }
  });

  it('judges a request with the header by the header alone', async () => {
    const feed = await issueFeedToken(compliance.api);
    const res = await client(target, 'itk_unknown').get(`/api/v1/calendar.ics?token=${feed.token}`);
    expect(res.status).toBe(401);
  });
});

describe('calendar contents', () => {
  let feed: FeedToken;
  beforeAll(async () => {
    feed = await issueFeedToken(compliance.api);
  });

  it('is text/calendar, never cached, named itaku in the organisation’s zone', async () => {
    const res = await subscribe(feed.url);
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8');
    expect(res.headers.get('cache-control')).toBe('no-store');
    const text = await res.text();
    expect(text.startsWith('BEGIN:VCALENDAR\r\n')).toBe(true);
    const cal = parseCalendar(text);
    expect(cal.name).toBe('itaku');
    expect(cal.timeZone).toBe('Asia/Tokyo');
  });

  it('has each open review exactly once, as an all-day event on its due date', async () => {
    const open = await openReviews();
    expect(open.length).toBeGreaterThanOrEqual(5);
    const res = await subscribe(feed.url);
    const text = await res.text();
    const { events } = parseCalendar(text);
    const reviewEvents = events.filter((e) => e.uid.startsWith('review-'));
    expect(reviewEvents).toHaveLength(open.length);
    for (const review of open) {
      const matching = events.filter((e) => e.uid === `review-${review.id}@itaku`);
      expect(matching, review.id).toHaveLength(1);
      const [event] = matching;
      expect(event?.startType).toBe('date');
      expect(event?.start).toBe(review.dueDate);
      expect(event?.end).toBe(
        new Date(Date.parse(`${review.dueDate}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10),
      );
      expect(text).toContain(`DTSTART;VALUE=DATE:${String(review.dueDate).replaceAll('-', '')}`);
    }
    const overdue = events.find((e) => e.uid === `review-${fixtures.overdue.id}@itaku`);
    expect(overdue?.summary).toBe('委託先評価: カレンダー配送株式会社 (書面確認 / Document review)');
    expect(overdue?.start).toBe(daysFromToday(-5));
    const started = events.find((e) => e.uid === `review-${fixtures.started.id}@itaku`);
    expect(started?.description).toContain('担当者 / Assignee: 監査 太郎');
    expect(started?.description).toContain('状態 / Status: 実施中 / In progress');
  });

  it('leaves out completed and cancelled reviews', async () => {
    const uids = (await fetchCalendar(feed.url)).events.map((e) => e.uid);
    expect(uids).not.toContain(`review-${fixtures.completed.id}@itaku`);
    expect(uids).not.toContain(`review-${fixtures.cancelled.id}@itaku`);
  });

  it('has the PPC report deadlines still owed on open reportable incidents', async () => {
    const { events } = await fetchCalendar(feed.url);
    const byUid = new Map(events.map((e) => [e.uid, e]));
    expect(byUid.get(`incident-${fixtures.leak.id}-preliminary@itaku`)).toMatchObject({
      start: fixtures.leak.preliminaryDueOn,
      startType: 'date',
      summary: expect.stringContaining('漏えい等報告（速報）期限: カレンダー配送株式会社'),
    });
    expect(byUid.get(`incident-${fixtures.leak.id}-final@itaku`)).toMatchObject({
      start: fixtures.leak.finalDueOn,
      summary: expect.stringContaining('漏えい等報告（確報）期限'),
    });
    // The preliminary report is on record: only the final one is still owed.
    expect(byUid.has(`incident-${fixtures.prelimReported.id}-preliminary@itaku`)).toBe(false);
    expect(byUid.get(`incident-${fixtures.prelimReported.id}-final@itaku`)?.start).toBe(
      fixtures.prelimReported.finalDueOn,
    );
    expect(events.some((e) => e.uid.startsWith(`incident-${fixtures.minorLeak.id}`))).toBe(false);
  });

  it('has the notice deadline of auto-renewing agreements', async () => {
    expect(fixtures.renewing.noticeDeadline).toBe(daysFromToday(70));
    const { events } = await fetchCalendar(feed.url);
    const notice = events.filter((e) => e.uid === `agreement-${fixtures.renewing.id}-notice@itaku`);
    expect(notice).toHaveLength(1);
    expect(notice[0]).toMatchObject({ start: daysFromToday(70), startType: 'date' });
    expect(notice[0]?.summary).toContain('自動更新の委託契約');
    expect(events.some((e) => e.uid.startsWith(`agreement-${fixtures.fixedTerm.id}`))).toBe(false);
  });

  it('keeps UIDs and dates stable across fetches', async () => {
    const key = (events: ParsedEvent[]) => events.map((e) => `${e.uid} ${e.start}`).sort();
    const first = await fetchCalendar(feed.url);
    const second = await fetchCalendar(feed.url);
    expect(key(second.events)).toEqual(key(first.events));
    expect(new Set(first.events.map((e) => e.uid)).size).toBe(first.events.length);
  });

  it('filters by contractorId', async () => {
    const { events } = await fetchCalendar(`${feed.url}&contractorId=${beta.id}`);
    expect(events.map((e) => e.uid).sort()).toEqual(
      [`review-${fixtures.betaAudit.id}@itaku`, `incident-${fixtures.prelimReported.id}-final@itaku`]
        .concat(
          (await openReviews())
            .filter((r) => r.contractorId === beta.id && r.id !== fixtures.betaAudit.id)
            .map((r) => `review-${r.id}@itaku`),
        )
        .sort(),
    );
    expect((await fetchCalendar(`${feed.url}&contractorId=nobody`)).events).toEqual([]);
    expect((await subscribe(`${feed.url}&contractorId=`)).status).toBe(400);
  });

  it('shows a review’s new date after it is rescheduled, under the same UID', async () => {
    const review = await scheduleReview(admin, beta.id, daysFromToday(60), 'periodic');
    const uid = `review-${review.id}@itaku`;
    const before = (await fetchCalendar(feed.url)).events.filter((e) => e.uid === uid);
    expect(before.map((e) => e.start)).toEqual([daysFromToday(60)]);
    await compliance.api.patch(`/api/v1/reviews/${review.id}`, { dueDate: daysFromToday(61) });
    const after = (await fetchCalendar(feed.url)).events.filter((e) => e.uid === uid);
    expect(after.map((e) => e.start)).toEqual([daysFromToday(61)]);
  });
});

describe('large calendars', () => {
  // Rows inserted in SQL: thousands of reviews through the API would only slow the test.
  const bulkReviews = (contractorId: string, from: number, to: number, dates: string[]) =>
    `WITH RECURSIVE n(i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM n WHERE i < ${to})
     INSERT INTO reviews (id, contractor_id, kind, due_date, status, checklist_organizational, checklist_human,
       checklist_physical, checklist_technical, scheduled_by, created_at, updated_at, version)
     SELECT printf('bulk-%06d', i), '${contractorId}', 'periodic',
       CASE i % ${dates.length} ${dates.map((d, k) => `WHEN ${k} THEN '${d}'`).join(' ')} END,
       CASE WHEN i % 7 = 0 THEN 'in_progress' ELSE 'scheduled' END,
       'not_assessed', 'not_assessed', 'not_assessed', 'not_assessed', 'system',
       '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z', 1 FROM n`;

  it('reads every open review once across many keyset pages, and caps the feed at 10,000 events', async () => {
    const t = await createTarget();
    try {
      const api = client(t);
      const c = await newContractor(api, { name: '大量社' });
      // Few distinct dates: many ties on due_date straddle page boundaries.
      const dates = [daysFromToday(1), daysFromToday(2), daysFromToday(3)];
      await t.exec(bulkReviews(c.id, 1, 1234, dates));
      const feed = await issueFeedToken(api);
      const res = await client(t, null).get(feed.url);
      expect(res.status).toBe(200);
      expect(res.headers.get('x-itaku-calendar-truncated')).toBeNull();
      const events = parseCalendar(await res.text()).events;
      expect(events).toHaveLength(1234);
      expect(new Set(events.map((e) => e.uid)).size).toBe(1234);
      for (const e of events) {
        const i = Number(e.uid.slice('review-bulk-'.length, 'review-bulk-'.length + 6));
        expect(e.start, e.uid).toBe(dates[i % dates.length]);
      }

      const leak = await json(
        api.post('/api/v1/incidents', {
          contractorId: c.id,
          summary: '大量社の漏えい',
          discoveredOn: today(),
          affectedCount: 5000,
          factors: { specialCare: false, financialHarm: false, wrongfulAct: false, overThousand: false },
        }),
      );
      await t.exec(bulkReviews(c.id, 1235, 10_100, dates));
      const capped = await client(t, null).get(feed.url);
      expect(capped.status).toBe(200);
      expect(capped.headers.get('x-itaku-calendar-truncated')).toBe('true');
      const kept = parseCalendar(await capped.text()).events;
      expect(kept).toHaveLength(10_000);
      // Deadlines come first: a cut only drops reviews.
      expect(kept.filter((e) => e.uid.startsWith(`incident-${leak.id}`))).toHaveLength(2);
    } finally {
      await t.close();
    }
  }, 60_000);
});

describe('OpenAPI', () => {
  it('documents the calendar with both ways to authenticate', async () => {
    const doc = await json<{
      paths: Record<string, Record<string, { security?: unknown; parameters?: { name: string; in: string }[] }>>;
      components: { securitySchemes: Record<string, unknown> };
    }>(client(target, null).get('/api/openapi.json'));
    const op = doc.paths['/api/v1/calendar.ics']?.get;
    expect(op?.security).toEqual([{ bearerAuth: [] }, { feedToken: [] }]);
    expect(op?.parameters).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'token', in: 'query' }),
        expect.objectContaining({ name: 'contractorId', in: 'query' }),
      ]),
    );
    expect(doc.components.securitySchemes.feedToken).toMatchObject({ type: 'apiKey', in: 'query', name: 'token' });
  });
});
