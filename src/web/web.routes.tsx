import { z } from '@hono/zod-openapi';
import { and, eq, inArray } from 'drizzle-orm';
import type { Context } from 'hono';
import { Hono } from 'hono';
import { setCookie } from 'hono/cookie';
import type { Role } from '../../db/schema';
import { alerts, contractors, users } from '../../db/schema';
import { addDays, addMonths } from '../domain/calendar';
import { allowedTransitions } from '../domain/supervision';
import { CreateAgreementSchema } from '../modules/agreements/agreements.schemas';
import { createAgreement, listAgreements } from '../modules/agreements/agreements.service';
import { AlertStatusSchema, ResolveAlertSchema } from '../modules/alerts/alerts.schemas';
import { acknowledgeAlert, listAlerts, resolveAlert } from '../modules/alerts/alerts.service';
import { listAuditEvents } from '../modules/audit/audit.service';
import { transitionContractor } from '../modules/contractors/contractors.lifecycle';
import {
  ContractorListQuery,
  CreateContractorSchema,
  PatchContractorSchema,
} from '../modules/contractors/contractors.schemas';
import {
  checkProfile,
  contractorChain,
  createContractor,
  getContractor,
  listContractors,
  type Profile,
  patchContractor,
} from '../modules/contractors/contractors.service';
import {
  agreementWatchlist,
  dashboardSummary,
  openReviewsBetween,
  reviewsPerMonth,
} from '../modules/dashboard/dashboard.service';
import { listFindings } from '../modules/findings/findings.service';
import { listIncidents } from '../modules/incidents/incidents.service';
import { CompleteReviewSchema, CreateReviewSchema } from '../modules/reviews/reviews.schemas';
import { completeReview, getReview, listReviews, scheduleReview } from '../modules/reviews/reviews.service';
import { tokenLookup } from '../modules/users/users.service';
import type { RequestContext } from '../platform/app-env';
import { ProblemError } from '../platform/problem';
import { fieldErrors, validationProblem } from '../platform/router';
import { checked, type FormValues, formProblem, many, one, optional, readForm } from './forms';
import { formBodyLimit, fromOwnPage, safeNext } from './guards';
import { i18n, LANG_COOKIE, pickLang } from './i18n';
import type { PageContext } from './layout';
import { Layout } from './layout';
import { loginFormToken, validLoginToken } from './login-csrf';
import { fieldMessageJa, problemJa } from './messages-ja';
import { ContractorDetailPage } from './pages/contractor-detail';
import { ContractorFormPage, ContractorListPage } from './pages/contractors';
import { DashboardPage } from './pages/dashboard';
import { LoginPage } from './pages/login';
import {
  AgreementFormPage,
  AlertsPage,
  CompleteReviewPage,
  FINDING_SLOTS,
  ScheduleReviewPage,
} from './pages/supervision';
import { BadQuery, Cursor, checkLang, Flag, OptionalDate, pageQuery, withQuery } from './query';
import { endSession, loadSession, startSession, validCsrf, type WebEnv } from './session';
import { stylesheet } from './styles';

type C = Context<WebEnv>;

function pageOf(c: C): PageContext {
  const session = c.get('session');
  return {
    i18n: i18n(pickLang(c)),
    user: session ? { name: session.actor.name, role: session.actor.role } : null,
    csrf: session?.csrf ?? '',
    path: c.req.path,
  };
}

const ctxOf = (c: C): RequestContext => ({ ...c.var.deps, actor: c.var.actor, requestId: c.var.requestId });

const may = (c: C, roles: Role[]) => {
  const role = c.get('session')?.actor.role;
  return role === 'admin' || (role !== undefined && roles.includes(role));
};

function forbidden(c: C) {
  const page = pageOf(c);
  return c.html(
    <Layout page={page} title="403">
      <h1>403</h1>
      <p class="notice error" role="alert">
        {page.i18n.t('err.forbidden', { role: page.user?.role ?? '' })}
      </p>
    </Layout>,
    403,
  );
}

/** A post without the page's CSRF token, or from another site: refused, nothing done. */
function csrfRefused(c: C) {
  const page = pageOf(c);
  return c.html(
    <Layout page={page} title="403">
      <p class="notice error" role="alert">
        {page.i18n.t('err.csrf')}
      </p>
    </Layout>,
    403,
  );
}

/** Guards a form POST: a live session, its CSRF token, and the role; returns the form. */
async function guardedForm(c: C, roles: Role[]): Promise<FormValues | Response> {
  const values = await readForm(c);
  if (!validCsrf(c, values._csrf)) return csrfRefused(c);
  if (!may(c, roles)) return forbidden(c);
  return values;
}

function contractorInput(values: FormValues) {
  return {
    name: one(values, 'name'),
    nameKana: optional(values, 'nameKana'),
    corporateNumber: optional(values, 'corporateNumber'),
    country: optional(values, 'country') ?? 'JP',
    contactName: optional(values, 'contactName'),
    contactEmail: optional(values, 'contactEmail'),
    services: optional(values, 'services'),
    dataCategories: many(values, 'dataCategories'),
    handlesSpecialCare: checked(values, 'handlesSpecialCare'),
    handlesPaymentData: checked(values, 'handlesPaymentData'),
    systemAccess: checked(values, 'systemAccess'),
    subjectCount: one(values, 'subjectCount').trim() === '' ? 0 : Number(one(values, 'subjectCount')),
    crossBorderBasis: optional(values, 'crossBorderBasis'),
    riskTierOverride: optional(values, 'riskTierOverride'),
    riskOverrideReason: optional(values, 'riskOverrideReason'),
  };
}

/** The parent typed by name (or id) → its id; a form error when it names none or several. */
async function resolveParent(c: C, values: FormValues): Promise<string | null> {
  const typed = optional(values, 'parentName');
  if (!typed) return null;
  const db = c.var.deps.db;
  const byId = await db.select({ id: contractors.id }).from(contractors).where(eq(contractors.id, typed)).get();
  if (byId) return byId.id;
  const byName = await db
    .select({ id: contractors.id })
    .from(contractors)
    .where(eq(contractors.name, typed))
    .limit(2)
    .all();
  if (byName.length === 1 && byName[0]) return byName[0].id;
  const message = byName.length ? 'several contractors have this name; enter the ID' : 'no contractor has this name';
  throw new ProblemError(400, 'validation', message, [{ path: 'parentName', message }]);
}

function contractorValues(view: Awaited<ReturnType<typeof getContractor>>, parentName: string): FormValues {
  const flag = (b: boolean) => (b ? 'on' : '');
  return {
    name: view.name,
    nameKana: view.nameKana ?? '',
    corporateNumber: view.corporateNumber ?? '',
    country: view.country,
    contactName: view.contactName ?? '',
    contactEmail: view.contactEmail ?? '',
    services: view.services ?? '',
    dataCategories: view.dataCategories,
    handlesSpecialCare: flag(view.handlesSpecialCare),
    handlesPaymentData: flag(view.handlesPaymentData),
    systemAccess: flag(view.systemAccess),
    subjectCount: String(view.subjectCount),
    parentName,
    crossBorderBasis: view.crossBorderBasis ?? '',
    riskTierOverride: view.riskTierOverride ?? '',
    riskOverrideReason: view.riskOverrideReason ?? '',
    version: String(view.version),
  };
}

/**
 * Parses the form's contractor; when the shape is wrong, the registry's own checks
 * (corporate number, country, cross-border basis, override reason) are reported in the
 * same answer, so a form never needs two rounds to show every mistake.
 */
function parseAllErrors<S extends typeof CreateContractorSchema | typeof PatchContractorSchema>(
  schema: S,
  input: ReturnType<typeof contractorInput> & { parentId: string | null },
): ReturnType<S['parse']> {
  const shape = schema.safeParse(input);
  if (shape.success) return shape.data as ReturnType<S['parse']>;
  const errors = fieldErrors(shape.error.issues);
  const domain = checkProfile({
    ...input,
    crossBorderBasis: input.crossBorderBasis as Profile['crossBorderBasis'],
    riskTierOverride: input.riskTierOverride as Profile['riskTierOverride'],
  }).errors.filter((e) => !errors.some((x) => x.path.split('.')[0] === e.path));
  throw new ProblemError(400, 'validation', 'invalid form', [...errors, ...domain]);
}

/** The server-rendered web UI: sign-in, dashboard, contractors, supervision forms, alerts. */
export const webRoutes = new Hono<WebEnv>();

webRoutes.get('/assets/itaku.css', (c) =>
  c.body(stylesheet, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'public, max-age=3600' }),
);

/** The paths the web UI owns; everything else (the API, docs, health) passes untouched. */
const WEB_PATH = /^\/($|(login|logout|contractors|reviews|alerts)(\/|$))/;

const ownsPath = (c: C) => WEB_PATH.test(c.req.path);

// Pages name the signed-in user and show personal data: no cache, shared or the browser's, may keep them.
webRoutes.use('*', async (c, next) => {
  if (!ownsPath(c)) return next();
  await next();
  c.res.headers.set('Cache-Control', 'no-store');
});
// Before anything reads the request: an oversized form is refused unread.
webRoutes.use('*', (c, next) =>
  ownsPath(c) && c.req.method !== 'GET' && c.req.method !== 'HEAD' ? formBodyLimit(c, next) : next(),
);
webRoutes.use('*', async (c, next) => (ownsPath(c) ? loadSession(c, next) : next()));
webRoutes.use('*', async (c, next) => {
  if (!ownsPath(c)) return next();
  checkLang(c);
  const lang = c.req.query('lang');
  if (lang === 'ja' || lang === 'en')
    setCookie(c, LANG_COOKIE, lang, { path: '/', sameSite: 'Lax', maxAge: 31_536_000 });
  const open = c.req.path === '/login' || c.req.path.startsWith('/assets/');
  if (!open && !c.get('session')) {
    if (c.req.method !== 'GET') return c.redirect('/login', 303);
    return c.redirect(`/login?next=${encodeURIComponent(c.req.path + (new URL(c.req.url).search || ''))}`, 303);
  }
  await next();
});

// `next` is not refused: whatever is not a path of ours becomes `/` (safeNext).
const LoginQuery = z.object({ next: z.string().optional(), signedOut: Flag });

webRoutes.get('/login', async (c) => {
  const query = pageQuery(c, LoginQuery);
  return c.html(
    <LoginPage
      page={pageOf(c)}
      token={await loginFormToken(c)}
      signedOut={query.signedOut === '1'}
      next={safeNext(query.next)}
    />,
  );
});

/**
 * Signs in with an API token. The form must come from our own sign-in page in this
 * browser (same-origin Origin or Referer, and its token): otherwise another site could
 * sign the victim into an account of the attacker's choosing (login CSRF).
 */
webRoutes.post('/login', async (c) => {
  const values = await readForm(c);
  const next = safeNext(one(values, 'next'));
  if (!fromOwnPage(c, true) || !(await validLoginToken(c, values._csrf))) {
    return c.html(<LoginPage page={pageOf(c)} token={await loginFormToken(c)} refused next={next} />, 403);
  }
  const actor = await tokenLookup(c.var.deps.db)(one(values, 'token').trim());
  if (!actor) return c.html(<LoginPage page={pageOf(c)} token={await loginFormToken(c)} error next={next} />, 401);
  await startSession(c, c.var.deps, actor);
  return c.redirect(next, 303);
});

// A forged sign-out is refused and the session lives on: saying "signed out" while it does not would mislead.
webRoutes.post('/logout', async (c) => {
  const values = await readForm(c);
  if (!validCsrf(c, values._csrf)) return csrfRefused(c);
  await endSession(c, c.var.deps);
  return c.redirect('/login?signedOut=1', 303);
});

webRoutes.get('/', async (c) => {
  const deps = c.var.deps;
  const today = deps.clock.today();
  const monthStart = `${today.slice(0, 8)}01`;
  const [summary, history, overdue, thisMonth, nextMonth, watch] = await Promise.all([
    dashboardSummary(deps),
    reviewsPerMonth(deps),
    openReviewsBetween(deps, null, today),
    openReviewsBetween(deps, monthStart, addMonths(monthStart, 1)),
    openReviewsBetween(deps, addMonths(monthStart, 1), addMonths(monthStart, 2)),
    agreementWatchlist(deps),
  ]);
  return c.html(
    <DashboardPage
      page={pageOf(c)}
      summary={summary}
      history={history}
      overdue={overdue}
      thisMonth={thisMonth}
      nextMonth={nextMonth}
      watch={watch}
    />,
  );
});

// Filters as the API takes them; the page size is the page's own.
const ContractorsQuery = ContractorListQuery.omit({ limit: true });

webRoutes.get('/contractors', async (c) => {
  const parsed = pageQuery(c, ContractorsQuery);
  const page = await withQuery(() => listContractors(c.var.deps, { ...parsed, limit: 50 }));
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

const contractorForm = (
  c: C,
  values: FormValues,
  problem: { fields: Record<string, string>; summary: string | null },
  id?: string,
) => {
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
    Object.keys(problem.fields).length || problem.summary ? 400 : 200,
  );
};

webRoutes.get('/contractors/new', (c) =>
  may(c, ['procurement']) ? contractorForm(c, { country: 'JP' }, { fields: {}, summary: null }) : forbidden(c),
);

webRoutes.post('/contractors', async (c) => {
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

webRoutes.get('/contractors/:id', async (c) => {
  const query = pageQuery(c, ContractorQuery);
  const deps = c.var.deps;
  const id = c.req.param('id');
  const contractor = await getContractor(deps, id);
  const [agreementPage, reviewPage, findingPage, alertPage, incidentPage, chain, history] = await Promise.all([
    listAgreements(deps, { contractorId: id, limit: 200 }),
    listReviews(deps, { contractorId: id, limit: 200 }),
    listFindings(deps, { contractorId: id, limit: 200 }),
    listAlerts(deps, { contractorId: id, limit: 50 }),
    listIncidents(deps, { contractorId: id, limit: 50 }),
    contractorChain(deps, id),
    listAuditEvents(deps.db, { entityType: 'contractor', entityId: id, limit: 20 }, { isAdmin: false }),
  ]);
  const actorIds = [...new Set(history.items.map((h) => h.actor))];
  const actorNames = new Map(
    actorIds.length
      ? (
          await deps.db.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, actorIds)).all()
        ).map((u) => [u.id, u.name])
      : [],
  );
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

webRoutes.get('/contractors/:id/edit', async (c) => {
  if (!may(c, ['procurement'])) return forbidden(c);
  const view = await getContractor(c.var.deps, c.req.param('id'));
  const parent = view.parentId ? await getContractor(c.var.deps, view.parentId) : null;
  return contractorForm(c, contractorValues(view, parent?.name ?? ''), { fields: {}, summary: null }, view.id);
});

webRoutes.post('/contractors/:id', async (c) => {
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

webRoutes.post('/contractors/:id/transition', async (c) => {
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

const agreementForm = async (
  c: C,
  id: string,
  values: FormValues,
  problem = { fields: {}, summary: null as string | null },
) => {
  const contractor = await getContractor(c.var.deps, id);
  return c.html(
    <AgreementFormPage
      page={pageOf(c)}
      contractor={contractor}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
    />,
    Object.keys(problem.fields).length || problem.summary ? 400 : 200,
  );
};

webRoutes.get('/contractors/:id/agreements/new', (c) =>
  may(c, ['procurement'])
    ? agreementForm(c, c.req.param('id'), { reconsignment: 'prior_approval', startDate: c.var.deps.clock.today() })
    : forbidden(c),
);

webRoutes.post('/contractors/:id/agreements', async (c) => {
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

const NewReviewQuery = z.object({ contractorId: z.string().max(64) });

webRoutes.get('/reviews/new', async (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  const { contractorId } = pageQuery(c, NewReviewQuery);
  const contractor = await getContractor(c.var.deps, contractorId);
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

webRoutes.post('/reviews', async (c) => {
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
    const contractor = await getContractor(c.var.deps, contractorId);
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

const completeForm = async (
  c: C,
  id: string,
  values: FormValues,
  problem = { fields: {}, summary: null as string | null },
) => {
  const review = await getReview(c.var.deps, id);
  const contractor = await getContractor(c.var.deps, review.contractorId);
  return c.html(
    <CompleteReviewPage
      page={pageOf(c)}
      review={review}
      contractorName={contractor.name}
      values={values}
      errors={problem.fields}
      summary={problem.summary}
    />,
    Object.keys(problem.fields).length || problem.summary ? 400 : 200,
  );
};

webRoutes.get('/reviews/:id/complete', (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  const ratings = Object.fromEntries(
    ['organizational', 'human', 'physical', 'technical'].map((k) => [`checklist.${k}`, 'adequate']),
  );
  return completeForm(c, c.req.param('id'), {
    completedOn: c.var.deps.clock.today(),
    outcome: 'satisfactory',
    ...ratings,
  });
});

webRoutes.post('/reviews/:id/complete', async (c) => {
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

const AlertsQuery = z.object({ status: AlertStatusSchema.default('open'), cursor: Cursor });

webRoutes.get('/alerts', async (c) => {
  const { status, cursor } = pageQuery(c, AlertsQuery);
  const page = await withQuery(() => listAlerts(c.var.deps, { status, limit: 50, cursor }));
  const ids = [...new Set(page.items.map((a) => a.contractorId))];
  const names = ids.length
    ? await c.var.deps.db
        .select({ id: contractors.id, name: contractors.name })
        .from(contractors)
        .where(inArray(contractors.id, ids))
        .all()
    : [];
  const nameOf = new Map(names.map((n) => [n.id, n.name]));
  return c.html(
    <AlertsPage
      page={pageOf(c)}
      status={status}
      items={page.items.map((a) => ({ ...a, contractorName: nameOf.get(a.contractorId) ?? a.contractorId }))}
      nextCursor={page.nextCursor}
      canAct={may(c, ['compliance'])}
    />,
  );
});

webRoutes.post('/alerts/:id/acknowledge', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  await acknowledgeAlert(ctxOf(c), c.req.param('id'));
  return c.redirect('/alerts?status=open', 303);
});

webRoutes.post('/alerts/:id/resolve', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const current = await c.var.deps.db
    .select({ status: alerts.status })
    .from(alerts)
    .where(and(eq(alerts.id, c.req.param('id'))))
    .get();
  // The same rules as the API's body (one note, no control characters beyond lines and tabs).
  const note = ResolveAlertSchema.safeParse({ note: optional(values, 'note') });
  if (!note.success) throw validationProblem(note.error.issues);
  await resolveAlert(ctxOf(c), c.req.param('id'), note.data.note);
  return c.redirect(`/alerts?status=${current?.status ?? 'open'}`, 303);
});

/** HTML error pages for the web UI (the API answers problem+json). */
webRoutes.onError((err, c) => {
  const page = pageOf(c);
  if (err instanceof BadQuery) {
    const message = (m: string) => (page.i18n.lang === 'ja' ? fieldMessageJa(m) : m);
    const errors = err.errors ?? [];
    return c.html(
      <Layout page={page} title="400">
        <h1>400</h1>
        <p class="notice error" role="alert">
          {page.i18n.t('err.badQuery', { names: errors.map((e) => e.path).join(', ') })}
        </p>
        <ul>
          {errors.map((e) => (
            <li>
              <code>{e.path}</code>: {message(e.message)}
            </li>
          ))}
        </ul>
      </Layout>,
      400,
    );
  }
  if (err instanceof ProblemError) {
    return c.html(
      <Layout page={page} title={String(err.status)}>
        <h1>{err.status === 404 ? page.i18n.t('err.notFound') : err.status}</h1>
        <p class="notice error" role="alert">
          {page.i18n.lang === 'ja' ? (problemJa(err.slug) ?? err.detail) : err.detail}
        </p>
      </Layout>,
      err.status as 400,
    );
  }
  c.var.deps.logger.error('web page failed', {
    requestId: c.var.requestId,
    path: c.req.path,
    error: err instanceof Error ? err.message : String(err),
    stack: err instanceof Error ? err.stack : undefined,
  });
  return c.html(
    <Layout page={page} title="500">
      <h1>500</h1>
      <p class="notice error">Request id: {c.var.requestId}</p>
    </Layout>,
    500,
  );
});
