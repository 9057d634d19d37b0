import { z } from '@hono/zod-openapi';
import { documentKinds } from '../../../db/schema';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { singleLineText } from '../../platform/text';

export const DocumentKindSchema = z.enum(documentKinds).openapi('DocumentKind');

/** A form leaves an unfilled field as ""; that means "not given", not an empty value. */
const optional = <T extends z.ZodTypeAny>(schema: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), schema.optional());

export const UploadDocumentForm = z
  .object({
    file: z
      .custom<File>((v) => v instanceof File, { message: 'must be a file', params: { code: 'required' } })
      .openapi({ type: 'string', format: 'binary' }),
    contractorId: z.string().min(1).max(64),
    kind: DocumentKindSchema,
    title: optional(singleLineText({ max: 200 })),
    number: optional(singleLineText({ max: 100 })).openapi({ description: 'Certificate or registration number' }),
    issuer: optional(singleLineText({ max: 200 })),
    validFrom: optional(DateSchema),
    validUntil: optional(DateSchema),
    reviewId: optional(z.string().max(64)),
    agreementId: optional(z.string().max(64)),
  })
  .openapi('UploadDocument');

export type UploadDocumentInput = z.infer<typeof UploadDocumentForm>;

export const DocumentStatusSchema = z.enum(['valid', 'expiring', 'expired']).openapi('DocumentStatus', {
  description: 'From validUntil and today in ITAKU_TIMEZONE: expiring within 60 days; null without validUntil',
});

export const DocumentSchema = z
  .object({
    id: z.string(),
    contractorId: z.string(),
    kind: DocumentKindSchema,
    title: z.string().nullable(),
    number: z.string().nullable(),
    issuer: z.string().nullable(),
    validFrom: z.string().nullable(),
    validUntil: z.string().nullable(),
    status: DocumentStatusSchema.nullable(),
    reviewId: z.string().nullable(),
    agreementId: z.string().nullable(),
    questionnaireId: z.string().nullable().openapi({ description: 'Evidence attached to a questionnaire answer' }),
    questionId: z.string().nullable().openapi({ description: 'The question the evidence answers' }),
    fileName: z.string(),
    contentType: z.string().openapi({ description: 'Found from the content, not from the name' }),
    size: z.number().int(),
    sha256: z.string().openapi({ description: 'SHA-256 of the content (hex), as recorded in the audit trail' }),
    uploadedBy: z.string(),
    createdAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Document');

export const DocumentPage = page(DocumentSchema, 'DocumentPage');

export const DocumentListQuery = z.object({
  contractorId: z.string().max(64).optional(),
  kind: DocumentKindSchema.optional(),
  questionnaireId: z.string().max(64).optional().openapi({ description: 'Evidence attached to this questionnaire' }),
  expiringWithinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .optional()
    .openapi({ description: 'Documents whose validUntil is today or within this many days' }),
  status: z
    .enum(['valid', 'expiring', 'expired'])
    .optional()
    .openapi({ description: 'By validity today: expired, expiring within 60 days, or valid beyond' }),
  ...LimitCursorQuery,
});
