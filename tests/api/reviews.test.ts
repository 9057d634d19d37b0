import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addMonths } from '../../src/domain/calendar';
import { type ContractorBody, daysFromToday, newAgreement, newContractor, today } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let api: Client; // admin: procurement writes (contractors, agreements)
let compliance: Client;
beforeAll(async () => {
  target = await createTarget();
  api = client(target);
  compliance = (await userWithRole(target, 'compliance')).api;
});
afterAll(() => target.close());

type Body = ContractorBody;
const json = async (res: Response) => (await res.json()) as Body;

async function schedule(contractorId: string, dueDate: string, kind = 'periodic', extra: Record<string, unknown> = {}) {
  const res = await compliance.post('/api/v1/reviews', { contractorId, kind, dueDate, ...extra });
  if (res.status !== 201) throw new Error(`schedule: ${res.status} ${await res.text()}`);
  return json(res);
}

const checklist = {
  handlingRules: 'adequate',
  organizational: 'adequate',
  human: 'adequate',
  physical: 'needs_improvement',
  technical: 'adequate',
};

const contractorOf = async (id: string) => json(await api.get(`/api/v1/contractors/${id}`));

describe('scheduling reviews', () => {
  it('accepts past due dates and derives overdue and the contractor’s supervision status', async () => {
    const c = await newContractor(api);
    const late = await schedule(c.id, daysFromToday(-30), 'periodic', { assignee: '佐藤' });
    expect(late).toMatchObject({ status: 'scheduled', overdue: true, assignee: '佐藤', kind: 'periodic', version: 1 });
    expect(await contractorOf(c.id)).toMatchObject({ supervisionStatus: 'overdue', nextReviewDue: daysFromToday(-30) });

    const c2 = await newContractor(api);
    const dueToday = await schedule(c2.id, today());
    expect(dueToday.overdue).toBe(false);
    expect(await contractorOf(c2.id)).toMatchObject({ supervisionStatus: 'due_soon', nextReviewDue: today() });
    await schedule(c2.id, daysFromToday(100));
    expect((await contractorOf(c2.id)).nextReviewDue).toBe(today());
  });

  it('validates the request and the contractor', async () => {
    const c = await newContractor(api);
    for (const [body, path] of [
      [{ contractorId: c.id, kind: 'audit', dueDate: today() }, 'kind'],
      [{ contractorId: c.id, kind: 'periodic', dueDate: '2026-13-01' }, 'dueDate'],
      [{ contractorId: 'missing', kind: 'periodic', dueDate: today() }, 'contractorId'],
      [{ contractorId: c.id, kind: 'periodic', dueDate: today(), agreementId: 'missing' }, 'agreementId'],
    ] as const) {
      const res = await compliance.post('/api/v1/reviews', body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await problem(res)).errors?.map((e) => e.path)).toContain(path);
    }
  });

  it('reschedules, reassigns and starts an open review, honouring If-Match', async () => {
    const c = await newContractor(api);
    const r = await schedule(c.id, daysFromToday(-5));
    const stale = await compliance.patch(
      `/api/v1/reviews/${r.id}`,
      { dueDate: daysFromToday(20) },
      { 'if-match': '"9"' },
    );
    expect(stale.status).toBe(412);
    const res = await compliance.patch(
      `/api/v1/reviews/${r.id}`,
      { dueDate: daysFromToday(20), assignee: '田中', status: 'in_progress' },
      { 'if-match': '"1"' },
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      dueDate: daysFromToday(20),
      assignee: '田中',
      status: 'in_progress',
      overdue: false,
      version: 2,
    });
    expect(await contractorOf(c.id)).toMatchObject({
      nextReviewDue: daysFromToday(20),
      supervisionStatus: 'selection_pending',
    });
  });

  it('cancels with a reason, and a closed review stays closed', async () => {
    const c = await newContractor(api);
    const r = await schedule(c.id, daysFromToday(-5));
    expect((await compliance.post(`/api/v1/reviews/${r.id}/cancel`, {})).status).toBe(400);
    const res = await compliance.post(`/api/v1/reviews/${r.id}/cancel`, { reason: '契約終了のため' });
    expect(await res.json()).toMatchObject({ status: 'cancelled', cancelReason: '契約終了のため', overdue: false });
    expect(await contractorOf(c.id)).toMatchObject({ supervisionStatus: 'selection_pending', nextReviewDue: null });
    for (const res2 of [
      await compliance.post(`/api/v1/reviews/${r.id}/cancel`, { reason: 'again' }),
      await compliance.patch(`/api/v1/reviews/${r.id}`, { assignee: 'x' }),
      await compliance.post(`/api/v1/reviews/${r.id}/complete`, {
        completedOn: today(),
        outcome: 'satisfactory',
        checklist,
      }),
    ]) {
      expect(res2.status).toBe(409);
      expect((await problem(res2)).type).toBe('/problems/review-closed');
    }
  });
});

describe('completing reviews', () => {
  it('records the outcome and findings and schedules the next periodic review', async () => {
    const c = await newContractor(api, { systemAccess: true }); // medium: every 12 months
    const r = await schedule(c.id, daysFromToday(-3));
    const completedOn = daysFromToday(-1);
    const res = await compliance.post(`/api/v1/reviews/${r.id}/complete`, {
      completedOn,
      outcome: 'minor_findings',
      checklist,
      notes: '入退室記録の保管期間が短い',
      findings: [
        {
          severity: 'low',
          category: 'physical',
          description: '入退室記録を1年保管すること',
          dueDate: daysFromToday(60),
        },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { review: Body; findings: Body[]; nextReview: Body };
    expect(body.review).toMatchObject({
      status: 'completed',
      completedOn,
      outcome: 'minor_findings',
      checklist,
      overdue: false,
    });
    expect(body.findings).toEqual([
      expect.objectContaining({
        reviewId: r.id,
        contractorId: c.id,
        status: 'open',
        severity: 'low',
        category: 'physical',
      }),
    ]);
    expect(body.nextReview).toMatchObject({
      kind: 'periodic',
      status: 'scheduled',
      dueDate: addMonths(completedOn, 12),
      scheduledBy: 'system',
    });
    expect(await contractorOf(c.id)).toMatchObject({
      nextReviewDue: addMonths(completedOn, 12),
      supervisionStatus: 'selection_pending',
    });

    const twice = await compliance.post(`/api/v1/reviews/${r.id}/complete`, {
      completedOn,
      outcome: 'satisfactory',
      checklist,
    });
    expect(twice.status).toBe(409);
    const audit = (await (await api.get(`/api/v1/audit-events?entityType=review&entityId=${r.id}`)).json()) as {
      items: { action: string }[];
    };
    expect(audit.items.map((e) => e.action)).toEqual(['review.complete', 'review.schedule']);
  });

  it('lands a 6-month interval from 31 August on the last day of February', async () => {
    const c = await newContractor(api, { handlesSpecialCare: true }); // high: every 6 months
    const r = await schedule(c.id, '2025-08-31');
    const res = await compliance.post(`/api/v1/reviews/${r.id}/complete`, {
      completedOn: '2025-08-31',
      outcome: 'satisfactory',
      checklist,
    });
    expect(((await res.json()) as { nextReview: Body }).nextReview).toMatchObject({
      kind: 'periodic',
      dueDate: '2026-02-28',
    });
  });

  it('schedules a follow-up within a month after major findings', async () => {
    const c = await newContractor(api);
    const r = await schedule(c.id, today(), 'on_site_audit');
    const res = await compliance.post(`/api/v1/reviews/${r.id}/complete`, {
      completedOn: today(),
      outcome: 'major_findings',
      checklist,
    });
    const body = (await res.json()) as { nextReview: Body };
    expect(body.nextReview).toMatchObject({ kind: 'follow_up', dueDate: addMonths(today(), 1) });
  });

  it('keeps an already scheduled periodic review instead of adding another', async () => {
    const c = await newContractor(api);
    const planned = await schedule(c.id, daysFromToday(90));
    const doc = await schedule(c.id, today(), 'document_review');
    const res = await compliance.post(`/api/v1/reviews/${doc.id}/complete`, {
      completedOn: today(),
      outcome: 'satisfactory',
      checklist,
    });
    expect(((await res.json()) as { nextReview: Body }).nextReview.id).toBe(planned.id);
    const open = (await (await api.get(`/api/v1/reviews?contractorId=${c.id}&status=scheduled`)).json()) as {
      items: Body[];
    };
    expect(open.items).toHaveLength(1);
  });

  it('refuses a completion date in the future and bad checklists, changing nothing', async () => {
    const c = await newContractor(api);
    const r = await schedule(c.id, today());
    const before = await target.query('SELECT * FROM reviews ORDER BY id');
    const future = await compliance.post(`/api/v1/reviews/${r.id}/complete`, {
      completedOn: daysFromToday(1),
      outcome: 'satisfactory',
      checklist,
    });
    expect(future.status).toBe(400);
    expect((await problem(future)).errors?.[0]?.path).toBe('completedOn');
    const bad = await compliance.post(`/api/v1/reviews/${r.id}/complete`, {
      completedOn: today(),
      outcome: 'great',
      checklist: { ...checklist, human: 'ok' },
      findings: [{ severity: 'huge', category: 'human', description: '', dueDate: 'soon' }],
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path)).toEqual(
      expect.arrayContaining([
        'outcome',
        'checklist.human',
        'findings.0.severity',
        'findings.0.description',
        'findings.0.dueDate',
      ]),
    );
    expect(await target.query('SELECT * FROM reviews ORDER BY id')).toEqual(before);
  });
});

describe('listing reviews and findings', () => {
  it('filters reviews by contractor, status, kind, overdue and due window, earliest due first', async () => {
    const c = await newContractor(api);
    const a = await schedule(c.id, daysFromToday(-10), 'periodic');
    const b = await schedule(c.id, daysFromToday(-2), 'document_review');
    const d = await schedule(c.id, daysFromToday(5), 'on_site_audit');
    const e = await schedule(c.id, daysFromToday(40), 'periodic');
    await compliance.post(`/api/v1/reviews/${b.id}/cancel`, { reason: 'duplicate' });
    const ids = async (q: string) => {
      const res = await api.get(`/api/v1/reviews?contractorId=${c.id}&${q}`);
      expect(res.status, q).toBe(200);
      return ((await res.json()) as { items: Body[] }).items.map((r) => r.id);
    };
    expect(await ids('')).toEqual([a.id, b.id, d.id, e.id]);
    expect(await ids('overdue=true')).toEqual([a.id]);
    expect(await ids('overdue=false')).toEqual([b.id, d.id, e.id]);
    expect(await ids('status=cancelled')).toEqual([b.id]);
    expect(await ids('kind=periodic')).toEqual([a.id, e.id]);
    expect(await ids(`dueAfter=${daysFromToday(-2)}&dueBefore=${daysFromToday(40)}`)).toEqual([d.id]);
    const first = (await (await api.get(`/api/v1/reviews?contractorId=${c.id}&limit=3`)).json()) as {
      nextCursor: string;
    };
    const rest = (await (
      await api.get(`/api/v1/reviews?contractorId=${c.id}&limit=3&cursor=${first.nextCursor}`)
    ).json()) as { items: Body[] };
    expect(rest.items.map((r) => r.id)).toEqual([e.id]);
    expect((await api.get('/api/v1/reviews?overdue=yes')).status).toBe(400);
    expect((await api.get('/api/v1/reviews?dueBefore=tomorrow')).status).toBe(400);
  });

  it('records findings on their own, lists the overdue ones and resolves them', async () => {
    const c = await newContractor(api);
    const res = await compliance.post('/api/v1/findings', {
      contractorId: c.id,
      severity: 'high',
      category: 'technical',
      description: '管理者パスワードの共有',
      dueDate: daysFromToday(-1),
    });
    expect(res.status).toBe(201);
    const f = await json(res);
    expect(f).toMatchObject({ status: 'open', overdue: true, reviewId: null });
    const overdue = (await (await api.get(`/api/v1/findings?overdue=true&contractorId=${c.id}`)).json()) as {
      items: Body[];
    };
    expect(overdue.items.map((x) => x.id)).toEqual([f.id]);
    const resolved = await compliance.patch(
      `/api/v1/findings/${f.id}`,
      { resolvedOn: today(), resolutionNote: '個別IDを発行' },
      { 'if-match': '"1"' },
    );
    expect(await resolved.json()).toMatchObject({
      status: 'resolved',
      resolvedOn: today(),
      overdue: false,
      version: 2,
    });
    expect(
      ((await (await api.get(`/api/v1/findings?overdue=true&contractorId=${c.id}`)).json()) as { items: Body[] }).items,
    ).toEqual([]);
    const future = await compliance.patch(`/api/v1/findings/${f.id}`, { resolvedOn: daysFromToday(3) });
    expect(future.status).toBe(400);
    expect(
      (
        await compliance.post('/api/v1/findings', {
          contractorId: c.id,
          severity: 'low',
          category: 'x',
          description: 'd',
          dueDate: today(),
        })
      ).status,
    ).toBe(400);
  });
});

describe('the contractor lifecycle', () => {
  const transition = (id: string, to: string, as: Client = compliance) =>
    as.post(`/api/v1/contractors/${id}/transition`, { to });

  it('needs a passing selection review before approval', async () => {
    const c = await newContractor(api);
    const early = await transition(c.id, 'approved');
    expect(early.status).toBe(409);
    expect((await problem(early)).type).toBe('/problems/selection-required');
    const skip = await transition(c.id, 'active');
    expect((await problem(skip)).type).toBe('/problems/invalid-transition');

    const failed = await schedule(c.id, today(), 'selection');
    await compliance.post(`/api/v1/reviews/${failed.id}/complete`, {
      completedOn: today(),
      outcome: 'unsatisfactory',
      checklist,
    });
    expect((await transition(c.id, 'approved')).status).toBe(409);

    const sel = await schedule(c.id, today(), 'selection');
    const done = await compliance.post(`/api/v1/reviews/${sel.id}/complete`, {
      completedOn: today(),
      outcome: 'satisfactory',
      checklist,
    });
    expect(done.status).toBe(200);
    const approved = await transition(c.id, 'approved');
    expect(approved.status).toBe(200);
    expect(await approved.json()).toMatchObject({ status: 'approved' });
    expect(await json(await transition(c.id, 'active'))).toMatchObject({ status: 'active' });
    expect(await json(await transition(c.id, 'suspended'))).toMatchObject({ status: 'suspended' });
    expect(await json(await transition(c.id, 'active'))).toMatchObject({ status: 'active' });
    expect((await problem(await transition(c.id, 'active'))).type).toBe('/problems/invalid-transition');
  });

  it('terminates only once the data is returned or deleted, and cancels open reviews', async () => {
    const c = await newContractor(api);
    const agreement = await newAgreement(api, c.id);
    await schedule(c.id, daysFromToday(30));
    const refused = await transition(c.id, 'terminated');
    expect(refused.status).toBe(409);
    const p = await problem(refused);
    expect(p.type).toBe('/problems/data-disposition-required');
    expect(p.detail).toContain(String(agreement.title));

    await api.patch(`/api/v1/agreements/${agreement.id}`, {
      terminatedOn: today(),
      dataDisposition: { method: 'returned', confirmedOn: today(), evidence: '返却確認書' },
    });
    const res = await compliance.post(`/api/v1/contractors/${c.id}/transition`, {
      to: 'terminated',
      reason: '契約満了',
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      status: 'terminated',
      supervisionStatus: 'none_scheduled',
      nextReviewDue: null,
    });
    const open = (await (await api.get(`/api/v1/reviews?contractorId=${c.id}&status=cancelled`)).json()) as {
      items: Body[];
    };
    expect(open.items).toEqual([expect.objectContaining({ cancelReason: 'contractor terminated' })]);
    const more = await compliance.post('/api/v1/reviews', { contractorId: c.id, kind: 'periodic', dueDate: today() });
    expect(more.status).toBe(409);
    expect((await problem(more)).type).toBe('/problems/contractor-terminated');
    expect((await problem(await transition(c.id, 'active'))).type).toBe('/problems/invalid-transition');
  });

  it('validates the target state', async () => {
    const c = await newContractor(api);
    const res = await compliance.post(`/api/v1/contractors/${c.id}/transition`, { to: 'proposed' });
    expect(res.status).toBe(400);
    expect((await problem(res)).errors?.[0]?.path).toBe('to');
    expect((await compliance.post('/api/v1/contractors/missing/transition', { to: 'approved' })).status).toBe(404);
  });
});

describe('risk and cross-border supervision', () => {
  it('pulls the next periodic review forward when the tier rises', async () => {
    const c = await newContractor(api); // low: every 24 months
    const r = await schedule(c.id, daysFromToday(-1));
    const completedOn = daysFromToday(-1);
    const done = (await (
      await compliance.post(`/api/v1/reviews/${r.id}/complete`, { completedOn, outcome: 'satisfactory', checklist })
    ).json()) as {
      nextReview: Body;
    };
    expect(done.nextReview.dueDate).toBe(addMonths(completedOn, 24));
    const res = await api.patch(`/api/v1/contractors/${c.id}`, { handlesSpecialCare: true });
    expect(await res.json()).toMatchObject({ riskTier: 'high', nextReviewDue: addMonths(completedOn, 6) });
    expect(await json(await api.get(`/api/v1/reviews/${done.nextReview.id}`))).toMatchObject({
      dueDate: addMonths(completedOn, 6),
      version: 2,
    });
    // Falling back to a lower tier does not push it out again.
    const lower = await api.patch(`/api/v1/contractors/${c.id}`, { handlesSpecialCare: false });
    expect((await lower.json()) as Body).toMatchObject({ riskTier: 'low', nextReviewDue: addMonths(completedOn, 6) });
  });

  it('keeps a yearly cross-border confirmation scheduled under equivalent measures', async () => {
    const c = await newContractor(api, { country: 'US', crossBorderBasis: 'equivalent_measures' });
    const first = (await (await api.get(`/api/v1/reviews?contractorId=${c.id}`)).json()) as { items: Body[] };
    expect(first.items).toEqual([
      expect.objectContaining({
        kind: 'cross_border_confirmation',
        dueDate: addMonths(today(), 12),
        scheduledBy: 'system',
      }),
    ]);
    expect(c.nextReviewDue).toBe(addMonths(today(), 12));
    const done = (await (
      await compliance.post(`/api/v1/reviews/${first.items[0]?.id}/complete`, {
        completedOn: daysFromToday(-2),
        outcome: 'satisfactory',
        checklist,
      })
    ).json()) as { nextReview: Body };
    expect(done.nextReview).toMatchObject({
      kind: 'cross_border_confirmation',
      dueDate: addMonths(daysFromToday(-2), 12),
    });

    const consent = await api.patch(`/api/v1/contractors/${c.id}`, {
      crossBorderBasis: 'consent',
      crossBorderConsent: {
        informedOn: daysFromToday(-30),
        countryName: 'アメリカ合衆国',
        systemInfo:
          '連邦法としての包括的な個人情報保護法はなく、州法（カリフォルニア州消費者プライバシー法等）がある。',
        measuresInfo: '提供先は委託契約に基づき安全管理措置を講じている。',
      },
    });
    expect(consent.status).toBe(200);
    const after = (await (
      await api.get(`/api/v1/reviews?contractorId=${c.id}&kind=cross_border_confirmation&status=scheduled`)
    ).json()) as { items: Body[] };
    expect(after.items).toEqual([]);
    const back = await api.patch(`/api/v1/contractors/${c.id}`, { crossBorderBasis: 'equivalent_measures' });
    expect(((await back.json()) as Body).nextReviewDue).toBe(addMonths(daysFromToday(-2), 12));
  });
});

describe('roles', () => {
  it('lets compliance and admin supervise; everyone reads', async () => {
    const c = await newContractor(api);
    const r = await schedule(c.id, today());
    for (const role of ['procurement', 'manager']) {
      const user = (await userWithRole(target, role)).api;
      expect(
        (await user.post('/api/v1/reviews', { contractorId: c.id, kind: 'periodic', dueDate: today() })).status,
      ).toBe(403);
      expect((await user.patch(`/api/v1/reviews/${r.id}`, { assignee: 'x' })).status).toBe(403);
      expect((await user.post(`/api/v1/reviews/${r.id}/cancel`, { reason: 'x' })).status).toBe(403);
      expect((await user.post(`/api/v1/reviews/${r.id}/complete`, {})).status).toBe(403);
      expect((await user.post('/api/v1/findings', {})).status).toBe(403);
      expect((await user.post(`/api/v1/contractors/${c.id}/transition`, { to: 'approved' })).status).toBe(403);
      expect((await user.get('/api/v1/reviews')).status).toBe(200);
      expect((await user.get(`/api/v1/reviews/${r.id}`)).status).toBe(200);
      expect((await user.get('/api/v1/findings')).status).toBe(200);
    }
  });
});
