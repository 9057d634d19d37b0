import { z } from '@hono/zod-openapi';
import { findingCategories, findingSeverities, findingStatuses } from '../../../db/schema';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText } from '../../platform/text';
import { boolQuery, FindingSchema } from '../reviews/reviews.schemas';

export const CreateFindingSchema = z
  .strictObject({
    contractorId: z.string().min(1).max(64),
    reviewId: z.string().min(1).max(64).nullish(),
    severity: z.enum(findingSeverities),
    category: z.enum(findingCategories),
    description: multiLineText({ min: 1, max: 5000 }),
    dueDate: DateSchema.openapi({ description: 'When the corrective action is due' }),
  })
  .openapi('CreateFinding');

export const PatchFindingSchema = z
  .strictObject({
    severity: z.enum(findingSeverities).optional(),
    category: z.enum(findingCategories).optional(),
    description: multiLineText({ min: 1, max: 5000 }).optional(),
    dueDate: DateSchema.optional(),
    status: z.enum(findingStatuses).optional(),
    resolvedOn: DateSchema.nullable().optional().openapi({ description: 'Setting it resolves the finding' }),
    resolutionNote: multiLineText({ max: 5000 }).nullable().optional(),
  })
  .openapi('PatchFinding');

export const FindingPage = page(FindingSchema, 'FindingPage');

export const FindingListQuery = z.object({
  contractorId: z.string().max(64).optional(),
  reviewId: z.string().max(64).optional(),
  status: z.enum(findingStatuses).optional(),
  severity: z.enum(findingSeverities).optional(),
  overdue: boolQuery.openapi({ description: 'true: open and due before today' }),
  ...LimitCursorQuery,
});

export type CreateFindingInput = z.infer<typeof CreateFindingSchema>;
export type PatchFindingInput = z.infer<typeof PatchFindingSchema>;
