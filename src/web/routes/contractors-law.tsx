import { Hono } from 'hono';
import {
  agreementsLackingDisposition,
  getContractor,
  subContractorsOf,
  transitionContractor,
} from '../../modules/contractors/contractors.service';
import { ProblemError } from '../../platform/problem';
import { checked, type FormProblem, type FormValues, formProblem, noProblem, one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { ChainEndPage, chainStateOf } from '../pages/contractor-chain-end';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** What the law asks of contractors abroad and of re-consignment, on the contractor's pages. */
export const contractorLawPages = new Hono<WebEnv>();

/** The chain's termination page as the chain is now, with what was typed and what was refused. */
async function chainEndForm(
  c: WebContext,
  id: string,
  values: FormValues,
  problem: FormProblem,
  status: 200 | 400 | 409 | 412,
) {
  const ctx = ctxOf(c);
  const [contractor, members, own] = await Promise.all([
    getContractor(ctx, id),
    subContractorsOf(ctx, id),
    agreementsLackingDisposition(ctx, id),
  ]);
  return c.html(
    <ChainEndPage
      page={pageOf(c)}
      contractor={contractor}
      members={members}
      ownLacking={own.map((a) => a.title)}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
    />,
    status,
  );
}

contractorLawPages.get('/contractors/:id/terminate-chain', async (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  return chainEndForm(c, c.req.param('id'), {}, noProblem(), 200);
});

contractorLawPages.post('/contractors/:id/terminate-chain', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  const { t, lang } = pageOf(c).i18n;
  const fields: Record<string, string> = {};
  const reason = optional(values, 'reason');
  if (!reason) fields.reason = t('ctr.tr.reasonMissing');
  if (!checked(values, 'cascade')) fields.cascade = t('cl.end.cascadeMissing');
  if (!checked(values, 'confirm')) fields.confirm = t('ctr.tr.confirmMissing');
  if (Object.keys(fields).length) return chainEndForm(c, id, values, { fields, summary: null }, 400);
  // The chain confirmed is the chain terminated: a sub-contractor added or changed since is shown first.
  const conflict = { fields: {}, summary: t('cl.end.conflict') };
  if (chainStateOf(await subContractorsOf(ctxOf(c), id)) !== one(values, 'chainState')) {
    return chainEndForm(c, id, values, conflict, 412);
  }
  try {
    await transitionContractor(
      ctxOf(c),
      id,
      { to: 'terminated', cascade: true, reason },
      one(values, 'version') || undefined,
    );
    return c.redirect(`/contractors/${id}?changed=terminated`, 303);
  } catch (err) {
    if (err instanceof ProblemError && err.status === 412) return chainEndForm(c, id, values, conflict, 412);
    const problem = formProblem(err, lang);
    return chainEndForm(c, id, values, problem, err instanceof ProblemError && err.status === 409 ? 409 : 400);
  }
});
