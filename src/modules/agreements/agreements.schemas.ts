import { z } from '@hono/zod-openapi';
import { dispositionMethods, reconsignmentTerms } from '../../../db/schema';
import { clauseNames } from '../../domain/agreement-terms';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText, singleLineText } from '../../platform/text';
import { categoryRequired, DataCategorySchema } from '../contractors/contractors.schemas';

const clauseFlags = Object.fromEntries(clauseNames.map((n) => [n, z.boolean()])) as Record<
  (typeof clauseNames)[number],
  z.ZodBoolean
>;

export const ClausesSchema = z.object(clauseFlags).openapi('AgreementClauses', {
  description:
    'The eight contract items of JIS Q 15001: responsibilities, security measures, re-consignment, reporting, compliance checks / audit rights, measures on breach, incident reporting, measures after termination',
});
const ClausesInput = z.strictObject(
  Object.fromEntries(clauseNames.map((n) => [n, z.boolean().optional()])) as Record<
    (typeof clauseNames)[number],
    z.ZodOptional<z.ZodBoolean>
  >,
);

export const DataDispositionSchema = z
  .strictObject({
    method: z.enum(dispositionMethods),
    confirmedOn: DateSchema,
    evidence: multiLineText({ max: 2000 }).min(1, 'must describe the evidence (certificate, report, …)'),
  })
  .openapi('DataDisposition', { description: 'Return or deletion of the data at the end of the consignment' });

const ReconsignmentSchema = z.enum(reconsignmentTerms).openapi('ReconsignmentTerms');

const fields = {
  title: singleLineText({ min: 1, max: 200 }),
  reference: singleLineText({ max: 100 }).nullable(),
  purpose: multiLineText({ min: 1, max: 2000 }),
  dataCategories: z
    .array(DataCategorySchema)
    .max(6)
    .refine((v) => v.length > 0, categoryRequired),
  startDate: DateSchema,
  endDate: DateSchema.nullable(),
  autoRenew: z.boolean(),
  renewalTermMonths: z.number().int('must be a whole number').min(1).max(120).nullable(),
  noticePeriodDays: z.number().int('must be a whole number').min(0).max(3650).nullable(),
  reconsignment: ReconsignmentSchema,
  terminatedOn: DateSchema.nullable(),
  dataDisposition: DataDispositionSchema.nullable(),
};

export const CreateAgreementSchema = z
  .strictObject({
    contractorId: z.string().min(1).max(64),
    title: fields.title,
    reference: fields.reference.optional(),
    purpose: fields.purpose,
    dataCategories: fields.dataCategories,
    startDate: fields.startDate,
    endDate: fields.endDate.optional(),
    autoRenew: fields.autoRenew.default(false),
    renewalTermMonths: fields.renewalTermMonths.optional(),
    noticePeriodDays: fields.noticePeriodDays.optional(),
    reconsignment: fields.reconsignment,
    clauses: ClausesInput.default({}).openapi({ description: 'Items not sent count as missing' }),
    terminatedOn: fields.terminatedOn.optional(),
    dataDisposition: fields.dataDisposition.optional(),
  })
  .openapi('CreateAgreement');

export const PatchAgreementSchema = z
  .strictObject({
    title: fields.title.optional(),
    reference: fields.reference.optional(),
    purpose: fields.purpose.optional(),
    dataCategories: fields.dataCategories.optional(),
    startDate: fields.startDate.optional(),
    endDate: fields.endDate.optional(),
    autoRenew: fields.autoRenew.optional(),
    renewalTermMonths: fields.renewalTermMonths.optional(),
    noticePeriodDays: fields.noticePeriodDays.optional(),
    reconsignment: fields.reconsignment.optional(),
    clauses: ClausesInput.optional().openapi({ description: 'Only the items sent change' }),
    terminatedOn: fields.terminatedOn.optional(),
    dataDisposition: fields.dataDisposition.optional(),
  })
  .openapi('PatchAgreement', { description: 'Only the fields sent change; send null to clear a field.' });

export type CreateAgreementInput = z.infer<typeof CreateAgreementSchema>;
export type PatchAgreementInput = z.infer<typeof PatchAgreementSchema>;

export const AgreementStatusSchema = z
  .enum(['pending', 'active', 'expired', 'terminated'])
  .openapi('AgreementStatus', { description: 'Derived from the dates in the organisation’s time zone' });

export const AgreementSchema = z
  .object({
    id: z.string(),
    contractorId: z.string(),
    title: z.string(),
    reference: z.string().nullable(),
    purpose: z.string(),
    dataCategories: z.array(DataCategorySchema),
    startDate: z.string(),
    endDate: z.string().nullable(),
    autoRenew: z.boolean(),
    renewalTermMonths: z.number().int().nullable(),
    noticePeriodDays: z.number().int().nullable(),
    noticeDeadline: z.string().nullable().openapi({ description: 'currentEndDate − noticePeriodDays' }),
    currentEndDate: z
      .string()
      .nullable()
      .openapi({ description: 'endDate rolled forward by whole renewal terms while autoRenew' }),
    reconsignment: ReconsignmentSchema,
    clauses: ClausesSchema,
    missingClauses: z.array(z.enum(clauseNames)),
    status: AgreementStatusSchema,
    terminatedOn: z.string().nullable(),
    dataDisposition: DataDispositionSchema.nullable(),
    warnings: z.array(z.enum(['selection-pending'])).openapi({
      description:
        '`selection-pending`: the contractor is not yet approved; hand over no personal data before its selection (APPI Art. 25; 通則編 3-4-4 (1))',
    }),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Agreement');

export const AgreementPage = page(AgreementSchema, 'AgreementPage');

export const AgreementListQuery = z.object({
  contractorId: z.string().max(64).optional(),
  status: AgreementStatusSchema.optional(),
  expiringWithinDays: z.coerce
    .number()
    .int()
    .min(0)
    .max(3650)
    .optional()
    .openapi({ description: 'Agreements that end (and do not renew) within this many days from today' }),
  ...LimitCursorQuery,
});
