import { z } from '@hono/zod-openapi';
import { questionnaireLanguages } from '../../../db/schema';
import { multiLineText } from '../../platform/text';
import { TemplateSchema } from './questionnaires.schemas';
import { QuestionnaireStatusSchema } from './staff.schemas';

export const TokenParam = z.object({
  token: z
    .string()
    .min(1)
    .max(200)
    .openapi({ param: { name: 'token', in: 'path' }, description: 'The token of the respondent’s link' }),
});

export const SaveAnswersSchema = z
  .strictObject({
    answers: z
      .array(
        z.strictObject({
          questionId: z.string().min(1).max(64),
          value: z.string().max(4000).nullable().optional().openapi({
            description:
              'yes_partly_no: "yes" | "partly" | "no" | "not_applicable"; date: YYYY-MM-DD; text: up to 4000 characters; null or "" clears it; absent keeps it',
          }),
          comment: multiLineText({ max: 2000 }).nullable().optional(),
        }),
      )
      .max(500),
  })
  .openapi('SaveAnswers');
export type SaveAnswersInput = z.infer<typeof SaveAnswersSchema>;

export const EvidenceForm = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, { message: 'must be a file', params: { code: 'required' } })
      .openapi({ type: 'string', format: 'binary' }),
    questionId: z.string().min(1).max(64),
  })
  .openapi('AttachEvidence');

export const RespondentViewSchema = z
  .object({
    questionnaireId: z.string(),
    language: z.enum(questionnaireLanguages),
    contractorName: z.string(),
    organizationName: z.string().nullable().openapi({ description: 'Who asks (ITAKU_ORGANIZATION_NAME)' }),
    recipientName: z.string(),
    dueDate: z.string(),
    expiresAt: z.string(),
    status: QuestionnaireStatusSchema,
    readOnly: z.boolean().openapi({ description: 'Submitted or accepted: the answers can no longer change' }),
    template: TemplateSchema.omit({ builtIn: true, basedOn: true, archivedAt: true }),
    answers: z.array(
      z.object({
        questionId: z.string(),
        value: z.string().nullable(),
        comment: z.string().nullable(),
        reviewerComment: z.string().nullable().openapi({ description: 'What the reviewer asked to clarify' }),
        documents: z.array(
          z.object({ id: z.string(), fileName: z.string(), size: z.number().int(), contentType: z.string() }),
        ),
      }),
    ),
  })
  .openapi('RespondentQuestionnaire');
