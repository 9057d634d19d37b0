import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { allowedTransitions } from '../../domain/supervision';
import { listAgreements } from '../../modules/agreements/agreements.service';
import { listAlerts } from '../../modules/alerts/alerts.service';
import { listAuditEvents } from '../../modules/audit/audit.service';
import { transitionContractor } from '../../modules/contractors/contractors.lifecycle';
import {
  ContractorListQuery,
  CreateContractorSchema,
  PatchContractorSchema,
} from '../../modules/contractors/contractors.schemas';
import {
  contractorChain,
  createContractor,
  getContractor,
  listContractors,
  patchContractor,
} from '../../modules/contractors/contractors.service';
import { listFindings } from '../../modules/findings/findings.service';
import { listIncidents } from '../../modules/incidents/incidents.service';
import { listReviews } from '../../modules/reviews/reviews.service';
import { userNames } from '../../modules/users/users.service';
import { contractorInput, contractorValues, parseAllErrors, resolveParent } from '../contractor-form';
import { type FormProblem, type FormValues, formProblem, formStatus, noProblem, one } from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { Layout } from '../layout';
import { ContractorDetailPage } from '../pages/contractor-detail';
import { ContractorFormPage, ContractorListPage } from '../pages/contractors';
import { Flag, OptionalDate, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** The contractor register: list, detail, register and edit, status changes. */
export const contractorPages = new Hono<WebEnv>();

// Filters as the API takes them; the page size is the page's own.
const ContractorsQuery = ContractorListQuery.omit({ limit: true });

contractorPages.get('/contractors', async (c) => {
  const parsed = pageQuery(c, ContractorsQuery);
  const page = await withQuery(() => listContractors(ctxOf(c), { ...parsed, limit: 50 }));
  return c.html(
    <ContractorListPage
      page={pageOf(c)}
      query={{
        q: parsed.q,
        status: parsed.status,
        riskTier: parsed.riskTier,
        supervisionStatus: parsed.supervisionStatus,
      }}
      items={page.items}
      nextCursor={page.nextCursor}
      canCreate={may(c, ['procurement'])}
    />,
  );
});

const contractorForm = (c: WebContext, values: FormValues, problem: FormProblem, id?: string) => {
  const page = pageOf(c);
  return c.html(
    <ContractorFormPage
      page={page}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
      action={id ? `/contractors/${id}` : '/contractors'}
      title={id ? page.i18n.t('c.edit') : page.i18n.t('c.new')}
    />,
    formStatus(problem),
  );
};

contractorPages.get('/contractors/new', (c) =>
  may(c, ['procurement']) ? contractorForm(c, { country: 'JP' }, noProblem()) : forbidden(c),
);

contractorPages.post('/contractors', async (c) => {
  const values = await guardedForm(c, ['procurement']);
  if (values instanceof Response) return values;
  try {
    const parentId = await resolveParent(c, values);
    const input = parseAllErrors(CreateContractorSchema, { ...contractorInput(values), parentId });
    const created = await createContractor(ctxOf(c), input);
    return c.redirect(`/contractors/${created.id}?saved=1`, 303);
  } catch (err) {
    return contractorForm(c, values, formProblem(err, pickLang(c)));
  }
});

/** Set by the redirects after saving: `saved=1`, and `next=<date>` of the review scheduled next. */
const ContractorQuery = z.object({ next: OptionalDate, saved: Flag });

contractorPages.get('/contractors/:id', async (c) => {
  const query = pageQuery(c, ContractorQuery);
  const ctx = ctxOf(c);
  const id = c.req.param('id');
  const contractor = await getContractor(ctx, id);
  const [agreementPage, reviewPage, findingPage, alertPage, incidentPage, chain, history] = await Promise.all([
    listAgreements(ctx, { contractorId: id, limit: 200 }),
    listReviews(ctx, { contractorId: id, limit: 200 }),
    listFindings(ctx, { contractorId: id, limit: 200 }),
    listAlerts(ctx, { contractorId: id, limit: 50 }),
    listIncidents(ctx, { contractorId: id, limit: 50 }),
    contractorChain(ctx, id),
    listAuditEvents(ctx.db, { entityType: 'contractor', entityId: id, limit: 20 }, { isAdmin: false }),
  ]);
  const actorNames = await userNames(ctx.db, [...new Set(history.items.map((h) => h.actor))]);
  const page = pageOf(c);
  return c.html(
    <ContractorDetailPage
      page={page}
      notice={
        query.next
          ? page.i18n.t('r.next', { date: page.i18n.date(query.next) })
          : query.saved
            ? page.i18n.t('c.saved')
            : null
      }
      can={{ edit: may(c, ['procurement']), supervise: may(c, ['compliance']) }}
      data={{
        contractor,
        agreements: agreementPage.items,
        reviews: reviewPage.items,
        findings: findingPage.items,
        alerts: alertPage.items.filter((a) => a.status !== 'resolved'),
        incidents: incidentPage.items,
        chain,
        history: history.items.map((h) => ({
          ...h,
          actorName: actorNames.get(h.actor) ?? (h.actor === 'system' ? 'itaku' : h.actor),
        })),
        transitions: [...allowedTransitions(contractor.status)],
      }}
    />,
  );
});

contractorPages.get('/contractors/:id/edit', async (c) => {
  if (!may(c, ['procurement'])) return forbidden(c);
  const ctx = ctxOf(c);
  const view = await getContractor(ctx, c.req.param('id'));
  const parent = view.parentId ? await getContractor(ctx, view.parentId) : null;
  return contractorForm(c, contractorValues(view, parent?.name ?? ''), noProblem(), view.id);
});

contractorPages.post('/contractors/:id', async (c) => {
  const values = await guardedForm(c, ['procurement']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  try {
    const parentId = await resolveParent(c, values);
    const patch = parseAllErrors(PatchContractorSchema, { ...contractorInput(values), parentId });
    await patchContractor(ctxOf(c), id, patch, one(values, 'version') || undefined);
    return c.redirect(`/contractors/${id}?saved=1`, 303);
  } catch (err) {
    return contractorForm(c, values, formProblem(err, pickLang(c)), id);
  }
});

contractorPages.post('/contractors/:id/transition', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  try {
    await transitionContractor(
      ctxOf(c),
      id,
      { to: one(values, 'to') as 'approved' | 'active' | 'suspended' | 'terminated' },
      one(values, 'version') || undefined,
    );
    return c.redirect(`/contractors/${id}?saved=1`, 303);
  } catch (err) {
    const problem = formProblem(err, pickLang(c));
    const page = pageOf(c);
    return c.html(
      <Layout page={page} title={page.i18n.t('c.transition')}>
        <p class="notice error" role="alert">
          {problem.summary ?? Object.values(problem.fields).join(' ')}
        </p>
        <p>
          <a href={`/contractors/${id}`}>←</a>
        </p>
      </Layout>,
      409,
    );
  }
});
