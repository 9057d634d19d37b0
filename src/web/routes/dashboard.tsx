import { Hono } from 'hono';
import { addMonths } from '../../domain/calendar';
import {
  agreementWatchlist,
  dashboardSummary,
  openReviewsBetween,
  reviewsPerMonth,
} from '../../modules/dashboard/dashboard.service';
import { DashboardPage } from '../pages/dashboard';
import type { WebEnv } from '../session';
import { ctxOf, pageOf } from '../web-context';

/** Supervision at a glance: counts, the risk × status matrix, reviews due, agreements to watch. */
export const dashboardRoutes = new Hono<WebEnv>();

dashboardRoutes.get('/', async (c) => {
  const ctx = ctxOf(c);
  const today = ctx.clock.today();
  const monthStart = `${today.slice(0, 8)}01`;
  const [summary, history, overdue, thisMonth, nextMonth, watch] = await Promise.all([
    dashboardSummary(ctx),
    reviewsPerMonth(ctx),
    openReviewsBetween(ctx, null, today),
    openReviewsBetween(ctx, monthStart, addMonths(monthStart, 1)),
    openReviewsBetween(ctx, addMonths(monthStart, 1), addMonths(monthStart, 2)),
    agreementWatchlist(ctx),
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
