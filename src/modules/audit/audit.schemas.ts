import { z } from '@hono/zod-openapi';
import { LimitCursorQuery, page } from '../../platform/openapi';

export const AuditEventSchema = z
  .object({
    seq: z.number().int().openapi({ description: 'Position in the chain, from 1, without gaps' }),
    at: z.string().openapi({ description: 'RFC 3339 UTC' }),
    actor: z.string().openapi({ description: 'User id, or "system" for jobs and bootstrap' }),
    action: z.string().openapi({ example: 'user.create' }),
    entityType: z.string(),
    entityId: z.string(),
    before: z.unknown().nullable().openapi({ description: 'State before the change (null on create)' }),
    after: z.unknown().nullable().openapi({ description: 'State after the change' }),
    requestId: z.string().nullable(),
    prevHash: z.string(),
    hash: z.string().openapi({ description: 'SHA-256 over this row and prevHash' }),
  })
  .openapi('AuditEvent');

export const AuditEventPage = page(AuditEventSchema, 'AuditEventPage');

export const AuditQuery = z.object({
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actor: z.string().max(64).optional().openapi({ description: 'User id (or "system")' }),
  ...LimitCursorQuery,
});

export const VerifyResultSchema = z
  .object({
    ok: z.boolean(),
    count: z.number().int().openapi({ description: 'Events in the log' }),
    firstBrokenSeq: z.number().int().nullable().openapi({
      description: 'First event whose position, link or hash does not verify',
    }),
    headHash: z.string().openapi({
      description:
        'Hash of the last verified event. Compare with a copy kept elsewhere (e-mail digests carry it) to detect a rewrite of the whole log.',
    }),
  })
  .openapi('AuditVerification');
