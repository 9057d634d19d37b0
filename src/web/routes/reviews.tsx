import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { findingCategories } from '../../../db/schema';
import { addDays } from '../../domain/calendar';
import { getContractor } from '../../modules/contractors/contractors.service';
import { CompleteReviewSchema, CreateReviewSchema } from '../../modules/reviews/reviews.schemas';
import { completeReview, getReview, scheduleReview } from '../../modules/reviews/reviews.service';
import { type FormProblem, type FormValues, formProblem, formStatus, noProblem, one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { CompleteReviewPage, FINDING_SLOTS, ScheduleReviewPage } from '../pages/supervision';
import { pageQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** Supervision reviews: scheduling one, and recording its outcome, checklist and findings. */
export const reviewPages = new Hono<WebEnv>();

const NewReviewQuery = z.object({ contractorId: z.string().max(64) });

reviewPages.get('/reviews/new', async (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  const { contractorId } = pageQuery(c, NewReviewQuery);
  const contractor = await getContractor(ctxOf(c), contractorId);
  return c.html(
    <ScheduleReviewPage
      page={pageOf(c)}
      contractor={contractor}
      values={{ kind: 'periodic', dueDate: addDays(c.var.deps.clock.today(), 30) }}
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

const completeForm = async (c: WebContext, id: string, values: FormValues, problem: FormProblem = noProblem()) => {
  const review = await getReview(ctxOf(c), id);
  const contractor = await getContractor(ctxOf(c), review.contractorId);
  return c.html(
    <CompleteReviewPage
      page={pageOf(c)}
      review={review}
      contractorName={contractor.name}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
    />,
    formStatus(problem),
  );
};

reviewPages.get('/reviews/:id/complete', (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  const ratings = Object.fromEntries(findingCategories.map((k) => [`checklist.${k}`, 'adequate']));
  return completeForm(c, c.req.param('id'), {
    completedOn: c.var.deps.clock.today(),
    outcome: 'satisfactory',
    ...ratings,
  });
});

reviewPages.post('/reviews/:id/complete', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  try {
    // Finding rows left entirely blank are not findings.
    const findings = Array.from({ length: FINDING_SLOTS }, (_, i) => ({
      severity: one(values, `findings.${i}.severity`),
      category: one(values, `findings.${i}.category`),
      description: one(values, `findings.${i}.description`),
      dueDate: one(values, `findings.${i}.dueDate`),
    })).filter((f) => f.severity || f.category || f.description.trim() || f.dueDate);
    const input = CompleteReviewSchema.parse({
      completedOn: one(values, 'completedOn'),
      outcome: one(values, 'outcome'),
      checklist: {
        organizational: one(values, 'checklist.organizational'),
        human: one(values, 'checklist.human'),
        physical: one(values, 'checklist.physical'),
        technical: one(values, 'checklist.technical'),
      },
      notes: optional(values, 'notes'),
      findings,
    });
    const result = await completeReview(ctxOf(c), id, input);
    const next = result.nextReview ? `&next=${result.nextReview.dueDate}` : '';
    return c.redirect(`/contractors/${result.review.contractorId}?saved=1${next}`, 303);
  } catch (err) {
    return completeForm(c, id, values, formProblem(err, pickLang(c)));
  }
});
