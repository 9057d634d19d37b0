import { z } from '@hono/zod-openapi';
import { questionnaireCategories, questionTypes } from '../../domain/questionnaire/template';
import { LimitCursorQuery, page } from '../../platform/openapi';

const LocalizedSchema = z
  .object({ ja: z.string(), en: z.string() })
  .openapi('LocalizedText', { description: 'The same text in Japanese and English' });

export const QuestionTypeSchema = z.enum(questionTypes).openapi('QuestionType', {
  description:
    '`yes_partly_no` is answered "yes" | "partly" | "no" | "not_applicable"; `date` as YYYY-MM-DD; `file` by attaching evidence.',
});

export const QuestionnaireCategorySchema = z.enum(questionnaireCategories).openapi('QuestionnaireCategory', {
  description:
    'The review checklist category the answer feeds (PPC General Guidelines 10-1…10-7, or the consignment terms)',
});

const QuestionSchema = z
  .object({
    id: z.string().openapi({ example: '10-3-1', description: 'Stable within the template and its versions' }),
    text: LocalizedSchema,
    type: QuestionTypeSchema,
    required: z.boolean(),
    category: QuestionnaireCategorySchema,
    weight: z.number().int().min(1).max(3).openapi({
      description: '3: what the guideline says must be done; 2: its examples of how; 1: good practice',
    }),
    evidence: LocalizedSchema.optional().openapi({ description: 'The evidence expected with the answer' }),
  })
  .openapi('TemplateQuestion');

const SectionSchema = z
  .object({ id: z.string().openapi({ example: '10-3' }), title: LocalizedSchema, questions: z.array(QuestionSchema) })
  .openapi('TemplateSection');

export const TemplateSchema = z
  .object({
    id: z.string().openapi({ example: 'appi-standard' }),
    name: LocalizedSchema,
    version: z.number().int(),
    sections: z.array(SectionSchema),
  })
  .openapi('QuestionnaireTemplate');

const TemplateSummarySchema = z
  .object({
    id: z.string(),
    name: LocalizedSchema,
    version: z.number().int(),
    sectionCount: z.number().int(),
    questionCount: z.number().int(),
  })
  .openapi('QuestionnaireTemplateSummary');

export const TemplatePage = page(TemplateSummarySchema, 'QuestionnaireTemplatePage');

export const TemplateListQuery = z.object({ ...LimitCursorQuery });

export const TemplateIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'appi-standard' }),
});
