import { z } from '@hono/zod-openapi';
import { MAX_TARGET_DAYS } from '../../domain/subject-requests';

const Days = z
  .number()
  .int('must be a whole number')
  .min(1)
  .max(MAX_TARGET_DAYS)
  .openapi({ description: `Calendar days from receipt, 1–${MAX_TARGET_DAYS}` });

export const SubjectRequestTargetSchema = z
  .object({
    targetDays: Days,
    version: z.number().int().openapi({ description: '0 while the default (14 days) applies' }),
    updatedAt: z.string().nullable(),
    updatedBy: z.string().nullable(),
  })
  .openapi('SubjectRequestTarget', {
    description:
      'The internal target for answering a request from the person (開示等の請求): APPI Art. 33(2), 34(2) and 35 say 「遅滞なく」 and set no number of days. A request’s due date is its day of receipt plus this; requests already recorded keep theirs.',
  });

export const PatchSubjectRequestTargetSchema = z
  .strictObject({ targetDays: Days })
  .openapi('PatchSubjectRequestTarget');

export type PatchSubjectRequestTargetInput = z.infer<typeof PatchSubjectRequestTargetSchema>;
