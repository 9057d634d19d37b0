import { z } from '@hono/zod-openapi';
import { Hono } from 'hono';
import { CreateExtraHolidaySchema, DayParam } from '../../modules/holidays/holidays.schemas';
import {
  addExtraHoliday,
  countExtraHolidayDays,
  listExtraHolidays,
  removeExtraHoliday,
} from '../../modules/holidays/holidays.service';
import { userNames } from '../../modules/users/users.service';
import { notFound, ProblemError } from '../../platform/problem';
import { checked, one } from '../forms';
import { guardedForm, may } from '../guards';
import { pickLang } from '../i18n';
import { pagerState } from '../pager';
import { refusal } from '../pages/incident-fields';
import { HolidaySettingsPage, type HolidaySettingsProps } from '../pages/settings-holidays';
import { Cursor, Flag, pageQuery, withQuery } from '../query';
import type { WebEnv } from '../session';
import { ctxOf, pageOf, type WebContext } from '../web-context';

/** The organisation's extra closed days (settings): every role reads, compliance and admin write, as in the API. */
export const holidayPages = new Hono<WebEnv>();

const WRITERS = ['compliance'] as const;
const PAGE_SIZE = 50;
const ListQuery = z.object({ added: Flag, removed: Flag, cursor: Cursor });

type Extra = Partial<Pick<HolidaySettingsProps, 'form' | 'removeError'>>;

async function render(c: WebContext, extra: Extra = {}, status: 200 | 400 | 404 | 409 = 200) {
  const query = pageQuery(c, ListQuery);
  const ctx = ctxOf(c);
  const [list, total] = await Promise.all([
    withQuery(() => listExtraHolidays(ctx, { limit: PAGE_SIZE, cursor: query.cursor })),
    countExtraHolidayDays(ctx),
  ]);
  const names = await userNames(ctx.db, [...new Set(list.items.map((h) => h.createdBy))]);
  const { t } = pageOf(c).i18n;
  return c.html(
    <HolidaySettingsPage
      page={pageOf(c)}
      items={list.items.map((h) => ({ ...h, createdByName: names.get(h.createdBy) ?? h.createdBy }))}
      pager={{ state: pagerState(c.req.url), nextCursor: list.nextCursor, total, pageSize: PAGE_SIZE }}
      dataEnds={list.holidayDataEnds}
      canWrite={may(c, [...WRITERS])}
      notice={query.added ? t('hol.added.notice') : query.removed ? t('hol.removed.notice') : undefined}
      form={extra.form ?? { values: { day: '', name: '' }, errors: {} }}
      removeError={extra.removeError}
    />,
    status,
  );
}

holidayPages.get('/settings/holidays', (c) => render(c));

holidayPages.post('/settings/holidays', async (c) => {
  const values = await guardedForm(c, [...WRITERS]);
  if (values instanceof Response) return values;
  const typed = { day: one(values, 'day'), name: one(values, 'name') };
  try {
    await addExtraHoliday(ctxOf(c), CreateExtraHolidaySchema.parse(typed));
    return c.redirect('/settings/holidays?added=1', 303);
  } catch (err) {
    // A day listed already (409, also when two people add it at once) or a bad field (400).
    const { errors } = refusal(err, pickLang(c));
    return render(
      c,
      { form: { values: typed, errors } },
      err instanceof ProblemError && err.status === 409 ? 409 : 400,
    );
  }
});

/** Removing moves deadlines back: it needs the confirmation ticked. */
holidayPages.post('/settings/holidays/:day/delete', async (c) => {
  const values = await guardedForm(c, [...WRITERS]);
  if (values instanceof Response) return values;
  const parsed = DayParam.safeParse({ day: c.req.param('day') });
  if (!parsed.success) throw notFound('Extra closed day', c.req.param('day'));
  const { day } = parsed.data;
  if (!checked(values, 'confirm')) {
    return render(c, { removeError: { day, message: pageOf(c).i18n.t('hol.confirmRequired') } }, 400);
  }
  // Removed meanwhile by someone else: the service's 404 becomes the error page.
  await removeExtraHoliday(ctxOf(c), day);
  return c.redirect('/settings/holidays?removed=1', 303);
});
