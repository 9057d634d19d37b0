import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { addDays } from '../../domain/calendar';
import { getContractor } from '../../modules/contractors/contractors.service';
import { QuestionnaireStatusSchema, SendQuestionnaireSchema } from '../../modules/questionnaires/staff.schemas';
import {
  acceptQuestionnaire,
  findQuestionnaireForReview,
  getQuestionnaire,
  resendQuestionnaire,
  revokeQuestionnaire,
  sendQuestionnaire,
} from '../../modules/questionnaires/staff.service';
import { getReview } from '../../modules/reviews/reviews.service';
import { ProblemError } from '../../platform/problem';
import { checked, type FormProblem, type FormValues, formProblem, noProblem, one } from '../forms';
import { guardedForm, may } from '../guards';
import { pagerState } from '../pager';
import { type ConfirmedAction, QuestionnaireConfirmPage } from '../pages/questionnaire-actions';
import { QuestionnaireDetailPage } from '../pages/questionnaire-detail';
import { QuestionnaireLinkPage, QuestionnaireSendPage } from '../pages/questionnaire-send';
import { QuestionnaireListPage } from '../pages/questionnaires';
import { Cursor, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';
import { type ActionFormPage, actionForm, openActionForm } from './questionnaire-action-form';
import { fileNames, questionnairePage, templateChoices } from './questionnaire-data';
import { returnPages } from './questionnaire-return';
import { templatePages } from './questionnaire-templates';

/**
 * Questionnaires sent to contractors, as compliance sees them: sending one from a review,
 * the list, one questionnaire's answers beside last year's, and accepting, returning,
 * resending and withdrawing it. Managers and procurement read; compliance (and admins) act,
 * as the API's roles say.
 */
export const questionnairePages = new Hono<WebEnv>();
questionnairePages.route('/', templatePages);
questionnairePages.route('/', returnPages);

const ACT = ['compliance'] as const;
const PAGE_SIZE = 50;

/** Where the contractor's link points: the address itaku is reached at (ITAKU_PUBLIC_URL), else this request's. */
export const baseUrlOf = (c: WebContext) => c.var.deps.config.publicUrl ?? new URL(c.req.url).origin;

// ── Sending ───────────────────────────────────────────────────────────────

async function sendForm(
  c: WebContext,
  reviewId: string,
  values: FormValues,
  problem: FormProblem,
  status: 200 | 400 | 409,
) {
  const ctx = ctxOf(c);
  const review = await getReview(ctx, reviewId);
  const [contractor, templates, existing] = await Promise.all([
    getContractor(ctx, review.contractorId),
    templateChoices(c),
    findQuestionnaireForReview(ctx, reviewId),
  ]);
  return c.html(
    <QuestionnaireSendPage
      page={pageOf(c)}
      review={{ ...review, contractorName: contractor.name }}
      templates={templates}
      existing={existing}
      emailConfigured={!!ctx.config.smtpUrl}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
    />,
    status,
  );
}

questionnairePages.get('/reviews/:id/questionnaire', async (c) => {
  if (!may(c, [...ACT])) return forbidden(c);
  const page = pageOf(c);
  // The contractor answers by a date a few weeks out, in the language of the person sending it.
  const values = {
    templateId: 'appi-standard',
    dueDate: addDays(c.var.deps.clock.today(), 21),
    language: page.i18n.lang,
  };
  return sendForm(c, c.req.param('id'), values, noProblem(), 200);
});

questionnairePages.post('/reviews/:id/questionnaire', async (c) => {
  const values = await guardedForm(c, [...ACT]);
  if (values instanceof Response) return values;
  const reviewId = c.req.param('id');
  const ctx = ctxOf(c);
  try {
    const input = SendQuestionnaireSchema.parse({
      templateId: one(values, 'templateId'),
      recipientName: one(values, 'recipientName'),
      recipientEmail: one(values, 'recipientEmail').trim(),
      dueDate: one(values, 'dueDate'),
      language: one(values, 'language'),
    });
    const sent = await sendQuestionnaire(ctx, reviewId, input, baseUrlOf(c));
    // The link is shown on this response only (never put into an address, never stored).
    c.header('Cache-Control', 'no-store');
    return c.html(
      <QuestionnaireLinkPage
        page={pageOf(c)}
        questionnaire={sent.questionnaire}
        respondentUrl={sent.respondentUrl}
        emailConfigured={!!ctx.config.smtpUrl}
        resent={false}
      />,
      201,
    );
  } catch (err) {
    const page = pageOf(c);
    const problem = formProblem(err, page.i18n.lang);
    const status = err instanceof ProblemError && err.status === 409 ? 409 : 400;
    // A second questionnaire for the review: the page says which one it has.
    if (err instanceof ProblemError && err.slug === ('questionnaire-exists' as typeof err.slug)) {
      problem.summary = page.i18n.t('qn.send.exists');
    }
    return sendForm(c, reviewId, values, problem, status);
  }
});

// ── The list and one questionnaire ────────────────────────────────────────

const ListQuery = z.object({
  status: QuestionnaireStatusSchema.optional(),
  contractorId: z.string().max(64).optional(),
  overdue: z.enum(['true']).optional(),
  cursor: Cursor,
});

questionnairePages.get('/questionnaires', async (c) => {
  const query = pageQuery(c, ListQuery);
  const list = await withQuery(() =>
    questionnairePage(
      ctxOf(c),
      { status: query.status, contractorId: query.contractorId, overdue: query.overdue === 'true' },
      PAGE_SIZE,
      query.cursor,
    ),
  );
  return c.html(
    <QuestionnaireListPage
      page={pageOf(c)}
      query={query}
      items={list.items}
      contractors={list.contractors}
      pager={{ state: pagerState(c.req.url), nextCursor: list.nextCursor, total: list.total, pageSize: PAGE_SIZE }}
      canSend={may(c, [...ACT])}
    />,
  );
});

const NOTICES = ['accepted', 'returned', 'revoked'] as const;
const DetailQuery = z.object({ done: z.enum(NOTICES).optional() });

questionnairePages.get('/questionnaires/:id', async (c) => {
  const { done } = pageQuery(c, DetailQuery);
  const q = await getQuestionnaire(ctxOf(c), c.req.param('id'));
  const page = pageOf(c);
  return c.html(
    <QuestionnaireDetailPage
      page={page}
      q={q}
      files={await fileNames(c, q)}
      canAct={may(c, [...ACT])}
      notice={done ? page.i18n.t(`qn.notice.${done}`) : null}
    />,
  );
});

// ── Accept, withdraw, send a new link: each confirmed ─────────────────────

const ACTIONS: ConfirmedAction[] = ['accept', 'revoke', 'resend'];

for (const action of ACTIONS) {
  const ConfirmPage: ActionFormPage = (props) => <QuestionnaireConfirmPage {...props} action={action} />;

  questionnairePages.get(`/questionnaires/:id/${action}`, async (c) => {
    const id = c.req.param('id');
    return openActionForm(c, id, action, () => actionForm(c, id, ConfirmPage, {}, noProblem(), false, 200));
  });

  questionnairePages.post(`/questionnaires/:id/${action}`, async (c) => {
    const values = await guardedForm(c, [...ACT]);
    if (values instanceof Response) return values;
    const id = c.req.param('id');
    const page = pageOf(c);
    if (!checked(values, 'confirm')) {
      return actionForm(
        c,
        id,
        ConfirmPage,
        values,
        { fields: { confirm: page.i18n.t('rev.confirmRequired') }, summary: null },
        false,
        400,
      );
    }
    const ctx = ctxOf(c);
    const version = one(values, 'version') || undefined;
    try {
      if (action === 'resend') {
        const sent = await resendQuestionnaire(ctx, id, baseUrlOf(c), version);
        c.header('Cache-Control', 'no-store');
        return c.html(
          <QuestionnaireLinkPage
            page={page}
            questionnaire={sent.questionnaire}
            respondentUrl={sent.respondentUrl}
            emailConfigured={!!ctx.config.smtpUrl}
            resent={true}
          />,
        );
      }
      await (action === 'accept' ? acceptQuestionnaire : revokeQuestionnaire)(ctx, id, version);
      return c.redirect(`/questionnaires/${id}?done=${action === 'accept' ? 'accepted' : 'revoked'}`, 303);
    } catch (err) {
      // Someone acted first: a stale version (412), or a status that no longer allows it (409).
      if (err instanceof ProblemError && (err.status === 412 || err.status === 409)) {
        const problem = formProblem(err, page.i18n.lang);
        return actionForm(c, id, ConfirmPage, values, problem, err.status === 412, err.status as 409 | 412);
      }
      throw err;
    }
  });
}
