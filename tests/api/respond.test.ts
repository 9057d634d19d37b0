import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appiStandard } from '../../src/domain/questionnaire/appi-standard';
import { daysFromToday, newContractor } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

/**
 * The respondent's JSON twin: no itaku account, the link's token is the key. E-mail is not
 * configured here, so sending queues no invitation.
 */

let target: Target;
let compliance: Client;
let procurement: Client;

beforeAll(async () => {
  target = await createTarget();
  compliance = (await userWithRole(target, 'compliance')).api;
  procurement = (await userWithRole(target, 'procurement')).api;
});
afterAll(() => target.close());

const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;
const questions = appiStandard.sections.flatMap((s) => s.questions);
const yesNo = questions.filter((q) => q.type === 'yes_partly_no');
const dateQuestion = questions.find((q) => q.type === 'date')?.id as string;
const fileQuestion = questions.find((q) => q.type === 'file')?.id as string;
const textQuestion = questions.find((q) => q.type === 'text')?.id as string;
const required = questions.filter((q) => q.required);

/** A respondent at an address of its own (the throttle counts per address). */
const respondent = (address: string) => {
  const api = client(target, null);
  const at = { 'cf-connecting-ip': address };
  return {
    get: (path: string) => api.get(path, at),
    put: (path: string, body: unknown) => api.send('PUT', path, body, at),
    post: (path: string) => api.post(path, undefined, at),
  };
};

async function sendOne(name = '株式会社サンプル印刷') {
  const contractor = await newContractor(procurement, { name });
  const review = await json<{ id: string }>(
    await compliance.post('/api/v1/reviews', {
      contractorId: contractor.id,
      kind: 'periodic',
      dueDate: daysFromToday(30),
    }),
  );
  const sent = await json<{ id: string; respondentUrl: string }>(
    await compliance.post(`/api/v1/reviews/${review.id}/questionnaire`, {
      templateId: 'appi-standard',
      recipientName: '鈴木 花子',
      recipientEmail: 'suzuki@example.co.jp',
      dueDate: daysFromToday(14),
      language: 'ja',
    }),
  );
  return {
    id: sent.id,
    contractorId: contractor.id,
    link: `/api/v1/respond/${sent.respondentUrl.split('/respond/')[1]}`,
  };
}

const pdf = () =>
  new TextEncoder().encode(
    '%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n',
  );

async function attach(link: string, questionId: string, bytes: Uint8Array, name: string) {
  const form = new FormData();
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name));
  form.set('questionId', questionId);
  const encoded = new Request('http://form.invalid/', { method: 'POST', body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  return target.fetch(`${link}/files`, {
    method: 'POST',
    headers: { 'content-type': encoded.headers.get('content-type') ?? '', 'cf-connecting-ip': '192.0.2.10' },
    body,
  });
}

describe('answering through the link', () => {
  it('opens without an account, refuses bad answers naming them, saves drafts, attaches evidence, and submits once complete', async () => {
    const q = await sendOne();
    const me = respondent('192.0.2.10');
    expect(await target.query('SELECT id FROM outbox')).toEqual([]);
    const opened = await me.get(q.link);
    expect(opened.status).toBe(200);
    expect(await json(opened)).toMatchObject({
      questionnaireId: q.id,
      language: 'ja',
      contractorName: '株式会社サンプル印刷',
      organizationName: null,
      recipientName: '鈴木 花子',
      status: 'sent',
      readOnly: false,
      template: { id: 'appi-standard', version: 1 },
      answers: [],
    });

    for (const [answer, path, status] of [
      [{ questionId: 'nope', value: 'yes' }, 'answers.0.questionId', 422],
      [{ questionId: yesNo[0]?.id, value: 'maybe' }, 'answers.0.value', 422],
      [{ questionId: dateQuestion, value: '2026-02-30' }, 'answers.0.value', 422],
      [{ questionId: fileQuestion, value: 'see attachment' }, 'answers.0.value', 422],
      [{ questionId: textQuestion, value: 'x'.repeat(4001) }, 'answers.0.value', 400],
      [{ questionId: textQuestion, value: '国内\u202eのみ' }, 'answers.0.value', 422],
      [{ questionId: textQuestion, extra: 1 }, 'answers.0.extra', 400],
    ] as const) {
      const res = await me.put(q.link, { answers: [answer] });
      expect(res.status, JSON.stringify(answer).slice(0, 80)).toBe(status);
      expect(
        (await problem(res)).errors?.map((e) => e.path),
        JSON.stringify(answer),
      ).toEqual([path]);
    }
    const dup = await me.put(q.link, { answers: [{ questionId: dateQuestion }, { questionId: dateQuestion }] });
    expect((await problem(dup)).errors?.map((e) => e.path)).toEqual(['answers.1.questionId']);
    expect(await target.query('SELECT * FROM questionnaire_answers')).toEqual([]);

    const saved = await me.put(q.link, {
      answers: [
        { questionId: yesNo[0]?.id, value: 'partly', comment: '一部の部署のみ' },
        { questionId: dateQuestion, value: '2026-04-01' },
        { questionId: textQuestion, value: '日本国内のみ\r\n（東京・大阪）' },
      ],
    });
    expect(saved.status).toBe(200);
    const draft = await json<{
      status: string;
      answers: { questionId: string; value: string; comment: string | null }[];
    }>(saved);
    expect(draft.status).toBe('in_progress');
    expect(draft.answers).toContainEqual(
      expect.objectContaining({ questionId: yesNo[0]?.id, value: 'partly', comment: '一部の部署のみ' }),
    );
    expect(draft.answers).toContainEqual(
      expect.objectContaining({ questionId: textQuestion, value: '日本国内のみ\n（東京・大阪）' }),
    );
    // A value left out keeps its answer; "" clears it.
    await me.put(q.link, {
      answers: [
        { questionId: yesNo[0]?.id, comment: '全部署で実施' },
        { questionId: dateQuestion, value: '' },
      ],
    });
    const after = await json<{ answers: { questionId: string; value: string | null; comment: string | null }[] }>(
      await me.get(q.link),
    );
    expect(after.answers.find((a) => a.questionId === yesNo[0]?.id)).toMatchObject({
      value: 'partly',
      comment: '全部署で実施',
    });
    expect(after.answers.find((a) => a.questionId === dateQuestion)?.value).toBeNull();

    // Evidence for one question, stored as a document of the contractor.
    expect((await attach(q.link, 'nope', pdf(), 'a.pdf')).status).toBe(422);
    expect((await attach(q.link, fileQuestion, new TextEncoder().encode('MZ\x90\x00'), 'x.exe')).status).toBe(415);
    const uploaded = await attach(q.link, fileQuestion, pdf(), 'プライバシーマーク登録証.pdf');
    expect(uploaded.status).toBe(201);
    const document = await json<{ id: string }>(uploaded);
    expect(document).toMatchObject({
      contractorId: q.contractorId,
      questionnaireId: q.id,
      questionId: fileQuestion,
      fileName: 'プライバシーマーク登録証.pdf',
      contentType: 'application/pdf',
      uploadedBy: `respondent:${q.id}`,
    });
    const listed = await json<{ items: { id: string }[] }>(
      await compliance.get(`/api/v1/documents?questionnaireId=${q.id}`),
    );
    expect(listed.items.map((d) => d.id)).toEqual([document.id]);
    const withFile = await json<{ answers: { questionId: string; documents: { id: string; fileName: string }[] }[] }>(
      await me.get(q.link),
    );
    expect(withFile.answers.find((a) => a.questionId === fileQuestion)?.documents).toEqual([
      { id: document.id, fileName: 'プライバシーマーク登録証.pdf', size: pdf().length, contentType: 'application/pdf' },
    ]);
    const staffView = await json<{ answers: { questionId: string; documentIds: string[] }[] }>(
      await compliance.get(`/api/v1/questionnaires/${q.id}`),
    );
    expect(staffView.answers.find((a) => a.questionId === fileQuestion)?.documentIds).toEqual([document.id]);

    // Submitting names every required question still unanswered.
    const incomplete = await me.post(`${q.link}/submit`);
    expect(incomplete.status).toBe(422);
    const p = await problem(incomplete);
    expect(p.type).toBe('/problems/questionnaire-incomplete');
    const answered = new Set([yesNo[0]?.id, textQuestion]);
    expect(p.errors?.map((e) => e.path).sort()).toEqual(
      required
        .filter((r) => !answered.has(r.id))
        .map((r) => `answers.${r.id}`)
        .sort(),
    );
    const all = questions
      .filter((x) => x.type !== 'file')
      .map((x) => ({
        questionId: x.id,
        value: x.type === 'yes_partly_no' ? 'yes' : x.type === 'date' ? '2026-04-01' : 'なし',
      }));
    expect((await me.put(q.link, { answers: all })).status).toBe(200);
    const submitted = await me.post(`${q.link}/submit`);
    expect(submitted.status).toBe(200);
    expect(await json(submitted)).toMatchObject({ status: 'submitted', readOnly: true });
    expect((await me.put(q.link, { answers: [{ questionId: dateQuestion, value: '2026-05-01' }] })).status).toBe(409);
    expect((await attach(q.link, fileQuestion, pdf(), 'b.pdf')).status).toBe(409);
    expect((await json<{ readOnly: boolean }>(await me.get(q.link))).readOnly).toBe(true);

    const actors = await target.query<{ actor: string; action: string }>(
      "SELECT DISTINCT actor, action FROM audit_events WHERE entity_id = ? AND action <> 'questionnaire.send' ORDER BY action",
      q.id,
    );
    expect(actors).toEqual(
      ['questionnaire.answer', 'questionnaire.attach', 'questionnaire.submit'].map((action) => ({
        actor: `respondent:${q.id}`,
        action,
      })),
    );
  });

  it('keeps a submit and saves arriving at once consistent: no answer changes after the submit', async () => {
    const q = await sendOne();
    const me = respondent('192.0.2.11');
    const all = questions
      .filter((x) => x.type !== 'file')
      .map((x) => ({
        questionId: x.id,
        value: x.type === 'yes_partly_no' ? 'yes' : x.type === 'date' ? '2026-04-01' : 'なし',
      }));
    expect((await me.put(q.link, { answers: all })).status).toBe(200);
    const target0 = yesNo[1]?.id as string;
    const results = await Promise.all([
      me.post(`${q.link}/submit`),
      me.post(`${q.link}/submit`),
      ...['no', 'partly', 'no', 'partly'].map((value) => me.put(q.link, { answers: [{ questionId: target0, value }] })),
    ]);
    const [submitA, submitB, ...saves] = results.map((r) => r.status);
    expect([submitA, submitB].sort()).toEqual([200, 409]);
    for (const s of saves) expect([200, 409]).toContain(s);
    const [row] = await target.query<{ status: string; submitted_at: string; updated_at: string }>(
      'SELECT status, submitted_at, updated_at FROM questionnaires WHERE id = ?',
      q.id,
    );
    expect(row?.status).toBe('submitted');
    const answers = await target.query<{ updated_at: string }>(
      'SELECT updated_at FROM questionnaire_answers WHERE questionnaire_id = ? AND question_id = ?',
      q.id,
      target0,
    );
    // Whichever saves went through did so before the submit; none after it.
    expect(String(answers[0]?.updated_at) <= String(row?.submitted_at)).toBe(true);
    const submits = await target.query(
      "SELECT seq FROM audit_events WHERE entity_id = ? AND action = 'questionnaire.submit'",
      q.id,
    );
    expect(submits).toHaveLength(1);
    expect(saves.filter((s) => s === 200).length).toBe(
      (await target.query("SELECT seq FROM audit_events WHERE entity_id = ? AND action = 'questionnaire.answer'", q.id))
        .length - 1,
    );
  });
});

describe('links that do not open', () => {
  it('answers 404 to unknown links, 410 once expired or revoked, and throttles unknown links per address only', async () => {
    const q = await sendOne();
    const me = respondent('198.51.100.7');
    // A contractor's own requests are never counted…
    for (let i = 0; i < 21; i++) expect((await me.get(q.link)).status).toBe(200);
    // …guesses are: 20 per window, then 429 for every link from that address.
    for (let i = 0; i < 20; i++) {
      const res = await me.get(`/api/v1/respond/itq_guess${i}`);
      expect(res.status).toBe(404);
      expect((await problem(res)).type).toBe('/problems/not-found');
    }
    const blocked = await me.get('/api/v1/respond/itq_guess20');
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await problem(blocked)).type).toBe('/problems/too-many-attempts');
    expect((await me.get(q.link)).status).toBe(429);
    // Another address is not held up.
    const other = respondent('198.51.100.8');
    expect((await other.get(q.link)).status).toBe(200);

    await target.exec(`UPDATE questionnaires SET expires_at = '2000-01-01T00:00:00.000Z' WHERE id = '${q.id}'`);
    const expired = await other.get(q.link);
    expect(expired.status).toBe(410);
    expect((await problem(expired)).type).toBe('/problems/gone');
    expect((await other.put(q.link, { answers: [] })).status).toBe(410);
    expect((await json<{ expired: boolean }>(await compliance.get(`/api/v1/questionnaires/${q.id}`))).expired).toBe(
      true,
    );
  });

  it('is public in the OpenAPI document: no bearer, the token in the path', async () => {
    const doc = await json<{ paths: Record<string, Record<string, { security?: unknown; responses: object }>> }>(
      await client(target, null).get('/api/openapi.json'),
    );
    for (const [path, method] of [
      ['/api/v1/respond/{token}', 'get'],
      ['/api/v1/respond/{token}', 'put'],
      ['/api/v1/respond/{token}/submit', 'post'],
      ['/api/v1/respond/{token}/files', 'post'],
    ] as const) {
      const op = doc.paths[path]?.[method];
      expect(op?.security, path).toBeUndefined();
      const ok = path.endsWith('/files') ? '201' : '200';
      expect(Object.keys(op?.responses ?? {}), path).toEqual(expect.arrayContaining([ok, '404', '410', '429']));
    }
  });
});
