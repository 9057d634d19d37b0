import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { subjectRequestKinds } from '../../../db/schema';
import { closingProblems } from '../../domain/subject-requests';
import { fieldMessage } from '../../i18n/messages';
import { PatchSubjectRequestTargetSchema } from '../../modules/settings/subject-request-target.schemas';
import {
  getSubjectRequestTarget,
  updateSubjectRequestTarget,
} from '../../modules/settings/subject-request-target.service';
import { closeSubjectRequest, patchTask } from '../../modules/subject-requests/subject-requests.close';
import {
  CloseSubjectRequestSchema,
  CreateSubjectRequestSchema,
  PatchTaskSchema,
} from '../../modules/subject-requests/subject-requests.schemas';
import {
  contractorsWithRequests,
  countSubjectRequests,
  createSubjectRequest,
  getSubjectRequest,
  listSubjectRequests,
} from '../../modules/subject-requests/subject-requests.service';
import { userNames } from '../../modules/users/users.service';
import { ProblemError } from '../../platform/problem';
import { checked, type FormValues, many, one, optional } from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { pagerState } from '../pager';
import { emptyForm, type FormState, refusal } from '../pages/incident-fields';
import { CloseSubjectRequestPage, SubjectRequestDetailPage } from '../pages/subject-request-detail';
import { NewSubjectRequestPage, SubjectRequestSettingsPage } from '../pages/subject-request-form';
import { SubjectRequestListPage } from '../pages/subject-requests';
import { Cursor, Flag, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/**
 * Requests from the people whose data it is (開示等の請求, APPI Art. 33–35): the list,
 * recording one, each contractor's part, closing, and the internal target. Compliance
 * writes, every role reads, as in the API.
 */
export const subjectRequestPages = new Hono<WebEnv>();

const WRITERS = ['compliance'] as const;
const PAGE_SIZE = 50;

const ListQuery = z.object({
  status: z.enum(['open', 'closed', 'all']).default('open'),
  kind: z.enum(subjectRequestKinds).optional(),
  contractorId: z.string().max(64).optional(),
  overdue: z.enum(['true']).optional(),
  cursor: Cursor,
});

subjectRequestPages.get('/subject-requests', async (c) => {
  const query = pageQuery(c, ListQuery);
  const ctx = ctxOf(c);
  const filter = {
    status: query.status === 'all' ? undefined : query.status,
    kind: query.kind,
    contractorId: query.contractorId,
    overdue: query.overdue ? true : undefined,
  };
  const [list, total, contractors] = await Promise.all([
    withQuery(() => listSubjectRequests(ctx, { ...filter, limit: PAGE_SIZE, cursor: query.cursor })),
    countSubjectRequests(ctx, filter),
    contractorsWithRequests(ctx),
  ]);
  return c.html(
    <SubjectRequestListPage
      page={pageOf(c)}
      today={c.var.deps.clock.today()}
      query={query}
      contractors={contractors}
      items={list.items}
      pager={{ state: pagerState(c.req.url), nextCursor: list.nextCursor, total, pageSize: PAGE_SIZE }}
      canRecord={may(c, [...WRITERS])}
    />,
  );
});

/** A refused form: its problems by field, in the reader's language, with what was typed. */
const refused = (c: WebContext, values: FormValues, err: unknown): FormState => ({
  values,
  ...refusal(err, pickLang(c)),
});

const statusOf = (err: unknown): 400 | 409 | 412 =>
  err instanceof ProblemError && (err.status === 409 || err.status === 412) ? err.status : 400;

async function newForm(c: WebContext, form: FormState, status: 200 | 400 = 200) {
  const { targetDays } = await getSubjectRequestTarget(ctxOf(c));
  return c.html(<NewSubjectRequestPage page={pageOf(c)} form={form} targetDays={targetDays} />, status);
}

subjectRequestPages.get('/subject-requests/new', (c) =>
  may(c, [...WRITERS]) ? newForm(c, emptyForm({ receivedOn: c.var.deps.clock.today() })) : forbidden(c),
);

subjectRequestPages.post('/subject-requests', async (c) => {
  const values = await guardedForm(c, [...WRITERS]);
  if (values instanceof Response) return values;
  try {
    const input = CreateSubjectRequestSchema.parse({
      kind: optional(values, 'kind') ?? undefined,
      receivedOn: optional(values, 'receivedOn') ?? undefined,
      dataCategories: many(values, 'dataCategories'),
      reference: one(values, 'reference'),
    });
    const created = await createSubjectRequest(ctxOf(c), input);
    return c.redirect(`/subject-requests/${created.id}?saved=1`, 303);
  } catch (err) {
    return newForm(c, refused(c, values, err), 400);
  }
});

// ——— One request and its contractors ———

const DetailQuery = z.object({ saved: Flag, closed: Flag });

async function detail(
  c: WebContext,
  id: string,
  taskForm?: { contractorId: string; form: FormState },
  status: 200 | 400 | 409 | 412 = 200,
) {
  const query = pageQuery(c, DetailQuery);
  const request = await getSubjectRequest(ctxOf(c), id);
  const { t } = pageOf(c).i18n;
  return c.html(
    <SubjectRequestDetailPage
      page={pageOf(c)}
      today={c.var.deps.clock.today()}
      request={request}
      canWrite={may(c, [...WRITERS])}
      taskForm={taskForm}
      notice={query.closed ? t('sr.closed') : query.saved ? t('sr.saved') : null}
    />,
    status,
  );
}

subjectRequestPages.get('/subject-requests/:id', (c) => detail(c, c.req.param('id')));

subjectRequestPages.post('/subject-requests/:id/tasks/:contractorId', async (c) => {
  const values = await guardedForm(c, [...WRITERS]);
  if (values instanceof Response) return values;
  const { id, contractorId } = c.req.param();
  const prefix = `t-${contractorId}-`;
  // The form's inputs carry the contractor in their names (several forms on one page).
  const field = (k: string) => one(values, `${prefix}${k}`);
  const sent: FormValues = {
    forwardedOn: field('forwardedOn'),
    answeredOn: field('answeredOn'),
    outcome: field('outcome'),
    note: field('note'),
    version: one(values, 'version'),
  };
  try {
    // Every field is on the form: an emptied one is taken back, not left unchanged.
    const patch = PatchTaskSchema.parse({
      forwardedOn: sent.forwardedOn || null,
      answeredOn: sent.answeredOn || null,
      outcome: sent.outcome || null,
      note: (sent.note as string).trim() || null,
    });
    await patchTask(ctxOf(c), id, contractorId, patch, one(values, 'version') || undefined);
    return c.redirect(`/subject-requests/${id}?saved=1#t-${contractorId}`, 303);
  } catch (err) {
    const status = statusOf(err);
    const { t } = pageOf(c).i18n;
    if (status === 412) {
      // Someone saved this contractor's part first: the typing stays, now over the version saved.
      const now = (await getSubjectRequest(ctxOf(c), id)).tasks.find((x) => x.contractorId === contractorId);
      const form = { values: { ...sent, version: String(now?.version ?? '') }, errors: {}, summary: t('sr.conflict') };
      return detail(c, id, { contractorId, form }, 412);
    }
    const form = refused(c, sent, err);
    return detail(
      c,
      id,
      { contractorId, form: status === 409 ? { ...form, summary: t('sr.closedNote') } : form },
      status,
    );
  }
});

// ——— Closing ———

async function closeForm(c: WebContext, id: string, form?: FormState, status: 200 | 400 | 409 = 200) {
  const request = await getSubjectRequest(ctxOf(c), id);
  return c.html(<CloseSubjectRequestPage page={pageOf(c)} request={request} form={form} />, status);
}

subjectRequestPages.get('/subject-requests/:id/close', (c) =>
  may(c, [...WRITERS]) ? closeForm(c, c.req.param('id')) : forbidden(c),
);

subjectRequestPages.post('/subject-requests/:id/close', async (c) => {
  const values = await guardedForm(c, [...WRITERS]);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  const { t } = pageOf(c).i18n;
  try {
    const input = CloseSubjectRequestSchema.parse({
      outcome: optional(values, 'outcome') ?? undefined,
      refusalGround: optional(values, 'refusalGround'),
      refusalReason: optional(values, 'refusalReason'),
    });
    if (!checked(values, 'confirm')) {
      // Unconfirmed: say so, with whatever else the closing lacks, before anything is tried.
      const lang = pickLang(c);
      const errors: Record<string, string> = Object.fromEntries(
        closingProblems(input).map(([path, rule]) => [
          path,
          fieldMessage(rule === 'required' ? 'required' : 'srNotRefusal', undefined, lang),
        ]),
      );
      return closeForm(c, id, { values, errors: { ...errors, confirm: t('sr.confirmRequired') }, summary: null }, 400);
    }
    await closeSubjectRequest(ctxOf(c), id, input);
    return c.redirect(`/subject-requests/${id}?closed=1`, 303);
  } catch (err) {
    const form = refused(c, values, err);
    if (err instanceof ProblemError && err.slug === 'subject-request-open-tasks') {
      const names = (err.errors ?? []).map((e) => String(e.params?.contractor ?? e.path));
      form.summary = t('sr.openTasks', { names: names.join(pickLang(c) === 'ja' ? '、' : ', ') });
    } else if (err instanceof ProblemError && err.status === 409) {
      form.summary = t('sr.alreadyClosed');
    }
    if (!checked(values, 'confirm') && statusOf(err) === 400) form.errors.confirm = t('sr.confirmRequired');
    return closeForm(c, id, form, statusOf(err) === 409 ? 409 : 400);
  }
});

// ——— The internal target ———

async function settingsPage(c: WebContext, form?: FormState, status: 200 | 400 | 412 = 200) {
  const ctx = ctxOf(c);
  const target = await getSubjectRequestTarget(ctx);
  const names = target.updatedBy ? await userNames(ctx.db, [target.updatedBy]) : new Map<string, string>();
  const { saved } = pageQuery(c, z.object({ saved: Flag }));
  return c.html(
    <SubjectRequestSettingsPage
      page={pageOf(c)}
      target={target}
      updatedByName={target.updatedBy ? (names.get(target.updatedBy) ?? target.updatedBy) : null}
      canEdit={may(c, [...WRITERS])}
      form={form ?? emptyForm({ targetDays: String(target.targetDays), version: String(target.version) })}
      notice={saved && !form ? pageOf(c).i18n.t('sr.set.saved') : null}
    />,
    status,
  );
}

subjectRequestPages.get('/settings/subject-requests', (c) => settingsPage(c));

subjectRequestPages.post('/settings/subject-requests', async (c) => {
  const values = await guardedForm(c, [...WRITERS]);
  if (values instanceof Response) return values;
  const days = one(values, 'targetDays').trim();
  try {
    const input = PatchSubjectRequestTargetSchema.parse({ targetDays: days === '' ? undefined : Number(days) });
    await updateSubjectRequestTarget(ctxOf(c), input, one(values, 'version') || undefined);
    return c.redirect('/settings/subject-requests?saved=1', 303);
  } catch (err) {
    if (statusOf(err) === 412) {
      const current = await getSubjectRequestTarget(ctxOf(c));
      const form = {
        values: { ...values, version: String(current.version) },
        errors: {},
        summary: pageOf(c).i18n.t('sr.conflict'),
      };
      return settingsPage(c, form, 412);
    }
    return settingsPage(c, refused(c, values, err), 400);
  }
});
