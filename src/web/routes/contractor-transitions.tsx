import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { allowedTransitions } from '../../domain/supervision';
import { ContractorTransitionSchema } from '../../modules/contractors/contractors.schemas';
import {
  agreementsLackingDisposition,
  gapErrors,
  getContractor,
  selectionStateOf,
  transitionContractor,
} from '../../modules/contractors/contractors.service';
import { listReviews } from '../../modules/reviews/reviews.service';
import { ProblemError } from '../../platform/problem';
import { checked, type FormValues, formProblem, noProblem, one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { fieldText } from '../i18n/problems';
import { REASON_REQUIRED, TransitionPage, type TransitionTarget } from '../pages/contractor-transition';
import { pageQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** A contractor's status changes (approve, activate, suspend, terminate), each behind its confirmation page. */
export const contractorTransitionPages = new Hono<WebEnv>();

export const TARGETS = ['approved', 'active', 'suspended', 'terminated'] as const satisfies readonly TransitionTarget[];

const TransitionQuery = z.object({ to: z.enum(TARGETS) });

/** The confirmation page of a status change, with what the change would need and do. */
async function transitionForm(
  c: WebContext,
  id: string,
  to: TransitionTarget,
  values: FormValues,
  problem: {
    fields: Record<string, string>;
    summary: string | null;
    selectionMissing?: boolean;
    dispositionMissing?: boolean;
  },
  status: 200 | 400 | 409 | 412,
) {
  const ctx = ctxOf(c);
  const contractor = await getContractor(ctx, id);
  const allowed = allowedTransitions(contractor.status).includes(to);
  const [lacking, open, selected] = await Promise.all([
    to === 'terminated' ? agreementsLackingDisposition(ctx, id) : [],
    to === 'terminated' ? listReviews(ctx, { contractorId: id, limit: 200 }) : null,
    to === 'approved' ? selectionStateOf(ctx, id) : null,
  ]);
  const page = pageOf(c);
  // What the deciding selection review still lacks, shown before approval is asked for.
  const gaps = selected ? gapErrors(selected.gaps) : [];
  const selectionGaps = Object.fromEntries(gaps.map((e) => [e.path, fieldText(e, page.i18n.lang)]));
  const summary = problem.summary ?? (allowed ? null : page.i18n.t('ctr.tr.notAllowed'));
  return c.html(
    <TransitionPage
      page={page}
      contractor={contractor}
      to={to}
      values={{ ...values, version: String(contractor.version) }}
      errors={problem.fields}
      summary={summary}
      lacking={lacking}
      openReviews={open ? open.items.filter((r) => r.status === 'scheduled' || r.status === 'in_progress').length : 0}
      selectionMissing={problem.selectionMissing ?? false}
      refusedForDisposition={problem.dispositionMissing ?? false}
      selected={selected === null || (selected.passed && selected.gaps.length === 0)}
      selectionGaps={selectionGaps}
      allowed={allowed}
    />,
    allowed || status === 412 ? status : 409,
  );
}

contractorTransitionPages.get('/contractors/:id/transition', async (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  const { to } = pageQuery(c, TransitionQuery);
  return transitionForm(c, c.req.param('id'), to, {}, noProblem(), 200);
});

contractorTransitionPages.post('/contractors/:id/transition', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  const page = pageOf(c);
  const { t } = page.i18n;
  const parsed = TransitionQuery.safeParse({ to: one(values, 'to') });
  if (!parsed.success) throw new ProblemError(400, 'validation', 'to: must be one of the listed values');
  const { to } = parsed.data;
  // The confirmation and, to suspend or terminate, the reason are asked for here; the API takes them as given.
  const reason = optional(values, 'reason');
  const fields: Record<string, string> = {};
  if (REASON_REQUIRED.includes(to) && !reason) fields.reason = t('ctr.tr.reasonMissing');
  if (!checked(values, 'confirm')) fields.confirm = t('ctr.tr.confirmMissing');
  if (Object.keys(fields).length) return transitionForm(c, id, to, values, { fields, summary: null }, 400);
  try {
    const input = ContractorTransitionSchema.parse({ to, reason });
    await transitionContractor(ctxOf(c), id, input, one(values, 'version') || undefined);
    return c.redirect(`/contractors/${id}?changed=${to}`, 303);
  } catch (err) {
    const problem = formProblem(err, page.i18n.lang);
    if (err instanceof ProblemError && err.status === 412) {
      // Someone changed the contractor first: the page shows it as it is now, the reason kept.
      return transitionForm(c, id, to, values, { fields: {}, summary: t('ctr.tr.conflict') }, 412);
    }
    const selectionMissing =
      err instanceof ProblemError && (err.slug === 'selection-required' || err.slug === 'selection-incomplete');
    const dispositionMissing = err instanceof ProblemError && err.slug === 'data-disposition-required';
    return transitionForm(
      c,
      id,
      to,
      values,
      { ...problem, selectionMissing, dispositionMissing },
      err instanceof ProblemError && err.status === 409 ? 409 : 400,
    );
  }
});
