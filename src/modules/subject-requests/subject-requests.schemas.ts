import { z } from '@hono/zod-openapi';
import { refusalGrounds, subjectRequestKinds, subjectRequestOutcomes } from '../../../db/schema';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText, singleLineText } from '../../platform/text';
import { categoryRequired, DataCategorySchema } from '../contractors/contractors.schemas';
import { boolQuery } from '../reviews/reviews.schemas';

export const SubjectRequestKindSchema = z.enum(subjectRequestKinds).openapi('SubjectRequestKind', {
  description:
    'disclosure (APPI Art. 33(1)) · correction, addition or deletion of wrong content (Art. 34(1)) · suspension of use or erasure (Art. 35(1), (5)) · deletion · third_party_records: disclosure of the third-party provision records (Art. 33(5))',
});
export const SubjectRequestOutcomeSchema = z.enum(subjectRequestOutcomes).openapi('SubjectRequestOutcome');
export const RefusalGroundSchema = z.enum(refusalGrounds).openapi('RefusalGround', {
  description:
    'The grounds of APPI Art. 33(2) items 1–3 (and the privacy policy §8): harm to the life, body, property or other rights of the person or a third party · serious disruption of the proper conduct of the business · a violation of another law',
});
/** What one contractor did with the request forwarded to it. */
export const taskOutcomes = ['done', 'no_data', 'not_done'] as const;
export const TaskOutcomeSchema = z.enum(taskOutcomes).openapi('SubjectRequestTaskOutcome', {
  description:
    'done: carried out as asked · no_data: holds no data of the person · not_done: did not (say why in `note`)',
});

/** An e-mail address, or a Japanese telephone number: personal data the record does not need. */
const PERSONAL = [/[^\s@]+@[^\s@]+\.[^\s@]+/, /(^|\D)(0\d{1,4}-\d{1,4}-\d{4}|0\d{9,10})(\D|$)/, /\+81[-\s]?\d/];
export const looksPersonal = (v: string): boolean => PERSONAL.some((p) => p.test(v));

const Reference = singleLineText({ min: 1, max: 100 })
  .refine((v) => !looksPersonal(v), {
    message: 'must be your own case number or a pseudonymous handle, not an e-mail address or telephone number',
    params: { code: 'srReferencePersonal' },
  })
  .openapi({
    description:
      'The company’s own case number or a pseudonymous handle, never the person’s name, address, e-mail or telephone number: itaku keeps no more personal data than the request needs (e-mail addresses and telephone numbers are refused).',
    example: 'SR-2026-0042',
  });

const Categories = z
  .array(DataCategorySchema)
  .max(7)
  .refine((v) => v.length > 0, categoryRequired)
  .openapi({ description: 'The data categories the request concerns: they decide which contractors get a task' });

export const CreateSubjectRequestSchema = z
  .strictObject({
    kind: SubjectRequestKindSchema,
    receivedOn: DateSchema.openapi({ description: 'The day the request reached the company; not in the future' }),
    dataCategories: Categories,
    reference: Reference,
  })
  .openapi('CreateSubjectRequest');

export const PatchSubjectRequestSchema = z
  .strictObject({
    reference: Reference.optional(),
    receivedOn: DateSchema.optional().openapi({ description: 'Only before anything was forwarded to a contractor' }),
    dataCategories: Categories.optional().openapi({
      description: 'Only before anything was forwarded to a contractor: the tasks are derived again',
    }),
  })
  .openapi('PatchSubjectRequest');

export const PatchTaskSchema = z
  .strictObject({
    forwardedOn: DateSchema.nullable().optional().openapi({ description: 'The request passed on to the contractor' }),
    answeredOn: DateSchema.nullable().optional().openapi({ description: 'The contractor’s answer; needs `outcome`' }),
    outcome: TaskOutcomeSchema.nullable().optional(),
    note: multiLineText({ max: 2000 }).nullable().optional(),
  })
  .openapi('PatchSubjectRequestTask');

export const CloseSubjectRequestSchema = z
  .strictObject({
    outcome: SubjectRequestOutcomeSchema,
    refusalGround: RefusalGroundSchema.nullable().optional().openapi({
      description: 'Required when the outcome is refused or partly_fulfilled, otherwise absent',
    }),
    refusalReason: multiLineText({ max: 2000 }).nullable().optional().openapi({
      description: 'Why, as the person is told (Art. 33(3), 36); required with a refusal',
    }),
  })
  .openapi('CloseSubjectRequest');

const TaskSchema = z
  .object({
    contractorId: z.string(),
    contractorName: z.string(),
    forwardedOn: z.string().nullable(),
    answeredOn: z.string().nullable(),
    outcome: TaskOutcomeSchema.nullable(),
    note: z.string().nullable(),
    version: z.number().int().openapi({ description: 'If-Match of PATCH …/tasks/{contractorId}' }),
  })
  .openapi('SubjectRequestTask');

export const SubjectRequestSchema = z
  .object({
    id: z.string(),
    kind: SubjectRequestKindSchema,
    receivedOn: z.string(),
    dataCategories: z.array(DataCategorySchema),
    reference: z.string(),
    status: z.enum(['open', 'closed']),
    dueOn: z.string().openapi({ description: 'receivedOn + the internal target (GET /settings/subject-requests)' }),
    overdue: z.boolean().openapi({ description: 'Open and due before today' }),
    tasks: z.array(TaskSchema).openapi({
      description:
        'One per contractor holding any of the categories on receivedOn: under an agreement in force that day covering it, or as a sub-contractor (not terminated) handling it below such a holder',
    }),
    outcome: SubjectRequestOutcomeSchema.nullable(),
    refusalGround: RefusalGroundSchema.nullable(),
    refusalReason: z.string().nullable(),
    closedOn: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('SubjectRequest', { description: 'A request from the person whose data it is (APPI Art. 33–35)' });

export const SubjectRequestPage = page(SubjectRequestSchema, 'SubjectRequestPage');

export const SubjectRequestListQuery = z.object({
  status: z.enum(['open', 'closed']).optional(),
  kind: SubjectRequestKindSchema.optional(),
  overdue: boolQuery.openapi({ description: 'true: open and due before today; false: not overdue' }),
  contractorId: z.string().max(64).optional().openapi({ description: 'Requests with a task for this contractor' }),
  ...LimitCursorQuery,
});

export const TaskParams = z.object({
  id: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'id', in: 'path' } }),
  contractorId: z
    .string()
    .min(1)
    .max(64)
    .openapi({ param: { name: 'contractorId', in: 'path' } }),
});

export type CreateSubjectRequestInput = z.infer<typeof CreateSubjectRequestSchema>;
export type PatchSubjectRequestInput = z.infer<typeof PatchSubjectRequestSchema>;
export type PatchTaskInput = z.infer<typeof PatchTaskSchema>;
export type CloseSubjectRequestInput = z.infer<typeof CloseSubjectRequestSchema>;
export type TaskOutcome = (typeof taskOutcomes)[number];
