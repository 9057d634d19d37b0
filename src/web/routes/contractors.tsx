import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { allowedTransitions, type ContractorStatus } from '../../domain/supervision';
import { labels } from '../../i18n/labels';
import { listAgreements } from '../../modules/agreements/agreements.service';
import { listAlerts } from '../../modules/alerts/alerts.service';
import { listAuditEvents } from '../../modules/audit/audit.service';
import {
  ContractorListQuery,
  CreateContractorSchema,
  PatchContractorSchema,
} from '../../modules/contractors/contractors.schemas';
import {
  contractorChain,
  countContractors,
  createContractor,
  getContractor,
  listContractors,
  patchContractor,
  selectionStateOf,
  subContractorsOf,
} from '../../modules/contractors/contractors.service';
import { listFindings } from '../../modules/findings/findings.service';
import { listIncidents } from '../../modules/incidents/incidents.service';
import { listReviews } from '../../modules/reviews/reviews.service';
import { userNames } from '../../modules/users/users.service';
import { ProblemError } from '../../platform/problem';
import { contractorInput, contractorValues, type ParentChoice, parentChoice, parseAllErrors } from '../contractor-form';
import { type FormProblem, type FormValues, formProblem, formStatus, noProblem, one } from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { pagerState } from '../pager';
import { ContractorDetailPage } from '../pages/contractor-detail';
import { ContractorFormPage } from '../pages/contractor-edit';
import type { HistoryEntry } from '../pages/contractor-history';
import { ContractorListPage } from '../pages/contractors';
import { Flag, OptionalDate, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';
import { contractorTransitionPages, TARGETS } from './contractor-transitions';
import { contractorDocuments } from './document-pages';

/** The contractor register: list, detail, register and edit, status changes. */
export const contractorPages = new Hono<WebEnv>();

const PAGE_SIZE = 50;
// Filters as the API takes them; the page size is the page's own.
const ContractorsQuery = ContractorListQuery.omit({ limit: true });

contractorPages.get('/contractors', async (c) => {
  const parsed = pageQuery(c, ContractorsQuery);
  const ctx = ctxOf(c);
  const { cursor: _cursor, ...filter } = parsed;
  const [page, total] = await Promise.all([
    withQuery(() => listContractors(ctx, { ...parsed, limit: PAGE_SIZE })),
    countContractors(ctx, filter),
  ]);
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
      total={total}
      pageSize={PAGE_SIZE}
      pager={pagerState(c.req.url)}
      canCreate={may(c, ['procurement'])}
    />,
  );
});

const contractorForm = (c: WebContext, values: FormValues, problem: FormProblem, parent: ParentChoice, id?: string) => {
  const page = pageOf(c);
  return c.html(
    <ContractorFormPage
      page={page}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
      action={id ? `/contractors/${id}` : '/contractors'}
      title={id ? page.i18n.t('c.edit') : page.i18n.t('c.new')}
      parent={parent}
    />,
    formStatus(problem),
  );
};

const noParent: ParentChoice = { chosen: null, searched: null, found: [] };

contractorPages.get('/contractors/new', (c) =>
  may(c, ['procurement']) ? contractorForm(c, { country: 'JP' }, noProblem(), noParent) : forbidden(c),
);

/** A save that is a parent search (text in the search field) shows the matches instead of saving. */
async function searchOrSave(c: WebContext, values: FormValues, save: () => Promise<Response>, id?: string) {
  const parent = await parentChoice(c, values, id);
  if (parent.searched !== null) return contractorForm(c, values, noProblem(), parent, id);
  try {
    return await save();
  } catch (err) {
    const problem = formProblem(err, pickLang(c));
    if (err instanceof ProblemError && err.status === 412 && id) {
      // Someone saved first: the typing stays, the version moves on, and saving again applies it.
      const current = await getContractor(ctxOf(c), id);
      const page = pageOf(c);
      return contractorForm(
        c,
        { ...values, version: String(current.version) },
        {
          fields: problem.fields,
          summary: page.i18n.t('ctr.conflict'),
        },
        parent,
        id,
      );
    }
    return contractorForm(c, values, problem, parent, id);
  }
}

contractorPages.post('/contractors', async (c) => {
  const values = await guardedForm(c, ['procurement']);
  if (values instanceof Response) return values;
  return searchOrSave(c, values, async () => {
    const input = parseAllErrors(CreateContractorSchema, contractorInput(values));
    const created = await createContractor(ctxOf(c), input);
    return c.redirect(`/contractors/${created.id}?saved=1`, 303);
  });
});

/** Set by the redirects after saving: `saved=1`, `next=<date>` of the review scheduled next, `changed=<status>`. */
const ContractorQuery = z.object({ next: OptionalDate, saved: Flag, changed: z.enum(TARGETS).optional() });

/** The contractor's own audit events, newest first, with who acted by name. */
async function historyOf(c: WebContext, id: string): Promise<HistoryEntry[]> {
  const ctx = ctxOf(c);
  const events = await listAuditEvents(
    ctx.db,
    { entityType: 'contractor', entityId: id, limit: 20 },
    { isAdmin: false },
  );
  const names = await userNames(ctx.db, [...new Set(events.items.map((h) => h.actor))]);
  const system = pageOf(c).i18n.t('ctr.system');
  return events.items.map((h) => {
    const before = h.before as { status?: ContractorStatus } | null;
    const after = h.after as { status?: ContractorStatus; reason?: string | null } | null;
    return {
      seq: h.seq,
      at: h.at,
      action: h.action,
      actorName: names.get(h.actor) ?? (h.actor === 'system' ? system : h.actor),
      transition:
        h.action === 'contractor.transition' && before?.status && after?.status
          ? { from: before.status, to: after.status, reason: after.reason ?? null }
          : null,
    };
  });
}

contractorPages.get('/contractors/:id', async (c) => {
  const query = pageQuery(c, ContractorQuery);
  const ctx = ctxOf(c);
  const id = c.req.param('id');
  const contractor = await getContractor(ctx, id);
  const [agreementPage, reviewPage, findingPage, alertPage, incidentPage, chain, history, latest, evidence] =
    await Promise.all([
      listAgreements(ctx, { contractorId: id, limit: 200 }),
      listReviews(ctx, { contractorId: id, limit: 200 }),
      listFindings(ctx, { contractorId: id, limit: 200 }),
      listAlerts(ctx, { contractorId: id, limit: 50 }),
      listIncidents(ctx, { contractorId: id, limit: 50 }),
      contractorChain(ctx, id),
      historyOf(c, id),
      selectionStateOf(ctx, id),
      contractorDocuments(c, id),
    ]);
  const page = pageOf(c);
  const { t, date, label } = page.i18n;
  const notice = query.changed
    ? t('ctr.changed', { status: label(labels.contractorStatus, query.changed) })
    : query.next
      ? t('r.next', { date: date(query.next) })
      : query.saved
        ? t('c.saved')
        : null;
  return c.html(
    <ContractorDetailPage
      page={page}
      notice={notice}
      can={{ edit: may(c, ['procurement']), supervise: may(c, ['compliance']) }}
      data={{
        contractor,
        agreements: agreementPage.items,
        reviews: reviewPage.items,
        findings: findingPage.items,
        alerts: alertPage.items.filter((a) => a.status !== 'resolved'),
        incidents: incidentPage.items,
        chain,
        history,
        transitions: [...allowedTransitions(contractor.status)],
        selection: { latest: latest.latest, passed: latest.passed && latest.gaps.length === 0 },
        evidence,
      }}
    />,
  );
});

contractorPages.get('/contractors/:id/edit', async (c) => {
  if (!may(c, ['procurement'])) return forbidden(c);
  const view = await getContractor(ctxOf(c), c.req.param('id'));
  const values = contractorValues(view);
  return contractorForm(c, values, noProblem(), await parentChoice(c, values, view.id), view.id);
});

contractorPages.post('/contractors/:id', async (c) => {
  const values = await guardedForm(c, ['procurement']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  return searchOrSave(
    c,
    values,
    async () => {
      const patch = parseAllErrors(PatchContractorSchema, contractorInput(values));
      await patchContractor(ctxOf(c), id, patch, one(values, 'version') || undefined);
      return c.redirect(`/contractors/${id}?saved=1`, 303);
    },
    id,
  );
});

/**
 * Terminating a contractor with sub-contractors still running below is terminating the
 * chain: its own confirmation page lists them (src/web/routes/contractors-law.tsx).
 */
contractorPages.get('/contractors/:id/transition', async (c, next) => {
  if (c.req.query('to') === 'terminated' && may(c, ['compliance'])) {
    const id = c.req.param('id');
    const members = await subContractorsOf(ctxOf(c), id);
    if (members.some((m) => m.status !== 'terminated')) return c.redirect(`/contractors/${id}/terminate-chain`, 303);
  }
  await next();
});

contractorPages.route('/', contractorTransitionPages);
