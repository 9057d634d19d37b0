import { Hono } from 'hono';
import { CreateAgreementSchema } from '../../modules/agreements/agreements.schemas';
import { createAgreement } from '../../modules/agreements/agreements.service';
import { getContractor } from '../../modules/contractors/contractors.service';
import {
  checked,
  type FormProblem,
  type FormValues,
  formProblem,
  formStatus,
  many,
  noProblem,
  one,
  optional,
} from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { AgreementFormPage } from '../pages/supervision';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** Adding a consignment agreement (委託契約) to a contractor. */
export const agreementPages = new Hono<WebEnv>();

const agreementForm = async (c: WebContext, id: string, values: FormValues, problem: FormProblem = noProblem()) => {
  const contractor = await getContractor(ctxOf(c), id);
  return c.html(
    <AgreementFormPage
      page={pageOf(c)}
      contractor={contractor}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
    />,
    formStatus(problem),
  );
};

agreementPages.get('/contractors/:id/agreements/new', (c) =>
  may(c, ['procurement'])
    ? agreementForm(c, c.req.param('id'), { reconsignment: 'prior_approval', startDate: c.var.deps.clock.today() })
    : forbidden(c),
);

agreementPages.post('/contractors/:id/agreements', async (c) => {
  const values = await guardedForm(c, ['procurement']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  try {
    const clauses = many(values, 'clauses');
    const number = (k: string) => (one(values, k).trim() === '' ? null : Number(one(values, k)));
    const input = CreateAgreementSchema.parse({
      contractorId: id,
      title: one(values, 'title'),
      purpose: one(values, 'purpose'),
      dataCategories: many(values, 'dataCategories'),
      startDate: one(values, 'startDate'),
      endDate: optional(values, 'endDate'),
      autoRenew: checked(values, 'autoRenew'),
      renewalTermMonths: number('renewalTermMonths'),
      noticePeriodDays: number('noticePeriodDays'),
      reconsignment: one(values, 'reconsignment'),
      clauses: Object.fromEntries(clauses.map((cl) => [cl, true])),
    });
    await createAgreement(ctxOf(c), input);
    return c.redirect(`/contractors/${id}?saved=1`, 303);
  } catch (err) {
    return agreementForm(c, id, values, formProblem(err, pickLang(c)));
  }
});
