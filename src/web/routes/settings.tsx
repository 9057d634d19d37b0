import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import type { Role } from '../../../db/schema';
import { feedTokenStatus, issueFeedToken, revokeFeedToken } from '../../modules/calendar/feed-tokens.service';
import { checked } from '../forms';
import { guardedForm } from '../guards';
import { CalendarSettingsPage, type CalendarSettingsProps } from '../pages/settings-calendar';
import { Flag, pageQuery } from '../query';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** Personal settings: the calendar feed address of the signed-in user. */
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
