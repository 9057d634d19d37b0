import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { addDays } from '../../domain/calendar';
import { eventLabel } from '../../i18n/events';
import { getAgreement } from '../../modules/agreements/agreements.service';
import { listAuditEvents } from '../../modules/audit/audit.service';
import { getContractor, suggestedReviewKind } from '../../modules/contractors/contractors.service';
import { reviewFindings } from '../../modules/reviews/reviews.record';
import {
  CancelReviewSchema,
  CreateReviewSchema,
  type PatchReviewInput,
  PatchReviewSchema,
  ReviewKindSchema,
} from '../../modules/reviews/reviews.schemas';
import { cancelReview, getReview, patchReview, scheduleReview } from '../../modules/reviews/reviews.service';
import { userNames } from '../../modules/users/users.service';
import { DateSchema } from '../../platform/openapi';
import { ProblemError } from '../../platform/problem';
import { checked, type FormValues, formProblem, noProblem, one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { pagerState } from '../pager';
import { ReviewDetailPage, type ReviewFormState } from '../pages/review-detail';
import { ScheduleReviewPage } from '../pages/supervision';
import { Cursor, Flag, OptionalDate, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';
import { reviewQuestionnaire } from './questionnaire-data';
import { refusedStatus, reviewCompletionPages } from './review-completion';

/** Supervision reviews: scheduling one, what it recorded, rescheduling, reassigning, cancelling, completing. */
export const reviewPages = new Hono<WebEnv>();

const NewReviewQuery = z.object({ contractorId: z.string().max(64), kind: ReviewKindSchema.optional() });

reviewPages.get('/reviews/new', async (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  const { contractorId, kind } = pageQuery(c, NewReviewQuery);
  const contractor = await getContractor(ctxOf(c), contractorId);
  return c.html(
    <ScheduleReviewPage
      page={pageOf(c)}
      contractor={contractor}
      // A contractor not yet selected is reviewed for selection first (APPI Art. 25).
      values={{
        kind: kind ?? (await suggestedReviewKind(ctxOf(c), contractor)),
        dueDate: addDays(c.var.deps.clock.today(), 30),
      }}
      errors={{}}
      summary={null}
    />,
  );
});

reviewPages.post('/reviews', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const contractorId = one(values, 'contractorId');
  try {
    const input = CreateReviewSchema.parse({
      contractorId,
      kind: one(values, 'kind'),
      dueDate: one(values, 'dueDate'),
      assignee: optional(values, 'assignee'),
    });
    await scheduleReview(ctxOf(c), input);
    return c.redirect(`/contractors/${contractorId}?saved=1`, 303);
  } catch (err) {
    const problem = formProblem(err, pickLang(c));
    const contractor = await getContractor(ctxOf(c), contractorId);
    return c.html(
      <ScheduleReviewPage
        page={pageOf(c)}
        contractor={contractor}
        values={values}
        errors={problem.fields}
        summary={problem.summary}
      />,
      400,
    );
  }
});

// ── What a review recorded ────────────────────────────────────────────────

/** Set by the redirects after saving (`saved=1`, `next=<date>` of the review scheduled next); `cursor` pages the findings. */
const DetailQuery = z.object({ saved: Flag, next: OptionalDate, cursor: Cursor });
const FINDINGS_PAGE = 50;
const HISTORY_SHOWN = 10;
const noForm: ReviewFormState = { values: {}, errors: {}, summary: null, conflict: false };

async function detailPage(c: WebContext, id: string, form: ReviewFormState = noForm, status: 200 | 400 = 200) {
  const ctx = ctxOf(c);
  const page = pageOf(c);
  const get = c.req.method === 'GET';
  const query: z.infer<typeof DetailQuery> = get ? pageQuery(c, DetailQuery) : {};
  const review = await getReview(ctx, id);
  const canChange = may(c, ['compliance']);
  const [contractor, agreement, findings, history, questionnaire] = await Promise.all([
    getContractor(ctx, review.contractorId),
    review.agreementId ? getAgreement(ctx, review.agreementId) : null,
    withQuery(() => reviewFindings(ctx, id, { limit: FINDINGS_PAGE, cursor: query.cursor })),
    listAuditEvents(ctx.db, { entityType: 'review', entityId: id, limit: HISTORY_SHOWN }, { isAdmin: false }),
    reviewQuestionnaire(c, id, canChange),
  ]);
  const names = await userNames(ctx.db, [review.scheduledBy, ...history.items.map((h) => h.actor)]);
  const nameOf = (who: string) => (who === 'system' ? page.i18n.t('rev.system') : (names.get(who) ?? who));
  // The findings' pager links back to this page, never to the form a refused post went to.
  const pager = pagerState(get ? c.req.url : new URL(`/reviews/${id}`, c.req.url).href);
  pager.params.delete('saved');
  pager.params.delete('next');
  const notice = query.next
    ? page.i18n.t('r.next', { date: page.i18n.date(query.next) })
    : query.saved
      ? page.i18n.t('c.saved')
      : null;
  return c.html(
    <ReviewDetailPage
      page={page}
      data={{
        review,
        contractor: { id: contractor.id, name: contractor.name },
        agreement: agreement ? { id: agreement.id, title: agreement.title } : null,
        findings: { ...findings, pageSize: FINDINGS_PAGE, pager },
        scheduledByName: nameOf(review.scheduledBy),
        history: history.items.map((h) => ({
          seq: h.seq,
          at: h.at,
          action: eventLabel(h.action, page.i18n.lang),
          actorName: nameOf(h.actor),
        })),
        questionnaire,
      }}
      canChange={canChange}
      notice={notice}
      form={{
        ...form,
        // The forms start from what is saved; a refused one keeps what was typed.
        values: { dueDate: review.dueDate, assignee: review.assignee ?? '', ...form.values },
      }}
    />,
    status,
  );
}

reviewPages.get('/reviews/:id', (c) => detailPage(c, c.req.param('id')));

/** A refused change: the review's page again, with the typing kept; after a 412, what is saved now. */
function refusedChange(c: WebContext, id: string, values: FormValues, err: unknown) {
  const problem = formProblem(err, pickLang(c));
  const conflict = err instanceof ProblemError && err.status === 412;
  return detailPage(c, id, { values, errors: problem.fields, summary: problem.summary, conflict }, refusedStatus(err));
}

const RescheduleForm = z.strictObject({ dueDate: DateSchema });
const ReassignForm = PatchReviewSchema.pick({ assignee: true });

/** Reschedule and reassign: one field each, as PATCH /reviews/{id} takes it, against the version the page showed. */
const changes: Record<string, (values: FormValues) => PatchReviewInput> = {
  reschedule: (values) => RescheduleForm.parse({ dueDate: one(values, 'dueDate') || undefined }),
  reassign: (values) => ReassignForm.parse({ assignee: optional(values, 'assignee') }),
};

for (const [path, parse] of Object.entries(changes)) {
  reviewPages.post(`/reviews/:id/${path}`, async (c) => {
    const values = await guardedForm(c, ['compliance']);
    if (values instanceof Response) return values;
    const id = c.req.param('id');
    try {
      await patchReview(ctxOf(c), id, parse(values), one(values, 'version') || undefined);
      return c.redirect(`/reviews/${id}?saved=1`, 303);
    } catch (err) {
      return refusedChange(c, id, values, err);
    }
  });
}

reviewPages.post('/reviews/:id/cancel', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  const page = pageOf(c);
  // The reason and the confirmation are checked together, so one round shows both.
  const parsed = CancelReviewSchema.safeParse({ reason: one(values, 'reason') });
  const problem = parsed.success ? noProblem() : formProblem(parsed.error, page.i18n.lang);
  if (!checked(values, 'confirm')) problem.fields.confirm = page.i18n.t('rev.confirmRequired');
  if (!parsed.success || problem.fields.confirm) {
    return detailPage(c, id, { values, errors: problem.fields, summary: null, conflict: false }, 400);
  }
  try {
    await cancelReview(ctxOf(c), id, parsed.data.reason, one(values, 'version') || undefined);
    return c.redirect(`/reviews/${id}?saved=1`, 303);
  } catch (err) {
    return refusedChange(c, id, values, err);
  }
});

// ── Completing a review: src/web/routes/review-completion.tsx ─────────────

reviewPages.route('/', reviewCompletionPages);
