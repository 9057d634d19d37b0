import { Hono } from 'hono';
import { webErrorPage } from './error-page';
import { webMiddleware } from './middleware';
import { agreementPages } from './routes/agreements';
import { alertPages } from './routes/alerts';
import { assetRoutes } from './routes/assets';
import { authRoutes } from './routes/auth';
import { contractorPages } from './routes/contractors';
import { dashboardRoutes } from './routes/dashboard';
import { reviewPages } from './routes/reviews';
import type { WebEnv } from './session';

/** The server-rendered web UI: sign-in, dashboard, contractors, supervision forms, alerts. */
export const webRoutes = new Hono<WebEnv>();

// The stylesheet comes before the page middleware: it needs no session and may be cached.
webRoutes.route('/', assetRoutes);
webRoutes.use('*', ...webMiddleware);
webRoutes.route('/', authRoutes);
webRoutes.route('/', dashboardRoutes);
webRoutes.route('/', contractorPages);
webRoutes.route('/', agreementPages);
webRoutes.route('/', reviewPages);
webRoutes.route('/', alertPages);
webRoutes.onError(webErrorPage);
