import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { Role } from '../../../db/schema';
import { checklistCategories } from '../../domain/selection';
import { feedTokenStatus, issueFeedToken, revokeFeedToken } from '../../modules/calendar/feed-tokens.service';
import { getCertificateMitigation, updateCertificateMitigation } from '../../modules/settings/certificate-mitigation';
import { PatchSelectionCriteriaSchema } from '../../modules/settings/selection-criteria.schemas';
import { getSelectionCriteria, updateSelectionCriteria } from '../../modules/settings/selection-criteria.service';
import { userNames } from '../../modules/users/users.service';
import { ProblemError } from '../../platform/problem';
import { checked, type FormProblem, type FormValues, formProblem, noProblem, one } from '../forms';
import { guardedForm, may } from '../guards';
import { CalendarSettingsPage, type CalendarSettingsProps } from '../pages/settings-calendar';
import { CertificateSettingsPage } from '../pages/settings-certificates';
import { SettingsIndexPage } from '../pages/settings-index';
import { NO_MINIMUM, SelectionSettingsPage } from '../pages/settings-selection';
import { Flag, pageQuery } from '../query';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** Settings: the calendar feed address of the signed-in user; the organisation's selection criteria. */
export const settingsPages = new Hono<WebEnv>();

/** Every role has a calendar, as in the API (`POST /users/me/feed-token`). */
const EVERY_ROLE: Role[] = ['procurement', 'compliance', 'manager'];

type Extra = Omit<CalendarSettingsProps, 'page' | 'status'>;
async function render(c: WebContext, extra: Extra, status: 200 | 400 = 200) {
  const feed = await feedTokenStatus(ctxOf(c));
  return c.html(<CalendarSettingsPage page={pageOf(c)} status={feed} {...extra} />, status);
}

/** The address as calendar clients need it: absolute, on this server when ITAKU_PUBLIC_URL is unset. */
const absolute = (c: WebContext, url: string) => new URL(url, new URL(c.req.url).origin).href;

settingsPages.get('/settings', (c) => c.html(<SettingsIndexPage page={pageOf(c)} />));

settingsPages.get('/settings/calendar', async (c) => {
  const { revoked } = pageQuery(c, z.object({ revoked: Flag }));
  return render(c, { notice: revoked ? pageOf(c).i18n.t('set.revoked') : undefined });
});

/**
 * Issues the address and shows it in the answer itself, not after a redirect: the token
 * exists in clear only in this response (itaku keeps its hash), so it cannot be shown
 * again. Replacing a live address stops subscribed calendars: that needs the confirmation.
 */
settingsPages.post('/settings/calendar/token', async (c) => {
  const values = await guardedForm(c, EVERY_ROLE);
  if (values instanceof Response) return values;
  const ctx = ctxOf(c);
  if ((await feedTokenStatus(ctx)).active && !checked(values, 'confirm')) {
    return render(c, { errors: { issue: pageOf(c).i18n.t('set.confirmRequired') } }, 400);
  }
  const issued = await issueFeedToken(ctx);
  return render(c, { issued: absolute(c, issued.url) });
});

settingsPages.post('/settings/calendar/revoke', async (c) => {
  const values = await guardedForm(c, EVERY_ROLE);
  if (values instanceof Response) return values;
  if (!checked(values, 'confirm')) {
    return render(c, { errors: { revoke: pageOf(c).i18n.t('set.confirmRequired') } }, 400);
  }
  await revokeFeedToken(ctxOf(c));
  return c.redirect('/settings/calendar?revoked=1', 303);
});

// ── Selection criteria (選定基準) ─────────────────────────────────────────

/** As in the API: compliance (and admin) change them, every role reads them. */
const CRITERIA_WRITERS: Role[] = ['compliance'];

async function selectionPage(
  c: WebContext,
  sent: { values: FormValues; problem: FormProblem; conflict: boolean } | null,
  status: 200 | 400 | 412 = 200,
) {
  const ctx = ctxOf(c);
  const page = pageOf(c);
  const criteria = await getSelectionCriteria(ctx);
  const names = criteria.updatedBy ? await userNames(ctx.db, [criteria.updatedBy]) : new Map<string, string>();
  const saved: FormValues = Object.fromEntries(
    checklistCategories.map((k) => [`checklist.${k}`, criteria.checklist[k] ?? NO_MINIMUM]),
  );
  const { saved: done } = pageQuery(c, z.object({ saved: Flag }));
  return c.html(
    <SelectionSettingsPage
      page={page}
      criteria={criteria}
      updatedByName={criteria.updatedBy ? (names.get(criteria.updatedBy) ?? criteria.updatedBy) : null}
      canEdit={may(c, CRITERIA_WRITERS)}
      values={{ ...saved, ...(sent?.values ?? {}) }}
      errors={sent?.problem.fields ?? {}}
      summary={sent?.conflict ? page.i18n.t('set.sel.conflict') : (sent?.problem.summary ?? null)}
      notice={done && !sent ? page.i18n.t('set.sel.saved') : null}
      conflict={sent?.conflict ?? false}
    />,
    status,
  );
}

settingsPages.get('/settings/selection', (c) => selectionPage(c, null));

settingsPages.post('/settings/selection', async (c) => {
  const values = await guardedForm(c, CRITERIA_WRITERS);
  if (values instanceof Response) return values;
  const chosen = (k: string) => {
    const v = one(values, `checklist.${k}`);
    return v === NO_MINIMUM ? null : v || undefined;
  };
  try {
    const input = PatchSelectionCriteriaSchema.parse({
      checklist: Object.fromEntries(checklistCategories.map((k) => [k, chosen(k)])),
    });
    await updateSelectionCriteria(ctxOf(c), input, one(values, 'version') || undefined);
    return c.redirect('/settings/selection?saved=1', 303);
  } catch (err) {
    const conflict = err instanceof ProblemError && err.status === 412;
    const problem = conflict ? noProblem() : formProblem(err, pageOf(c).i18n.lang);
    return selectionPage(c, { values, problem, conflict }, conflict ? 412 : 400);
  }
});

// ── Certificates as mitigating factors ────────────────────────────────────

const CertificatesQuery = z.object({ saved: Flag });

async function certificatesPage(c: WebContext, conflict = false, status: 200 | 412 = 200) {
  const { saved } = conflict ? { saved: false } : pageQuery(c, CertificatesQuery);
  const page = pageOf(c);
  return c.html(
    <CertificateSettingsPage
      page={page}
      setting={await getCertificateMitigation(ctxOf(c))}
      canEdit={may(c, CRITERIA_WRITERS)}
      notice={saved ? page.i18n.t('set.cert.saved') : null}
      conflict={conflict}
    />,
    status,
  );
}

settingsPages.get('/settings/certificates', (c) => certificatesPage(c));

settingsPages.post('/settings/certificates', async (c) => {
  const values = await guardedForm(c, CRITERIA_WRITERS);
  if (values instanceof Response) return values;
  try {
    const input = { showAsMitigating: checked(values, 'showAsMitigating') };
    await updateCertificateMitigation(ctxOf(c), input, one(values, 'version') || undefined);
    return c.redirect('/settings/certificates?saved=1', 303);
  } catch (err) {
    if (err instanceof ProblemError && err.status === 412) return certificatesPage(c, true, 412);
    throw err;
  }
});
