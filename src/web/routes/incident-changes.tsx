import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { getContractor } from '../../modules/contractors/contractors.service';
import { CloseIncidentSchema, PatchIncidentSchema } from '../../modules/incidents/incidents.schemas';
import {
  closeIncident,
  getIncident,
  type IncidentView,
  patchIncident,
} from '../../modules/incidents/incidents.service';
import { ProblemError } from '../../platform/problem';
import { type FormValues, one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { IncidentDetailPage, REPORT_FIELDS } from '../pages/incident-detail';
import { emptyForm, type FormState } from '../pages/incident-fields';
import { CloseIncidentPage, EditIncidentPage, FACTORS } from '../pages/incident-form';
import { Flag, pageQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';
import { facts, refused } from './incident-form-data';

/** One incident: its page, the reports and notice recorded on it, correcting its facts, closing it. */
export const incidentChangePages = new Hono<WebEnv>();

/** The alternative to notices as the reports form sent it: none unless a kind is chosen. */
function alternativeNotice(values: FormValues) {
  const kind = optional(values, 'alternativeNotice.kind');
  return kind ? { kind, on: optional(values, 'alternativeNotice.on') ?? undefined } : null;
}

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

incidentChangePages.get('/incidents/:id', (c) => detail(c, c.req.param('id')));

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

incidentChangePages.post('/incidents/:id/reports', async (c) => {
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

incidentChangePages.get('/incidents/:id/edit', (c) =>
  may(c, ['compliance']) ? editForm(c, c.req.param('id')) : forbidden(c),
);

incidentChangePages.post('/incidents/:id', async (c) => {
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

incidentChangePages.get('/incidents/:id/close', (c) =>
  may(c, ['compliance']) ? closeForm(c, c.req.param('id'), emptyForm()) : forbidden(c),
);

incidentChangePages.post('/incidents/:id/close', async (c) => {
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
