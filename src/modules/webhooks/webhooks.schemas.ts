import { z } from '@hono/zod-openapi';
import { fieldMessage } from '../../i18n/messages';
import { LimitCursorQuery, page } from '../../platform/openapi';
import { singleLineText } from '../../platform/text';
import { AlertKindSchema } from '../alerts/alerts.schemas';
import { urlFormRule } from './webhook-target';

export const CreateWebhookSchema = z
  .strictObject({
    url: z
      .string()
      .trim()
      .max(2000)
      .check((payload) => {
        const rule = urlFormRule(payload.value);
        if (rule) {
          const message = fieldMessage(rule, undefined, 'en');
          payload.issues.push({ code: 'custom', message, input: payload.value, params: { code: rule } });
        }
      })
      .openapi({
        description:
          'A public http(s) receiver without credentials in it: loopback, private, link-local, unique-local, shared (CGNAT), reserved and cloud metadata addresses are refused, here and again before each delivery (unless ITAKU_WEBHOOK_ALLOW_PRIVATE=true)',
      }),
    secret: z
      .string()
      .max(256, 'must be at most 256 characters')
      .refine((v) => v.length >= 16, {
        message: 'must be at least 16 characters: it signs every delivery',
        params: { code: 'webhookSecretShort' },
      })
      .openapi({ description: 'Write-only: used for X-Itaku-Signature, never returned' }),
    events: z.array(AlertKindSchema).refine((v) => v.length > 0, {
      message: 'must subscribe to at least one alert kind',
      params: { code: 'subscribeOne' },
    }),
    description: singleLineText({ max: 200 }).nullish(),
  })
  .openapi('CreateWebhook');

export const WebhookSchema = z
  .object({
    id: z.string(),
    url: z.string(),
    events: z.array(AlertKindSchema),
    description: z.string().nullable(),
    active: z.boolean(),
    createdAt: z.string(),
    createdBy: z.string(),
  })
  .openapi('Webhook');

export const WebhookPage = page(WebhookSchema, 'WebhookPage');

export const DeliverySchema = z
  .object({
    id: z.string(),
    eventId: z.string().openapi({ description: 'Stable across retries: receivers de-duplicate on it' }),
    attempt: z.number().int(),
    attemptedAt: z.string(),
    ok: z.boolean(),
    statusCode: z.number().int().nullable(),
    error: z.string().nullable(),
    durationMs: z.number().int(),
    nextAttemptAt: z.string().nullable().openapi({ description: 'Null when delivered or given up' }),
  })
  .openapi('DeliveryAttempt');

export const DeliveryPage = page(DeliverySchema, 'DeliveryPage');
export const DeliveryQuery = z.object({ ...LimitCursorQuery });
export const WebhookListQuery = z.object({ ...LimitCursorQuery });
