import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { clauseNames } from '../../domain/agreement-terms';
import { eventLabel } from '../../i18n/events';
import {
  CreateAgreementSchema,
  DataDispositionSchema,
  PatchAgreementSchema,
} from '../../modules/agreements/agreements.schemas';
import {
  type AgreementView,
  checkTerms,
  createAgreement,
  getAgreement,
  patchAgreement,
} from '../../modules/agreements/agreements.service';
import { listAuditEvents } from '../../modules/audit/audit.service';
import { getContractor } from '../../modules/contractors/contractors.service';
import { userNames } from '../../modules/users/users.service';
import { DateSchema } from '../../platform/openapi';
import { invalidFields, ProblemError } from '../../platform/problem';
import { fieldErrors } from '../../platform/router';
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
import { AgreementDetailPage } from '../pages/agreement-detail';
import { AgreementEditPage, type AgreementForm, AgreementFormPage } from '../pages/agreement-form';
import { Flag, pageQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** Consignment agreements (委託契約): adding one, its page, editing, terminating, and the data's return or deletion. */
export const agreementPages = new Hono<WebEnv>();

/** The terms form's fields as POST and PATCH /agreements take them (a box left unticked is `false`). */
function termsInput(values: FormValues) {
  const number = (k: string) => (one(values, k).trim() === '' ? null : Number(one(values, k)));
  const clauses = many(values, 'clauses');
  return {
    title: one(values, 'title'),
    reference: optional(values, 'reference'),
    purpose: one(values, 'purpose'),
    dataCategories: many(values, 'dataCategories'),
    startDate: one(values, 'startDate'),
    endDate: optional(values, 'endDate'),
    autoRenew: checked(values, 'autoRenew'),
    renewalTermMonths: number('renewalTermMonths'),
    noticePeriodDays: number('noticePeriodDays'),
    reconsignment: one(values, 'reconsignment'),
    clauses: Object.fromEntries(clauseNames.map((cl) => [cl, clauses.includes(cl)])),
  };
}

/**
 * Parses the terms; when their shape is wrong, the date and renewal rules are reported in
 * the same answer (an end before the start, a renewal without a term), so a form never
 * needs two rounds to show every mistake.
 */
function parseTerms<S extends typeof CreateAgreementSchema | typeof PatchAgreementSchema>(
  schema: S,
  input: ReturnType<typeof termsInput> & { contractorId?: string },
): z.infer<S> {
  const shape = schema.safeParse(input);
  if (shape.success) return shape.data as z.infer<S>;
  const errors = fieldErrors(shape.error.issues);
  const date = (v: string | null) => (v !== null && DateSchema.safeParse(v).success ? v : null);
  const startDate = date(input.startDate);
  const rules = startDate
    ? checkTerms({
        startDate,
        endDate: date(input.endDate),
        autoRenew: input.autoRenew,
        renewalTermMonths: input.renewalTermMonths,
        terminatedOn: null,
        dispositionConfirmedOn: null,
      })
    : [];
  throw invalidFields([...errors, ...rules.filter((e) => !errors.some((x) => x.path === e.path))]);
}

/** A saved agreement's terms as the form shows them. */
function termsValues(a: AgreementView): FormValues {
  return {
    title: a.title,
    reference: a.reference ?? '',
    purpose: a.purpose,
    dataCategories: a.dataCategories,
    startDate: a.startDate,
    endDate: a.endDate ?? '',
    autoRenew: a.autoRenew ? 'on' : '',
    renewalTermMonths: a.renewalTermMonths === null ? '' : String(a.renewalTermMonths),
    noticePeriodDays: a.noticePeriodDays === null ? '' : String(a.noticePeriodDays),
    reconsignment: a.reconsignment,
    clauses: clauseNames.filter((n) => a.clauses[n]),
  };
}

/** The status a refused form comes back with: the rule's own (409, 412), else 400. */
const refusedStatus = (err: unknown) => (err instanceof ProblemError ? err.status : 400) as 400;

// ── Adding one ────────────────────────────────────────────────────────────

const newForm = async (c: WebContext, id: string, values: FormValues, problem: FormProblem = noProblem()) => {
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
    ? newForm(c, c.req.param('id'), { reconsignment: 'prior_approval', startDate: c.var.deps.clock.today() })
    : forbidden(c),
);

agreementPages.post('/contractors/:id/agreements', async (c) => {
  const values = await guardedForm(c, ['procurement']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  try {
    const input = parseTerms(CreateAgreementSchema, { contractorId: id, ...termsInput(values) });
    await createAgreement(ctxOf(c), input);
    return c.redirect(`/contractors/${id}?saved=1`, 303);
  } catch (err) {
    return newForm(c, id, values, formProblem(err, pickLang(c)));
  }
});

// ── Its page ──────────────────────────────────────────────────────────────

const DetailQuery = z.object({ saved: Flag });
const HISTORY_SHOWN = 10;

agreementPages.get('/agreements/:id', async (c) => {
  const query = pageQuery(c, DetailQuery);
  const ctx = ctxOf(c);
  const page = pageOf(c);
  const id = c.req.param('id');
  const agreement = await getAgreement(ctx, id);
  const [contractor, history] = await Promise.all([
    getContractor(ctx, agreement.contractorId),
    listAuditEvents(ctx.db, { entityType: 'agreement', entityId: id, limit: HISTORY_SHOWN }, { isAdmin: false }),
  ]);
  const names = await userNames(ctx.db, [...new Set(history.items.map((h) => h.actor))]);
  return c.html(
    <AgreementDetailPage
      page={page}
      data={{
        agreement,
        contractor: { id: contractor.id, name: contractor.name },
        history: history.items.map((h) => ({
          seq: h.seq,
          at: h.at,
          action: eventLabel(h.action, page.i18n.lang),
          actorName: h.actor === 'system' ? 'itaku' : (names.get(h.actor) ?? h.actor),
        })),
      }}
      canEdit={may(c, ['procurement'])}
      notice={query.saved ? page.i18n.t('c.saved') : null}
    />,
  );
});

// ── Editing, terminating, the data's return or deletion ───────────────────

interface Sent {
  form: AgreementForm;
  values: FormValues;
  problem: FormProblem;
  conflict: boolean;
}

async function editPage(c: WebContext, id: string, sent: Sent | null = null, status: 200 | 400 = 200) {
  const ctx = ctxOf(c);
  const agreement = await getAgreement(ctx, id);
  const contractor = await getContractor(ctx, agreement.contractorId);
  const d = agreement.dataDisposition;
  const today = c.var.deps.clock.today();
  // Every form starts from what is saved, the one sent keeps what was typed (its boxes left unticked too).
  const saved: FormValues = {
    ...(sent?.form === 'terms' ? {} : termsValues(agreement)),
    terminatedOn: agreement.terminatedOn ?? today,
    'dataDisposition.method': d?.method ?? '',
    'dataDisposition.confirmedOn': d?.confirmedOn ?? today,
    'dataDisposition.evidence': d?.evidence ?? '',
  };
  return c.html(
    <AgreementEditPage
      page={pageOf(c)}
      agreement={agreement}
      contractor={{ id: contractor.id, name: contractor.name }}
      values={{ ...saved, ...sent?.values }}
      errors={sent?.problem.fields ?? {}}
      summary={sent?.problem.summary ?? null}
      sent={sent?.form ?? null}
      conflict={sent?.conflict ?? false}
    />,
    status,
  );
}

agreementPages.get('/agreements/:id/edit', (c) =>
  may(c, ['procurement']) ? editPage(c, c.req.param('id')) : forbidden(c),
);

/** Parses a form: the value, or what was wrong with it (a ZodError or ProblemError). */
function attempt<T>(parse: () => T): { ok: true; value: T } | { ok: false; err: unknown } {
  try {
    return { ok: true, value: parse() };
  } catch (err) {
    return { ok: false, err };
  }
}

/**
 * One of the edit page's forms: parse it (with its confirmation box, reported in the same
 * round as the other mistakes), PATCH the agreement against the version the page showed,
 * then its page; refused, the edit page again with the typing kept.
 */
function editForm(path: string, form: AgreementForm, parse: (values: FormValues) => unknown, confirmBox?: string) {
  agreementPages.post(path, async (c) => {
    const values = await guardedForm(c, ['procurement']);
    if (values instanceof Response) return values;
    const id = c.req.param('id') ?? '';
    const page = pageOf(c);
    const parsed = attempt(() => PatchAgreementSchema.parse(parse(values)));
    const problem = parsed.ok ? noProblem() : formProblem(parsed.err, page.i18n.lang);
    if (confirmBox && !checked(values, confirmBox)) problem.fields[confirmBox] = page.i18n.t('agr.confirmRequired');
    if (!parsed.ok || formStatus(problem) !== 200) {
      return editPage(c, id, { form, values, problem, conflict: false }, 400);
    }
    try {
      await patchAgreement(ctxOf(c), id, parsed.value, one(values, 'version') || undefined);
      return c.redirect(`/agreements/${id}?saved=1`, 303);
    } catch (err) {
      const refused = formProblem(err, page.i18n.lang);
      const conflict = err instanceof ProblemError && err.status === 412;
      return editPage(c, id, { form, values, problem: refused, conflict }, refusedStatus(err));
    }
  });
}

editForm('/agreements/:id', 'terms', (values) => parseTerms(PatchAgreementSchema, termsInput(values)));

const TerminateForm = z.strictObject({ terminatedOn: DateSchema });
const DispositionForm = z.strictObject({ dataDisposition: DataDispositionSchema });

editForm(
  '/agreements/:id/terminate',
  'terminate',
  (values) => TerminateForm.parse({ terminatedOn: one(values, 'terminatedOn') || undefined }),
  'confirmTerminate',
);

editForm('/agreements/:id/disposition', 'disposition', (values) =>
  DispositionForm.parse({
    dataDisposition: {
      method: one(values, 'dataDisposition.method') || undefined,
      confirmedOn: one(values, 'dataDisposition.confirmedOn') || undefined,
      evidence: one(values, 'dataDisposition.evidence'),
    },
  }),
);
