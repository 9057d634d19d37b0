import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { checklistCategories } from '../../domain/selection';
import { labels } from '../../i18n/labels';
import { getContractor } from '../../modules/contractors/contractors.service';
import { findQuestionnaireForReview } from '../../modules/questionnaires/questionnaires.service';
import { CompleteReviewSchema, FullChecklistInput } from '../../modules/reviews/reviews.schemas';
import { completeReview, getReview } from '../../modules/reviews/reviews.service';
import { ProblemError } from '../../platform/problem';
import {
  checked,
  type FormProblem,
  type FormValues,
  formProblem,
  formStatus,
  noProblem,
  one,
  optional,
} from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { CompleteReviewPage, type Contradiction, FINDING_SLOTS, type Suggestion } from '../pages/review-completion';
import { Flag, pageQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** Completing a review: the outcome, a rating per category (the questionnaire may suggest them) and findings. */
export const reviewCompletionPages = new Hono<WebEnv>();

/** The status a refused review form comes back with: the rule's own (409, 412), else 400. */
export const refusedStatus = (err: unknown) => (err instanceof ProblemError ? err.status : 400) as 400;

const CompleteReviewForm = CompleteReviewSchema.extend({ checklist: FullChecklistInput });

/**
 * "Satisfactory" while a category is rated inadequate: possible (a compensating control),
 * but more often a slip, so the form asks to confirm it before it is recorded.
 */
function contradictionOf(c: WebContext, values: FormValues): Contradiction | null {
  if (one(values, 'outcome') !== 'satisfactory') return null;
  const { label, lang } = pageOf(c).i18n;
  const inadequate = checklistCategories.filter((k) => one(values, `checklist.${k}`) === 'inadequate');
  if (!inadequate.length) return null;
  return { categories: inadequate.map((k) => label(labels.checklistCategory, k)).join(lang === 'ja' ? '、' : ', ') };
}

/**
 * The ratings the contractor's questionnaire suggests, once its answers are in (submitted
 * or accepted): shown beside each category; the reviewer decides.
 */
async function suggestionFor(c: WebContext, reviewId: string): Promise<Suggestion | null> {
  const found = await findQuestionnaireForReview(ctxOf(c), reviewId);
  if (!found || (found.status !== 'submitted' && found.status !== 'accepted')) return null;
  return { questionnaireId: found.id, ratings: found.suggestedChecklist };
}

async function completeForm(
  c: WebContext,
  id: string,
  values: FormValues,
  problem: FormProblem = noProblem(),
  status: 200 | 400 = formStatus(problem),
  suggestion?: Suggestion | null,
) {
  const review = await getReview(ctxOf(c), id);
  const [contractor, suggested] = await Promise.all([
    getContractor(ctxOf(c), review.contractorId),
    suggestion === undefined ? suggestionFor(c, id) : suggestion,
  ]);
  return c.html(
    <CompleteReviewPage
      page={pageOf(c)}
      review={review}
      contractorName={contractor.name}
      abroad={{
        countries: [contractor.country, ...contractor.processingCountries].filter(
          (x, i, all) => x !== 'JP' && all.indexOf(x) === i,
        ),
        notes: contractor.countryNotes,
      }}
      suggestion={suggested}
      contradiction={contradictionOf(c, values)}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
    />,
    status,
  );
}

reviewCompletionPages.get('/reviews/:id/complete', async (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  const id = c.req.param('id');
  const review = await getReview(ctxOf(c), id);
  // A completed or cancelled review has nothing left to record: its page says what it recorded.
  if (review.status === 'completed' || review.status === 'cancelled') return c.redirect(`/reviews/${id}`, 303);
  // No outcome and no rating is chosen in advance: each is a decision the reviewer makes.
  // With ?suggested=1 the reviewer asked for the questionnaire's ratings as a starting point.
  const { suggested } = pageQuery(c, z.object({ suggested: Flag }));
  const suggestion = await suggestionFor(c, id);
  const prefilled =
    suggested && suggestion
      ? Object.fromEntries(
          checklistCategories.flatMap((k) => {
            const rating = suggestion.ratings[k];
            return rating ? [[`checklist.${k}`, rating]] : [];
          }),
        )
      : {};
  return completeForm(c, id, { completedOn: c.var.deps.clock.today(), ...prefilled }, noProblem(), 200, suggestion);
});

reviewCompletionPages.post('/reviews/:id/complete', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  const chosen = (key: string) => one(values, key) || undefined;
  try {
    // Finding rows left entirely blank are not findings.
    const findings = Array.from({ length: FINDING_SLOTS }, (_, i) => ({
      severity: one(values, `findings.${i}.severity`),
      category: one(values, `findings.${i}.category`),
      description: one(values, `findings.${i}.description`),
      dueDate: one(values, `findings.${i}.dueDate`),
    })).filter((f) => f.severity || f.category || f.description.trim() || f.dueDate);
    // The form asks for every category: each rating is the reviewer's decision, none a default.
    const input = CompleteReviewForm.parse({
      completedOn: one(values, 'completedOn'),
      outcome: chosen('outcome'),
      checklist: Object.fromEntries(checklistCategories.map((k) => [k, chosen(`checklist.${k}`)])),
      notes: optional(values, 'notes'),
      findings,
    });
    if (contradictionOf(c, values) && !checked(values, 'confirmOutcome')) {
      // First the question; sent back unticked, the box itself says what is missing.
      const asked = one(values, 'confirming') === '1';
      const fields: Record<string, string> = asked ? { confirmOutcome: pageOf(c).i18n.t('rev.confirmRequired') } : {};
      return completeForm(c, id, values, { fields, summary: null }, asked ? 400 : 200);
    }
    const result = await completeReview(ctxOf(c), id, input);
    const next = result.nextReview ? `&next=${result.nextReview.dueDate}` : '';
    return c.redirect(`/reviews/${id}?saved=1${next}`, 303);
  } catch (err) {
    const problem = formProblem(err, pickLang(c));
    return completeForm(c, id, values, problem, refusedStatus(err));
  }
});
