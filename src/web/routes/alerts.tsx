import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { alertStatuses } from '../../../db/schema';
import {
  ALERT_SORTS,
  AlertKindSchema,
  AlertSeveritySchema,
  ResolveAlertSchema,
} from '../../modules/alerts/alerts.schemas';
import {
  type AlertView,
  acknowledgeAlert,
  alertContractors,
  alertsThatWouldReturn,
  countAlerts,
  getAlert,
  listAlerts,
  resolveAlert,
} from '../../modules/alerts/alerts.service';
import { contractorNames } from '../../modules/contractors/contractors.service';
import { userNames } from '../../modules/users/users.service';
import { ProblemError } from '../../platform/problem';
import { formProblem, one, optional } from '../forms';
import { guardedForm, may, safeNext } from '../guards';
import { pagerState } from '../pager';
import { AlertsPage, type InboxAlert, type InboxQuery, ResolveAlertPage } from '../pages/alerts';
import { Cursor, pageQuery, withQuery } from '../query';
import { forbidden } from '../refusals';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** The alert inbox: what the sweep raised, to filter, acknowledge and resolve. */
export const alertPages = new Hono<WebEnv>();

const PAGE_SIZE = 50;

const AlertsQuery = z.object({
  status: z.enum([...alertStatuses, 'all']).default('open'),
  kind: AlertKindSchema.optional(),
  severity: AlertSeveritySchema.optional(),
  contractorId: z.string().max(64).optional(),
  sort: z.enum(ALERT_SORTS).default('raised'),
  cursor: Cursor,
  /** Set by the redirects after acknowledging and resolving. */
  notice: z.enum(['acknowledged', 'resolved', 'recurs']).optional(),
});

/** The alerts with the names of their contractors and of the people who handled them, and whether each would return. */
async function forInbox(c: WebContext, items: AlertView[]): Promise<InboxAlert[]> {
  const ctx = ctxOf(c);
  const people = [...new Set(items.flatMap((a) => [a.acknowledgedBy, a.resolvedBy]))].filter(
    (id): id is string => !!id && id !== 'system',
  );
  const [contractors, users, recurring] = await Promise.all([
    contractorNames(ctx.db, [...new Set(items.map((a) => a.contractorId))]),
    userNames(ctx.db, people),
    alertsThatWouldReturn(
      ctx,
      items.filter((a) => a.status !== 'resolved'),
    ),
  ]);
  const system = pageOf(c).i18n.t('ctr.system');
  const who = (id: string | null) => (id === null ? null : id === 'system' ? system : (users.get(id) ?? id));
  return items.map((a) => ({
    ...a,
    contractorName: contractors.get(a.contractorId) ?? a.contractorId,
    acknowledgedByName: who(a.acknowledgedBy),
    resolvedByName: who(a.resolvedBy),
    recurs: recurring.has(a.id),
  }));
}

alertPages.get('/alerts', async (c) => {
  const q = pageQuery(c, AlertsQuery);
  const ctx = ctxOf(c);
  const filter = {
    status: q.status === 'all' ? undefined : q.status,
    kind: q.kind,
    severity: q.severity,
    contractorId: q.contractorId,
  };
  const [list, total, contractors] = await Promise.all([
    withQuery(() => listAlerts(ctx, { ...filter, sort: q.sort, limit: PAGE_SIZE, cursor: q.cursor })),
    countAlerts(ctx, filter),
    alertContractors(ctx),
  ]);
  const page = pageOf(c);
  const url = new URL(c.req.url);
  const query: InboxQuery = {
    status: q.status,
    kind: q.kind,
    severity: q.severity,
    contractorId: q.contractorId,
    sort: q.sort,
  };
  return c.html(
    <AlertsPage
      page={page}
      query={query}
      items={await forInbox(c, list.items)}
      contractors={contractors}
      nextCursor={list.nextCursor}
      total={total}
      pageSize={PAGE_SIZE}
      pager={pagerState(c.req.url)}
      canAct={may(c, ['compliance'])}
      notice={q.notice ? page.i18n.t(`alr.notice.${q.notice}`) : null}
      here={`${url.pathname}${url.search}`}
    />,
  );
});

/** Back to the list the form was sent from (its filters kept), with the notice; only ever an inbox address. */
function backTo(values: Record<string, string | string[]>, notice: string): string {
  const given = safeNext(one(values, 'back') || undefined);
  const url = new URL(given.startsWith('/alerts') ? given : '/alerts?status=open', 'http://itaku.invalid');
  if (url.pathname !== '/alerts') return `/alerts?status=open&notice=${notice}`;
  url.searchParams.delete('notice');
  url.searchParams.delete('cursor');
  url.searchParams.delete('back');
  url.searchParams.set('notice', notice);
  return `${url.pathname}?${url.searchParams.toString()}`;
}

alertPages.post('/alerts/:id/acknowledge', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  await acknowledgeAlert(ctxOf(c), c.req.param('id'));
  return c.redirect(backTo(values, 'acknowledged'), 303);
});

const resolvePage = async (c: WebContext, id: string, note: string, error?: string, summary?: string | null) => {
  const [alert] = await forInbox(c, [await getAlert(ctxOf(c), id)]);
  if (!alert) throw new ProblemError(404, 'not-found', `Alert ${JSON.stringify(id)} does not exist.`);
  return c.html(
    <ResolveAlertPage page={pageOf(c)} alert={alert} note={note} error={error} summary={summary ?? null} />,
    error ? 400 : summary ? 409 : 200,
  );
};

alertPages.get('/alerts/:id/resolve', async (c) => {
  if (!may(c, ['compliance'])) return forbidden(c);
  return resolvePage(c, c.req.param('id'), '');
});

alertPages.post('/alerts/:id/resolve', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  const ctx = ctxOf(c);
  const typed = one(values, 'note');
  // The same rules as the API's body (one note, no control characters beyond lines and tabs).
  const note = ResolveAlertSchema.safeParse({ note: optional(values, 'note') });
  if (!note.success) {
    const problem = formProblem(note.error, pageOf(c).i18n.lang);
    return resolvePage(c, id, typed, problem.fields.note ?? Object.values(problem.fields)[0]);
  }
  const current = await getAlert(ctx, id);
  try {
    await resolveAlert(ctx, id, note.data.note);
  } catch (err) {
    // Resolved meanwhile (409), or changed between the read and the write (412): say which, as it is now.
    if (err instanceof ProblemError && (err.status === 409 || err.status === 412)) {
      const page = pageOf(c);
      const now = await getAlert(ctx, id);
      const summary =
        now.status === 'resolved' ? page.i18n.t('alr.alreadyResolved') : formProblem(err, page.i18n.lang).summary;
      return resolvePage(c, id, typed, undefined, summary);
    }
    throw err;
  }
  // Resolving records a decision; if the condition still holds, the next sweep raises it again.
  const recurs = (await alertsThatWouldReturn(ctx, [current])).has(id);
  const list = current.status === 'acknowledged' ? 'acknowledged' : 'open';
  return c.redirect(`/alerts?status=${list}&notice=${recurs ? 'recurs' : 'resolved'}`, 303);
});
