import { createRoute, type RouteConfig } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { AppEnv, RequestContext } from '../../platform/app-env';
import { IfMatchHeader, json, jsonBody, preconditionError } from '../../platform/openapi';
import { requestContext, versioned } from '../../platform/request-context';
import { routeHead } from '../../platform/resource-routes';
import { authed, createRouter } from '../../platform/router';
import {
  CertificateMitigationSchema,
  getCertificateMitigation,
  PatchCertificateMitigationSchema,
  updateCertificateMitigation,
} from './certificate-mitigation';
import { PatchSelectionCriteriaSchema, SelectionCriteriaSchema } from './selection-criteria.schemas';
import { getSelectionCriteria, updateSelectionCriteria } from './selection-criteria.service';
import { PatchSubjectRequestTargetSchema, SubjectRequestTargetSchema } from './subject-request-target.schemas';
import { getSubjectRequestTarget, updateSubjectRequestTarget } from './subject-request-target.service';

type ResponseDoc = RouteConfig['responses'][number];
type Body = Parameters<typeof jsonBody>[0];

const tags = ['Settings'];

/** The two routes of one versioned setting: every role reads it, compliance changes it at the version read. */
function settingRoutes<P extends string, R extends ResponseDoc, B extends Body, S extends ResponseDoc>(
  path: P,
  read: { summary: string; response: R },
  change: { summary: string; description?: string; body: B; response: S },
) {
  return {
    read: createRoute(
      authed('any', { ...routeHead('get', { path, tags, summary: read.summary }), responses: { 200: read.response } }),
    ),
    change: createRoute(
      authed(['compliance'], {
        ...routeHead('patch', { path, tags, ...change }),
        request: { headers: IfMatchHeader, body: jsonBody(change.body) },
        responses: { 200: change.response, ...preconditionError },
      }),
    ),
  };
}

type SettingChange<B> = { out: { json: B; header: { 'if-match'?: string | undefined } } };

/** 200 with the setting as `update` changed it, at the version of If-Match. */
const changed = async <B, T extends { version: number }>(
  c: Context<AppEnv, string, SettingChange<B>>,
  update: (ctx: RequestContext, input: B, ifMatch: string | undefined) => Promise<T>,
) => versioned(c, await update(requestContext(c), c.req.valid('json'), c.req.valid('header')['if-match']), 200);

const criteria = settingRoutes(
  '/settings/selection-criteria',
  {
    summary: 'The selection criteria (選定基準): the minimum rating per checklist category for approval',
    response: json(SelectionCriteriaSchema, 'The criteria in force'),
  },
  {
    summary: 'Change the selection criteria',
    description: 'Approvals from then on are checked against them; contractors already approved are not.',
    body: PatchSelectionCriteriaSchema,
    response: json(SelectionCriteriaSchema, 'The criteria now in force'),
  },
);

const target = settingRoutes(
  '/settings/subject-requests',
  {
    summary: 'The internal target for answering requests from the people whose data it is (開示等の請求)',
    response: json(SubjectRequestTargetSchema, 'The target in force'),
  },
  {
    summary: 'Change the internal target for subject requests',
    description: 'Requests recorded from then on are due that many days after receipt; recorded ones keep their date.',
    body: PatchSubjectRequestTargetSchema,
    response: json(SubjectRequestTargetSchema, 'The target now in force'),
  },
);

const certificates = settingRoutes(
  '/settings/certificates',
  {
    summary: 'Whether valid Privacy Mark and ISMS certificates are shown as mitigating a contractor’s risk',
    response: json(CertificateMitigationSchema, 'The setting in force'),
  },
  {
    summary: 'Show (or stop showing) valid certificates as mitigating factors',
    body: PatchCertificateMitigationSchema,
    response: json(CertificateMitigationSchema, 'The setting now in force'),
  },
);

/**
 * Organisation settings; the selection criteria and the target for subject requests are
 * written by compliance, who runs selection and answers the requests.
 */
export const settingsRoutes = createRouter()
  .openapi(criteria.read, async (c) => versioned(c, await getSelectionCriteria(requestContext(c)), 200))
  .openapi(criteria.change, (c) => changed(c, updateSelectionCriteria))
  .openapi(target.read, async (c) => versioned(c, await getSubjectRequestTarget(requestContext(c)), 200))
  .openapi(target.change, (c) => changed(c, updateSubjectRequestTarget))
  .openapi(certificates.read, async (c) => versioned(c, await getCertificateMitigation(requestContext(c)), 200))
  .openapi(certificates.change, (c) => changed(c, updateCertificateMitigation));
