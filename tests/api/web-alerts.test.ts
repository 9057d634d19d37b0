import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alertKinds } from '../../db/schema';
import { labels } from '../../src/i18n/labels';
import { i18n } from '../../src/web/i18n';
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
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { cookiesOf, ORIGIN, postLogin } from '../support/web';

/**
 * The alert inbox over HTTP, on Node and on the worker: every kind by its label, the
 * filters, sort and total, who handled an alert by name and when, and resolving one whose
 * condition still holds (it comes back at the next sweep) or has cleared.
 */

interface Alert {
  id: string;
  kind: string;
  severity: string;
  status: string;
  subjectId: string;
  contractorId: string;
  raisedAt: string;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  resolutionNote: string | null;
}

let target: Target;
let admin: Client;
let compliance: { id: string; token: string; api: Client };
let manager: { id: string; token: string; api: Client };
let procurement: { id: string; token: string; api: Client };
const fx = {} as Record<'late' | 'lateReview' | 'soon' | 'soonReview' | 'abroad' | 'idle' | 'ending', ContractorBody>;

const sweep = async () => {
  const res = await admin.post('/api/v1/jobs/sweep');
  expect(res.status).toBe(200);
};
const alerts = async (query: string) =>
  ((await (await admin.get(`/api/v1/alerts?limit=200&${query}`)).json()) as { items: Alert[] }).items;
const alertOf = async (id: string) => (await (await admin.get(`/api/v1/alerts/${id}`)).json()) as Alert;

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  [compliance, manager, procurement] = await Promise.all([
    userWithRole(target, 'compliance', { name: '監督 花子' }),
    userWithRole(target, 'manager'),
    userWithRole(target, 'procurement'),
  ]);
  fx.late = await newContractor(admin, { name: '期限超過運輸' });
  fx.lateReview = await scheduleReview(admin, fx.late.id, daysFromToday(-5));
  fx.soon = await newContractor(admin, { name: '間近システム' });
  fx.soonReview = await scheduleReview(admin, fx.soon.id, daysFromToday(3));
  fx.abroad = await newContractor(admin, {
    name: 'Overseas Inc.',
    country: 'US',
    crossBorderBasis: 'equivalent_measures',
  });
  const cb = (await (await admin.get(`/api/v1/reviews?contractorId=${fx.abroad.id}`)).json()) as {
    items: ContractorBody[];
  };
  await compliance.api.patch(`/api/v1/reviews/${cb.items[0]?.id}`, { dueDate: daysFromToday(10) });
  fx.idle = await activeContractor(admin, { name: '予定なし商会' });
  const open = (await (await admin.get(`/api/v1/reviews?contractorId=${fx.idle.id}&status=scheduled`)).json()) as {
    items: ContractorBody[];
  };
  for (const r of open.items) await compliance.api.post(`/api/v1/reviews/${r.id}/cancel`, { reason: '見直し' });
  fx.ending = await newContractor(admin, { name: '契約満了間近社' });
  await newAgreement(admin, fx.ending.id, { endDate: daysFromToday(20) });
  await sweep();
});
afterAll(() => target.close());

const FORM = { 'content-type': 'application/x-www-form-urlencoded' };

async function signIn(token: string, lang: 'ja' | 'en' = 'ja') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = cookiesOf(res).find((c) => c.startsWith('itaku_session=')) ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const csrf = async () => /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string>, headers: Record<string, string> = {}) =>
    target.fetch(path, {
      method: 'POST',
      headers: { cookie, ...FORM, 'accept-language': lang, origin: ORIGIN, ...headers },
      body: new URLSearchParams(form).toString(),
      redirect: 'manual',
    });
  return { get, post, csrf, i18n: i18n(lang) };
}

/** The rows of the inbox page, by alert id, in page order. */
const rowIds = (html: string) => [...html.matchAll(/<tr data-alert="([^"]+)"/g)].map((m) => m[1]);

describe('the inbox', () => {
  it('names every kind by its label, cross-border confirmations included, never by its code', async () => {
    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(manager.token, lang);
      const html = await (await s.get('/alerts?status=all')).text();
      for (const kind of alertKinds) {
        expect(html, kind).toContain(`<option value="${kind}">${s.i18n.label(labels.alertKind, kind)}</option>`);
      }
      const [cb] = await alerts('kind=cross_border_confirmation_due');
      expect(html).toMatch(
        new RegExp(
          `data-alert="${cb?.id}"[\\s\\S]*?<span class="kind">${s.i18n.label(labels.alertKind, 'cross_border_confirmation_due')}</span>`,
        ),
      );
      // Codes appear only as values of the filter's options.
      expect(html.replace(/value="[^"]*"/g, '')).not.toMatch(
        /cross_border_confirmation_due|review_overdue|none_scheduled/,
      );
    }
  });

  it('filters by kind, severity, status and contractor, with the total, in the order chosen', async () => {
    const s = await signIn(manager.token, 'en');
    const all = await alerts('');
    const open = all.filter((a) => a.status === 'open');
    const page = await (await s.get('/alerts')).text();
    expect(page).toContain(`1–${open.length} of ${open.length}`);
    const byKind = await (await s.get('/alerts?kind=review_overdue')).text();
    expect(rowIds(byKind)).toEqual(open.filter((a) => a.kind === 'review_overdue').map((a) => a.id));
    const warnings = await (await s.get('/alerts?status=all&severity=warning')).text();
    expect(rowIds(warnings).sort()).toEqual(
      all
        .filter((a) => a.severity === 'warning')
        .map((a) => a.id)
        .sort(),
    );
    const late = await (await s.get(`/alerts?status=all&contractorId=${fx.late.id}`)).text();
    expect(rowIds(late)).toEqual(all.filter((a) => a.contractorId === fx.late.id).map((a) => a.id));
    expect(late).toMatch(new RegExp(`<option value="${fx.late.id}" selected="">期限超過運輸</option>`));

    const bySeverity = rowIds(await (await s.get('/alerts?sort=severity')).text());
    const rank = { critical: 0, warning: 1, info: 2 } as Record<string, number>;
    const ranks = bySeverity.map((id) => rank[open.find((a) => a.id === id)?.severity ?? ''] ?? 9);
    expect(ranks).toEqual([...ranks].sort());
    const byDue = rowIds(await (await s.get('/alerts?sort=due')).text());
    expect(byDue[0]).toBe(open.find((a) => a.kind === 'review_overdue')?.id);
    // The undated alert (nothing scheduled) comes last.
    expect(byDue.at(-1)).toBe(open.find((a) => a.kind === 'none_scheduled')?.id);
    // Raised times are in ITAKU_TIMEZONE.
    const first = open[0] as Alert;
    expect(page).toContain(`<time datetime="${first.raisedAt}">${s.i18n.dateTime(first.raisedAt)}</time>`);
  });

  it('answers 400 to a value the page cannot use', async () => {
    const s = await signIn(manager.token, 'en');
    for (const q of ['sort=oldest', 'status=closed', 'kind=nope', 'cursor=abc', 'sort=severity&cursor=WyJ4IiwieSJd']) {
      expect((await s.get(`/alerts?${q}`)).status, q).toBe(400);
    }
  });
});

describe('handling alerts', () => {
  it('acknowledges, keeping the list it came from, and says who did it and when', async () => {
    const [alert] = await alerts('kind=review_due_soon&status=open');
    const s = await signIn(compliance.token, 'ja');
    const res = await s.post(`/alerts/${alert?.id}/acknowledge`, {
      _csrf: await s.csrf(),
      back: '/alerts?status=open&kind=review_due_soon&sort=due',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/alerts?status=open&kind=review_due_soon&sort=due&notice=acknowledged');
    const acked = await alertOf(String(alert?.id));
    const html = await (await s.get('/alerts?status=acknowledged')).text();
    expect(html).toContain(`監督 花子が確認（${s.i18n.dateTime(acked.acknowledgedAt)}）`);
    expect(html).not.toContain(compliance.id);
    // An address elsewhere is never followed.
    const other = await s.post(`/alerts/${alert?.id}/acknowledge`, {
      _csrf: await s.csrf(),
      back: 'https://evil.example/',
    });
    expect(other.headers.get('location')).toBe('/alerts?status=open&notice=acknowledged');
  });

  it('resolves an alert whose condition still holds, says it will come back, and the next sweep raises it again', async () => {
    const [alert] = await alerts(`kind=review_overdue&status=open&contractorId=${fx.late.id}`);
    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(compliance.token, lang);
      const page = await (await s.get(`/alerts/${alert?.id}/resolve`)).text();
      expect(page).toContain(s.i18n.t('alr.recurs'));
      expect(page).toContain(`href="/reviews/${fx.lateReview.id}"`);
    }
    const s = await signIn(compliance.token, 'ja');
    const res = await s.post(`/alerts/${alert?.id}/resolve`, {
      _csrf: await s.csrf(),
      note: '来週実施で合意\n担当: 佐藤',
    });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/alerts?status=open&notice=recurs');
    expect(await (await s.get(res.headers.get('location') ?? '')).text()).toContain(s.i18n.t('alr.notice.recurs'));
    const resolved = await alertOf(String(alert?.id));
    expect(resolved).toMatchObject({ status: 'resolved', resolutionNote: '来週実施で合意\n担当: 佐藤' });
    const html = await (await s.get(`/alerts?status=resolved&contractorId=${fx.late.id}`)).text();
    expect(html).toContain(`監督 花子が解決（${s.i18n.dateTime(resolved.resolvedAt)}）`);
    expect(html).toContain('来週実施で合意\n担当: 佐藤');

    await sweep();
    const again = await alerts(`kind=review_overdue&status=open&contractorId=${fx.late.id}`);
    expect(again.map((a) => a.subjectId)).toEqual([fx.lateReview.id]);
    expect(again[0]?.id).not.toBe(alert?.id);
  });

  it('resolves an alert whose condition has cleared without the warning, and shows the sweep’s own resolutions in words', async () => {
    const soon = await newContractor(admin, { name: '完了済みシステム' });
    const review = await scheduleReview(admin, soon.id, daysFromToday(2));
    await sweep();
    const [alert] = await alerts(`kind=review_due_soon&contractorId=${soon.id}`);
    await compliance.api.post(`/api/v1/reviews/${review.id}/complete`, {
      completedOn: today(),
      outcome: 'satisfactory',
      checklist: passingChecklist,
    });
    const s = await signIn(compliance.token, 'en');
    const page = await (await s.get(`/alerts/${alert?.id}/resolve`)).text();
    expect(page).toContain(s.i18n.t('alr.cleared.now'));
    expect(page).not.toContain(s.i18n.t('alr.recurs'));
    const res = await s.post(`/alerts/${alert?.id}/resolve`, { _csrf: await s.csrf(), note: '' });
    expect(res.headers.get('location')).toBe('/alerts?status=open&notice=resolved');

    // The sweep resolves what cleared by itself: shown as itaku, with the reason in words.
    const other = await newContractor(admin, { name: '自動解決社' });
    const r2 = await scheduleReview(admin, other.id, daysFromToday(2));
    await sweep();
    await compliance.api.post(`/api/v1/reviews/${r2.id}/complete`, {
      completedOn: today(),
      outcome: 'satisfactory',
      checklist: passingChecklist,
    });
    await sweep();
    const html = await (await s.get(`/alerts?status=resolved&contractorId=${other.id}`)).text();
    expect(html).toContain('Resolved by itaku (automatically)');
    expect(html).toContain(s.i18n.t('alr.cleared'));
    expect(html).not.toContain('condition cleared');
  });

  it('refuses a note it cannot keep, next to the field in the page’s language, and changes nothing', async () => {
    const [alert] = await alerts('kind=agreement_expiring&status=open');
    for (const lang of ['ja', 'en'] as const) {
      const s = await signIn(compliance.token, lang);
      const res = await s.post(`/alerts/${alert?.id}/resolve`, { _csrf: await s.csrf(), note: 'bell\u0007' });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).toMatch(/id="note"[^>]*aria-invalid="true"/);
      expect(html).toContain(
        lang === 'ja' ? '改行とタブ以外の制御文字は使えません' : 'may contain line breaks and tabs',
      );
      expect(html).toContain('bell');
    }
    expect(await alertOf(String(alert?.id))).toMatchObject({ status: 'open', resolutionNote: null });
  });

  it('lets only compliance act, refuses forged forms, and changes nothing then', async () => {
    const [alert] = await alerts('kind=agreement_expiring&status=open');
    for (const user of [manager, procurement]) {
      const s = await signIn(user.token, 'en');
      expect((await s.get(`/alerts/${alert?.id}/resolve`)).status).toBe(403);
      expect((await s.post(`/alerts/${alert?.id}/resolve`, { _csrf: await s.csrf(), note: 'x' })).status).toBe(403);
      expect((await s.post(`/alerts/${alert?.id}/acknowledge`, { _csrf: await s.csrf() })).status).toBe(403);
      const list = await (await s.get('/alerts')).text();
      expect(list).not.toContain('/resolve"');
      expect(list).not.toContain('/acknowledge"');
    }
    const s = await signIn(compliance.token, 'en');
    expect((await s.post(`/alerts/${alert?.id}/resolve`, { note: 'x' })).status).toBe(403);
    const cross = await s.post(
      `/alerts/${alert?.id}/resolve`,
      { _csrf: await s.csrf(), note: 'x' },
      { origin: 'https://evil.example' },
    );
    expect(cross.status).toBe(403);
    expect((await s.get('/alerts/missing/resolve')).status).toBe(404);
    expect(await alertOf(String(alert?.id))).toMatchObject({ status: 'open', resolutionNote: null });
  });

  it('resolves once when two people resolve at the same time; the other is told it is already resolved', async () => {
    const [alert] = await alerts('kind=agreement_expiring&status=open');
    const s = await signIn(compliance.token, 'ja');
    const csrf = await s.csrf();
    const answers = await Promise.all([
      s.post(`/alerts/${alert?.id}/resolve`, { _csrf: csrf, note: '一人目' }),
      s.post(`/alerts/${alert?.id}/resolve`, { _csrf: csrf, note: '二人目' }),
    ]);
    expect(answers.map((r) => r.status).sort()).toEqual([303, 409]);
    expect(await answers.find((r) => r.status === 409)?.text()).toContain(s.i18n.t('alr.alreadyResolved'));
    const events = await target.query<{ n: number }>(
      "SELECT count(*) AS n FROM audit_events WHERE entity_id = ? AND action = 'alert.resolve'",
      alert?.id,
    );
    expect(events[0]?.n).toBe(1);
  });
});
