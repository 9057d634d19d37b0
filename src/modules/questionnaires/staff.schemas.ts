import { z } from '@hono/zod-openapi';
import { checklistRatings, questionnaireLanguages, questionnaireStatuses } from '../../../db/schema';
import { checklistCategories, questionnaireCategories } from '../../domain/questionnaire/template';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText, singleLineText } from '../../platform/text';
import { boolQuery } from '../reviews/reviews.schemas';
import { LocalizedSchema, TemplateSchema } from './questionnaires.schemas';

export const QuestionnaireStatusSchema = z.enum(questionnaireStatuses).openapi('QuestionnaireStatus', {
  description:
    '`sent` → `in_progress` (a draft saved) → `submitted` → `accepted`, or → `returned` for clarification and back; `revoked` ends the link.',
});

export const SendQuestionnaireSchema = z
  .strictObject({
    templateId: z.string().min(1).max(64).openapi({ example: 'appi-standard' }),
    recipientName: singleLineText({ min: 1, max: 200 }).openapi({ example: '佐藤 一郎' }),
    recipientEmail: z.email('must be an e-mail address').max(254).openapi({ example: 'sato@example.co.jp' }),
    dueDate: DateSchema.openapi({ description: 'When the answers are due (ITAKU_TIMEZONE); not in the past' }),
    language: z.enum(questionnaireLanguages).openapi({ description: 'The language of the form and the e-mails' }),
    expiresOn: DateSchema.optional().openapi({
      description: 'The last day the link works (default: 30 days after dueDate); not before dueDate',
    }),
  })
  .openapi('SendQuestionnaire');
export type SendQuestionnaireInput = z.infer<typeof SendQuestionnaireSchema>;

const nullableInstant = z.string().nullable();

export const QuestionnaireSchema = z
  .object({
    id: z.string(),
    reviewId: z.string(),
    contractorId: z.string(),
    contractorName: z.string(),
    templateId: z.string(),
    templateVersion: z.number().int(),
    templateName: LocalizedSchema,
    language: z.enum(questionnaireLanguages),
    recipientName: z.string(),
    recipientEmail: z.string(),
    dueDate: z.string(),
    expiresAt: z.string().openapi({ description: 'RFC 3339 instant: the end of the last day the link works' }),
    status: QuestionnaireStatusSchema,
    overdue: z.boolean().openapi({ description: 'Still awaiting answers after dueDate' }),
    expired: z.boolean().openapi({ description: 'Past expiresAt: the link answers 410' }),
    sentAt: z.string(),
    submittedAt: nullableInstant,
    returnedAt: nullableInstant,
    acceptedAt: nullableInstant,
    revokedAt: nullableInstant,
    answeredCount: z.number().int(),
    questionCount: z.number().int(),
    version: z.number().int(),
  })
  .openapi('Questionnaire');

export const SentQuestionnaireSchema = QuestionnaireSchema.extend({
  respondentUrl: z.string().openapi({
    description: 'The contractor’s link; shown only in this response and the invitation e-mail',
  }),
}).openapi('SentQuestionnaire');

const Score = z.number().nullable().openapi({ description: '0–100; null when nothing scorable was answered' });
const Rating = z.enum(checklistRatings);

export const QuestionnaireDetailSchema = QuestionnaireSchema.extend({
  template: TemplateSchema.omit({ builtIn: true, basedOn: true, archivedAt: true }),
  answers: z.array(
    z.object({
      questionId: z.string(),
      value: z.string().nullable(),
      comment: z.string().nullable(),
      reviewerComment: z.string().nullable(),
      documentIds: z.array(z.string()),
    }),
  ),
  score: Score,
  sections: z.array(z.object({ sectionId: z.string(), score: Score, answered: z.number(), total: z.number() })),
  categoryResults: z.array(
    z.object({
      category: z.enum(questionnaireCategories),
      score: Score,
      answered: z.number(),
      total: z.number(),
      noOnRequired: z.number().openapi({ description: 'Weight-3 questions answered "no"' }),
    }),
  ),
  suggestedChecklist: z.partialRecord(z.enum(checklistCategories), Rating).openapi({
    description:
      'Per checklist category: ≥ 90 % with no weight-3 "no" → adequate; < 60 % or two weight-3 "no" → inadequate; else needs_improvement; nothing applicable answered → not_assessed',
  }),
  previous: z
    .object({
      id: z.string(),
      sentAt: z.string(),
      answers: z.array(
        z.object({ questionId: z.string(), value: z.string().nullable(), comment: z.string().nullable() }),
      ),
    })
    .nullable()
    .openapi({ description: 'The contractor’s latest earlier questionnaire that was submitted or accepted' }),
}).openapi('QuestionnaireDetail');

export const QuestionnairePage = page(QuestionnaireSchema, 'QuestionnairePage');

export const QuestionnaireListQuery = z.object({
  contractorId: z.string().max(64).optional(),
  reviewId: z.string().max(64).optional(),
  status: QuestionnaireStatusSchema.optional(),
  overdue: boolQuery.openapi({ description: 'true: awaiting answers and due before today; false: not overdue' }),
  ...LimitCursorQuery,
});

export const ReturnQuestionnaireSchema = z
  .strictObject({
    comments: z
      .array(z.strictObject({ questionId: z.string().min(1).max(64), comment: multiLineText({ min: 1, max: 2000 }) }))
      .min(1)
      .max(200),
  })
  .openapi('ReturnQuestionnaire');
export type ReturnQuestionnaireInput = z.infer<typeof ReturnQuestionnaireSchema>;
