import { z } from '@hono/zod-openapi';
import { DateSchema, LimitCursorQuery, page } from '../../platform/openapi';

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
    sealed: z
      .boolean()
      .openapi({ description: 'Chained into the keyed seal yet (normally within milliseconds of the write)' }),
    prevHash: z.string().nullable().openapi({ description: 'Seal of the previous event; null until sealed' }),
    hash: z.string().nullable().openapi({
      description: 'Seal: HMAC-SHA-256 under the audit key over this event and prevHash; null until sealed',
    }),
  })
  .openapi('AuditEvent');

export const AuditEventPage = page(AuditEventSchema, 'AuditEventPage');

const auditFilters = {
  entityType: z.string().max(64).optional(),
  entityId: z.string().max(64).optional(),
  actor: z.string().max(64).optional().openapi({ description: 'User id (or "system")' }),
  action: z.string().max(64).optional().openapi({ example: 'contractor.update' }),
  from: DateSchema.optional().openapi({ description: 'Events on or after this date (ITAKU_TIMEZONE)' }),
  to: DateSchema.optional().openapi({ description: 'Events on or before this date (ITAKU_TIMEZONE)' }),
};

const periodInOrder = (payload: { value: { from?: string; to?: string }; issues: unknown[] }) => {
  const { from, to } = payload.value;
  if (from && to && to < from) {
    payload.issues.push({
      code: 'custom',
      message: 'must not be before from',
      input: to,
      path: ['to'],
      params: { code: 'notBefore', field: 'from' },
    });
  }
};

/** The filters of the trail, shared by the API and the page (which sizes its pages itself). */
export const AuditFilterQuery = z.object(auditFilters).check(periodInOrder);
export const AuditQuery = z.object({ ...auditFilters, ...LimitCursorQuery }).check(periodInOrder);

const CHECKPOINT_RE = /^\d{1,15}:[0-9a-fA-F]{64}$/;

export const VerifyQuery = z.object({
  checkpoint: z
    .string()
    .refine((v) => CHECKPOINT_RE.test(v), {
      message: 'must be <seq>:<hash> as a checkpoint prints it, e.g. 42:3f…(64 hex digits)',
      params: { code: 'checkpoint' },
    })
    .optional()
    .openapi({ description: 'A checkpoint kept elsewhere (`seq:hash`): ok only if the chain still holds it' }),
});

export const VerifyResultSchema = z
  .object({
    ok: z.boolean(),
    count: z.number().int().openapi({ description: 'Events in the log' }),
    sealed: z.number().int().openapi({ description: 'Events chained into the keyed seal' }),
    unsealed: z.number().int().openapi({ description: 'Committed events waiting to be sealed (normally 0)' }),
    firstBrokenSeq: z.number().int().nullable().openapi({
      description: 'First position whose event, link or seal does not verify',
    }),
    headSeq: z.number().int().openapi({ description: 'Position of the last verified seal' }),
    headHash: z.string().openapi({
      description:
        'The last verified seal. Compare with a checkpoint kept elsewhere (webhooks and e-mail digests carry them) to detect removed or rewritten rows.',
    }),
    checkpoint: z
      .object({ seq: z.number().int(), hash: z.string(), ok: z.boolean() })
      .optional()
      .openapi({ description: 'The checkpoint asked about, and whether the chain still holds it' }),
  })
  .openapi('AuditVerification');

export const CheckpointSchema = z
  .object({
    seq: z.number().int(),
    hash: z.string(),
    at: z.string().openapi({ description: 'RFC 3339 UTC' }),
    trigger: z.string().openapi({ example: 'sweep' }),
    checkpoint: z.string().openapi({ description: '`seq:hash`, for verify?checkpoint= and the CLI' }),
  })
  .openapi('AuditCheckpoint');

export const CheckpointPage = page(CheckpointSchema, 'AuditCheckpointPage');
export const CheckpointQuery = z.object({ ...LimitCursorQuery });
