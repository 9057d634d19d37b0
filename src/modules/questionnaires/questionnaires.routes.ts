import { createRoute } from '@hono/zod-openapi';
import { json, notFoundError } from '../../platform/openapi';
import { requestContext } from '../../platform/request-context';
import { authed, createRouter } from '../../platform/router';
import { TemplateIdParam, TemplateListQuery, TemplatePage, TemplateSchema } from './questionnaires.schemas';
import { getTemplate, listTemplates } from './questionnaires.service';

const list = createRoute(
  authed('any', {
    method: 'get',
    path: '/questionnaire-templates',
    tags: ['Questionnaires'],
    summary: 'List questionnaire templates',
    description:
      'The self-assessment sheets (委託先チェックシート) that can be sent to contractors, including the built-in `appi-standard`, which follows the PPC General Guidelines 10 (別添) and the consignment terms.',
    request: { query: TemplateListQuery },
    responses: { 200: json(TemplatePage, 'A page of templates, by id') },
  }),
);

const get = createRoute(
  authed('any', {
    method: 'get',
    path: '/questionnaire-templates/{id}',
    tags: ['Questionnaires'],
    summary: 'Get a questionnaire template with all its sections and questions',
    request: { params: TemplateIdParam },
    responses: { 200: json(TemplateSchema, 'The template'), ...notFoundError },
  }),
);

export const questionnaireRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listTemplates(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, async (c) => c.json(await getTemplate(requestContext(c), c.req.valid('param').id), 200));
