import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appiStandard } from '../../src/domain/questionnaire/appi-standard';
import { daysFromToday, newContractor } from '../support/factories';
import { type Client, client, problem, userWithRole } from '../support/http';
import { createTarget, type Target } from '../support/target';

let target: Target;
let admin: Client;
const others: Record<string, Client> = {};
beforeAll(async () => {
  target = await createTarget();
  admin = client(target);
  for (const role of ['procurement', 'compliance', 'manager']) others[role] = (await userWithRole(target, role)).api;
});
afterAll(() => target.close());

interface Summary {
  id: string;
  name: { ja: string; en: string };
  version: number;
  sectionCount: number;
  questionCount: number;
}
const json = async <T>(res: Response): Promise<T> => (await res.json()) as T;
const questions = appiStandard.sections.flatMap((s) => s.questions);

describe('questionnaire templates', () => {
  it('lists the built-in appi-standard template, with its section and question counts, to every role', async () => {
    for (const api of [admin, ...Object.values(others)]) {
      const res = await api.get('/api/v1/questionnaire-templates');
      expect(res.status).toBe(200);
      expect(res.headers.get('cache-control')).toBe('no-store');
      const page = await json<{ items: Summary[]; nextCursor: string | null }>(res);
      expect(page.nextCursor).toBeNull();
      expect(page.items).toContainEqual({
        id: 'appi-standard',
        name: { ja: '委託先チェックシート（個人情報保護法 標準）', en: 'Contractor self-assessment (APPI standard)' },
        version: 1,
        builtIn: true,
        basedOn: null,
        archivedAt: null,
        sectionCount: 8,
        questionCount: questions.length,
      });
    }
  });

  it('serves the whole template: every section and question in Japanese and English', async () => {
    for (const api of [admin, ...Object.values(others)]) {
      const res = await api.get('/api/v1/questionnaire-templates/appi-standard');
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({
        ...JSON.parse(JSON.stringify(appiStandard)),
        builtIn: true,
        basedOn: null,
        archivedAt: null,
      });
    }
    const body = await json<typeof appiStandard>(await admin.get('/api/v1/questionnaire-templates/appi-standard'));
    expect(body.sections.map((s) => s.id)).toEqual([
      '10-1',
      '10-2',
      '10-3',
      '10-4',
      '10-5',
      '10-6',
      '10-7',
      'consignment',
    ]);
    const first = body.sections.find((s) => s.id === '10-3')?.questions[0];
    expect(first).toMatchObject({
      id: '10-3-1',
      text: { ja: '個人データの取扱いに関する責任者を定めていますか。' },
      type: 'yes_partly_no',
      required: true,
      category: 'organizational',
      weight: 3,
      evidence: { ja: expect.stringContaining('体制図') },
    });
  });

  it('answers an unknown template with a 404 problem naming it', async () => {
    for (const id of ['appi-standard-2', 'APPI-STANDARD', '%E5%A7%94%E8%A8%97']) {
      const res = await others.manager?.get(`/api/v1/questionnaire-templates/${id}`);
      expect(res?.status, id).toBe(404);
      expect(res?.headers.get('content-type'), id).toMatch(/application\/problem\+json/);
      const p = await problem(res as Response);
      expect(p.type).toBe('/problems/not-found');
      expect(p.detail).toMatch(/^Questionnaire template ".+" does not exist\.$/);
    }
    const long = await admin.get(`/api/v1/questionnaire-templates/${'x'.repeat(65)}`);
    expect(long.status).toBe(400);
    expect((await problem(long)).errors?.[0]?.path).toBe('id');
  });

  it('pages by keyset and refuses a cursor it did not make', async () => {
    const first = await json<{ items: Summary[]; nextCursor: string | null }>(
      await admin.get('/api/v1/questionnaire-templates?limit=1'),
    );
    expect(first.items.map((t) => t.id)).toEqual(['appi-standard']);
    expect(first.nextCursor).toBeNull();
    for (const [query, path] of [
      ['cursor=%%%', 'cursor'],
      ['cursor=abc', 'cursor'],
      ['limit=0', 'limit'],
      ['limit=201', 'limit'],
    ]) {
      const res = await admin.get(`/api/v1/questionnaire-templates?${query}`);
      expect(res.status, query).toBe(400);
      expect((await problem(res)).errors?.[0]?.path, query).toBe(path);
    }
  });

  it('needs a signed-in user', async () => {
    for (const path of ['/api/v1/questionnaire-templates', '/api/v1/questionnaire-templates/appi-standard']) {
      const res = await client(target, null).get(path);
      expect(res.status, path).toBe(401);
      expect((await problem(res)).type).toBe('/problems/unauthorized');
    }
  });

  it('is described in the OpenAPI document with its roles and schemas', async () => {
    const doc = await json<{
      paths: Record<string, { get?: { description?: string; responses: Record<string, unknown> } }>;
      components: { schemas: Record<string, { enum?: string[] }> };
    }>(await client(target, null).get('/api/openapi.json'));
    for (const path of ['/api/v1/questionnaire-templates', '/api/v1/questionnaire-templates/{id}']) {
      expect(doc.paths[path]?.get?.description, path).toMatch(/\*\*Roles:\*\* every role/);
    }
    expect(Object.keys(doc.paths['/api/v1/questionnaire-templates/{id}']?.get?.responses ?? {})).toContain('404');
    expect(doc.components.schemas.QuestionType?.enum).toEqual(['yes_partly_no', 'text', 'date', 'file']);
    expect(doc.components.schemas.QuestionnaireCategory?.enum).toEqual([
      'basicPolicy',
      'handlingRules',
      'organizational',
      'human',
      'physical',
      'technical',
      'externalEnvironment',
      'consignment',
    ]);
    expect(Object.keys(doc.components.schemas)).toEqual(
      expect.arrayContaining([
        'QuestionnaireTemplate',
        'TemplateSection',
        'TemplateQuestion',
        'QuestionnaireTemplatePage',
      ]),
    );
  });

  it('lets compliance copy a template, edit it in versions and archive it; a sent questionnaire keeps its version', async () => {
    const compliance = others.compliance as Client;
    const body = { name: { ja: '委託先チェックシート（物流向け）', en: 'Self-assessment (logistics)' } };
    for (const api of [others.manager, others.procurement]) {
      expect((await api?.post('/api/v1/questionnaire-templates', body))?.status).toBe(403);
    }
    const bad = await compliance.post('/api/v1/questionnaire-templates', { ...body, basedOn: 'nope' });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors?.map((e) => e.path)).toEqual(['basedOn']);
    const created = await compliance.post('/api/v1/questionnaire-templates', body);
    expect(created.status).toBe(201);
    const copy = await json<typeof appiStandard & { id: string; version: number; builtIn: boolean; basedOn: string }>(
      created,
    );
    expect(copy).toMatchObject({ ...body, version: 1, builtIn: false, basedOn: 'appi-standard', archivedAt: null });
    expect(copy.sections).toEqual(JSON.parse(JSON.stringify(appiStandard.sections)));
    const path = `/api/v1/questionnaire-templates/${copy.id}`;

    const builtIn = await compliance.patch('/api/v1/questionnaire-templates/appi-standard', { name: body.name });
    expect(builtIn.status).toBe(409);
    expect((await problem(builtIn)).type).toBe('/problems/built-in-template');
    const [firstSection] = copy.sections;
    const twice = { ...firstSection, questions: [...(firstSection?.questions ?? []), firstSection?.questions[0]] };
    const duplicate = await compliance.patch(path, { sections: [twice] });
    expect(duplicate.status).toBe(400);
    expect((await problem(duplicate)).errors?.map((e) => e.path)).toEqual([
      `sections.0.questions.${firstSection?.questions.length}.id`,
    ]);
    const v2 = await compliance.patch(path, { sections: [firstSection] }, { 'if-match': '"1"' });
    expect(v2.status).toBe(200);
    expect(await json(v2)).toMatchObject({ version: 2, sections: [{ id: firstSection?.id }] });
    expect((await compliance.patch(path, { name: body.name }, { 'if-match': '"1"' })).status).toBe(412);

    // Sent with version 2; editing the template afterwards does not change what was asked.
    const contractor = await newContractor(others.procurement as Client);
    const review = await json<{ id: string }>(
      await compliance.post('/api/v1/reviews', {
        contractorId: contractor.id,
        kind: 'periodic',
        dueDate: daysFromToday(30),
      }),
    );
    const send = (templateId: string) =>
      compliance.post(`/api/v1/reviews/${review.id}/questionnaire`, {
        templateId,
        recipientName: '田中 太郎',
        recipientEmail: 'tanaka@example.co.jp',
        dueDate: daysFromToday(10),
        language: 'ja',
      });
    const sent = await json<{ id: string; templateVersion: number }>(await send(copy.id));
    expect(sent.templateVersion).toBe(2);
    await compliance.patch(path, { sections: copy.sections });
    const detail = await json<{ template: { version: number; sections: unknown[] } }>(
      await compliance.get(`/api/v1/questionnaires/${sent.id}`),
    );
    expect(detail.template.version).toBe(2);
    expect(detail.template.sections).toHaveLength(1);

    const archived = await compliance.post(`${path}/archive`, undefined, { 'if-match': '"3"' });
    expect(archived.status).toBe(200);
    expect(await json(archived)).toMatchObject({ version: 4, archivedAt: expect.any(String) });
    expect((await compliance.patch(path, { name: body.name })).status).toBe(409);
    await compliance.post(`/api/v1/questionnaires/${sent.id}/revoke`);
    const refused = await send(copy.id);
    expect(refused.status).toBe(400);
    expect((await problem(refused)).errors?.[0]).toMatchObject({ path: 'templateId', code: 'templateArchived' });
    const ids = async (query: string) =>
      (await json<{ items: Summary[] }>(await admin.get(`/api/v1/questionnaire-templates${query}`))).items.map(
        (t) => t.id,
      );
    expect(await ids('')).toEqual(['appi-standard']);
    expect(await ids('?archived=true')).toEqual(['appi-standard', copy.id].sort());
  });
});
