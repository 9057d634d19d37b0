import { createRoute } from '@hono/zod-openapi';
import { IfMatchHeader, json, jsonBody, preconditionError } from '../../platform/openapi';
import { requestContext, versioned } from '../../platform/request-context';
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

const get = createRoute(
  authed('any', {
    method: 'get',
    path: '/settings/selection-criteria',
    tags: ['Settings'],
    summary: 'The selection criteria (選定基準): the minimum rating per checklist category for approval',
    responses: { 200: json(SelectionCriteriaSchema, 'The criteria in force') },
  }),
);

const patch = createRoute(
  authed(['compliance'], {
    method: 'patch',
    path: '/settings/selection-criteria',
    tags: ['Settings'],
    summary: 'Change the selection criteria',
    description: 'Approvals from then on are checked against them; contractors already approved are not.',
    request: { headers: IfMatchHeader, body: jsonBody(PatchSelectionCriteriaSchema) },
    responses: { 200: json(SelectionCriteriaSchema, 'The criteria now in force'), ...preconditionError },
  }),
);

const getTarget = createRoute(
  authed('any', {
    method: 'get',
    path: '/settings/subject-requests',
    tags: ['Settings'],
    summary: 'The internal target for answering requests from the people whose data it is (開示等の請求)',
    responses: { 200: json(SubjectRequestTargetSchema, 'The target in force') },
  }),
);

const patchTarget = createRoute(
  authed(['compliance'], {
    method: 'patch',
    path: '/settings/subject-requests',
    tags: ['Settings'],
    summary: 'Change the internal target for subject requests',
    description: 'Requests recorded from then on are due that many days after receipt; recorded ones keep their date.',
    request: { headers: IfMatchHeader, body: jsonBody(PatchSubjectRequestTargetSchema) },
    responses: { 200: json(SubjectRequestTargetSchema, 'The target now in force'), ...preconditionError },
  }),
);

/**
 * Organisation settings; the selection criteria and the target for subject requests are
 * written by compliance, who runs selection and answers the requests.
 */
const getCertificates = createRoute(
  authed('any', {
    method: 'get',
    path: '/settings/certificates',
    tags: ['Settings'],
    summary: 'Whether valid Privacy Mark and ISMS certificates are shown as mitigating a contractor’s risk',
    responses: { 200: json(CertificateMitigationSchema, 'The setting in force') },
  }),
);

const patchCertificates = createRoute(
  authed(['compliance'], {
    method: 'patch',
    path: '/settings/certificates',
    tags: ['Settings'],
    summary: 'Show (or stop showing) valid certificates as mitigating factors',
    request: { headers: IfMatchHeader, body: jsonBody(PatchCertificateMitigationSchema) },
    responses: { 200: json(CertificateMitigationSchema, 'The setting now in force'), ...preconditionError },
  }),
);

export const settingsRoutes = createRouter()
  .openapi(get, async (c) => versioned(c, await getSelectionCriteria(requestContext(c)), 200))
  .openapi(patch, async (c) =>
    versioned(
      c,
      await updateSelectionCriteria(requestContext(c), c.req.valid('json'), c.req.valid('header')['if-match']),
      200,
    ),
  )
  .openapi(getTarget, async (c) => versioned(c, await getSubjectRequestTarget(requestContext(c)), 200))
  .openapi(patchTarget, async (c) =>
    versioned(
      c,
      await updateSubjectRequestTarget(requestContext(c), c.req.valid('json'), c.req.valid('header')['if-match']),
      200,
    ),
  )
  .openapi(getCertificates, async (c) => versioned(c, await getCertificateMitigation(requestContext(c)), 200))
  .openapi(patchCertificates, async (c) =>
    versioned(
      c,
      await updateCertificateMitigation(requestContext(c), c.req.valid('json'), c.req.valid('header')['if-match']),
      200,
    ),
  );
