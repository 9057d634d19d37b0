import { z } from '@hono/zod-openapi';
import { contractorStatuses, crossBorderBases, dataCategories, riskTierValues } from '../../../db/schema';
import { riskFactorNames } from '../../domain/risk';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText, singleLineText } from '../../platform/text';

export const DataCategorySchema = z.enum(dataCategories).openapi('DataCategory');

/** An empty list of data categories, refused with its own message (a contractor handles something). */
export const categoryRequired = {
  message: 'must name at least one data category',
  params: { code: 'categoryRequired' },
};
export const RiskTierSchema = z.enum(riskTierValues).openapi('RiskTier');
export const ContractorStatusSchema = z.enum(contractorStatuses).openapi('ContractorStatus');
export const SupervisionStatusSchema = z
  .enum(['on_track', 'due_soon', 'overdue', 'none_scheduled', 'selection_pending'])
  .openapi('SupervisionStatus', {
    description:
      'overdue: a review is past due · due_soon: one is due within 14 days · on_track: one is scheduled · none_scheduled: nothing is · selection_pending: not yet selected (status proposed), with no review overdue or due soon; such a contractor is never on_track or none_scheduled',
  });

/** What the person was told before consenting to the provision abroad (APPI Art. 28(2); Rules Art. 17(2)). */
export const CrossBorderConsentSchema = z
  .strictObject({
    informedOn: DateSchema.openapi({ description: 'When the information was given' }),
    countryName: singleLineText({ min: 1, max: 200 }).openapi({ description: 'The foreign country’s name (1号)' }),
    systemInfo: multiLineText({ min: 1, max: 4000 }).openapi({
      description: 'Its system for protecting personal information (2号)',
    }),
    measuresInfo: multiLineText({ min: 1, max: 4000 }).openapi({
      description: 'The measures the recipient takes to protect personal information (3号)',
    }),
  })
  .openapi('CrossBorderConsent', { description: 'Required when crossBorderBasis is consent' });

/** 通則編 10-7 (外的環境の把握): what was learnt of one foreign country's system. */
export const CountryNoteSchema = z
  .strictObject({
    country: z.string().max(8).openapi({ description: 'ISO 3166-1 alpha-2: the country or a processing country' }),
    notes: multiLineText({ min: 1, max: 4000 }),
    checkedOn: DateSchema.nullable().default(null),
  })
  .openapi('CountryNote');

/** The parent's approval of this re-consignment (通則編 3-4-4: 相手方, 業務内容, 取扱方法). */
export const ReconsignmentApprovalSchema = z
  .strictObject({
    approvedOn: DateSchema,
    approvedBy: singleLineText({ min: 1, max: 200 }).openapi({ description: 'Who approved it' }),
    work: multiLineText({ min: 1, max: 2000 }).openapi({ description: 'The work re-consigned' }),
    handling: multiLineText({ min: 1, max: 2000 }).openapi({ description: 'How the sub-contractor handles the data' }),
  })
  .openapi('ReconsignmentApproval', {
    description: 'Required under a parent whose agreement in force says prior_approval',
  });

/** The original consignor's permission to re-consign My Number data (番号法10条1項). */
export const MyNumberPermissionSchema = z
  .strictObject({
    permittedOn: DateSchema,
    permittedBy: singleLineText({ min: 1, max: 200 }).openapi({ description: 'Who gave the permission' }),
  })
  .openapi('MyNumberPermission', { description: 'Required for a sub-contractor handling my_number' });

const fields = {
  name: singleLineText({ min: 1, max: 200 }).openapi({ example: '株式会社サンプル物流' }),
  nameKana: singleLineText({ max: 200 }).nullable().openapi({ example: 'カブシキガイシャサンプルブツリュウ' }),
  corporateNumber: z
    .string()
    .max(32)
    .nullable()
    .openapi({ description: '法人番号: 13 digits with a valid check digit', example: '7010705000725' }),
  country: z.string().max(8).openapi({ description: 'ISO 3166-1 alpha-2', example: 'JP' }),
  contactName: singleLineText({ max: 100 }).nullable(),
  contactEmail: z.email('must be an e-mail address').max(254).nullable(),
  services: multiLineText({ max: 2000 }).nullable().openapi({ description: 'What the contractor does for us' }),
  dataCategories: z
    .array(DataCategorySchema)
    .max(6)
    .refine((v) => v.length > 0, categoryRequired),
  handlesSpecialCare: z.boolean().openapi({ description: '要配慮個人情報' }),
  handlesPaymentData: z.boolean(),
  subjectCount: z.number().int('must be a whole number').min(0).max(10_000_000_000),
  systemAccess: z.boolean().openapi({ description: 'Has access to our systems' }),
  parentId: z
    .string()
    .min(1, 'must not be empty')
    .max(64)
    .nullable()
    .openapi({ description: 'Set for a sub-contractor (再委託先); null for none' }),
  crossBorderBasis: z.enum(crossBorderBases).nullable().openapi({
    description: 'APPI Art. 28 basis; required for contractors outside Japan, the EEA and the UK',
  }),
  riskTierOverride: RiskTierSchema.nullable(),
  riskOverrideReason: multiLineText({ max: 1000 }).nullable(),
  processingCountries: z
    .array(z.string().max(8).openapi({ description: 'ISO 3166-1 alpha-2' }))
    .max(30)
    .openapi({
      description:
        'Where the data is stored or processed (cloud regions, foreign sub-processors); each one outside Japan, the EEA and the UK needs the APPI Art. 28 basis, as the country does',
      example: ['US', 'SG'],
    }),
  crossBorderConsent: CrossBorderConsentSchema.nullable(),
  countryNotes: z.array(CountryNoteSchema).max(30),
  reconsignmentApproval: ReconsignmentApprovalSchema.nullable(),
  myNumberPermission: MyNumberPermissionSchema.nullable(),
};

export const CreateContractorSchema = z
  .strictObject({
    name: fields.name,
    nameKana: fields.nameKana.optional(),
    corporateNumber: fields.corporateNumber.optional(),
    country: fields.country.default('JP'),
    contactName: fields.contactName.optional(),
    contactEmail: fields.contactEmail.optional(),
    services: fields.services.optional(),
    dataCategories: fields.dataCategories,
    handlesSpecialCare: fields.handlesSpecialCare.default(false),
    handlesPaymentData: fields.handlesPaymentData.default(false),
    subjectCount: fields.subjectCount.default(0),
    systemAccess: fields.systemAccess.default(false),
    parentId: fields.parentId.optional(),
    crossBorderBasis: fields.crossBorderBasis.optional(),
    riskTierOverride: fields.riskTierOverride.optional(),
    riskOverrideReason: fields.riskOverrideReason.optional(),
    processingCountries: fields.processingCountries.default([]),
    crossBorderConsent: fields.crossBorderConsent.optional(),
    countryNotes: fields.countryNotes.default([]),
    reconsignmentApproval: fields.reconsignmentApproval.optional(),
    myNumberPermission: fields.myNumberPermission.optional(),
  })
  .openapi('CreateContractor');

export const PatchContractorSchema = z
  .strictObject({
    name: fields.name.optional(),
    nameKana: fields.nameKana.optional(),
    corporateNumber: fields.corporateNumber.optional(),
    country: fields.country.optional(),
    contactName: fields.contactName.optional(),
    contactEmail: fields.contactEmail.optional(),
    services: fields.services.optional(),
    dataCategories: fields.dataCategories.optional(),
    handlesSpecialCare: fields.handlesSpecialCare.optional(),
    handlesPaymentData: fields.handlesPaymentData.optional(),
    subjectCount: fields.subjectCount.optional(),
    systemAccess: fields.systemAccess.optional(),
    parentId: fields.parentId.optional(),
    crossBorderBasis: fields.crossBorderBasis.optional(),
    riskTierOverride: fields.riskTierOverride.optional(),
    riskOverrideReason: fields.riskOverrideReason.optional(),
    processingCountries: fields.processingCountries.optional(),
    crossBorderConsent: fields.crossBorderConsent.optional(),
    countryNotes: fields.countryNotes.optional(),
    reconsignmentApproval: fields.reconsignmentApproval.optional(),
    myNumberPermission: fields.myNumberPermission.optional(),
  })
  .openapi('PatchContractor', { description: 'Only the fields sent change; send null to clear a field.' });

/**
 * The body of POST /contractors/{id}/transition. The reason is kept in the audit trail
 * (APPI Art. 25: the record of supervision), so it follows the notes' text rules.
 */
export const ContractorTransitionSchema = z
  .strictObject({
    to: z.enum(['approved', 'active', 'suspended', 'terminated']),
    reason: multiLineText({ max: 1000 }).nullish(),
    cascade: z.boolean().optional().openapi({
      description:
        'With to terminated: terminate every sub-contractor below in the same unit (each needs the return or deletion of the data recorded on its agreements). Without it, termination is refused while a sub-contractor is not terminated (409 sub-contractors-active).',
    }),
  })
  .openapi('ContractorTransition');

export type CreateContractorInput = z.infer<typeof CreateContractorSchema>;
export type PatchContractorInput = z.infer<typeof PatchContractorSchema>;

export const ContractorSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    nameKana: z.string().nullable(),
    corporateNumber: z.string().nullable(),
    country: z.string(),
    contactName: z.string().nullable(),
    contactEmail: z.string().nullable(),
    services: z.string().nullable(),
    dataCategories: z.array(DataCategorySchema),
    handlesSpecialCare: z.boolean(),
    handlesPaymentData: z.boolean(),
    subjectCount: z.number().int(),
    systemAccess: z.boolean(),
    parentId: z.string().nullable(),
    crossBorderBasis: z.enum(crossBorderBases).nullable(),
    processingCountries: z.array(z.string()),
    crossBorderConsent: CrossBorderConsentSchema.nullable(),
    countryNotes: z.array(CountryNoteSchema),
    reconsignmentApproval: ReconsignmentApprovalSchema.nullable(),
    myNumberPermission: MyNumberPermissionSchema.nullable(),
    status: ContractorStatusSchema,
    riskTier: RiskTierSchema.openapi({ description: 'The override when set, else the computed tier' }),
    computedRiskTier: RiskTierSchema,
    riskFactors: z.array(z.enum(riskFactorNames)).openapi({ description: 'The factors that scored' }),
    riskPoints: z.number().int(),
    riskTierOverride: RiskTierSchema.nullable(),
    riskOverrideReason: z.string().nullable(),
    reviewIntervalMonths: z.number().int(),
    supervisionStatus: SupervisionStatusSchema,
    nextReviewDue: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Contractor');

export const ContractorPage = page(ContractorSchema, 'ContractorPage');

const listFilters = {
  status: ContractorStatusSchema.optional(),
  riskTier: RiskTierSchema.optional(),
  q: z
    .string()
    .trim()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: 'Name search over name and kana; width and kana form do not matter' }),
  parentId: z.string().max(64).optional().openapi({ description: 'Direct sub-contractors of this contractor' }),
};

/** The filters of GET /contractors (and of the supervision export). */
export const ContractorListQuery = z.object({
  ...listFilters,
  supervisionStatus: SupervisionStatusSchema.optional(),
  ...LimitCursorQuery,
});

const ChainMember = z
  .object({
    id: z.string(),
    name: z.string(),
    status: ContractorStatusSchema,
    riskTier: RiskTierSchema,
    parentId: z.string().nullable(),
    depth: z.number().int().openapi({ description: 'Levels below the contractor asked about (ancestors negative)' }),
  })
  .openapi('ChainMember');

export const ChainSchema = z
  .object({
    contractor: ChainMember,
    ancestors: z.array(ChainMember).openapi({ description: 'From the top of the chain down to the direct parent' }),
    descendants: z.array(ChainMember).openapi({ description: 'Every sub-contractor below, depth first' }),
  })
  .openapi('ContractorChain');
