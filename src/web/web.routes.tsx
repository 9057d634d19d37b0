import { Hono } from 'hono';
import { webErrorPage } from './error-page';
import { webMiddleware } from './middleware';
import { agreementPages } from './routes/agreements';
import { alertPages } from './routes/alerts';
import { assetRoutes } from './routes/assets';
import { auditPages } from './routes/audit';
import { authRoutes } from './routes/auth';
import { contractorPages } from './routes/contractors';
import { dashboardRoutes } from './routes/dashboard';
import { findingPages } from './routes/findings';
import { importPages } from './routes/imports';
import { incidentPages } from './routes/incidents';
import { jobPages } from './routes/jobs';
import { oidcRoutes } from './routes/oidc';
import { reportPages } from './routes/reports';
import { reviewPages } from './routes/reviews';
import { settingsPages } from './routes/settings';
import { userPages } from './routes/users';
import { webhookPages } from './routes/webhooks';
import type { WebEnv } from './session';

/** The server-rendered web UI: every page, area by area (src/web/routes/). */
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
webRoutes.route('/', oidcRoutes);
webRoutes.route('/', userPages);
webRoutes.route('/', webhookPages);
webRoutes.route('/', auditPages);
webRoutes.route('/', jobPages);
webRoutes.route('/', incidentPages);
webRoutes.route('/', findingPages);
webRoutes.route('/', importPages);
webRoutes.route('/', reportPages);
webRoutes.route('/', settingsPages);
webRoutes.onError(webErrorPage);
