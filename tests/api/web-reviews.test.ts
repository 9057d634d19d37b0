import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { i18n } from '../../src/web/i18n';
import { countryName } from '../../src/web/pages/contractor-country';
import { daysFromToday, newAgreement, newContractor, scheduleReview, today } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/** The review pages over HTTP: what a review recorded, reschedule, reassign, cancel, complete. */

let target: Target;
let admin: Client;
let compliance: { id: string; token: string; api: Client };
let manager: { token: string };
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = await userWithRole(target, 'compliance', { name: '監査 花子' });
  manager = await userWithRole(target, 'manager');
});
afterAll(() => target?.close());

const en = i18n('en');
const ja = i18n('ja');

/** A browser-like session: the cookie, the page's CSRF token, form posts from our own origin. */
async function session(token: string, lang: 'ja' | 'en' = 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string | string[]>, withCsrf = true) => {
    const body = new URLSearchParams(withCsrf ? { _csrf: csrf } : {});
    for (const [k, v] of Object.entries(form)) for (const one of [v].flat()) body.append(k, one);
    return target.fetch(path, {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
      body: body.toString(),
      redirect: 'manual',
    });
  };
  return { get, post, csrf, cookie };
}

interface Review {
  id: string;
  contractorId: string;
  status: string;
  dueDate: string;
  assignee: string | null;
  outcome: string | null;
  checklist: Record<string, string>;
  cancelReason: string | null;
  createdAt: string;
  version: number;
}
const review = async (id: string) => (await (await admin.get(`/api/v1/reviews/${id}`)).json()) as Review;

async function openReview(due = daysFromToday(20)) {
  const c = await newContractor(admin, { name: `評価先 ${Math.random().toString(36).slice(2, 8)}` });
  return { contractor: c, review: (await scheduleReview(compliance.api, c.id, due)) as unknown as Review };
}

/** The value attribute of a named input on a page. */
const typedIn = (html: string, name: string) => new RegExp(`name="${name}" value="([^"]*)"`).exec(html)?.[1];

/** Every category of the checklist (通則編 10-1 … 10-7): the form asks for each. */
const allAdequate = {
  basicPolicy: 'adequate',
  handlingRules: 'adequate',
  organizational: 'adequate',
  human: 'adequate',
  physical: 'adequate',
  technical: 'adequate',
  externalEnvironment: 'adequate',
};
const ratings = (r: Record<string, string>) =>
  Object.fromEntries(Object.entries(r).map(([k, v]) => [`checklist.${k}`, v]));

describe('a review’s page', () => {
  it('shows what was recorded in words, dates and times in the organisation’s zone, in Japanese and English', async () => {
    const c = await newContractor(admin, { name: '記録表示株式会社' });
    const agreement = await newAgreement(admin, c.id, { title: '配送業務委託契約' });
    const res = await compliance.api.post('/api/v1/reviews', {
      contractorId: c.id,
      agreementId: agreement.id,
      kind: 'on_site_audit',
      dueDate: daysFromToday(-3),
      assignee: '佐藤 一郎',
    });
    const r = (await res.json()) as Review;
    const done = await compliance.api.post(`/api/v1/reviews/${r.id}/complete`, {
      completedOn: today(),
      outcome: 'minor_findings',
      checklist: { ...allAdequate, technical: 'needs_improvement', physical: 'inadequate' },
      notes: '入退室記録は良好。\nログ保管期間が短い。',
      findings: [
        { severity: 'high', category: 'technical', description: 'ログを1年保管する', dueDate: daysFromToday(30) },
      ],
    });
    expect(done.status).toBe(200);
    const saved = await review(r.id);

    for (const [lang, t] of [
      ['ja', ja],
      ['en', en],
    ] as const) {
      const s = await session(compliance.token, lang);
      const page = await s.get(`/reviews/${r.id}`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const l = t.label;
      for (const expected of [
        '記録表示株式会社',
        '配送業務委託契約',
        `href="/agreements/${agreement.id}"`,
        `href="/contractors/${c.id}"`,
        l(labels.reviewKind, 'on_site_audit'),
        l(labels.reviewStatus, 'completed'),
        l(labels.reviewOutcome, 'minor_findings'),
        l(labels.checklistRating, 'needs_improvement'),
        l(labels.checklistRating, 'inadequate'),
        l(labels.findingSeverity, 'high'),
        l(labels.findingStatus, 'open'),
        t.date(saved.dueDate),
        t.date(daysFromToday(30)),
        t.dateTime(saved.createdAt),
        '佐藤 一郎',
        '監査 花子',
        'ログを1年保管する',
        '入退室記録は良好。\nログ保管期間が短い。',
        t.t('rev.closed', { status: l(labels.reviewStatus, 'completed') }),
      ]) {
        expect(html, `${lang}: ${expected}`).toContain(expected);
      }
      // Never a code or a raw timestamp where words belong.
      for (const raw of ['>minor_findings<', '>on_site_audit<', '>needs_improvement<', saved.createdAt]) {
        expect(html, raw).not.toContain(raw);
      }
      // A completed review takes no more changes: no forms but sign-out.
      expect(html).not.toContain(`action="/reviews/${r.id}/`);
    }
  });

  it('pages the findings with a total', async () => {
    const { review: r } = await openReview();
    const findings = Array.from({ length: 55 }, (_, i) => ({
      severity: 'low',
      category: 'human',
      description: `指摘 ${String(i + 1).padStart(2, '0')}`,
      dueDate: daysFromToday(10 + i),
    }));
    const done = await compliance.api.post(`/api/v1/reviews/${r.id}/complete`, {
      completedOn: today(),
      outcome: 'major_findings',
      checklist: allAdequate,
      findings,
    });
    expect(done.status).toBe(200);
    const s = await session(manager.token);
    const first = await (await s.get(`/reviews/${r.id}`)).text();
    expect(first).toContain(en.t('list.range', { from: 1, to: 50, total: 55 }));
    expect((first.match(/data-finding=/g) ?? []).length).toBe(50);
    const next = /<a class="button secondary" rel="next" href="([^"]+)"/.exec(first)?.[1]?.replaceAll('&amp;', '&');
    expect(next).toMatch(new RegExp(`^/reviews/${r.id}\\?cursor=`));
    const second = await (await s.get(next ?? '')).text();
    expect(second).toContain(en.t('list.range', { from: 51, to: 55, total: 55 }));
    expect(second).toContain('指摘 55');
    expect(second).not.toContain('指摘 01');
    expect(second).toContain('rel="prev"');
  });

  it('records a completion with the most findings the API takes (100) on both runtimes', async () => {
    const { review: r } = await openReview();
    const findings = Array.from({ length: 100 }, (_, i) => ({
      severity: 'medium',
      category: 'organizational',
      description: `体制の指摘 ${i + 1}`,
      dueDate: daysFromToday(30),
    }));
    const done = await compliance.api.post(`/api/v1/reviews/${r.id}/complete`, {
      completedOn: today(),
      outcome: 'unsatisfactory',
      checklist: allAdequate,
      findings,
    });
    expect(done.status).toBe(200);
    expect(((await done.json()) as { findings: unknown[] }).findings).toHaveLength(100);
    const html = await (await (await session(manager.token)).get(`/reviews/${r.id}`)).text();
    expect(html).toContain(en.t('list.range', { from: 1, to: 50, total: 100 }));
  });

  it('shows, beside the external-environment rating, the 10-7 notes of each foreign country and those missing', async () => {
    const c = await newContractor(admin, {
      name: 'Overseas Cloud株式会社',
      country: 'US',
      crossBorderBasis: 'equivalent_measures',
      processingCountries: ['US', 'SG'],
      countryNotes: [{ country: 'US', notes: '州法による規制（CCPA等）を確認した。', checkedOn: daysFromToday(-10) }],
    });
    const r = await scheduleReview(admin, c.id, daysFromToday(3));
    const html = await (await (await session(compliance.token, 'ja')).get(`/reviews/${r.id}/complete`)).text();
    const notes = /<div class="notice" id="external-environment-notes">([\s\S]*?)<\/div>/.exec(html)?.[1] ?? '';
    expect(notes).toContain('州法による規制（CCPA等）を確認した。');
    expect(notes).toContain(ja.t('rev.externalUnnoted', { country: countryName('ja', 'SG') }));
    // A contractor that handles everything in Japan has no such notes.
    const home = await scheduleReview(admin, (await newContractor(admin)).id, daysFromToday(3));
    const plain = await (await (await session(compliance.token, 'ja')).get(`/reviews/${home.id}/complete`)).text();
    expect(plain).not.toContain('external-environment-notes');
  });

  it('answers 404 for an unknown review and 400 for a cursor it cannot read', async () => {
    const s = await session(manager.token, 'ja');
    const missing = await s.get('/reviews/no-such-review');
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain(ja.t('err.notFound'));
    const { review: r } = await openReview();
    expect((await s.get(`/reviews/${r.id}?cursor=%%%`)).status).toBe(400);
  });

  it('shows a manager no controls, and refuses their posts with nothing changed', async () => {
    const { review: r } = await openReview();
    const s = await session(manager.token);
    const html = await (await s.get(`/reviews/${r.id}`)).text();
    expect(html).not.toContain(`action="/reviews/${r.id}/`);
    expect(html).not.toContain(`/reviews/${r.id}/complete`);
    for (const [path, form] of [
      ['reschedule', { dueDate: daysFromToday(40), version: '1' }],
      ['reassign', { assignee: 'manager', version: '1' }],
      ['cancel', { reason: 'no', confirm: 'on', version: '1' }],
      ['complete', { completedOn: today(), outcome: 'satisfactory', ...ratings(allAdequate) }],
    ] as const) {
      const res = await s.post(`/reviews/${r.id}/${path}`, form);
      expect(res.status, path).toBe(403);
      expect(await res.text()).toContain(en.t('err.forbidden', { role: 'Manager' }));
    }
    expect((await s.get(`/reviews/${r.id}/complete`)).status).toBe(403);
    expect(await review(r.id)).toMatchObject({ status: 'scheduled', dueDate: r.dueDate, version: 1 });
  });

  it('refuses a post without the page’s CSRF token', async () => {
    const { review: r } = await openReview();
    const s = await session(compliance.token);
    const res = await s.post(`/reviews/${r.id}/reschedule`, { dueDate: daysFromToday(40), version: '1' }, false);
    expect(res.status).toBe(403);
    expect(await res.text()).toContain(en.t('err.csrf'));
    const forged = await s.post(`/reviews/${r.id}/cancel`, { _csrf: 'forged', reason: 'x', confirm: 'on' }, false);
    expect(forged.status).toBe(403);
    expect(await review(r.id)).toMatchObject({ status: 'scheduled', version: 1 });
  });
});

describe('rescheduling and reassigning', () => {
  it('reschedules and reassigns as compliance, then shows the review again', async () => {
    const { review: r } = await openReview();
    const s = await session(compliance.token);
    const html = await (await s.get(`/reviews/${r.id}`)).text();
    expect(typedIn(html, 'dueDate')).toBe(r.dueDate);
    const moved = await s.post(`/reviews/${r.id}/reschedule`, { dueDate: daysFromToday(45), version: '1' });
    expect(moved.status).toBe(303);
    expect(moved.headers.get('location')).toBe(`/reviews/${r.id}?saved=1`);
    expect(await review(r.id)).toMatchObject({ dueDate: daysFromToday(45), version: 2 });
    const again = await (await s.get(`/reviews/${r.id}?saved=1`)).text();
    expect(again).toContain(en.t('c.saved'));
    expect(again).toContain(en.date(daysFromToday(45)));
    expect(again).toContain(en.t('rev.history'));

    expect((await s.post(`/reviews/${r.id}/reassign`, { assignee: '田中 次郎', version: '2' })).status).toBe(303);
    expect(await review(r.id)).toMatchObject({ assignee: '田中 次郎', version: 3 });
    // Left empty: nobody.
    expect((await s.post(`/reviews/${r.id}/reassign`, { assignee: '  ', version: '3' })).status).toBe(303);
    expect(await review(r.id)).toMatchObject({ assignee: null, version: 4 });
  });

  it('names the refused field in the page’s language, keeps what was typed, and changes nothing', async () => {
    const { review: r } = await openReview();
    for (const [lang, t, message] of [
      ['ja', ja, '日付を入力してください'],
      ['en', en, 'must be a calendar date YYYY-MM-DD'],
    ] as const) {
      const s = await session(compliance.token, lang);
      const res = await s.post(`/reviews/${r.id}/reschedule`, { dueDate: '2026-02-30', version: '1' });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(typedIn(html, 'dueDate')).toBe('2026-02-30');
      expect(html).toMatch(/id="dueDate"[^>]*aria-invalid="true"[^>]*aria-describedby="dueDate-error"/);
      expect(html).toContain(`<p class="field-error" id="dueDate-error">${message}`);
      expect(html).toContain(t.t('err.title'));
      const blank = await (await s.post(`/reviews/${r.id}/reschedule`, { dueDate: '', version: '1' })).text();
      expect(blank).toContain(lang === 'ja' ? '指定してください' : 'is required');
      const long = await s.post(`/reviews/${r.id}/reassign`, { assignee: 'あ'.repeat(101), version: '1' });
      expect(long.status).toBe(400);
      expect(await long.text()).toContain(lang === 'ja' ? '100文字以内で入力してください' : 'at most 100 characters');
    }
    expect(await review(r.id)).toMatchObject({ dueDate: r.dueDate, assignee: null, version: 1 });
  });

  it('after someone else’s change (412) shows what is saved now and keeps the typing', async () => {
    const { review: r } = await openReview();
    const s = await session(compliance.token, 'ja');
    await compliance.api.patch(`/api/v1/reviews/${r.id}`, { assignee: '別の人' }, { 'if-match': '"1"' });
    const res = await s.post(`/reviews/${r.id}/reschedule`, { dueDate: daysFromToday(60), version: '1' });
    expect(res.status).toBe(412);
    const html = await res.text();
    expect(html).toContain(ja.t('rev.conflict'));
    expect(typedIn(html, 'dueDate')).toBe(daysFromToday(60));
    expect(html).toContain('別の人');
    expect(html).toContain('name="version" value="2"');
    expect(await review(r.id)).toMatchObject({ dueDate: r.dueDate, version: 2 });
    // Sent again from that page, it applies.
    expect((await s.post(`/reviews/${r.id}/reschedule`, { dueDate: daysFromToday(60), version: '2' })).status).toBe(
      303,
    );
    expect(await review(r.id)).toMatchObject({ dueDate: daysFromToday(60), assignee: '別の人', version: 3 });
  });

  it('lets exactly one of two parallel changes of the same version through', async () => {
    const { review: r } = await openReview();
    const [a, b] = await Promise.all([session(compliance.token), session(compliance.token)]);
    const results = await Promise.all([
      a.post(`/reviews/${r.id}/reschedule`, { dueDate: daysFromToday(70), version: '1' }),
      b.post(`/reviews/${r.id}/reassign`, { assignee: '並行 太郎', version: '1' }),
    ]);
    expect(results.map((x) => x.status).sort()).toEqual([303, 412]);
    const after = await review(r.id);
    expect(after.version).toBe(2);
    const applied = results[0]?.status === 303 ? 'reschedule' : 'reassign';
    if (applied === 'reschedule') expect(after).toMatchObject({ dueDate: daysFromToday(70), assignee: null });
    else expect(after).toMatchObject({ dueDate: r.dueDate, assignee: '並行 太郎' });
  });
});

describe('cancelling', () => {
  it('needs a reason and a confirmation, both reported at once, and changes nothing without them', async () => {
    const { review: r } = await openReview();
    const s = await session(compliance.token, 'ja');
    const res = await s.post(`/reviews/${r.id}/cancel`, { reason: '', version: '1' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('<p class="field-error" id="reason-error">入力してください</p>');
    expect(html).toContain(`<p class="field-error" id="confirm-error">${ja.t('rev.confirmRequired')}</p>`);
    const typed = await (await s.post(`/reviews/${r.id}/cancel`, { reason: '契約終了のため', version: '1' })).text();
    expect(typed).toContain('契約終了のため</textarea>');
    expect(typed).toContain('id="confirm-error"');
    expect(typed).not.toContain('id="reason-error"');
    expect(await review(r.id)).toMatchObject({ status: 'scheduled', version: 1 });
  });

  it('cancels with the reason, and the page says why and takes no more changes', async () => {
    const { review: r } = await openReview();
    const s = await session(compliance.token);
    const res = await s.post(`/reviews/${r.id}/cancel`, { reason: '委託終了のため不要', confirm: 'on', version: '1' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/reviews/${r.id}?saved=1`);
    expect(await review(r.id)).toMatchObject({ status: 'cancelled', cancelReason: '委託終了のため不要' });
    const html = await (await s.get(`/reviews/${r.id}`)).text();
    expect(html).toContain(en.t('rev.cancelReason'));
    expect(html).toContain('委託終了のため不要');
    expect(html).not.toContain(`action="/reviews/${r.id}/`);
    const again = await s.post(`/reviews/${r.id}/reschedule`, { dueDate: daysFromToday(5), version: '2' });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain('already cancelled');
    expect((await s.get(`/reviews/${r.id}/complete`)).headers.get('location')).toBe(`/reviews/${r.id}`);
  });

  it('keeps the reason typed when the review changed meanwhile (412)', async () => {
    const { review: r } = await openReview();
    const s = await session(compliance.token);
    await compliance.api.patch(`/api/v1/reviews/${r.id}`, { dueDate: daysFromToday(90) }, { 'if-match': '"1"' });
    const res = await s.post(`/reviews/${r.id}/cancel`, { reason: '重複して予定した', confirm: 'on', version: '1' });
    expect(res.status).toBe(412);
    const html = await res.text();
    expect(html).toContain('重複して予定した</textarea>');
    expect(html).toContain(en.t('rev.conflict'));
    expect(await review(r.id)).toMatchObject({ status: 'scheduled', version: 2 });
  });

  it('the API takes If-Match on cancel too: a stale one gets 412 and changes nothing', async () => {
    const { review: r } = await openReview();
    await compliance.api.patch(`/api/v1/reviews/${r.id}`, { assignee: 'x' }, { 'if-match': '"1"' });
    const stale = await compliance.api.post(`/api/v1/reviews/${r.id}/cancel`, { reason: 'dup' }, { 'if-match': '"1"' });
    expect(stale.status).toBe(412);
    expect(((await stale.json()) as { type: string }).type).toBe('/problems/precondition-failed');
    expect(await review(r.id)).toMatchObject({ status: 'scheduled', version: 2 });
    const fresh = await compliance.api.post(`/api/v1/reviews/${r.id}/cancel`, { reason: 'dup' }, { 'if-match': '"2"' });
    expect(fresh.status).toBe(200);
    expect(fresh.headers.get('etag')).toBe('"3"');
    const doc = (await (await admin.get('/api/openapi.json')).json()) as {
      paths: Record<string, Record<string, { parameters?: { name: string; in: string }[]; responses: object }>>;
    };
    const cancel = doc.paths['/api/v1/reviews/{id}/cancel']?.post;
    expect(cancel?.parameters?.some((p) => p.name === 'if-match' && p.in === 'header')).toBe(true);
    expect(Object.keys(cancel?.responses ?? {})).toContain('412');
  });
});

describe('completing a review', () => {
  it('preselects no outcome and no rating', async () => {
    const { review: r } = await openReview();
    const s = await session(compliance.token);
    const html = await (await s.get(`/reviews/${r.id}/complete`)).text();
    expect(typedIn(html, 'completedOn')).toBe(today());
    for (const name of ['outcome', ...Object.keys(allAdequate).map((k) => `checklist.${k}`)]) {
      const select = new RegExp(`<select id="${name.replace('.', '\\.')}"[^>]*>([\\s\\S]*?)</select>`).exec(html)?.[1];
      expect(select, name).toContain(`<option value="">${en.t('rev.choose')}</option>`);
      expect(select, name).not.toContain('selected');
    }
  });

  it('names every choice not made next to its field, in Japanese and English, and records nothing', async () => {
    const { review: r } = await openReview();
    for (const [lang, message] of [
      ['ja', '指定してください'],
      ['en', 'is required'],
    ] as const) {
      const s = await session(compliance.token, lang);
      const res = await s.post(`/reviews/${r.id}/complete`, {
        completedOn: today(),
        outcome: '',
        'checklist.organizational': 'adequate',
        notes: '途中まで入力',
      });
      expect(res.status).toBe(400);
      const html = await res.text();
      for (const name of [
        'outcome',
        'checklist.basicPolicy',
        'checklist.handlingRules',
        'checklist.human',
        'checklist.physical',
        'checklist.technical',
        'checklist.externalEnvironment',
      ]) {
        expect(html, name).toContain(`<p class="field-error" id="${name}-error">${message}</p>`);
        expect(html, name).toMatch(new RegExp(`<select id="${name.replace('.', '\\.')}"[^>]*aria-invalid="true"`));
      }
      expect(html).not.toContain('id="checklist.organizational-error"');
      expect(html).toMatch(/<option value="adequate" selected="">/);
      expect(html).toContain('途中まで入力</textarea>');
    }
    expect(await review(r.id)).toMatchObject({ status: 'scheduled', outcome: null, version: 1 });
  });

  it('asks to confirm "satisfactory" with an inadequate category before recording it', async () => {
    const { contractor, review: r } = await openReview();
    const s = await session(compliance.token, 'ja');
    const form = {
      completedOn: today(),
      outcome: 'satisfactory',
      ...ratings({ ...allAdequate, physical: 'inadequate' }),
      notes: '入退室管理に不備',
    };
    const asked = await s.post(`/reviews/${r.id}/complete`, form);
    expect(asked.status).toBe(200);
    const html = await asked.text();
    expect(html).toContain(
      ja.t('rev.satisfactoryInadequate', { outcome: '適切', rating: '不適切', categories: '物理的' }),
    );
    expect(html).toContain('name="confirmOutcome"');
    expect(html).toContain('name="confirming" value="1"');
    expect(html).toContain('入退室管理に不備</textarea>');
    expect(await review(r.id)).toMatchObject({ status: 'scheduled' });

    // Sent back without the box ticked: the box says so.
    const unticked = await s.post(`/reviews/${r.id}/complete`, { ...form, confirming: '1' });
    expect(unticked.status).toBe(400);
    expect(await unticked.text()).toContain(
      `<p class="field-error" id="confirmOutcome-error">${ja.t('rev.confirmRequired')}</p>`,
    );
    expect(await review(r.id)).toMatchObject({ status: 'scheduled' });

    const done = await s.post(`/reviews/${r.id}/complete`, { ...form, confirming: '1', confirmOutcome: 'on' });
    expect(done.status).toBe(303);
    const location = done.headers.get('location') ?? '';
    expect(location).toMatch(new RegExp(`^/reviews/${r.id}\\?saved=1&next=\\d{4}-\\d{2}-\\d{2}$`));
    expect(await review(r.id)).toMatchObject({
      status: 'completed',
      outcome: 'satisfactory',
      checklist: { ...allAdequate, physical: 'inadequate' },
    });
    const next = new URL(location, ORIGIN).searchParams.get('next') ?? '';
    const detail = await (await s.get(location)).text();
    expect(detail).toContain(ja.t('r.next', { date: ja.date(next) }));
    expect(detail).toContain(`href="/contractors/${contractor.id}"`);
  });

  it('records a consistent outcome at once, changing the outcome on the confirmation step too', async () => {
    const { review: r } = await openReview();
    const s = await session(compliance.token);
    const base = { completedOn: today(), ...ratings({ ...allAdequate, human: 'inadequate' }) };
    expect((await s.post(`/reviews/${r.id}/complete`, { ...base, outcome: 'satisfactory' })).status).toBe(200);
    const res = await s.post(`/reviews/${r.id}/complete`, { ...base, outcome: 'major_findings', confirming: '1' });
    expect(res.status).toBe(303);
    expect(await review(r.id)).toMatchObject({ status: 'completed', outcome: 'major_findings' });
    // Completed twice (a second tab): the form comes back with the rule, nothing doubled.
    const twice = await s.post(`/reviews/${r.id}/complete`, { ...base, outcome: 'major_findings' });
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain('already completed');
  });
});
