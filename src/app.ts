import { OpenAPIHono } from '@hono/zod-openapi';
import { bodyLimit } from 'hono/body-limit';
import { requestId } from 'hono/request-id';
import { secureHeaders } from 'hono/secure-headers';
import { agreementRoutes } from './modules/agreements/agreements.routes';
import { alertRoutes } from './modules/alerts/alerts.routes';
import { auditRoutes } from './modules/audit/audit.routes';
import { calendarRoutes } from './modules/calendar/calendar.routes';
import { contractorRoutes } from './modules/contractors/contractors.routes';
import { dashboardRoutes } from './modules/dashboard/dashboard.routes';
import { documentRoutes } from './modules/documents/documents.routes';
import { exportRoutes } from './modules/exports/exports.routes';
import { findingRoutes } from './modules/findings/findings.routes';
import { healthRoutes } from './modules/health/health.routes';
import { holidayRoutes } from './modules/holidays/holidays.routes';
import { importRoutes } from './modules/imports/imports.routes';
import { incidentRoutes } from './modules/incidents/incidents.routes';
import { jobRoutes } from './modules/job-runs/job-runs.routes';
import { provisionRecordRoutes } from './modules/provision-records/provision-records.routes';
import { questionnaireRoutes } from './modules/questionnaires/questionnaires.routes';
import { reviewRoutes } from './modules/reviews/reviews.routes';
import { settingsRoutes } from './modules/settings/settings.routes';
import { subjectRequestRoutes } from './modules/subject-requests/subject-requests.routes';
import { findLiveSession } from './modules/users/sessions.repo';
import { tokenLookup } from './modules/users/tokens';
import { userRoutes } from './modules/users/users.routes';
import { webhookRoutes } from './modules/webhooks/webhooks.routes';
import type { AppDeps, AppEnv } from './platform/app-env';
import { sha256Hex } from './platform/crypto';
import { notFoundHandler, onError } from './platform/errors';
import { loggedPath } from './platform/logger';
import { ProblemError } from './platform/problem';
import { docsRoutes } from './web/docs.routes';
import { webRoutes } from './web/web.routes';

export const API_VERSION = '0.1.0';
export const MAX_BODY_BYTES = 1024 * 1024;

/** The whole application, independent of the runtime that hosts it. */
const RESPONDENT_FILES = /^\/api\/v1\/respond\/[^/]+\/files$/;

export function createApp(deps: AppDeps): OpenAPIHono<AppEnv> {
  const app = new OpenAPIHono<AppEnv>();
  const lookup = tokenLookup(deps.db);
  const sessions = async (id: string) => (await findLiveSession(deps, await sha256Hex(id)))?.actor;

  app.use(requestId({ headerName: 'X-Request-Id' }));
  app.use(async (c, next) => {
    c.set('deps', deps);
    c.set('authLookup', lookup);
    c.set('sessionLookup', sessions);
    const started = performance.now();
    await next();
    // The path only: query strings may carry calendar feed tokens; a respondent's link is
    // itself the key to a questionnaire, so its token is cut from the path.
    deps.logger.info('request', {
      requestId: c.var.requestId,
      method: c.req.method,
      path: loggedPath(c.req.path),
      status: c.res.status,
      durationMs: Math.round((performance.now() - started) * 10) / 10,
    });
  });
  app.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", "'unsafe-inline'"],
        imgSrc: ["'self'", 'data:'],
        connectSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'self'"],
        objectSrc: ["'none'"],
      },
      strictTransportSecurity: 'max-age=31536000',
      // same-origin, not no-referrer: browsers then send a real Origin on form posts (CSRF check).
      referrerPolicy: 'same-origin',
    }),
  );
  const jsonBodyLimit = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new ProblemError(
        413,
        'payload-too-large',
        `The request body exceeds the limit of ${MAX_BODY_BYTES} bytes.`,
      );
    },
  });
  // CSV imports and document uploads carry their own, larger limits (their routes).
  // GET and HEAD carry no body; skipping them spares building the whole request.
  app.use('/api/*', (c, next) =>
    c.req.method === 'GET' ||
    c.req.method === 'HEAD' ||
    c.req.path === '/api/v1/imports/contractors' ||
    (c.req.method === 'POST' && (c.req.path === '/api/v1/documents' || RESPONDENT_FILES.test(c.req.path)))
      ? next()
      : jsonBodyLimit(c, next),
  );

  // API answers name people and contractors: no cache may keep them. A route that chose its
  // own policy keeps it (the calendar feed: private, for calendar clients that poll).
  app.use('/api/v1/*', async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.res.headers.set('Cache-Control', 'no-store');
  });

  app.route('/', healthRoutes);
  app.route('/api/v1', userRoutes);
  app.route('/api/v1', contractorRoutes);
  app.route('/api/v1', agreementRoutes);
  app.route('/api/v1', reviewRoutes);
  app.route('/api/v1', settingsRoutes);
  app.route('/api/v1', provisionRecordRoutes);
  app.route('/api/v1', subjectRequestRoutes);
  app.route('/api/v1', holidayRoutes);
  app.route('/api/v1', questionnaireRoutes);
  app.route('/api/v1', findingRoutes);
  app.route('/api/v1', alertRoutes);
  app.route('/api/v1', incidentRoutes);
  app.route('/api/v1', webhookRoutes);
  app.route('/api/v1', jobRoutes);
  app.route('/api/v1', dashboardRoutes);
  app.route('/api/v1', calendarRoutes);
  app.route('/api/v1', importRoutes);
  app.route('/api/v1', documentRoutes);
  app.route('/api/v1', exportRoutes);
  app.route('/api/v1', auditRoutes);
  app.route('/', docsRoutes);
  app.route('/', webRoutes);

  app.openAPIRegistry.registerComponent('securitySchemes', 'bearerAuth', {
    type: 'http',
    scheme: 'bearer',
    description: 'A token issued by POST /api/v1/users or the first-start admin bootstrap.',
  });
  app.doc31('/api/openapi.json', {
    openapi: '3.1.0',
    info: {
      title: 'itaku API',
      version: API_VERSION,
      description:
        'Contractor supervision and consignment tracking under APPI Art. 25. Errors are RFC 9457 problem+json; lists are keyset-paginated (`limit`, `cursor` → `nextCursor`).',
    },
  });

  app.notFound(notFoundHandler);
  app.onError(onError);
  return app;
}
