import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { AlertStatusSchema, ResolveAlertSchema } from '../../modules/alerts/alerts.schemas';
import { acknowledgeAlert, getAlert, listAlerts, resolveAlert } from '../../modules/alerts/alerts.service';
import { contractorNames } from '../../modules/contractors/contractors.repo';
import { validationProblem } from '../../platform/router';
import { optional } from '../forms';
import { guardedForm, may } from '../guards';
import { AlertsPage } from '../pages/alerts';
import { Cursor, pageQuery, withQuery } from '../query';
import type { WebEnv } from '../session';
import { ctxOf, pageOf } from '../web-context';

/** The alert inbox: what the sweep raised, to acknowledge and resolve. */
export const alertPages = new Hono<WebEnv>();

const AlertsQuery = z.object({ status: AlertStatusSchema.default('open'), cursor: Cursor });

alertPages.get('/alerts', async (c) => {
  const { status, cursor } = pageQuery(c, AlertsQuery);
  const page = await withQuery(() => listAlerts(ctxOf(c), { status, limit: 50, cursor }));
  const nameOf = await contractorNames(c.var.deps.db, [...new Set(page.items.map((a) => a.contractorId))]);
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

alertPages.post('/alerts/:id/acknowledge', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  await acknowledgeAlert(ctxOf(c), c.req.param('id'));
  return c.redirect('/alerts?status=open', 303);
});

alertPages.post('/alerts/:id/resolve', async (c) => {
  const values = await guardedForm(c, ['compliance']);
  if (values instanceof Response) return values;
  const id = c.req.param('id');
  // The same rules as the API's body (one note, no control characters beyond lines and tabs).
  const note = ResolveAlertSchema.safeParse({ note: optional(values, 'note') });
  if (!note.success) throw validationProblem(note.error.issues);
  // Back to the list the alert was on (open or acknowledged); an unknown alert is a 404 page.
  const current = await getAlert(ctxOf(c), id);
  await resolveAlert(ctxOf(c), id, note.data.note);
  return c.redirect(`/alerts?status=${current.status}`, 303);
});
