import { type Entry, entry } from '../message-entry';

/** Field messages of webhooks and the audit trail. */
export const webhookMessages = {
  webhookUrl: entry(
    () => 'must be an http:// or https:// URL',
    () => 'http:// または https:// で始まるURLを入力してください',
  ),
  webhookCredentials: entry(
    () => 'must not contain a user name or password',
    () => 'URLにユーザー名やパスワードを含めないでください',
  ),
  subscribeOne: entry(
    () => 'must subscribe to at least one alert kind',
    () => '通知するアラートを1つ以上選んでください',
  ),
  webhookSecretShort: entry(
    () => 'must be at least 16 characters: it signs every delivery',
    () => '16文字以上で入力してください（すべての配信の署名に使います）',
  ),
  webhookHost: entry<{ what: string }>(
    (p) => `must not point at a non-public address (${p.what}): webhooks reach only public hosts`,
    (p) => `公開されていないアドレス（${p.what}）には送信できません`,
  ),
  checkpoint: entry(
    () => 'must be <seq>:<hash> as a checkpoint prints it, e.g. 42:3f…(64 hex digits)',
    () => 'チェックポイントの形式（<番号>:<64桁の16進数>）で入力してください',
  ),
} satisfies Record<string, Entry<never>>;
