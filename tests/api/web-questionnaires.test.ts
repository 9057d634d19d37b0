import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { labels } from '../../src/i18n/labels';
import { fieldMessage } from '../../src/i18n/messages';
import { i18n } from '../../src/web/i18n';
import { daysFromToday, newContractor, scheduleReview } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN, postLogin } from '../support/web';

/**
 * The questionnaire pages over HTTP: sending one from a review (the link shown once),
 * refused forms in both languages, the roles, returning, the respondent's JSON API,
 * accepting, and two accepts at once.
 */

let target: Target;
let admin: Client;
let compliance: { token: string; api: Client };
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

async function session(token: string, lang: 'ja' | 'en' = 'en') {
  const res = await postLogin(target, { token }, { lang });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
  const get = (path: string) =>
    target.fetch(path, { headers: { cookie, 'accept-language': lang }, redirect: 'manual' });
  const csrf = /name="_csrf" value="([^"]+)"/.exec(await (await get('/')).text())?.[1] ?? '';
  const post = (path: string, form: Record<string, string>, withCsrf = true) =>
    target.fetch(path, {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'accept-language': lang },
      body: new URLSearchParams({ ...(withCsrf ? { _csrf: csrf } : {}), ...form }).toString(),
      redirect: 'manual',
    });
  return { get, post };
}

interface Questionnaire {
  id: string;
  status: string;
  version: number;
}
const questionnairesOf = async (reviewId: string) =>
  ((await (await admin.get(`/api/v1/questionnaires?reviewId=${reviewId}`)).json()) as { items: Questionnaire[] }).items;

const TOKEN_IN_PAGE = /\/respond\/([A-Za-z0-9_-]{20,})/;
/** The text of a field's error on a page. */
const errorOf = (html: string, name: string) =>
  new RegExp(`id="${name.replaceAll('.', '\\.')}-error">([^<]*)<`).exec(html)?.[1];

const sendForm = (overrides: Record<string, string> = {}) => ({
  templateId: 'appi-standard',
  recipientName: '佐藤 一郎',
  recipientEmail: 'sato@example.co.jp',
  dueDate: daysFromToday(14),
  language: 'ja',
  ...overrides,
});

/** Answers every question that takes a value, as a contractor's tool would. */
async function answerAll(token: string, choice = 'yes') {
  const open = await client(target, null).get(`/api/v1/respond/${token}`);
  expect(open.status).toBe(200);
  const view = (await open.json()) as {
    template: { sections: { questions: { id: string; type: string }[] }[] };
  };
  const answers = view.template.sections
    .flatMap((s) => s.questions)
    .filter((q) => q.type !== 'file')
    .map((q) => ({
      questionId: q.id,
      value: q.type === 'yes_partly_no' ? choice : q.type === 'date' ? daysFromToday(-100) : '規程に従い運用しています',
    }));
  const put = await client(target, null).send('PUT', `/api/v1/respond/${token}`, { answers });
  expect(put.status, await put.clone().text()).toBe(200);
  const submitted = await client(target, null).post(`/api/v1/respond/${token}/submit`, {});
  expect(submitted.status, await submitted.clone().text()).toBe(200);
}

async function openReview() {
  const c = await newContractor(admin, { name: `回答先 ${Math.random().toString(36).slice(2, 8)}` });
  const review = (await scheduleReview(compliance.api, c.id, daysFromToday(40))) as unknown as { id: string };
  return { contractor: c, review };
}

describe('sending a questionnaire from a review', () => {
  it('shows the link once, refuses bad fields next to them in both languages, and only compliance may send', async () => {
    const { review } = await openReview();
    const path = `/reviews/${review.id}/questionnaire`;
    const s = await session(compliance.token, 'en');

    const form = await s.get(path);
    expect(form.status).toBe(200);
    const formHtml = await form.text();
    expect(formHtml).toContain('value="appi-standard"');
    expect(formHtml).toContain(en.t('qn.send.title'));

    // Managers read but never send; a post without the form's token is refused too.
    const m = await session(manager.token, 'en');
    expect((await m.get(path)).status).toBe(403);
    expect((await m.post(path, sendForm())).status).toBe(403);
    expect((await s.post(path, sendForm(), false)).status).toBe(403);
    expect(await questionnairesOf(review.id)).toHaveLength(0);

    // Refused fields, each with its message beside it, what was typed kept, in English and Japanese.
    for (const lang of ['en', 'ja'] as const) {
      const sl = lang === 'en' ? s : await session(compliance.token, 'ja');
      const bad = await sl.post(path, sendForm({ recipientEmail: 'not-an-address', recipientName: '' }));
      expect(bad.status).toBe(400);
      const html = await bad.text();
      expect(errorOf(html, 'recipientEmail'), lang).toBe(fieldMessage('email', undefined, lang));
      expect(errorOf(html, 'recipientName'), lang).toBeTruthy();
      expect(html).toContain('value="not-an-address"');
      expect(html).toContain('aria-describedby="recipientEmail-error"');
      const past = await sl.post(path, sendForm({ dueDate: daysFromToday(-1) }));
      expect(past.status).toBe(400);
      expect(errorOf(await past.text(), 'dueDate'), lang).toBe(fieldMessage('notInPast', undefined, lang));
    }
    expect(await questionnairesOf(review.id)).toHaveLength(0);

    const sent = await s.post(path, sendForm());
    expect(sent.status).toBe(201);
    expect(sent.headers.get('cache-control')).toContain('no-store');
    expect(sent.headers.get('location')).toBeNull();
    const sentHtml = await sent.text();
    const token = TOKEN_IN_PAGE.exec(sentHtml)?.[1];
    expect(token, 'the link on the page').toBeTruthy();
    expect(sentHtml).toContain('id="respondent-url"');
    expect(sentHtml).toContain(en.t('qn.link.notMailed'));
    const [q] = await questionnairesOf(review.id);
    expect(q?.status).toBe('sent');

    // Nowhere else: not on the questionnaire's page, the send form, the review's list or the audit trail.
    for (const again of [`/questionnaires/${q?.id}`, path, '/questionnaires', `/audit?entityType=questionnaire`]) {
      const res = await s.get(again);
      expect(res.status, again).toBe(200);
      const html = await res.text();
      expect(html, again).not.toContain(token as string);
    }
    // The link works for the contractor.
    expect((await client(target, null).get(`/api/v1/respond/${token}`)).status).toBe(200);

    // A second one for the same review is refused, saying why.
    const twice = await s.post(path, sendForm());
    expect(twice.status).toBe(409);
    expect(await twice.text()).toContain(en.t('qn.send.exists'));
    expect(await questionnairesOf(review.id)).toHaveLength(1);

    // A new link, after the confirmation: shown once like the first, which stops working.
    const id = q?.id as string;
    const confirmPage = await (await s.get(`/questionnaires/${id}/resend`)).text();
    const version = /name="version" value="(\d+)"/.exec(confirmPage)?.[1] as string;
    expect((await s.post(`/questionnaires/${id}/resend`, { version })).status).toBe(400);
    const resent = await s.post(`/questionnaires/${id}/resend`, { version, confirm: 'on' });
    expect(resent.status).toBe(200);
    expect(resent.headers.get('cache-control')).toContain('no-store');
    const resentHtml = await resent.text();
    expect(resentHtml).toContain(en.t('qn.link.oldStops'));
    const fresh = TOKEN_IN_PAGE.exec(resentHtml)?.[1] as string;
    expect(fresh).not.toBe(token);
    expect((await client(target, null).get(`/api/v1/respond/${token}`)).status).toBe(404);
    expect((await client(target, null).get(`/api/v1/respond/${fresh}`)).status).toBe(200);
    expect(await (await s.get(`/questionnaires/${id}`)).text()).not.toContain(fresh);

    // Withdrawn: the link ends, and the review can be sent a new questionnaire.
    const v = String((await questionnairesOf(review.id))[0]?.version);
    const revoked = await s.post(`/questionnaires/${id}/revoke`, { version: v, confirm: 'on' });
    expect(revoked.headers.get('location')).toBe(`/questionnaires/${id}?done=revoked`);
    expect((await client(target, null).get(`/api/v1/respond/${fresh}`)).status).toBe(410);
    expect((await s.post(path, sendForm())).status).toBe(201);
  });
});

describe('reviewing the answers', () => {
  it('returns with a comment, takes the answers again through the respondent API, accepts; two accepts at once: one wins', async () => {
    const { review } = await openReview();
    const s = await session(compliance.token, 'ja');
    const sent = await s.post(`/reviews/${review.id}/questionnaire`, sendForm());
    const token = TOKEN_IN_PAGE.exec(await sent.text())?.[1] as string;
    const [q] = await questionnairesOf(review.id);
    const id = q?.id as string;
    await answerAll(token, 'partly');

    const m = await session(manager.token, 'en');
    const read = await m.get(`/questionnaires/${id}`);
    expect(read.status).toBe(200);
    const readHtml = await read.text();
    expect(readHtml).toContain(en.label(labels.questionnaireStatus, 'submitted'));
    expect(readHtml).toContain(en.t('qn.answer.partly'));
    // A manager sees no action and may take none.
    expect(readHtml).not.toContain(`href="/questionnaires/${id}/accept"`);
    expect((await m.get(`/questionnaires/${id}/return`)).status).toBe(403);
    expect((await m.post(`/questionnaires/${id}/accept`, { confirm: 'on', version: String(q?.version) })).status).toBe(
      403,
    );

    // Returning needs at least one comment.
    const page = await s.get(`/questionnaires/${id}/return`);
    expect(page.status).toBe(200);
    const version = /name="version" value="(\d+)"/.exec(await page.text())?.[1] as string;
    const empty = await s.post(`/questionnaires/${id}/return`, { version, 'comment.10-1-1': '  ' });
    expect(empty.status).toBe(400);
    expect(errorOf(await empty.text(), 'comments')).toBe(ja.t('qn.return.oneRequired'));
    expect((await questionnairesOf(review.id))[0]?.status).toBe('submitted');

    const returned = await s.post(`/questionnaires/${id}/return`, {
      version,
      'comment.10-1-1': '基本方針の写しを添付してください。',
    });
    expect(returned.status).toBe(303);
    expect(returned.headers.get('location')).toBe(`/questionnaires/${id}?done=returned`);
    const detail = await (await s.get(`/questionnaires/${id}`)).text();
    expect(detail).toContain(ja.label(labels.questionnaireStatus, 'returned'));
    expect(detail).toContain('基本方針の写しを添付してください。');

    // The link takes answers again; the contractor answers and submits once more.
    await answerAll(token, 'yes');
    const accept = await s.get(`/questionnaires/${id}/accept`);
    expect(accept.status).toBe(200);
    const acceptHtml = await accept.text();
    const v2 = /name="version" value="(\d+)"/.exec(acceptHtml)?.[1] as string;
    // Unconfirmed: asked again, nothing changed.
    const unconfirmed = await s.post(`/questionnaires/${id}/accept`, { version: v2 });
    expect(unconfirmed.status).toBe(400);
    expect(errorOf(await unconfirmed.text(), 'confirm')).toBeTruthy();
    expect((await questionnairesOf(review.id))[0]?.status).toBe('submitted');

    const s2 = await session(compliance.token, 'en');
    const both = await Promise.all([
      s.post(`/questionnaires/${id}/accept`, { version: v2, confirm: 'on' }),
      s2.post(`/questionnaires/${id}/accept`, { version: v2, confirm: 'on' }),
    ]);
    const statuses = both.map((r) => r.status).sort();
    expect(statuses[0]).toBe(303);
    expect([409, 412]).toContain(statuses[1]);
    const loser = both.find((r) => r.status !== 303) as Response;
    const loserHtml = await loser.text();
    expect(loserHtml).toContain(loser === both[0] ? ja.t('qn.conflict') : en.t('qn.conflict'));
    // The loser's page offers no second accept.
    expect(loserHtml).not.toContain(`action="/questionnaires/${id}/accept"`);
    expect((await questionnairesOf(review.id))[0]?.status).toBe('accepted');
    const events = (await (
      await admin.get(`/api/v1/audit-events?entityType=questionnaire&entityId=${id}&limit=50`)
    ).json()) as { items: { action: string }[] };
    expect(events.items.filter((e) => e.action === 'questionnaire.accept')).toHaveLength(1);

    // Read-only for good: the link shows the answers but takes none.
    const again = await client(target, null).send('PUT', `/api/v1/respond/${token}`, { answers: [] });
    expect(again.status).toBe(409);
  });
});

describe('templates', () => {
  it('compliance copies the built-in template and edits the copy; a stale save keeps the typing; managers only read', async () => {
    const s = await session(compliance.token, 'en');
    const m = await session(manager.token, 'en');
    expect((await m.get('/questionnaire-templates')).status).toBe(200);
    expect((await m.post('/questionnaire-templates/appi-standard/copy', {})).status).toBe(403);
    // The built-in template is read-only: its edit form leads back to it.
    expect((await s.get('/questionnaire-templates/appi-standard/edit')).headers.get('location')).toBe(
      '/questionnaire-templates/appi-standard',
    );

    const copied = await s.post('/questionnaire-templates/appi-standard/copy', {});
    expect(copied.status).toBe(303);
    const edit = copied.headers.get('location') as string;
    const id = /^\/questionnaire-templates\/([^/]+)\/edit\?copied=1$/.exec(edit)?.[1] as string;
    expect(id).toBeTruthy();
    const form = await (await s.get(edit)).text();
    expect(form).toContain(en.t('qn.tpl.copied'));
    expect(form).toContain('name="q.10-1-1.textJa"');

    const change = {
      version: '1',
      nameJa: '当社版チェックシート',
      nameEn: 'Our self-assessment',
      'q.10-1-1.present': '1',
      'q.10-1-1.textJa': '基本方針を策定し、公表していますか。',
      'q.10-1-1.textEn': 'Have you adopted and published a basic policy?',
      'q.10-1-1.weight': '3',
      'q.10-1-1.required': 'on',
      'q.10-1-2.present': '1',
      'q.10-1-2.textJa': 'x',
      'q.10-1-2.textEn': 'x',
      'q.10-1-2.weight': '1',
      'q.10-1-2.remove': 'on',
      'new.10-1.textJa': '基本方針を年1回見直していますか。',
      'new.10-1.textEn': 'Do you review the basic policy every year?',
      'new.10-1.type': 'yes_partly_no',
      'new.10-1.weight': '1',
    };
    // A question left without its wording is refused beside it, in Japanese too.
    const sj = await session(compliance.token, 'ja');
    const blank = await sj.post(`/questionnaire-templates/${id}/edit`, { ...change, 'q.10-1-1.textJa': ' ' });
    expect(blank.status).toBe(400);
    const blankHtml = await blank.text();
    expect(errorOf(blankHtml, 'q.10-1-1.textJa')).toBeTruthy();
    expect(blankHtml).toContain('Have you adopted and published a basic policy?');

    const saved = await s.post(`/questionnaire-templates/${id}/edit`, change);
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`/questionnaire-templates/${id}/edit?section=10-1&saved=1`);
    const t = (await (await admin.get(`/api/v1/questionnaire-templates/${id}`)).json()) as {
      version: number;
      name: { ja: string };
      sections: { id: string; questions: { id: string; weight: number; text: { ja: string } }[] }[];
    };
    expect(t.version).toBe(2);
    expect(t.name.ja).toBe('当社版チェックシート');
    const basic = t.sections.find((x) => x.id === '10-1')?.questions ?? [];
    expect(basic.map((q) => [q.id, q.weight, q.text.ja])).toEqual([
      ['10-1-1', 3, '基本方針を策定し、公表していますか。'],
      ['10-1-c1', 1, '基本方針を年1回見直していますか。'],
    ]);

    // Saved against version 1 again: refused, the typing kept over the version saved now.
    const stale = await s.post(`/questionnaire-templates/${id}/edit`, { ...change, nameJa: '古い版からの入力' });
    expect(stale.status).toBe(412);
    const staleHtml = await stale.text();
    expect(staleHtml).toContain(en.t('qn.tpl.conflict'));
    expect(staleHtml).toContain('value="古い版からの入力"');
    expect(staleHtml).toContain('name="version" value="2"');
    expect(
      ((await (await admin.get(`/api/v1/questionnaire-templates/${id}`)).json()) as { version: number }).version,
    ).toBe(2);

    // The copy can be sent.
    const { review } = await openReview();
    expect(await (await s.get(`/reviews/${review.id}/questionnaire`)).text()).toContain(`value="${id}"`);
  });
});
