import type { Label } from './labels';
import type { Lang } from './language';

/**
 * What each audit event means, in words: the audit trail and a contractor's history show
 * these instead of the stored action codes. An action missing here (one added later)
 * is shown as its code rather than hidden.
 */
export const eventLabels: Record<string, Label> = {
  'contractor.create': { ja: '委託先を登録', en: 'Contractor registered' },
  'contractor.import': { ja: 'CSVから委託先を登録', en: 'Contractor imported from CSV' },
  'contractor.update': { ja: '委託先の情報を変更', en: 'Contractor details changed' },
  'contractor.transition': { ja: '委託先のステータスを変更', en: 'Contractor status changed' },
  'agreement.create': { ja: '委託契約を登録', en: 'Agreement recorded' },
  'agreement.update': { ja: '委託契約を変更', en: 'Agreement changed' },
  'review.schedule': { ja: '評価・監査を予定', en: 'Review scheduled' },
  'review.update': { ja: '評価・監査を変更', en: 'Review changed' },
  'review.reschedule': { ja: '評価・監査の期限を変更', en: 'Review rescheduled' },
  'review.complete': { ja: '評価・監査を完了', en: 'Review completed' },
  'review.cancel': { ja: '評価・監査を中止', en: 'Review cancelled' },
  'finding.create': { ja: '指摘事項を記録', en: 'Finding recorded' },
  'finding.update': { ja: '指摘事項を更新', en: 'Finding updated' },
  'incident.create': { ja: 'インシデントを記録', en: 'Incident recorded' },
  'user.bootstrap': { ja: '最初の管理者を作成', en: 'First administrator created' },
  'user.create': { ja: '利用者を作成', en: 'User created' },
  'token.issue': { ja: 'トークンを発行', en: 'Token issued' },
  'token.rotate': { ja: 'トークンを再発行', en: 'Token rotated' },
  'token.revoke': { ja: 'トークンを失効', en: 'Token revoked' },
  'token.revoke_all': { ja: 'すべてのトークンを失効', en: 'All tokens revoked' },
  'webhook.create': { ja: 'Webhookを登録', en: 'Webhook created' },
  'webhook.delete': { ja: 'Webhookを削除', en: 'Webhook deleted' },
  'webhook.secret_encrypted': { ja: 'Webhookの署名鍵を暗号化', en: 'Webhook secret encrypted' },
  'sweep.run': { ja: '定期チェックを実行', en: 'Sweep run' },
  'audit.checkpoint': { ja: '監査ログのチェックポイントを記録', en: 'Audit checkpoint recorded' },
  'audit.key_registered': { ja: '監査ログの鍵を登録', en: 'Audit key registered' },
  'audit.triggers_restored': { ja: '監査ログの保護を復元', en: 'Audit protection restored' },
};

/** An audit action in words, in the reader's language; the code itself when unknown. */
export function eventLabel(action: string, lang: Lang): string {
  return eventLabels[action]?.[lang] ?? action;
}
