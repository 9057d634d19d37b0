import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../src/domain/calendar';
import { appiStandard } from '../../src/domain/questionnaire/appi-standard';
import { daysFromToday, newContractor } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

/**
 * Compliance's side of questionnaires: sending one for a review with a link shown once,
 * taking the answers back (return, accept), withdrawing and re-sending the link. E-mail is
 * configured here, so each send and resend queues an invitation in the outbox.
 */

let target: Target;
let compliance: Client;
let manager: Client;
let procurement: Client;
const anonymous = () => client(target, null);

beforeAll(async () => {
  target = await createTarget({
    env: { ITAKU_SMTP_URL: 'smtp://127.0.0.1:9', ITAKU_PUBLIC_URL: 'https://itaku.example.jp/' },
  });
  compliance = (await userWithRole(target, 'compliance')).api;
  manager = (await userWithRole(target, 'manager')).api;
  procurement = (await userWithRole(target, 'procurement')).api;
});
afterAll(() => target.close());

const json = async <T = Record<string, unknown>>(res: Response): Promise<T> => (await res.json()) as T;
const questions = appiStandard.sections.flatMap((s) => s.questions);

async function review(contractorId: string) {
  const res = await compliance.post('/api/v1/reviews', { contractorId, kind: 'periodic', dueDate: daysFromToday(30) });
  return (await json<{ id: string }>(res)).id;
}

const sendBody = (extra: Record<string, unknown> = {}) => ({
  templateId: 'appi-standard',
  recipientName: '佐藤 一郎',
  recipientEmail: 'sato@example.co.jp',
  dueDate: daysFromToday(14),
  language: 'ja',
  ...extra,
});

const tokenOf = (url: string) => url.split('/respond/')[1] as string;
const sha256 = async (text: string) =>
  Array.from(new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text))), (b) =>
    b.toString(16).padStart(2, '0'),
  ).join('');

/** Every required question answered "yes" (text and dates filled in), except the overrides. */
function fullAnswers(overrides: Record<string, string> = {}) {
  return questions
    .filter((q) => q.type !== 'file')
    .map((q) => ({
      questionId: q.id,
      value:
        overrides[q.id] ?? (q.type === 'yes_partly_no' ? 'yes' : q.type === 'date' ? '2026-04-01' : '日本国内のみ'),
    }));
}

describe('sending a questionnaire', () => {
  it('creates it for the review with a link shown once, hashed and sealed, and queues the invitation', async () => {
    const contractor = await newContractor(procurement, { name: '株式会社サンプル物流' });
    const reviewId = await review(contractor.id);
    const path = `/api/v1/reviews/${reviewId}/questionnaire`;
    for (const api of [manager, procurement]) expect((await api.post(path, sendBody())).status).toBe(403);
    expect((await anonymous().post(path, sendBody())).status).toBe(401);
    for (const [body, field] of [
      [sendBody({ templateId: 'nope' }), 'templateId'],
      [sendBody({ dueDate: daysFromToday(-1) }), 'dueDate'],
      [sendBody({ expiresOn: daysFromToday(13) }), 'expiresOn'],
      [sendBody({ recipientEmail: 'not-an-address' }), 'recipientEmail'],
      [sendBody({ language: 'fr' }), 'language'],
    ] as const) {
      const res = await compliance.post(path, body);
      expect(res.status, field).toBe(400);
      expect(
        (await problem(res)).errors?.map((e) => e.path),
        field,
      ).toEqual([field]);
    }
    expect((await compliance.post('/api/v1/reviews/nope/questionnaire', sendBody())).status).toBe(404);
    expect(await target.query('SELECT id FROM questionnaires')).toEqual([]);

    const res = await compliance.post(path, sendBody());
    expect(res.status).toBe(201);
    const sent = await json<Record<string, unknown> & { id: string; respondentUrl: string }>(res);
    expect(res.headers.get('location')).toBe(`/api/v1/questionnaires/${sent.id}`);
    expect(res.headers.get('etag')).toBe('"1"');
    expect(sent.respondentUrl).toMatch(/^https:\/\/itaku\.example\.jp\/respond\/itq_[A-Za-z0-9_-]{43}$/);
    const due = daysFromToday(14);
    expect(sent).toMatchObject({
      reviewId,
      contractorId: contractor.id,
      contractorName: '株式会社サンプル物流',
      templateId: 'appi-standard',
      templateVersion: 1,
      templateName: appiStandard.name,
      language: 'ja',
      status: 'sent',
      dueDate: due,
      // The end of the 30th day after the due date in Asia/Tokyo.
      expiresAt: new Date(Date.parse(`${addDays(due, 31)}T00:00:00+09:00`) - 1).toISOString(),
      overdue: false,
      expired: false,
      answeredCount: 0,
      questionCount: questions.length,
      version: 1,
    });
    const token = tokenOf(sent.respondentUrl);
    const [stored] = await target.query<{ token_hash: string; token_sealed: string }>(
      'SELECT token_hash, token_sealed FROM questionnaires WHERE id = ?',
      sent.id,
    );
    expect(stored?.token_hash).toBe(await sha256(token));
    expect(stored?.token_sealed).toMatch(/^enc1:/);
    expect(stored?.token_sealed).not.toContain(token);
    expect(await target.query('SELECT target, event_id, event_type, payload, status FROM outbox')).toEqual([
      {
        target: 'sato@example.co.jp',
        event_id: `questionnaire.invitation:${sent.id}:${stored?.token_hash.slice(0, 16)}`,
        event_type: 'questionnaire.invitation',
        payload: JSON.stringify({ questionnaireId: sent.id }),
        status: 'pending',
      },
    ]);

    // Every role reads it; the link is never shown again, nor kept anywhere readable.
    for (const api of [manager, procurement, compliance]) {
      const detail = await api.get(`/api/v1/questionnaires/${sent.id}`);
      expect(detail.status).toBe(200);
      const text = await detail.text();
      expect(text).not.toContain(token);
      expect(text).not.toContain('respondentUrl');
      expect(JSON.parse(text)).toMatchObject({
        answers: [],
        score: null,
        previous: null,
        suggestedChecklist: { organizational: 'not_assessed', externalEnvironment: 'not_assessed' },
      });
    }
    const trail = await target.query<{ after: string }>(
      "SELECT after FROM audit_events WHERE action = 'questionnaire.send' AND entity_id = ?",
      sent.id,
    );
    expect(trail).toHaveLength(1);
    expect(trail[0]?.after).not.toContain(token);
    const listed = await json<{ items: { id: string }[] }>(
      await manager.get(`/api/v1/questionnaires?contractorId=${contractor.id}&status=sent`),
    );
    expect(listed.items.map((q) => q.id)).toEqual([sent.id]);
    expect(
      (await json<{ items: unknown[] }>(await manager.get('/api/v1/questionnaires?status=accepted'))).items,
    ).toEqual([]);
    expect((await json<{ id: string }>(await manager.get(`/api/v1/reviews/${reviewId}/questionnaire`))).id).toBe(
      sent.id,
    );

    const again = await compliance.post(path, sendBody());
    expect(again.status).toBe(409);
    expect((await problem(again)).type).toBe('/problems/questionnaire-exists');
  });

  it('lets only one of two sends at once through for a review', async () => {
    const contractor = await newContractor(procurement);
    const reviewId = await review(contractor.id);
    const results = await Promise.all(
      [0, 1].map(() => compliance.post(`/api/v1/reviews/${reviewId}/questionnaire`, sendBody())),
    );
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    const loser = results.find((r) => r.status === 409) as Response;
    expect((await problem(loser)).type).toBe('/problems/questionnaire-exists');
    expect(await target.query('SELECT id FROM questionnaires WHERE review_id = ?', reviewId)).toHaveLength(1);
  });
});

describe('taking the answers back', () => {
  it('scores the answers, returns them with comments, accepts them, and shows them beside the next year’s', async () => {
    const contractor = await newContractor(procurement);
    const reviewId = await review(contractor.id);
    const sent = await json<{ id: string; respondentUrl: string }>(
      await compliance.post(`/api/v1/reviews/${reviewId}/questionnaire`, sendBody({ language: 'en' })),
    );
    const link = `/api/v1/respond/${tokenOf(sent.respondentUrl)}`;
    const technical3 = questions.filter(
      (q) => q.category === 'technical' && q.weight === 3 && q.type === 'yes_partly_no',
    );
    const external = questions.filter((q) => q.category === 'externalEnvironment' && q.type === 'yes_partly_no');
    const overrides = Object.fromEntries([
      ...technical3.slice(0, 2).map((q) => [q.id, 'no']),
      ...external.map((q) => [q.id, 'not_applicable']),
    ]);
    expect((await anonymous().send('PUT', link, { answers: fullAnswers(overrides) })).status).toBe(200);
    // Compliance cannot act on a questionnaire that was not submitted yet.
    const early = await compliance.post(`/api/v1/questionnaires/${sent.id}/accept`);
    expect(early.status).toBe(409);
    expect((await problem(early)).type).toBe('/problems/questionnaire-status');
    expect((await anonymous().post(`${link}/submit`)).status).toBe(200);

    const detail = await json<{
      version: number;
      status: string;
      score: number;
      suggestedChecklist: Record<string, string>;
      categoryResults: { category: string; noOnRequired: number }[];
      answers: { questionId: string; value: string }[];
    }>(await manager.get(`/api/v1/questionnaires/${sent.id}`));
    expect(detail.status).toBe('submitted');
    expect(detail.score).toBeGreaterThan(80);
    expect(detail.score).toBeLessThan(100);
    expect(detail.suggestedChecklist).toMatchObject({
      organizational: 'adequate',
      technical: 'inadequate',
      externalEnvironment: 'not_assessed',
    });
    expect(detail.categoryResults.find((c) => c.category === 'technical')?.noOnRequired).toBe(2);
    expect(detail.answers.find((a) => a.questionId === technical3[0]?.id)?.value).toBe('no');

    const first = technical3[0]?.id as string;
    const path = `/api/v1/questionnaires/${sent.id}`;
    const badReturn = await compliance.post(`${path}/return`, { comments: [{ questionId: 'x-1', comment: '?' }] });
    expect(badReturn.status).toBe(422);
    expect((await problem(badReturn)).errors?.[0]?.path).toBe('comments.0.questionId');
    expect((await manager.post(`${path}/return`, { comments: [{ questionId: first, comment: '?' }] })).status).toBe(
      403,
    );
    const stale = await compliance.post(
      `${path}/return`,
      { comments: [{ questionId: first, comment: '?' }] },
      {
        'if-match': `"${detail.version - 1}"`,
      },
    );
    expect(stale.status).toBe(412);
    const returned = await compliance.post(
      `${path}/return`,
      { comments: [{ questionId: first, comment: 'MFA の導入時期を教えてください。' }] },
      { 'if-match': `"${detail.version}"` },
    );
    expect(returned.status).toBe(200);
    expect(await json(returned)).toMatchObject({ status: 'returned', version: detail.version + 1 });

    // The link takes answers again and shows the reviewer's comment.
    const reopened = await json<{
      readOnly: boolean;
      answers: { questionId: string; reviewerComment: string | null }[];
    }>(await anonymous().get(link));
    expect(reopened.readOnly).toBe(false);
    expect(reopened.answers.find((a) => a.questionId === first)?.reviewerComment).toBe(
      'MFA の導入時期を教えてください。',
    );
    await anonymous().send('PUT', link, {
      answers: [{ questionId: first, value: 'partly', comment: '2026年度中に導入予定' }],
    });
    expect((await anonymous().post(`${link}/submit`)).status).toBe(200);
    const accepted = await compliance.post(`${path}/accept`);
    expect(accepted.status).toBe(200);
    expect(await json(accepted)).toMatchObject({ status: 'accepted', acceptedAt: expect.any(String) });
    expect((await compliance.post(`${path}/revoke`)).status).toBe(409);
    const frozen = await anonymous().send('PUT', link, { answers: [{ questionId: first, value: 'yes' }] });
    expect(frozen.status).toBe(409);
    expect((await problem(frozen)).type).toBe('/problems/questionnaire-submitted');

    // Next year's questionnaire shows this one as the previous answers.
    const nextReview = await review(contractor.id);
    const next = await json<{ id: string }>(
      await compliance.post(`/api/v1/reviews/${nextReview}/questionnaire`, sendBody()),
    );
    const nextDetail = await json<{
      previous: { id: string; answers: { questionId: string; value: string; comment: string }[] };
    }>(await manager.get(`/api/v1/questionnaires/${next.id}`));
    expect(nextDetail.previous.id).toBe(sent.id);
    expect(nextDetail.previous.answers.find((a) => a.questionId === first)).toEqual({
      questionId: first,
      value: 'partly',
      comment: '2026年度中に導入予定',
    });
  });

  it('re-sends with a new link (the old one stops working) and revokes it', async () => {
    const contractor = await newContractor(procurement);
    const reviewId = await review(contractor.id);
    const sent = await json<{ id: string; respondentUrl: string; version: number }>(
      await compliance.post(`/api/v1/reviews/${reviewId}/questionnaire`, sendBody()),
    );
    const path = `/api/v1/questionnaires/${sent.id}`;
    expect((await manager.post(`${path}/resend`)).status).toBe(403);
    const resent = await compliance.post(`${path}/resend`, undefined, { 'if-match': '"1"' });
    expect(resent.status).toBe(200);
    const body = await json<{ respondentUrl: string; version: number }>(resent);
    expect(body.version).toBe(2);
    expect(body.respondentUrl).not.toBe(sent.respondentUrl);
    expect((await anonymous().get(`/api/v1/respond/${tokenOf(sent.respondentUrl)}`)).status).toBe(404);
    const fresh = `/api/v1/respond/${tokenOf(body.respondentUrl)}`;
    expect((await anonymous().get(fresh)).status).toBe(200);
    const invitations = await target.query<{ event_id: string }>(
      "SELECT event_id FROM outbox WHERE event_type = 'questionnaire.invitation' AND payload = ?",
      JSON.stringify({ questionnaireId: sent.id }),
    );
    expect(invitations).toHaveLength(2);

    expect((await compliance.post(`${path}/revoke`, undefined, { 'if-match': '"1"' })).status).toBe(412);
    const revoked = await compliance.post(`${path}/revoke`, undefined, { 'if-match': '"2"' });
    expect(await json(revoked)).toMatchObject({ status: 'revoked', revokedAt: expect.any(String), version: 3 });
    const gone = await anonymous().get(fresh);
    expect(gone.status).toBe(410);
    expect((await problem(gone)).type).toBe('/problems/gone');
    expect((await compliance.post(`${path}/resend`)).status).toBe(409);
    // The review may now get a new questionnaire; the revoked one is history.
    expect((await compliance.post(`/api/v1/reviews/${reviewId}/questionnaire`, sendBody())).status).toBe(201);
    const actions = await target.query<{ action: string }>(
      'SELECT action FROM audit_events WHERE entity_id = ? ORDER BY seq',
      sent.id,
    );
    expect(actions.map((a) => a.action)).toEqual([
      'questionnaire.send',
      'questionnaire.resend',
      'questionnaire.revoke',
    ]);
  });

  it('lists by contractor and status, and those overdue: still awaiting answers past their due date', async () => {
    const contractor = await newContractor(procurement);
    const sent: string[] = [];
    for (let i = 0; i < 3; i++) {
      const res = await compliance.post(`/api/v1/reviews/${await review(contractor.id)}/questionnaire`, sendBody());
      sent.push((await json<{ id: string }>(res)).id);
    }
    // Two fall due yesterday (set in the database: a due date in the past cannot be sent);
    // of those, the revoked one awaits nothing and is not overdue.
    await target.exec(
      `UPDATE questionnaires SET due_date = '${daysFromToday(-1)}' WHERE id IN ('${sent[0]}', '${sent[1]}')`,
    );
    expect((await compliance.post(`/api/v1/questionnaires/${sent[1]}/revoke`)).status).toBe(200);
    const ids = async (query: string) =>
      (await json<{ items: { id: string; overdue: boolean }[] }>(await manager.get(`/api/v1/questionnaires?${query}`)))
        .items;
    const of = `contractorId=${contractor.id}`;
    expect((await ids(of)).map((q) => q.id)).toEqual([...sent].reverse());
    expect(await ids(`${of}&overdue=true`)).toEqual([expect.objectContaining({ id: sent[0], overdue: true })]);
    expect((await ids(`${of}&overdue=false`)).map((q) => q.id)).toEqual([sent[2], sent[1]]);
    expect((await ids(`${of}&status=revoked`)).map((q) => q.id)).toEqual([sent[1]]);
    expect((await manager.get('/api/v1/questionnaires?overdue=maybe')).status).toBe(400);
  });
});
