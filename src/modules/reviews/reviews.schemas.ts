import { z } from '@hono/zod-openapi';
import {
  checklistRatings,
  findingCategories,
  findingSeverities,
  findingStatuses,
  reviewKinds,
  reviewOutcomes,
  reviewStatuses,
} from '../../../db/schema';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText, singleLineText } from '../../platform/text';

export const ReviewKindSchema = z.enum(reviewKinds).openapi('ReviewKind');
export const ReviewStatusSchema = z.enum(reviewStatuses).openapi('ReviewStatus');
export const ReviewOutcomeSchema = z.enum(reviewOutcomes).openapi('ReviewOutcome');
const Rating = z.enum(checklistRatings).openapi('ChecklistRating');

export const ChecklistSchema = z
  .object({ organizational: Rating, human: Rating, physical: Rating, technical: Rating })
  .openapi('SafetyManagementChecklist', {
    description: 'The four categories of safety management measures (安全管理措置): 組織的・人的・物理的・技術的',
  });

export const ReviewSchema = z
  .object({
    id: z.string(),
    contractorId: z.string(),
    agreementId: z.string().nullable(),
    kind: ReviewKindSchema,
    dueDate: z.string(),
    status: ReviewStatusSchema,
    overdue: z.boolean().openapi({ description: 'Open and due before today (organisation time zone)' }),
    assignee: z.string().nullable(),
    completedOn: z.string().nullable(),
    outcome: ReviewOutcomeSchema.nullable(),
    checklist: ChecklistSchema,
    notes: z.string().nullable(),
    cancelReason: z.string().nullable(),
    scheduledBy: z.string().openapi({ description: 'User id, or "system" when scheduled automatically' }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Review');

export const FindingSchema = z
  .object({
    id: z.string(),
    reviewId: z.string().nullable(),
    contractorId: z.string(),
    severity: z.enum(findingSeverities),
    category: z.enum(findingCategories),
    description: z.string(),
    dueDate: z.string().openapi({ description: 'When the corrective action is due' }),
    status: z.enum(findingStatuses),
    overdue: z.boolean(),
    resolvedOn: z.string().nullable(),
    resolutionNote: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Finding');

export const CreateReviewSchema = z
  .strictObject({
    contractorId: z.string().min(1).max(64),
    agreementId: z.string().min(1).max(64).nullish(),
    kind: ReviewKindSchema,
    dueDate: DateSchema.openapi({ description: 'Past dates are allowed (a backlog being imported)' }),
    assignee: singleLineText({ min: 1, max: 100 }).nullish(),
  })
  .openapi('ScheduleReview');

export const PatchReviewSchema = z
  .strictObject({
    dueDate: DateSchema.optional(),
    assignee: singleLineText({ min: 1, max: 100 }).nullable().optional(),
    status: z.enum(['scheduled', 'in_progress']).optional().openapi({
      description: 'Start (in_progress) or put back (scheduled); complete and cancel have their own endpoints',
    }),
    agreementId: z.string().min(1).max(64).nullable().optional(),
    notes: multiLineText({ max: 10_000 }).nullable().optional(),
  })
  .openapi('PatchReview');

export const NewFindingSchema = z.strictObject({
  severity: z.enum(findingSeverities),
  category: z.enum(findingCategories),
  description: multiLineText({ min: 1, max: 5000 }),
  dueDate: DateSchema,
});

export const CompleteReviewSchema = z
  .strictObject({
    completedOn: DateSchema,
    outcome: ReviewOutcomeSchema,
    checklist: z.strictObject({
      organizational: Rating,
      human: Rating,
      physical: Rating,
      technical: Rating,
    }),
    notes: multiLineText({ max: 10_000 }).nullish(),
    findings: z.array(NewFindingSchema).max(100).default([]),
  })
  .openapi('CompleteReview');

export const CancelReviewSchema = z
  .strictObject({ reason: multiLineText({ max: 1000 }).min(1, 'must give a reason') })
  .openapi('CancelReview');

export const CompletionResultSchema = z
  .object({
    review: ReviewSchema,
    findings: z.array(FindingSchema),
    nextReview: ReviewSchema.nullable().openapi({
      description:
        'The review scheduled next: a follow-up within a month after major findings or an unsatisfactory outcome, else the next periodic (or cross-border confirmation) review. Null for a terminated contractor.',
    }),
  })
  .openapi('ReviewCompletion');

export const ReviewPage = page(ReviewSchema, 'ReviewPage');

const boolQuery = z
  .enum(['true', 'false'])
  .transform((v) => v === 'true')
  .optional();

export const ReviewListQuery = z.object({
  contractorId: z.string().max(64).optional(),
  status: ReviewStatusSchema.optional(),
  kind: ReviewKindSchema.optional(),
  overdue: boolQuery.openapi({ description: 'true: open and due before today; false: not overdue' }),
  dueBefore: DateSchema.optional().openapi({ description: 'Due strictly before this date' }),
  dueAfter: DateSchema.optional().openapi({ description: 'Due strictly after this date' }),
  ...LimitCursorQuery,
});

export type CreateReviewInput = z.infer<typeof CreateReviewSchema>;
export type PatchReviewInput = z.infer<typeof PatchReviewSchema>;
export type CompleteReviewInput = z.infer<typeof CompleteReviewSchema>;
export type NewFindingInput = z.infer<typeof NewFindingSchema>;
export { boolQuery };
