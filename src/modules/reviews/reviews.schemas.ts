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
import { type ChecklistCategory, checklistCategories } from '../../domain/selection';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText, singleLineText } from '../../platform/text';

export const ReviewKindSchema = z.enum(reviewKinds).openapi('ReviewKind');
export const ReviewStatusSchema = z.enum(reviewStatuses).openapi('ReviewStatus');
export const ReviewOutcomeSchema = z.enum(reviewOutcomes).openapi('ReviewOutcome');
const Rating = z.enum(checklistRatings).openapi('ChecklistRating');

const categoryDoc = {
  basicPolicy: '10-1 basic policy (基本方針の策定): recommended',
  handlingRules: '10-2 rules for handling personal data (個人データの取扱いに係る規律の整備): required',
  organizational: '10-3 organisational measures (組織的安全管理措置): required',
  human: '10-4 human measures (人的安全管理措置): required',
  physical: '10-5 physical measures (物理的安全管理措置): required',
  technical: '10-6 technical measures (技術的安全管理措置): required',
  externalEnvironment:
    '10-7 grasp of the external environment (外的環境の把握): required when the data is handled abroad',
} satisfies Record<ChecklistCategory, string>;

const rated = (category: ChecklistCategory) => Rating.openapi({ description: categoryDoc[category] });

export const ChecklistSchema = z
  .object(Object.fromEntries(checklistCategories.map((c) => [c, rated(c)])) as Record<ChecklistCategory, typeof Rating>)
  .openapi('SafetyManagementChecklist', {
    description:
      'The measures of the PPC General Guidelines 通則編 10 (別添), 10-1 … 10-7, as the review confirmed them. Approval needs the deciding selection review to have every required category rated needs_improvement or better, and to meet the selection criteria (409 `selection-incomplete`).',
  });

/**
 * The checklist a completion records. The four categories every client has always sent are
 * required; 10-1, 10-2 and 10-7 were added later and default to not_assessed, so older
 * clients keep working (and an approval then names what is still to be confirmed).
 */
const ChecklistInput = z.strictObject({
  basicPolicy: rated('basicPolicy').default('not_assessed'),
  handlingRules: rated('handlingRules').default('not_assessed'),
  organizational: rated('organizational'),
  human: rated('human'),
  physical: rated('physical'),
  technical: rated('technical'),
  externalEnvironment: rated('externalEnvironment').default('not_assessed'),
});

/** The same with every category required: the web form, where the reviewer rates each one. */
export const FullChecklistInput = z.strictObject(
  Object.fromEntries(checklistCategories.map((c) => [c, Rating])) as Record<ChecklistCategory, typeof Rating>,
);

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
    checklist: ChecklistInput,
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
        'The review scheduled next: a follow-up within a month after major findings or an unsatisfactory outcome, else the next periodic (or cross-border confirmation) review. Null for a terminated contractor, and after a passing parent report.',
    }),
    nextReviews: z.array(ReviewSchema).openapi({
      description:
        'Every review the completion scheduled or kept, `nextReview` first: a failed cross-border confirmation gets its follow-up and the next yearly confirmation (Enforcement Rules Art. 18(1)).',
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
