import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ContractorBody, daysFromToday, newContractor, passingChecklist, today } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/** The findings pages over HTTP, as a browser without JavaScript sends them, on Node and the worker. */

let target: Target;
let admin: Client;
let compliance: Awaited<ReturnType<typeof userWithRole>>;
let manager: Awaited<ReturnType<typeof userWithRole>>;
let contractor: ContractorBody;
let other: ContractorBody;
let reviewId: string;
/** From the review: a high one overdue, a medium one due later; and a low one recorded on its own. */
const f = {} as Record<'late' | 'later' | 'loose', Finding>;

interface Finding {
  id: string;
  reviewId: string | null;
  status: string;
  version: number;
  resolvedOn: string | null;
  resolutionNote: string | null;
}

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = await userWithRole(target, 'compliance');
  manager = await userWithRole(target, 'manager');
  contractor = await newContractor(admin, { name: '是正対応社' });
  other = await newContractor(admin, { name: '別件商事' });
  const review = (await (
    await admin.post('/api/v1/reviews', { contractorId: contractor.id, kind: 'periodic', dueDate: daysFromToday(-30) })
  ).json()) as { id: string };
  reviewId = review.id;
  const done = await compliance.api.post(`/api/v1/reviews/${reviewId}/complete`, {
    completedOn: daysFromToday(-20),
    outcome: 'minor_findings',
    checklist: passingChecklist,
    findings: [
      {
        severity: 'high',
        category: 'technical',
        description: 'アクセスログの保管期間が短い',
        dueDate: daysFromToday(-2),
      },
      { severity: 'medium', category: 'physical', description: '入退室記録の確認', dueDate: daysFromToday(40) },
    ],
  });
  expect(done.status).toBe(200);
  const [late, later] = ((await done.json()) as { findings: Finding[] }).findings;
  if (!late || !later) throw new Error('the review recorded no findings');
  f.late = late;
  f.later = later;
  const loose = await compliance.api.post('/api/v1/findings', {
    contractorId: other.id,
    severity: 'low',
    category: 'human',
    description: '委託先からの報告による指摘',
    dueDate: daysFromToday(10),
  });
  f.loose = (await loose.json()) as Finding;
});
afterAll(() => target.close());

type Form = Record<string, string>;

async function signIn(token: string, lang: 'ja' | 'en' = 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const html = async (path: string) => (await get(path)).text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await html('/findings'))?.[1] ?? '';
  const post = (path: string, form: Form, opts: { csrf?: string | null; origin?: string } = {}) => {
    const token = opts.csrf === undefined ? csrf : opts.csrf;
    const body = new URLSearchParams(token === null ? form : { _csrf: token, ...form });
    return target.fetch(path, {
      method: 'POST',
      headers: {
        cookie,
        'content-type': 'application/x-www-form-urlencoded',
        'accept-language': lang,
        origin: opts.origin ?? ORIGIN,
      },
      body: body.toString(),
      redirect: 'manual',
    });
  };
  return { get, html, post };
}

const finding = async (id: string) => (await (await admin.get(`/api/v1/findings/${id}`)).json()) as Finding;
const rows = (html: string) => [...html.matchAll(/data-finding="([^"]+)"/g)].map((m) => m[1]).sort();

describe('the list', () => {
  it('shows the open findings with their review and contractor, overdue ones marked, and a total', async () => {
    const s = await signIn(manager.token);
    const html = await s.html('/findings');
    expect(rows(html)).toEqual([f.late.id, f.later.id, f.loose.id].sort());
    expect(html).toContain('1–3 of 3');
    expect(html).toContain(`href="/reviews/${reviewId}"`);
    expect(html).toContain(`href="/contractors/${contractor.id}">是正対応社</a>`);
    expect(html).toContain('recorded outside a review');
    expect(html).toMatch(new RegExp(`data-finding="${f.late.id}"[\\s\\S]*?<span class="badge overdue">Overdue</span>`));
    // A manager reads; resolving is for compliance.
    expect(html).not.toContain('#resolve');
  });

  it('filters by severity, overdue, contractor and status', async () => {
    const s = await signIn(manager.token, 'ja');
    expect(rows(await s.html('/findings?severity=high'))).toEqual([f.late.id]);
    expect(rows(await s.html('/findings?overdue=true'))).toEqual([f.late.id]);
    const byContractor = await s.html(`/findings?contractorId=${other.id}`);
    expect(rows(byContractor)).toEqual([f.loose.id]);
    expect(byContractor).toContain(`<option value="${other.id}" selected="">別件商事</option>`);
    expect(byContractor).toContain('1件中 1〜1件');
    expect(rows(await s.html('/findings?status=resolved'))).toEqual([]);
    expect(rows(await s.html('/findings?status=all&severity=medium'))).toEqual([f.later.id]);
    const bad = await s.get('/findings?severity=urgent');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('<code>severity</code>');
  });
});

describe('resolving a finding', () => {
  it('refuses every role but compliance, and a post without the page token, changing nothing', async () => {
    const s = await signIn(manager.token);
    const page = await s.html(`/findings/${f.later.id}`);
    expect(page).toContain('入退室記録の確認');
    expect(page).not.toContain(`action="/findings/${f.later.id}/resolve"`);
    const res = await s.post(`/findings/${f.later.id}/resolve`, { version: '1', resolvedOn: today() });
    expect(res.status).toBe(403);
    expect(await res.text()).toContain('Your role (Manager) may not do this.');
    const c = await signIn(compliance.token);
    expect((await c.post(`/findings/${f.later.id}/resolve`, { resolvedOn: today() }, { csrf: null })).status).toBe(403);
    const cross = await c.post(
      `/findings/${f.later.id}/resolve`,
      { resolvedOn: today() },
      { origin: 'https://evil.example' },
    );
    expect(cross.status).toBe(403);
    expect(await finding(f.later.id)).toMatchObject({ status: 'open', version: 1 });
  });

  it('shows what was refused next to the field in Japanese, keeping the note', async () => {
    const s = await signIn(compliance.token, 'ja');
    const future = await s.post(`/findings/${f.later.id}/resolve`, {
      version: '1',
      resolvedOn: daysFromToday(2),
      resolutionNote: '保持されるメモ',
    });
    expect(future.status).toBe(400);
    const html = await future.text();
    expect(html).toContain('<p class="field-error" id="resolvedOn-error">未来の日付にはできません</p>');
    expect(html).toMatch(/id="resolvedOn"[^>]*aria-invalid="true"/);
    expect(html).toContain('保持されるメモ</textarea>');
    const empty = await s.post(`/findings/${f.later.id}/resolve`, { version: '1', resolvedOn: '' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('<p class="field-error" id="resolvedOn-error">指定してください</p>');
    expect(await finding(f.later.id)).toMatchObject({ status: 'open', version: 1 });
  });

  it('resolves with the day and a note, and goes back to the list it came from', async () => {
    const s = await signIn(compliance.token);
    const list = await s.html('/findings?severity=high');
    const link = new RegExp(`href="(/findings/${f.late.id}\\?back=[^"#]+)#resolve"`).exec(list)?.[1];
    expect(link).toBeDefined();
    const page = await s.html(link ?? '');
    expect(page).toContain(`action="/findings/${f.late.id}/resolve"`);
    expect(page).toMatch(new RegExp(`id="resolvedOn"[^>]*value="${today()}"`));
    expect(page).toContain('name="back" value="/findings?severity=high"');
    const res = await s.post(`/findings/${f.late.id}/resolve`, {
      version: '1',
      back: '/findings?severity=high',
      resolvedOn: daysFromToday(-1),
      resolutionNote: 'ログを1年保管する設定を確認',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/findings?severity=high&saved=1');
    expect(await finding(f.late.id)).toMatchObject({
      status: 'resolved',
      resolvedOn: daysFromToday(-1),
      resolutionNote: 'ログを1年保管する設定を確認',
      version: 2,
    });
    const after = await s.html('/findings?severity=high&saved=1');
    expect(after).toContain('The finding is resolved.');
    expect(rows(after)).toEqual([]);
    const detail = await s.html(`/findings/${f.late.id}`);
    expect(detail).toContain('ログを1年保管する設定を確認');
    expect(detail).not.toContain(`action="/findings/${f.late.id}/resolve"`);
  });

  it('goes back only to a findings list of this site', async () => {
    const s = await signIn(compliance.token);
    for (const back of ['https://evil.example/findings', '//evil.example/findings', '/contractors', '/findingsx']) {
      const page = await s.html(`/findings/${f.loose.id}?back=${encodeURIComponent(back)}`);
      expect(page).toContain('name="back" value="/findings"');
    }
    const res = await s.post(`/findings/${f.loose.id}/resolve`, {
      version: '1',
      back: '//evil.example/',
      resolvedOn: today(),
    });
    expect(res.headers.get('location')).toBe('/findings?saved=1');
  });

  it('lets exactly one of two forms posted at once from the same version win, keeping the other typing', async () => {
    const [a, b] = await Promise.all([signIn(compliance.token), signIn(compliance.token)]);
    const results = await Promise.all([
      a.post(`/findings/${f.later.id}/resolve`, { version: '1', resolvedOn: today(), resolutionNote: 'A の対応' }),
      b.post(`/findings/${f.later.id}/resolve`, { version: '1', resolvedOn: today(), resolutionNote: 'B の対応' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([303, 412]);
    const loser = results.find((r) => r.status === 412);
    const html = (await loser?.text()) ?? '';
    expect(html).toContain('Someone else changed this finding meanwhile.');
    expect(html).toMatch(/[AB] の対応<\/textarea>/);
    expect(html).toContain('name="version" value="2"');
    const saved = await finding(f.later.id);
    expect(saved).toMatchObject({ status: 'resolved', version: 2 });
    const events = await target.query<{ n: number }>(
      "SELECT count(*) AS n FROM audit_events WHERE entity_id = ? AND action = 'finding.update'",
      f.later.id,
    );
    expect(events[0]?.n).toBe(1);
  });

  it('answers an unknown finding with 404', async () => {
    const s = await signIn(compliance.token);
    expect((await s.get('/findings/no-such-finding')).status).toBe(404);
    expect((await s.post('/findings/no-such-finding/resolve', { version: '1', resolvedOn: today() })).status).toBe(404);
  });
});
