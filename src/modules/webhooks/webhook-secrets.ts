import type { WebhookRow } from '../../../db/schema';
import { type ServiceContext, SYSTEM_ACTOR } from '../../platform/app-env';
import { writeAudited } from '../../platform/audit/writer';
import { decryptSecret, encryptSecret, isEncryptedSecret } from '../../platform/keys';
import { replacePlainSecret, webhooksWithoutSealedSecret } from './webhooks.repo';

/**
 * Webhook signing secrets at rest: AES-256-GCM under the key derived from the audit
 * secret, which is never in the database, bound to the webhook's id. A copy of the
 * database file alone therefore cannot forge deliveries its receivers would trust.
 * The plain secret exists only in the request that registers it and while a delivery
 * is signed; it is never returned, logged or written into an audit event.
 */
type Keyed = Pick<ServiceContext, 'audit'>;

export const sealWebhookSecret = (deps: Keyed, webhookId: string, plain: string): Promise<string> =>
  encryptSecret(deps.audit.keys, plain, webhookId);

/** The secret a delivery is signed with; rows from before encryption hold it plain. */
export async function webhookSigningSecret(deps: Keyed, hook: Pick<WebhookRow, 'id' | 'secret'>): Promise<string> {
  return isEncryptedSecret(hook.secret) ? decryptSecret(deps.audit.keys, hook.secret, hook.id) : hook.secret;
}

/** D1 allows 100 statements per batch; a unit this size leaves room for its audit rows. */
const ROWS_PER_UNIT = 40;

/**
 * Encrypts the secrets still stored plain (written before secrets were encrypted),
 * deleted webhooks included: their secrets are as readable in the file. Run at start-up;
 * each update is conditional on the plain value, so two instances starting at once never
 * encrypt a secret twice. Returns how many it encrypted. Called by the entry points with
 * their dependencies; itaku itself acts.
 */
export async function encryptLegacyWebhookSecrets(
  deps: Pick<ServiceContext, 'db' | 'clock' | 'audit' | 'logger'>,
): Promise<number> {
  const legacy = await webhooksWithoutSealedSecret(deps.db);
  const plain = legacy.filter((row) => !isEncryptedSecret(row.secret));
  for (let i = 0; i < plain.length; i += ROWS_PER_UNIT) {
    const unit = plain.slice(i, i + ROWS_PER_UNIT);
    const sealed = await Promise.all(
      unit.map(async (row) => ({ row, secret: await sealWebhookSecret(deps, row.id, row.secret) })),
    );
    await writeAudited(
      { ...deps, actor: SYSTEM_ACTOR },
      sealed.map(({ row, secret }) => replacePlainSecret(deps.db, row.id, row.secret, secret)),
      unit.map((row) => ({
        action: 'webhook.secret_encrypted',
        entityType: 'webhook',
        entityId: row.id,
        after: { secretStorage: 'encrypted' },
      })),
    );
  }
  if (plain.length > 0) deps.logger.info('encrypted webhook secrets stored in clear', { count: plain.length });
  return plain.length;
}
