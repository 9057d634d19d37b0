import { z } from '@hono/zod-openapi';
import { alertKinds, alertSeverities, alertStatuses } from '../../../db/schema';
import { LimitCursorQuery, page } from '../../platform/openapi';
import { multiLineText } from '../../platform/text';

export const AlertKindSchema = z.enum(alertKinds).openapi('AlertKind');
export const AlertSeveritySchema = z.enum(alertSeverities).openapi('AlertSeverity');
export const AlertStatusSchema = z.enum(alertStatuses).openapi('AlertStatus');

/**
 * The orders an inbox is read in: newest first (`raised`), earliest date first with
 * undated alerts last (`due`), most severe first then newest (`severity`).
 */
export const ALERT_SORTS = ['raised', 'due', 'severity'] as const;
export type AlertSort = (typeof ALERT_SORTS)[number];

export const AlertSchema = z
  .object({
    id: z.string(),
    kind: AlertKindSchema,
    severity: AlertSeveritySchema,
    contractorId: z.string(),
    subjectType: z
      .string()
      .openapi({ description: 'review, contractor, agreement, finding, incident, document or questionnaire' }),
    subjectId: z.string(),
    dueDate: z.string().nullable().openapi({ description: 'The date the condition is about' }),
    message: z.string(),
    status: AlertStatusSchema,
    raisedAt: z.string(),
    acknowledgedAt: z.string().nullable(),
    acknowledgedBy: z.string().nullable(),
    resolvedAt: z.string().nullable(),
    resolvedBy: z.string().nullable().openapi({ description: 'User id, or "system" when the condition cleared' }),
    resolutionNote: z.string().nullable(),
    escalatedAt: z.string().nullable().openapi({ description: 'Set when open for 14 days; severity was raised' }),
    version: z.number().int(),
  })
  .openapi('Alert');

export const AlertPage = page(AlertSchema, 'AlertPage');

export const AlertListQuery = z.object({
  status: AlertStatusSchema.optional(),
  kind: AlertKindSchema.optional(),
  contractorId: z.string().max(64).optional(),
  severity: AlertSeveritySchema.optional(),
  sort: z.enum(ALERT_SORTS).default('raised').openapi({
    description:
      'raised: newest first · due: earliest date first, undated last · severity: most severe first, then newest. A cursor belongs to its sort.',
  }),
  ...LimitCursorQuery,
});

export const ResolveAlertSchema = z
  .strictObject({ note: multiLineText({ max: 2000 }).nullish() })
  .openapi('ResolveAlert');
