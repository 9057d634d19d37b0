import { z } from '@hono/zod-openapi';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText } from '../../platform/text';
import { boolQuery } from '../reviews/reviews.schemas';

const FactorsSchema = z
  .strictObject({
    specialCare: z.boolean().default(false).openapi({ description: '要配慮個人情報 was involved' }),
    financialHarm: z.boolean().default(false).openapi({ description: 'Possible financial harm (e.g. card data)' }),
    wrongfulAct: z.boolean().default(false).openapi({ description: 'May stem from a wrongful act (attack, theft)' }),
    overThousand: z.boolean().default(false).openapi({ description: 'More than 1,000 people affected' }),
  })
  .openapi('IncidentFactors');

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
    }),
  })
  .openapi('CreateIncident');

export const PatchIncidentSchema = z
  .strictObject({
    summary: multiLineText({ min: 1, max: 5000 }).optional(),
    discoveredOn: DateSchema.optional(),
    affectedCount: z.number().int().min(0).max(10_000_000_000).optional(),
    factors: z
      .strictObject({
        specialCare: z.boolean().optional(),
        financialHarm: z.boolean().optional(),
        wrongfulAct: z.boolean().optional(),
        overThousand: z.boolean().optional(),
      })
      .optional(),
    preliminaryReportedOn: DateSchema.nullable().optional().openapi({ description: '速報 sent to the PPC' }),
    finalReportedOn: DateSchema.nullable().optional().openapi({ description: '確報 sent to the PPC' }),
    subjectsNotifiedOn: DateSchema.nullable()
      .optional()
      .openapi({ description: 'Data subjects notified (Art. 26(2))' }),
  })
  .openapi('PatchIncident');

export const CloseIncidentSchema = z
  .strictObject({ summary: multiLineText({ max: 5000 }).min(1, 'must summarise the outcome') })
  .openapi('CloseIncident');

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
    }),
    reportable: z.boolean().openapi({ description: 'Must be reported to the PPC (Enforcement Rules Art. 7)' }),
    reportableReasons: z.array(z.enum(['special_care_data', 'financial_harm', 'wrongful_act', 'over_1000_people'])),
    preliminaryDueOn: z
      .string()
      .nullable()
      .openapi({ description: 'Day 5 (guidance for "promptly"); null when not reportable' }),
    finalDueOn: z.string().nullable().openapi({
      description:
        'Day 30 (60 with a wrongful act), moved past weekends, holidays and 29 Dec–3 Jan; null when not reportable',
    }),
    preliminaryReportedOn: z.string().nullable(),
    finalReportedOn: z.string().nullable(),
    subjectsNotifiedOn: z.string().nullable(),
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
