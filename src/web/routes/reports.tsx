import { Hono } from 'hono';
import { addDays, addMonths } from '../../domain/calendar';
import { fieldMessage } from '../../i18n/messages';
import { supervisionReport } from '../../modules/exports/report.service';
import { DateSchema } from '../../platform/openapi';
import { fieldErrors } from '../../platform/router';
import { fieldText } from '../i18n/problems';
import { type ReportForm, ReportPage } from '../pages/report';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** The printable supervision report: every role may read it, as the dashboard. */
export const reportPages = new Hono<WebEnv>();

const MAX_ORG = 100;

/**
 * The company heading the report: as typed on the page (`?org=`), else the organisation's
 * configured name when the configuration has one.
 */
function configuredOrg(c: WebContext): string {
  const config = c.var.deps.config;
  return 'orgName' in config && typeof config.orgName === 'string' ? config.orgName : '';
}

/** The period and heading from the address; errors next to the fields, in the page's language. */
function readForm(c: WebContext, today: string): ReportForm {
  const lang = pageOf(c).i18n.lang;
  const q = (name: string) => (c.req.query(name) ?? '').trim();
  const form: ReportForm = {
    // The last twelve months up to today.
    from: q('from') || addDays(addMonths(today, -12), 1),
    to: q('to') || today,
    org: q('org') || configuredOrg(c),
    errors: {},
  };
  for (const name of ['from', 'to'] as const) {
    const parsed = DateSchema.safeParse(form[name]);
    const first = parsed.success ? undefined : fieldErrors(parsed.error.issues)[0];
    if (first) form.errors[name] = fieldText(first, lang);
  }
  if (!form.errors.from && !form.errors.to && form.to < form.from) {
    form.errors.to = pageOf(c).i18n.t('rep.badPeriod');
  }
  if (form.org.length > MAX_ORG) form.errors.org = fieldMessage('tooLong', { max: MAX_ORG }, lang);
  return form;
}

reportPages.get('/reports/supervision', async (c) => {
  const ctx = ctxOf(c);
  const form = readForm(c, ctx.clock.today());
  const valid = Object.keys(form.errors).length === 0;
  const report = valid ? await supervisionReport(ctx, { from: form.from, to: form.to }) : null;
  return c.html(
    <ReportPage page={pageOf(c)} form={form} report={report} generatedAt={ctx.clock.now().toISOString()} />,
    valid ? 200 : 400,
  );
});
