import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { contractorNames } from '../../modules/contractors/contractors.repo';
import { getContractor, listContractors } from '../../modules/contractors/contractors.service';
import {
  CloseIncidentSchema,
  CreateIncidentSchema,
  PatchIncidentSchema,
} from '../../modules/incidents/incidents.schemas';
import {
  closeIncident,
  contractorsWithIncidents,
  countIncidents,
  createIncident,
  getIncident,
  type IncidentView,
  listIncidents,
  patchIncident,
} from '../../modules/incidents/incidents.service';
import { ProblemError } from '../../platform/problem';
import { checked, type FormValues, one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { pagerState } from '../pager';
import { IncidentDetailPage, REPORT_FIELDS } from '../pages/incident-detail';
import { emptyForm, type FormState, refusal } from '../pages/incident-fields';
import { CloseIncidentPage, EditIncidentPage, FACTORS, NewIncidentPage } from '../pages/incident-form';
import { IncidentListPage } from '../pages/incidents';
import { Cursor, Flag, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/**
 * Leak incidents (漏えい等, APPI Art. 26): the list with the deadlines owed, recording one,
 * its reports to the PPC and notice to the individuals, corrections and closing. Compliance
 * writes, every role reads, as in the API.
 */
export const incidentPages = new Hono<WebEnv>();

const PAGE_SIZE = 50;
/** Contractors offered in the record form's list before a search narrows it. */
const CHOICES = 100;

const ListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  contractorId: z.string().max(64).optional(),
  reportable: z.enum(['true', 'false']).optional(),
  overdue: z.enum(['true']).optional(),
  cursor: Cursor,
});

incidentPages.get('/incidents', async (c) => {
  const query = pageQuery(c, ListQuery);
  const ctx = ctxOf(c);
  const filter = {
    status: query.status === 'all' ? undefined : query.status,
    contractorId: query.contractorId,
    reportable: query.reportable === undefined ? undefined : query.reportable === 'true',
    overdue: query.overdue ? true : undefined,
  };
  const [list, total, contractors] = await Promise.all([
    withQuery(() => listIncidents(ctx, { ...filter, limit: PAGE_SIZE, cursor: query.cursor })),
    countIncidents(ctx, filter),
    contractorsWithIncidents(ctx),
  ]);
  const names = await contractorNames(ctx.db, [...new Set(list.items.map((i) => i.contractorId))]);
  // The contractor filtered by stays choosable however long the list of choices.
  if (query.contractorId && !contractors.some((x) => x.id === query.contractorId)) {
    const chosen = await getContractor(ctx, query.contractorId).catch(() => null);
    if (chosen) contractors.unshift({ id: chosen.id, name: chosen.name });
  }
  return c.html(
    <IncidentListPage
      page={pageOf(c)}
      today={c.var.deps.clock.today()}
      query={query}
      contractors={contractors}
      items={list.items.map((i) => ({ ...i, contractorName: names.get(i.contractorId) ?? i.contractorId }))}
      pager={{ state: pagerState(c.req.url), nextCursor: list.nextCursor, total, pageSize: PAGE_SIZE }}
      canRecord={may(c, ['compliance'])}
    />,
  );
});

// ——— Recording ———

const NewQuery = z.object({
  q: z.string().trim().max(100).optional(),
  contractorId: z.string().max(64).optional(),
});

/** The contractors the record form offers: a name search's matches, always with the one chosen. */
async function choices(c: WebContext, q: string | undefined, chosen: string) {
  const ctx = ctxOf(c);
  const found = await listContractors(ctx, { q: q || undefined, limit: CHOICES });
  const list = found.items.map((x) => ({ id: x.id, name: x.name }));
  if (chosen && !list.some((x) => x.id === chosen)) {
    const one = await getContractor(ctx, chosen).catch(() => null);
    if (one) list.unshift({ id: one.id, name: one.name });
  }
  list.sort((a, b) => a.name.localeCompare(b.name, 'ja'));
  return { list, more: found.nextCursor !== null };
}

async function newForm(c: WebContext, form: FormState, q?: string) {
  const { list, more } = await choices(c, q, one(form.values, 'contractorId'));
  return c.html(
    <NewIncidentPage
      page={pageOf(c)}
      today={c.var.deps.clock.today()}
      form={form}
      contractors={list}
      search={{ q, more }}
    />,
    form.summary || Object.keys(form.errors).length ? 400 : 200,
  );
}

incidentPages.get('/incidents/new', async (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  const { q, contractorId } = pageQuery(c, NewQuery);
  return newForm(c, emptyForm({ contractorId: contractorId ?? '', discoveredOn: c.var.deps.clock.today() }), q);
});

/** Where the reports go, as the form's radio buttons and minister's name say. */
const authorityOf = (values: FormValues) =>
  one(values, 'authority.kind') === 'delegated_minister'
    ? { kind: 'delegated_minister' as const, minister: one(values, 'authority.minister') }
    : { kind: 'ppc' as const };

/** The facts as the form sent them, shaped as the API's bodies take them; an emptied date is cleared. */
function facts(values: FormValues) {
  const count = one(values, 'affectedCount').trim();
  return {
    summary: one(values, 'summary'),
    discoveredOn: optional(values, 'discoveredOn') ?? undefined,
    affectedCount: count === '' ? undefined : Number(count),
    factors: {
      ...Object.fromEntries(FACTORS.map((f) => [f, checked(values, `factors.${f}`)])),
      highlyEncrypted: checked(values, 'factors.highlyEncrypted'),
    },
    encryptionNote: optional(values, 'encryptionNote'),
    contractorAwareOn: optional(values, 'contractorAwareOn'),
    contractorNotifiedOn: optional(values, 'contractorNotifiedOn'),
    becameReportableOn: optional(values, 'becameReportableOn'),
    reportedJointly: checked(values, 'reportedJointly'),
    authority: authorityOf(values),
  };
}

/** The alternative to notices as the reports form sent it: none unless a kind is chosen. */
function alternativeNotice(values: FormValues) {
  const kind = optional(values, 'alternativeNotice.kind');
  return kind ? { kind, on: optional(values, 'alternativeNotice.on') ?? undefined } : null;
}

/** A refused form: its problems by field, in the reader's language, with what was typed. */
const refused = (c: WebContext, values: FormValues, err: unknown): FormState => ({
  values,
  ...refusal(err, pickLang(c)),
});

incidentPages.post('/incidents', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  try {
    const input = CreateIncidentSchema.parse({
      contractorId: optional(values, 'contractorId') ?? undefined,
      ...facts(values),
    });
    const created = await createIncident(ctxOf(c), input);
    return c.redirect(`/incidents/${created.id}?saved=1`, 303);
  } catch (err) {
    return newForm(c, refused(c, values, err));
  }
});

// ——— One incident ———

const DetailQuery = z.object({ saved: Flag, closed: Flag });

const reportValues = (i: IncidentView): FormValues => ({
  preliminaryReportedOn: i.preliminaryReportedOn ?? '',
  finalReportedOn: i.finalReportedOn ?? '',
  subjectsNotifiedOn: i.subjectsNotifiedOn ?? '',
  'alternativeNotice.kind': i.alternativeNotice?.kind ?? '',
  'alternativeNotice.on': i.alternativeNotice?.on ?? '',
  version: String(i.version),
});

async function detail(c: WebContext, id: string, reports?: FormState, status: 200 | 400 | 412 = 200) {
  const query = pageQuery(c, DetailQuery);
  const ctx = ctxOf(c);
  const incident = await getIncident(ctx, id);
  const contractor = await getContractor(ctx, incident.contractorId);
  const { t } = pageOf(c).i18n;
  return c.html(
    <IncidentDetailPage
      page={pageOf(c)}
      today={c.var.deps.clock.today()}
      incident={incident}
      contractorName={contractor.name}
      canWrite={may(c, ['compliance'])}
      reports={reports ?? emptyForm(reportValues(incident))}
      notice={query.closed ? t('inc.closed') : query.saved ? t('inc.saved') : null}
    />,
    status,
  );
}

incidentPages.get('/incidents/:id', (c) => detail(c, c.req.param('id')));

/**
 * Someone else saved first (412): the form comes back with what was typed, now against
 * the version saved meanwhile, so saving again applies it knowingly.
 */
function conflict(c: WebContext, values: FormValues, current: IncidentView): FormState {
  return {
    values: { ...values, version: String(current.version) },
    errors: {},
    summary: pageOf(c).i18n.t('inc.conflict'),
  };
}

const isConflict = (err: unknown) => err instanceof ProblemError && err.status === 412;

incidentPages.post('/incidents/:id/reports', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  try {
    // An empty date means "not made (yet)": a date recorded by mistake can be taken back.
    const patch = PatchIncidentSchema.parse({
      ...Object.fromEntries(REPORT_FIELDS.map((f) => [f, optional(values, f)])),
      alternativeNotice: alternativeNotice(values),
    });
    await patchIncident(ctxOf(c), id, patch, one(values, 'version') || undefined);
    return c.redirect(`/incidents/${id}?saved=1`, 303);
  } catch (err) {
    if (isConflict(err)) {
      return detail(c, id, conflict(c, values, await getIncident(ctxOf(c), id)), 412);
    }
    return detail(c, id, refused(c, values, err), 400);
  }
});

// ——— Correcting the facts ———

const CorrectionSchema = PatchIncidentSchema.required({ summary: true, discoveredOn: true, affectedCount: true });

const factValues = (i: IncidentView): FormValues => ({
  discoveredOn: i.discoveredOn,
  summary: i.summary,
  affectedCount: String(i.affectedCount),
  ...Object.fromEntries(FACTORS.map((f) => [`factors.${f}`, i.factors[f] ? 'on' : ''])),
  'factors.highlyEncrypted': i.factors.highlyEncrypted ? 'on' : '',
  encryptionNote: i.encryptionNote ?? '',
  contractorAwareOn: i.contractorAwareOn ?? '',
  contractorNotifiedOn: i.contractorNotifiedOn ?? '',
  becameReportableOn: i.becameReportableOn ?? '',
  reportedJointly: i.reportedJointly ? 'on' : '',
  'authority.kind': i.authority.kind,
  'authority.minister': i.authority.kind === 'delegated_minister' ? i.authority.minister : '',
  version: String(i.version),
});

async function editForm(c: WebContext, id: string, form?: FormState, status: 200 | 400 | 412 = 200) {
  const ctx = ctxOf(c);
  const incident = await getIncident(ctx, id);
  const contractor = await getContractor(ctx, incident.contractorId);
  return c.html(
    <EditIncidentPage
      page={pageOf(c)}
      today={c.var.deps.clock.today()}
      incident={incident}
      contractorName={contractor.name}
      form={form ?? emptyForm(factValues(incident))}
      conflict={status === 412}
    />,
    status,
  );
}

incidentPages.get('/incidents/:id/edit', (c) =>
  may(c, ['compliance']) ? editForm(c, c.req.param('id')) : forbidden(c),
);

incidentPages.post('/incidents/:id', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  try {
    // Every fact is on the form: an emptied one is missing, not "unchanged".
    const patch = CorrectionSchema.parse(facts(values));
    await patchIncident(ctxOf(c), id, patch, one(values, 'version') || undefined);
    return c.redirect(`/incidents/${id}?saved=1`, 303);
  } catch (err) {
    if (isConflict(err)) {
      return editForm(c, id, conflict(c, values, await getIncident(ctxOf(c), id)), 412);
    }
    return editForm(c, id, refused(c, values, err), 400);
  }
});

// ——— Closing ———

async function closeForm(c: WebContext, id: string, form: FormState, status: 200 | 400 | 409 = 200) {
  const ctx = ctxOf(c);
  const incident = await getIncident(ctx, id);
  const contractor = await getContractor(ctx, incident.contractorId);
  return c.html(
    <CloseIncidentPage page={pageOf(c)} incident={incident} contractorName={contractor.name} form={form} />,
    status,
  );
}

incidentPages.get('/incidents/:id/close', (c) =>
  may(c, ['compliance']) ? closeForm(c, c.req.param('id'), emptyForm()) : forbidden(c),
);

incidentPages.post('/incidents/:id/close', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  try {
    const { summary } = CloseIncidentSchema.parse({ summary: one(values, 'summary') });
    await closeIncident(ctxOf(c), id, summary);
    return c.redirect(`/incidents/${id}?closed=1`, 303);
  } catch (err) {
    // The domain's refusal in the page's words: the final report (確報) comes first.
    if (err instanceof ProblemError && err.slug === 'final-report-required') {
      const form = { values, errors: {}, summary: pageOf(c).i18n.t('inc.finalReportRequired') };
      return closeForm(c, id, form, 409);
    }
    // APPI Art. 26(2): the notice to the individuals (or its alternative) is missing.
    if (err instanceof ProblemError && err.slug === 'subject-notice-required') {
      const form = { values, errors: {}, summary: pageOf(c).i18n.t('il.subjectNoticeRequired') };
      return closeForm(c, id, form, 409);
    }
    const form = refused(c, values, err);
    return closeForm(c, id, form, err instanceof ProblemError && err.status === 409 ? 409 : 400);
  }
});
