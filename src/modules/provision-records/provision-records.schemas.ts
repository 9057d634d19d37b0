import { z } from '@hono/zod-openapi';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText } from '../../platform/text';
import { DataCategorySchema } from '../contractors/contractors.schemas';

const Categories = z
  .array(DataCategorySchema)
  .min(1)
  .max(7)
  .refine((v) => new Set(v).size === v.length, { message: 'must not repeat a value', params: { code: 'invalid' } });

const fields = {
  providedFrom: DateSchema.openapi({ description: 'The day of the provision, or the first of a continuous one' }),
  providedUntil: DateSchema.nullish().openapi({
    description:
      'The last day of a continuous or repeated provision recorded once (Enforcement Rules Art. 19(2) proviso); absent for a single provision',
  }),
  country: z
    .string()
    .max(8)
    .openapi({ description: 'ISO 3166-1 alpha-2 of the country the data went to', example: 'US' }),
  dataCategories: Categories,
  subjects: multiLineText({ min: 1, max: 2000 }).openapi({
    description: 'Whose data: enough to identify the people (本人を特定するに足りる事項, Rules Art. 20(1)(i)(ハ))',
  }),
  items: multiLineText({ min: 1, max: 2000 }).openapi({
    description: 'The data items provided (Rules Art. 20(1)(i)(ニ))',
  }),
  consentNote: multiLineText({ max: 2000 }).nullish().openapi({
    description:
      'That the person consented, and how (本人の同意を得ている旨, Rules Art. 20(1)(ii)(イ)); required when the contractor’s basis is consent',
  }),
};

export const CreateProvisionRecordSchema = z
  .strictObject({ contractorId: z.string().min(1).max(64), ...fields })
  .openapi('CreateProvisionRecord');

export const PatchProvisionRecordSchema = z
  .strictObject({
    providedFrom: fields.providedFrom.optional(),
    providedUntil: fields.providedUntil,
    country: fields.country.optional(),
    dataCategories: Categories.optional(),
    subjects: fields.subjects.optional(),
    items: fields.items.optional(),
    consentNote: fields.consentNote,
  })
  .openapi('PatchProvisionRecord');

export const ProvisionRecordSchema = z
  .object({
    id: z.string(),
    contractorId: z.string(),
    contractorName: z.string(),
    providedFrom: z.string(),
    providedUntil: z.string().nullable(),
    country: z.string(),
    dataCategories: z.array(DataCategorySchema),
    subjects: z.string(),
    items: z.string(),
    consentNote: z.string().nullable(),
    recordMethod: z.enum(['per_provision', 'collective']).openapi({
      description: 'Per provision (Rules Art. 19(2)) or one record of a continuous provision (its proviso)',
    }),
    retainUntil: z.string().openapi({
      description:
        'Derived, never set: kept 3 years (Rules Art. 21(ii), (iii)) from the last provision, or from the day recorded when later',
    }),
    createdBy: z.string(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('ProvisionRecord');

export const ProvisionRecordPage = page(ProvisionRecordSchema, 'ProvisionRecordPage');

export const ProvisionFilterQuery = z.object({
  contractorId: z.string().max(64).optional(),
  country: z.string().max(8).optional(),
  dataCategory: DataCategorySchema.optional().openapi({ description: 'Records that include this data category' }),
  from: DateSchema.optional().openapi({ description: 'Provisions on or after this date (the period overlaps)' }),
  to: DateSchema.optional().openapi({ description: 'Provisions on or before this date (the period overlaps)' }),
  retainedOn: DateSchema.optional().openapi({ description: 'Records still to be kept on this date' }),
});

export const ProvisionListQuery = ProvisionFilterQuery.extend(LimitCursorQuery);

export type CreateProvisionRecordInput = z.infer<typeof CreateProvisionRecordSchema>;
export type PatchProvisionRecordInput = z.infer<typeof PatchProvisionRecordSchema>;
export type ProvisionFilter = z.infer<typeof ProvisionFilterQuery>;
