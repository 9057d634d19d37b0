import { z } from '@hono/zod-openapi';
import { questionnaireCategories, questionTypes } from '../../domain/questionnaire/template';
import { LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText, singleLineText } from '../../platform/text';

export const LocalizedSchema = z
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

const templateOrigin = {
  builtIn: z.boolean().openapi({ description: 'Built-in templates cannot be edited; copy one instead' }),
  basedOn: z.string().nullable().openapi({ description: 'The template this one was copied from' }),
  archivedAt: z.string().nullable().openapi({ description: 'Archived templates are no longer offered for sending' }),
};

export const TemplateSchema = z
  .object({
    id: z.string().openapi({ example: 'appi-standard' }),
    name: LocalizedSchema,
    version: z
      .number()
      .int()
      .openapi({ description: 'Counts edits; a sent questionnaire keeps the version it was sent with' }),
    ...templateOrigin,
    sections: z.array(SectionSchema),
  })
  .openapi('QuestionnaireTemplate');

const TemplateSummarySchema = z
  .object({
    id: z.string(),
    name: LocalizedSchema,
    version: z.number().int(),
    ...templateOrigin,
    sectionCount: z.number().int(),
    questionCount: z.number().int(),
  })
  .openapi('QuestionnaireTemplateSummary');

export const TemplatePage = page(TemplateSummarySchema, 'QuestionnaireTemplatePage');

export const TemplateListQuery = z.object({
  archived: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .openapi({ description: 'true: archived custom templates too' }),
  ...LimitCursorQuery,
});

const localizedInput = (max: number, multiLine = false) =>
  z.strictObject({
    ja: multiLine ? multiLineText({ min: 1, max }) : singleLineText({ min: 1, max }),
    en: multiLine ? multiLineText({ min: 1, max }) : singleLineText({ min: 1, max }),
  });

const TemplateId = z
  .string()
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/, { message: 'must be 1–32 letters, digits, ".", "_" or "-"' });

const QuestionInput = z.strictObject({
  id: TemplateId,
  text: localizedInput(1000, true),
  type: QuestionTypeSchema,
  required: z.boolean(),
  category: QuestionnaireCategorySchema,
  weight: z.number().int().min(1).max(3),
  evidence: localizedInput(500, true).optional(),
});

const SectionInput = z.strictObject({
  id: TemplateId,
  title: localizedInput(200),
  questions: z.array(QuestionInput).min(1).max(100),
});

const SectionsInput = z.array(SectionInput).min(1).max(30);

export const CreateTemplateSchema = z
  .strictObject({
    name: localizedInput(200),
    basedOn: z.string().min(1).max(64).optional().openapi({
      description: 'The template to copy (default `appi-standard` when `sections` is not given)',
    }),
    sections: SectionsInput.optional().openapi({ description: 'The sections; copied from `basedOn` when absent' }),
  })
  .openapi('CreateQuestionnaireTemplate');

export const UpdateTemplateSchema = z
  .strictObject({ name: localizedInput(200).optional(), sections: SectionsInput.optional() })
  .openapi('UpdateQuestionnaireTemplate');

export type CreateTemplateInput = z.infer<typeof CreateTemplateSchema>;
export type UpdateTemplateInput = z.infer<typeof UpdateTemplateSchema>;

export const TemplateIdParam = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' }, example: 'appi-standard' }),
});
