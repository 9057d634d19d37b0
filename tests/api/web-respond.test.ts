import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { QuestionnaireTemplate, TemplateQuestion } from '../../src/domain/questionnaire/template';
import { daysFromToday, newContractor } from '../support/factories';
import { client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { ORIGIN } from '../support/web';

/**
 * The respondent's pages over HTTP, as a browser without JavaScript sends them, on Node
 * and on the worker (evidence in R2 there): a contractor's employee answers by the link
 * alone, with no account and no session.
 */

let target: Target;
let compliance: Awaited<ReturnType<typeof userWithRole>>;
let questions: TemplateQuestion[];
/** A questionnaire in Japanese and one in English, each for its own review. */
const q = {} as Record<'ja' | 'en', { id: string; path: string; contractor: string }>;

const PDF = new TextEncoder().encode('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

async function send(lang: 'ja' | 'en', name: string) {
  const contractor = await newContractor(client(target), { name });
  const review = await compliance.api.post('/api/v1/reviews', {
    contractorId: contractor.id,
    kind: 'periodic',
    dueDate: daysFromToday(30),
  });
  const { id: reviewId } = (await review.json()) as { id: string };
  const res = await compliance.api.post(`/api/v1/reviews/${reviewId}/questionnaire`, {
    templateId: 'appi-standard',
    recipientName: lang === 'ja' ? '情報 太郎' : 'Taro Joho',
    recipientEmail: 'taro@contractor.example.jp',
    dueDate: daysFromToday(30),
    language: lang,
  });
  if (res.status !== 201) throw new Error(`sending: ${res.status} ${await res.text()}`);
  const body = (await res.json()) as { id: string; respondentUrl: string };
  return { id: body.id, path: new URL(body.respondentUrl, ORIGIN).pathname, contractor: name };
}

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

/** A form post from the page itself (same-origin Origin), without following the redirect. */
const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  target.fetch(path, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', ...headers },
    body,
    redirect: 'manual',
  });

/** A multipart post, serialised once so both targets receive the same bytes and boundary. */
async function postMultipart(path: string, form: FormData) {
  const encoded = new Request(`${ORIGIN}${path}`, { method: 'POST', body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  return target.fetch(path, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'content-type': encoded.headers.get('content-type') ?? '',
      'content-length': String(body.length),
    },
    body,
    redirect: 'manual',
  });
}

const page = async (path: string) => {
  const res = await target.fetch(path);
  return { res, html: await res.text() };
};

/** The error shown next to a question, if any. */
const errorOf = (html: string, id: string) =>
  new RegExp(`<p class="field-error" id="q-${id}-error">([^<]*)</p>`).exec(html)?.[1] ?? null;

/** The whole form as a browser posts it from a page with nothing answered (unticked radios send nothing). */
function blankForm(): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const question of questions) {
    if (question.type === 'text' || question.type === 'date') fields[`a:${question.id}`] = '';
    fields[`a0:${question.id}`] = '';
    fields[`c:${question.id}`] = '';
    fields[`c0:${question.id}`] = '';
  }
  return fields;
}

/** Every required question answered as a browser posts it (radios "yes", text, dates). */
function allRequired(): Record<string, string> {
  const fields: Record<string, string> = {};
  for (const question of questions.filter((x) => x.required && x.type !== 'file')) {
    fields[`a:${question.id}`] =
      question.type === 'yes_partly_no' ? 'yes' : question.type === 'date' ? '2026-04-01' : '日本のみ';
  }
  return fields;
}

beforeAll(async () => {
  target = await createTarget();
  compliance = await userWithRole(target, 'compliance');
  const template = (await (
    await compliance.api.get('/api/v1/questionnaire-templates/appi-standard')
  ).json()) as QuestionnaireTemplate;
  questions = template.sections.flatMap((s) => [...s.questions]);
  q.ja = await send('ja', '株式会社回答テスト');
  q.en = await send('en', 'Answer Test KK');
});

afterAll(async () => {
  await target?.close();
});

describe('the respondent pages', () => {
  it('show the questionnaire in its own language, with no staff navigation, and only for a real link', async () => {
    // The browser asks for English: the questionnaire's Japanese wins.
    const ja = await target.fetch(`${q.ja.path}?lang=en`, { headers: { 'accept-language': 'en' } });
    const html = await ja.text();
    expect(ja.status).toBe(200);
    expect(html).toContain('<html lang="ja">');
    expect(html).toContain('株式会社回答テスト');
    expect(html).toContain('情報 太郎');
    expect(html).toMatch(/回答期限<\/dt><dd>\d{4}年\d{1,2}月\d{1,2}日/);
    expect(html).toContain('<h2 id="s-10-1-h">10-1 基本方針の策定</h2>');
    expect(html).toContain('href="#s-10-1"');
    expect(html).toContain(`${questions.length} 問中 0 問 回答済み`);
    expect(html).toMatch(/<fieldset class="q" id="q-10-1-1"[^>]*><legend>/);
    expect(html).not.toContain('/login');
    expect(html).not.toContain('aria-label="main"');
    expect(ja.headers.get('cache-control')).toBe('no-store');
    expect(ja.headers.get('referrer-policy')).toBe('same-origin');
    expect(ja.headers.get('x-robots-tag')).toContain('noindex');

    const en = await page(q.en.path);
    expect(en.res.status).toBe(200);
    expect(en.html).toContain('<html lang="en">');
    expect(en.html).toContain('Please answer by');
    expect(en.html).toContain(`0 / ${questions.length} answered`);

    const unknown = await page('/respond/not-a-real-link-0000000000000000');
    expect(unknown.res.status).toBe(404);
    expect(unknown.html).toContain('チェックシートが見つかりません');
    expect(unknown.html).toContain('Questionnaire not found');
  });

  it('save a draft and come back to it; refuse a bad value next to its question, keeping what was typed', async () => {
    const saved = await post(
      q.ja.path,
      form({ 'a:10-1-1': 'yes', 'c:10-1-1': '方針は毎年見直しています', 'a0:10-1-1': '' }),
    );
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${q.ja.path}?saved=1`);
    const back = await page(`${q.ja.path}?saved=1`);
    expect(back.html).toContain('回答を一時保存しました');
    expect(back.html).toMatch(/id="a-10-1-1-yes" name="a:10-1-1" value="yes" checked/);
    expect(back.html).toContain('方針は毎年見直しています</textarea>');
    expect(back.html).toContain(`${questions.length} 問中 1 問 回答済み`);

    for (const lang of ['ja', 'en'] as const) {
      const bad = await post(q[lang].path, form({ 'a:10-2-3': '2026-13-45', 'a:10-4-1': 'yes', 'c:10-4-1': 'kept' }));
      const html = await bad.text();
      expect(bad.status).toBe(422);
      expect(errorOf(html, '10-2-3')).toBeTruthy();
      expect(errorOf(html, '10-2-3')).toMatch(lang === 'ja' ? /[ぁ-んァ-ン一-龯]/ : /^[ -~]+$/);
      expect(html).toContain('value="2026-13-45"');
      expect(html).toContain('kept</textarea>');
    }
    // Nothing of the refused post was saved.
    const after = await page(q.ja.path);
    expect(after.html).not.toMatch(/name="a:10-4-1" value="yes" checked/);
  });

  it('refuses a post from another site, changing nothing', async () => {
    const res = await post(q.ja.path, form({ 'a:10-3-1': 'no' }), { origin: 'https://attacker.example' });
    expect(res.status).toBe(403);
    const missing = await target.fetch(q.ja.path, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form({ 'a:10-3-1': 'no' }),
    });
    expect(missing.status).toBe(403);
    expect((await page(q.ja.path)).html).not.toMatch(/name="a:10-3-1" value="no" checked/);
  });

  it('keeps both answers when two tabs save at once', async () => {
    // Each tab posts the whole form as the page showed it (nothing answered yet), with one change.
    const [one, two] = await Promise.all([
      post(q.en.path, form({ ...blankForm(), 'a:10-3-2': 'partly' })),
      post(q.en.path, form({ ...blankForm(), 'a:10-3-3': 'no', 'c:10-3-3': 'in progress' })),
    ]);
    expect([one.status, two.status]).toEqual([303, 303]);
    const html = (await page(q.en.path)).html;
    expect(html).toMatch(/name="a:10-3-2" value="partly" checked/);
    expect(html).toMatch(/name="a:10-3-3" value="no" checked/);
    expect(html).toContain('in progress</textarea>');
  });

  it('attaches evidence to a question with the answers typed, and refuses a file of no accepted type', async () => {
    const file = questions.find((x) => x.type === 'file');
    if (!file) throw new Error('the template has no file question');
    const upload = new FormData();
    upload.set('a:10-5-1', 'yes');
    upload.set('attach', file.id);
    upload.set(`f:${file.id}`, new File([PDF], 'プライバシーマーク登録証.pdf', { type: 'application/pdf' }));
    const res = await postMultipart(`${q.ja.path}/files`, upload);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`${q.ja.path}?attached=1#q-${file.id}`);
    const html = (await page(q.ja.path)).html;
    expect(html).toContain('プライバシーマーク登録証.pdf');
    expect(html).toMatch(/name="a:10-5-1" value="yes" checked/);
    expect((await target.storedFiles()).length).toBe(1);

    const wrong = new FormData();
    wrong.set('attach', file.id);
    wrong.set('a:10-5-2', 'no');
    wrong.set(`f:${file.id}`, new File([new Uint8Array([0x4d, 0x5a, 0x90, 0, 3, 0, 0, 0])], 'tool.exe'));
    const refused = await postMultipart(`${q.ja.path}/files`, wrong);
    const refusedHtml = await refused.text();
    expect(refused.status).toBe(415);
    expect(errorOf(refusedHtml, file.id)).toBeTruthy();
    expect(refusedHtml).toMatch(/name="a:10-5-2" value="no" checked/);
    expect((await target.storedFiles()).length).toBe(1);

    // Larger than ITAKU_MAX_UPLOAD_MB (20 MiB by default) and the form around it: refused unread.
    const big = new FormData();
    big.set('attach', file.id);
    big.set(`f:${file.id}`, new File([new Uint8Array(21 * 1024 * 1024 + 1)], 'big.pdf'));
    const tooLarge = await postMultipart(`${q.ja.path}/files`, big);
    expect(tooLarge.status).toBe(413);
    expect(await tooLarge.text()).toContain('上限（20 MiB）を超えている');
    expect((await target.storedFiles()).length).toBe(1);
  });

  it('submits only when confirmed and complete, then shows the answers read-only', async () => {
    const unconfirmed = await post(`${q.ja.path}/submit`, form({ 'a:10-6-1': 'yes' }));
    const unconfirmedHtml = await unconfirmed.text();
    expect(unconfirmed.status).toBe(422);
    expect(unconfirmedHtml).toContain('確認欄にチェックを入れてください');
    expect(unconfirmedHtml).toMatch(/name="a:10-6-1" value="yes" checked/);

    // Confirmed, but most required questions are unanswered: a message next to each.
    const incomplete = await post(`${q.ja.path}/submit`, form({ confirm: 'on', 'a:10-6-1': 'yes' }));
    const html = await incomplete.text();
    expect(incomplete.status).toBe(422);
    const required = questions.filter(
      (x) => x.required && x.type !== 'file' && !['10-1-1', '10-5-1', '10-6-1'].includes(x.id),
    );
    for (const question of required) expect(errorOf(html, question.id), question.id).toMatch(/[ぁ-ん]/);
    expect(errorOf(html, '10-1-1')).toBeNull();
    expect(html).toMatch(/name="a:10-6-1" value="yes" checked/);

    const done = await post(`${q.ja.path}/submit`, form({ confirm: 'on', ...allRequired() }));
    expect(done.status).toBe(303);
    expect(done.headers.get('location')).toBe(`${q.ja.path}?submitted=1`);
    const readOnly = await page(`${q.ja.path}?submitted=1`);
    expect(readOnly.res.status).toBe(200);
    expect(readOnly.html).toContain('ご回答ありがとうございました');
    expect(readOnly.html).not.toContain('<form');
    expect(readOnly.html).toContain('方針は毎年見直しています');

    const late = await post(q.ja.path, form({ 'a:10-1-1': 'no', 'a0:10-1-1': 'yes' }));
    expect(late.status).toBe(409);
    expect(await late.text()).toContain('すでに提出済み');

    // Returned for clarification: the reviewer's question stands by its answer, the form is back.
    const returned = await compliance.api.post(`/api/v1/questionnaires/${q.ja.id}/return`, {
      comments: [{ questionId: '10-1-1', comment: '改訂履歴の写しもご提出ください。' }],
    });
    expect(returned.status).toBe(200);
    const again = await page(q.ja.path);
    expect(again.html).toContain('依頼元から確認のため回答が差し戻されました');
    expect(again.html).toMatch(
      /id="q-10-1-1-review"><p class="reviewer-h">依頼元からの確認事項<\/p><p class="reviewer-text">改訂履歴の写しもご提出ください。/,
    );
    expect(again.html).toContain('<form method="post"');
  });

  it('answer 410 once the link is revoked, and throttle guessing', async () => {
    const revoked = await compliance.api.post(`/api/v1/questionnaires/${q.en.id}/revoke`);
    expect(revoked.status).toBe(200);
    const gone = await page(q.en.path);
    expect(gone.res.status).toBe(410);
    expect(gone.html).toContain('no longer valid');
    expect((await post(q.en.path, form({ 'a:10-1-1': 'yes' }))).status).toBe(410);

    let last: Response | undefined;
    for (let i = 0; i < 25 && last?.status !== 429; i++) last = await target.fetch(`/respond/guess-${i}-000000000000`);
    expect(last?.status).toBe(429);
    expect(Number(last?.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(await last?.text()).toContain('アクセスが制限されています');
  });
});
