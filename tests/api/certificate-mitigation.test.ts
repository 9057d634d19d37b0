import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { daysFromToday, newContractor } from '../support/factories';
import { type Client, client, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';
import { cookiesOf, ORIGIN, postLogin } from '../support/web';

/**
 * A valid Privacy Mark or ISMS certificate shown as mitigating a contractor's risk: a
 * setting, off by default, changed by compliance under If-Match; the risk tier stays.
 */

let target: Target;
let admin: Client;
let compliance: { token: string; api: Client };
let manager: { token: string; api: Client };

beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  compliance = await userWithRole(target, 'compliance');
  manager = await userWithRole(target, 'manager');
});
afterAll(() => target.close());

const pdf = (note: string) =>
  new TextEncoder().encode(`%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\n% ${note}\ntrailer<</Root 1 0 R>>\n%%EOF\n`);

async function upload(contractorId: string, kind: string, validUntil: string, note: string): Promise<string> {
  const form = new FormData();
  form.set('file', new File([pdf(note) as Uint8Array<ArrayBuffer>], `${note}.pdf`, { type: 'application/pdf' }));
  for (const [k, v] of Object.entries({ contractorId, kind, validUntil })) form.set(k, v);
  const encoded = new Request('http://form.invalid/', { method: 'POST', body: form });
  const body = new Uint8Array(await encoded.arrayBuffer());
  const res = await target.fetch('/api/v1/documents', {
    method: 'POST',
    headers: {
      authorization: `Bearer ${compliance.token}`,
      'content-type': encoded.headers.get('content-type') ?? '',
      'content-length': String(body.length),
    },
    body,
  });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

const riskTier = async (id: string) =>
  ((await (await manager.api.get(`/api/v1/contractors/${id}`)).json()) as { riskTier: string }).riskTier;

/** The contractor's page as a manager reads it in Japanese. */
async function contractorPage(id: string): Promise<string> {
  const login = await postLogin(target, { token: manager.token }, { lang: 'ja' });
  const cookie = cookiesOf(login).find((c) => c.startsWith('itaku_session=')) ?? '';
  const page = await target.fetch(`/contractors/${id}`, {
    headers: { cookie, 'accept-language': 'ja', origin: ORIGIN },
  });
  expect(page.status).toBe(200);
  return page.text();
}

describe('certificates as mitigating factors', () => {
  it('are shown only once compliance turns the setting on, valid ones only, and never change the tier', async () => {
    const contractor = await newContractor(admin, { name: '株式会社認証取得', subjectCount: 150000 });
    const mark = await upload(contractor.id, 'privacy_mark', daysFromToday(400), 'pmark');
    await upload(contractor.id, 'isms_certificate', daysFromToday(-1), 'isms-expired');
    await upload(contractor.id, 'soc2_report', daysFromToday(300), 'soc2');

    const off = await manager.api.get('/api/v1/settings/certificates');
    expect(await off.json()).toMatchObject({ showAsMitigating: false, version: 0 });
    const tier = await riskTier(contractor.id);
    expect(await contractorPage(contractor.id)).not.toContain('軽減要素');

    expect((await manager.api.patch('/api/v1/settings/certificates', { showAsMitigating: true })).status).toBe(403);
    const bad = await compliance.api.patch('/api/v1/settings/certificates', { showAsMitigating: 'yes' });
    expect(bad.status).toBe(400);
    expect(await (await manager.api.get('/api/v1/settings/certificates')).json()).toMatchObject({ version: 0 });

    // Two people switching it on from the same version: one wins, the other is told.
    const both = await Promise.all(
      [compliance.api, admin].map((api) =>
        api.patch('/api/v1/settings/certificates', { showAsMitigating: true }, { 'if-match': '"0"' }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 412]);

    expect(await riskTier(contractor.id)).toBe(tier);
    const audit = await target.query<{ action: string }>(
      "SELECT action FROM audit_events WHERE entity_type = 'setting' AND entity_id = 'certificate-mitigation'",
    );
    expect(audit).toEqual([{ action: 'certificate_mitigation.update' }]);

    // The contractor's page names the valid Privacy Mark only: not the expired ISMS, not a SOC 2 report.
    const html = await contractorPage(contractor.id);
    const row = /<th scope="row">軽減要素<\/th>\s*<td>([\s\S]*?)<\/td>/.exec(html)?.[1] ?? '';
    expect(row).toContain(`/documents/${mark}`);
    expect(row).toContain('プライバシーマーク');
    expect(row).not.toContain('ISMS');
    expect(row).not.toContain('SOC');
  });
});
