import { createRoute } from '@hono/zod-openapi';
import { conflictError, IfMatchHeader, json, notFoundError, preconditionError } from '../../platform/openapi';
import { requestContext, versioned } from '../../platform/request-context';
import {
  changeById,
  created,
  creationRoute,
  getByIdRoute,
  listRoute,
  readById,
  versionedChangeRoute,
} from '../../platform/resource-routes';
import { authed, createRouter } from '../../platform/router';
import {
  CreateTemplateSchema,
  TemplateIdParam,
  TemplateListQuery,
  TemplatePage,
  TemplateSchema,
  UpdateTemplateSchema,
} from './questionnaires.schemas';
import { respondRoutes } from './respond.routes';
import { staffRoutes } from './staff.routes';
import { archiveTemplate, createTemplate, getTemplate, listTemplates, updateTemplate } from './templates.service';

const tags = ['Questionnaires'];

const list = listRoute('any', {
  path: '/questionnaire-templates',
  tags,
  summary: 'List questionnaire templates',
  description:
    'The self-assessment sheets (委託先チェックシート) that can be sent to contractors, including the built-in `appi-standard`, which follows the PPC General Guidelines 10 (別添) and the consignment terms.',
  query: TemplateListQuery,
  response: json(TemplatePage, 'A page of templates, by id'),
});

const get = getByIdRoute('any', {
  path: '/questionnaire-templates/{id}',
  tags,
  summary: 'Get a questionnaire template with all its sections and questions',
  params: TemplateIdParam,
  response: json(TemplateSchema, 'The template'),
});

const create = creationRoute(['compliance'], {
  path: '/questionnaire-templates',
  tags,
  summary: 'Create a custom template, copied from another one',
  description: 'Without `sections`, the sections of `basedOn` (default `appi-standard`) are copied.',
  body: CreateTemplateSchema,
  response: json(TemplateSchema, 'The new template'),
});

const builtInConflict = conflictError(
  '`built-in-template`: built-in templates cannot be changed; `template-archived`: the template is archived',
);

const update = versionedChangeRoute(['compliance'], {
  path: '/questionnaire-templates/{id}',
  tags,
  summary: 'Rename a custom template or replace its sections',
  description:
    'Each edit is a new version; questionnaires already sent keep the version they were sent with. With `If-Match`, only the version named changes.',
  params: TemplateIdParam,
  body: UpdateTemplateSchema,
  response: json(TemplateSchema, 'The template'),
  errors: builtInConflict,
});

const archive = createRoute(
  authed(['compliance'], {
    method: 'post',
    path: '/questionnaire-templates/{id}/archive',
    tags,
    summary: 'Archive a custom template: it is no longer offered for sending',
    request: { params: TemplateIdParam, headers: IfMatchHeader },
    responses: {
      200: json(TemplateSchema, 'The archived template'),
      ...notFoundError,
      ...preconditionError,
      ...builtInConflict,
    },
  }),
);

/** Templates, questionnaires (compliance's side) and the respondent's JSON twin. */
export const questionnaireRoutes = createRouter()
  .openapi(list, async (c) => c.json(await listTemplates(requestContext(c), c.req.valid('query')), 200))
  .openapi(get, (c) => readById(c, getTemplate))
  .openapi(create, async (c) =>
    created(c, '/questionnaire-templates', await createTemplate(requestContext(c), c.req.valid('json'))),
  )
  .openapi(update, (c) => changeById(c, updateTemplate))
  .openapi(archive, async (c) => {
    const { id } = c.req.valid('param');
    return versioned(c, await archiveTemplate(requestContext(c), id, c.req.valid('header')['if-match']), 200);
  })
  .route('/', staffRoutes)
  .route('/', respondRoutes);
