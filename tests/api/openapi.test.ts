import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { client } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
beforeAll(async () => {
  target = await createTarget();
});
afterAll(() => target.close());

interface Operation {
  security?: unknown[];
  description?: string;
  responses: Record<string, unknown>;
}

describe('OpenAPI document', () => {
  it('is OpenAPI 3.1 and describes every route with its roles and errors', async () => {
    const res = await client(target, null).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as {
      openapi: string;
      paths: Record<string, Record<string, Operation>>;
      components: { securitySchemes: Record<string, unknown>; schemas: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(doc.components.securitySchemes.bearerAuth).toMatchObject({ type: 'http', scheme: 'bearer' });
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['Problem', 'User', 'AuditEvent']));
    const expected = [
      ['post', '/api/v1/users'],
      ['get', '/api/v1/users'],
      ['get', '/api/v1/users/me'],
      ['get', '/api/v1/users/{id}'],
      ['post', '/api/v1/users/{id}/tokens'],
      ['delete', '/api/v1/users/{id}/tokens'],
      ['get', '/api/v1/audit-events'],
      ['get', '/api/v1/audit-events/verify'],
      ['post', '/api/v1/contractors'],
      ['get', '/api/v1/contractors'],
      ['get', '/api/v1/contractors/{id}'],
      ['patch', '/api/v1/contractors/{id}'],
      ['get', '/api/v1/contractors/{id}/chain'],
      ['post', '/api/v1/agreements'],
      ['get', '/api/v1/agreements'],
      ['get', '/api/v1/agreements/{id}'],
      ['patch', '/api/v1/agreements/{id}'],
      ['post', '/api/v1/contractors/{id}/transition'],
      ['post', '/api/v1/reviews'],
      ['get', '/api/v1/reviews'],
      ['get', '/api/v1/reviews/{id}'],
      ['patch', '/api/v1/reviews/{id}'],
      ['post', '/api/v1/reviews/{id}/complete'],
      ['post', '/api/v1/reviews/{id}/cancel'],
      ['post', '/api/v1/findings'],
      ['get', '/api/v1/findings'],
      ['get', '/api/v1/findings/{id}'],
      ['patch', '/api/v1/findings/{id}'],
      ['get', '/api/v1/alerts'],
      ['get', '/api/v1/alerts/{id}'],
      ['post', '/api/v1/alerts/{id}/acknowledge'],
      ['post', '/api/v1/alerts/{id}/resolve'],
      ['post', '/api/v1/webhooks'],
      ['get', '/api/v1/webhooks'],
      ['get', '/api/v1/webhooks/{id}'],
      ['delete', '/api/v1/webhooks/{id}'],
      ['get', '/api/v1/webhooks/{id}/deliveries'],
      ['post', '/api/v1/jobs/sweep'],
      ['post', '/api/v1/jobs/deliver'],
      ['get', '/api/v1/jobs/runs'],
      ['post', '/api/v1/users/me/feed-token'],
      ['delete', '/api/v1/users/me/feed-token'],
    ] as const;
    for (const [method, path] of expected) {
      const op = doc.paths[path]?.[method];
      expect(op, `${method} ${path}`).toBeDefined();
      expect(op?.security, path).toEqual([{ bearerAuth: [] }]);
      expect(op?.description, path).toMatch(/\*\*Roles:\*\*/);
      expect(Object.keys(op?.responses ?? {}), path).toEqual(expect.arrayContaining(['400', '401', '403']));
    }
    expect(doc.paths['/healthz']?.get?.security).toBeUndefined();
    for (const path of ['/api/v1/contractors/{id}', '/api/v1/agreements/{id}']) {
      expect(Object.keys(doc.paths[path]?.patch?.responses ?? {})).toEqual(
        expect.arrayContaining(['404', '409', '412'].filter((s) => path.includes('contractors') || s !== '409')),
      );
    }
    expect(Object.keys(doc.paths['/api/v1/contractors']?.post?.responses ?? {})).toContain('409');
  });

  it('describes every field and enum of contractors and agreements', async () => {
    const doc = (await (await client(target, null).get('/api/openapi.json')).json()) as {
      components: { schemas: Record<string, { properties?: Record<string, unknown>; enum?: string[] }> };
    };
    const s = doc.components.schemas;
    const contractorFields = [
      'id',
      'name',
      'nameKana',
      'corporateNumber',
      'country',
      'contactName',
      'contactEmail',
      'services',
      'dataCategories',
      'handlesSpecialCare',
      'handlesPaymentData',
      'subjectCount',
      'systemAccess',
      'parentId',
      'crossBorderBasis',
      'status',
      'riskTier',
      'riskFactors',
      'riskTierOverride',
      'riskOverrideReason',
      'reviewIntervalMonths',
      'supervisionStatus',
      'nextReviewDue',
      'createdAt',
      'updatedAt',
      'version',
    ];
    expect(Object.keys(s.Contractor?.properties ?? {})).toEqual(expect.arrayContaining(contractorFields));
    const agreementFields = [
      'id',
      'contractorId',
      'title',
      'reference',
      'purpose',
      'dataCategories',
      'startDate',
      'endDate',
      'autoRenew',
      'renewalTermMonths',
      'noticePeriodDays',
      'noticeDeadline',
      'currentEndDate',
      'reconsignment',
      'clauses',
      'missingClauses',
      'status',
      'terminatedOn',
      'dataDisposition',
      'createdAt',
      'updatedAt',
      'version',
    ];
    expect(Object.keys(s.Agreement?.properties ?? {})).toEqual(expect.arrayContaining(agreementFields));
    expect(s.DataCategory?.enum).toEqual([
      'customers',
      'business_partners',
      'applicants',
      'inquirers',
      'commissioned_work',
      'employees',
      'my_number',
    ]);
    expect(s.ContractorStatus?.enum).toEqual(['proposed', 'approved', 'active', 'suspended', 'terminated']);
    expect(s.SupervisionStatus?.enum).toEqual([
      'on_track',
      'due_soon',
      'overdue',
      'none_scheduled',
      'selection_pending',
    ]);
    expect(s.ReconsignmentTerms?.enum).toEqual(['prohibited', 'prior_approval', 'allowed']);
    expect(s.AgreementStatus?.enum).toEqual(['pending', 'active', 'expired', 'terminated']);
  });

  it('serves the API reference page without external assets', async () => {
    const res = await client(target, null).get('/api/docs');
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).not.toMatch(/(src|href)="https?:/);
    const js = await client(target, null).get('/api/docs/swagger-ui-bundle.js');
    expect(js.status).toBe(200);
    expect(js.headers.get('content-type')).toMatch(/javascript/);
    if (target.kind === 'worker') {
      // The worker bundles the real Swagger UI files as text modules.
      expect((await js.text()).length).toBeGreaterThan(100_000);
    }
  });
});
