import { z } from '@hono/zod-openapi';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText, singleLineText } from '../../platform/text';
import { boolQuery } from '../reviews/reviews.schemas';

const factorFields = {
  specialCare: z.boolean().openapi({ description: '要配慮個人情報 was involved (Rules Art. 7(1))' }),
  financialHarm: z.boolean().openapi({ description: 'Possible financial harm, e.g. card data (Rules Art. 7(2))' }),
  wrongfulAct: z.boolean().openapi({ description: 'May stem from a wrongful act: attack, theft (Rules Art. 7(3))' }),
  overThousand: z.boolean().openapi({ description: 'More than 1,000 people affected (Rules Art. 7(4))' }),
  highlyEncrypted: z.boolean().openapi({
    description:
      'All the data concerned was protected by high-level encryption and the key was not lost (Rules Art. 7(1) parenthesis, which applies to every item of Art. 7; 通則編 3-5-3-1): then not reportable',
  }),
};

const FactorsSchema = z
  .strictObject({
    specialCare: factorFields.specialCare.default(false),
    financialHarm: factorFields.financialHarm.default(false),
    wrongfulAct: factorFields.wrongfulAct.default(false),
    overThousand: factorFields.overThousand.default(false),
    highlyEncrypted: factorFields.highlyEncrypted.default(false),
  })
  .openapi('IncidentFactors');

/** Who the report goes to: the PPC, or the minister it delegated its power to (APPI Art. 150(1)). */
export const AuthoritySchema = z
  .discriminatedUnion('kind', [
    z.strictObject({ kind: z.literal('ppc') }),
    z.strictObject({
      kind: z.literal('delegated_minister'),
      minister: singleLineText({ min: 1, max: 200 }).openapi({ example: '金融庁長官' }),
    }),
  ])
  .openapi('IncidentAuthority');

/** Art. 26(2) proviso, 通則編 3-5-4-5: when notices are impossible, one of these instead. */
export const AlternativeNoticeSchema = z
  .strictObject({
    kind: z.enum(['public_announcement', 'inquiry_desk']),
    on: DateSchema,
  })
  .openapi('IncidentAlternativeNotice');

/** The timeline and notice fields, the same on recording and on correcting. */
const lawFields = {
  encryptionNote: multiLineText({ max: 2000 }).nullable().optional().openapi({
    description: 'What was encrypted, how, and that the key was not lost; required with factors.highlyEncrypted',
  }),
  contractorAwareOn: DateSchema.nullable()
    .optional()
    .openapi({ description: 'The day the contractor learned of it (Rules Art. 9)' }),
  contractorNotifiedOn: DateSchema.nullable().optional().openapi({ description: 'The day the contractor told us' }),
  becameReportableOn: DateSchema.nullable().optional().openapi({
    description:
      'The day it became reportable when it was not at first (e.g. more than 1,000 people counted later): day 1 of the report deadlines (Rules Art. 8(2) 「当該事態を知った日」)',
  }),
  reportedJointly: z
    .boolean()
    .optional()
    .openapi({ description: 'Reported jointly with the contractor (連名, 通則編 3-5-3-2)' }),
  authority: AuthoritySchema.nullable().optional(),
  alternativeNotice: AlternativeNoticeSchema.nullable().optional(),
};

export const CreateIncidentSchema = z
  .strictObject({
    contractorId: z.string().min(1).max(64),
    summary: multiLineText({ min: 1, max: 5000 }),
    discoveredOn: DateSchema.openapi({ description: 'The day the company learned of it: day 1 of every deadline' }),
    affectedCount: z.number().int('must be a whole number').min(0).max(10_000_000_000),
    factors: FactorsSchema.default({
      specialCare: false,
      financialHarm: false,
      wrongfulAct: false,
      overThousand: false,
      highlyEncrypted: false,
    }),
    ...lawFields,
  })
  .openapi('CreateIncident');

export const PatchIncidentSchema = z
  .strictObject({
    summary: multiLineText({ min: 1, max: 5000 }).optional(),
    discoveredOn: DateSchema.optional(),
    affectedCount: z.number().int().min(0).max(10_000_000_000).optional(),
    factors: z
      .strictObject({
        specialCare: factorFields.specialCare.optional(),
        financialHarm: factorFields.financialHarm.optional(),
        wrongfulAct: factorFields.wrongfulAct.optional(),
        overThousand: factorFields.overThousand.optional(),
        highlyEncrypted: factorFields.highlyEncrypted.optional(),
      })
      .optional(),
    preliminaryReportedOn: DateSchema.nullable().optional().openapi({ description: '速報 sent to the PPC' }),
    finalReportedOn: DateSchema.nullable().optional().openapi({ description: '確報 sent to the PPC' }),
    subjectsNotifiedOn: DateSchema.nullable()
      .optional()
      .openapi({ description: 'Data subjects notified (Art. 26(2))' }),
    ...lawFields,
  })
  .openapi('PatchIncident');

export const CloseIncidentSchema = z
  .strictObject({ summary: multiLineText({ max: 5000 }).min(1, 'must summarise the outcome') })
  .openapi('CloseIncident');

const reasonEnum = z.enum(['special_care_data', 'financial_harm', 'wrongful_act', 'over_1000_people']);

export const IncidentSchema = z
  .object({
    id: z.string(),
    contractorId: z.string(),
    summary: z.string(),
    discoveredOn: z.string(),
    affectedCount: z.number().int(),
    factors: z.object({
      specialCare: z.boolean(),
      financialHarm: z.boolean(),
      wrongfulAct: z.boolean(),
      overThousand: z.boolean(),
      highlyEncrypted: z.boolean(),
    }),
    encryptionNote: z.string().nullable(),
    reportable: z.boolean().openapi({ description: 'Must be reported to the PPC (Enforcement Rules Art. 7)' }),
    reportableReasons: z.array(reasonEnum),
    excludedReasons: z.array(reasonEnum).openapi({
      description: 'Reasons that would apply but for high-level encryption (Rules Art. 7(1) parenthesis)',
    }),
    contractorAwareOn: z.string().nullable(),
    contractorNotifiedOn: z.string().nullable(),
    contractorNotice: z
      .object({ dueOn: z.string(), late: z.boolean() })
      .nullable()
      .openapi({ description: 'When the contractor should have told us (about 3–5 days, 通則編 3-5-3-3/3-5-3-5)' }),
    becameReportableOn: z.string().nullable(),
    reportDay1: z.string().openapi({ description: 'Day 1 of the report deadlines' }),
    reportedJointly: z.boolean(),
    authority: AuthoritySchema.openapi({ description: 'Where the reports go: the PPC unless a minister is recorded' }),
    preliminaryWindow: z
      .object({ from: z.string(), to: z.string() })
      .nullable()
      .openapi({ description: 'The 速報 window: day 3 to day 5 (通則編 3-5-3-3 「概ね3～5日以内」)' }),
    preliminaryDueOn: z
      .string()
      .nullable()
      .openapi({ description: 'Day 5 (guidance for "promptly"); null when not reportable' }),
    finalDueOn: z.string().nullable().openapi({
      description:
        'Day 30 (60 with a wrongful act), moved past weekends, holidays, 29 Dec–3 Jan and extra closed days; null when not reportable',
    }),
    preliminaryReportedOn: z.string().nullable(),
    finalReportedOn: z.string().nullable(),
    subjectsNotifiedOn: z.string().nullable(),
    alternativeNotice: AlternativeNoticeSchema.nullable(),
    nextDeadline: z
      .object({ report: z.enum(['preliminary', 'final']), dueOn: z.string(), overdue: z.boolean() })
      .nullable()
      .openapi({ description: 'The earliest report still to be made' }),
    status: z.enum(['open', 'closed']),
    closedOn: z.string().nullable(),
    closingSummary: z.string().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    version: z.number().int(),
  })
  .openapi('Incident');

export const IncidentPage = page(IncidentSchema, 'IncidentPage');

export const IncidentListQuery = z.object({
  contractorId: z.string().max(64).optional(),
  status: z.enum(['open', 'closed']).optional(),
  reportable: boolQuery,
  overdue: boolQuery.openapi({
    description: 'true: open, reportable, and a report to the PPC past its deadline without being made',
  }),
  ...LimitCursorQuery,
});

export type CreateIncidentInput = z.infer<typeof CreateIncidentSchema>;
export type PatchIncidentInput = z.infer<typeof PatchIncidentSchema>;
export type Authority = z.infer<typeof AuthoritySchema>;
