import type { ProblemSlug } from '../platform/problem';

/**
 * Japanese for what the API says in English: field messages (matched by pattern, so
 * numbers and names carry over) and the rules the domain refuses (by problem type).
 * A message without a match is shown as it is rather than hidden.
 */
const fieldPatterns: [RegExp, string][] = [
  [/^must not be empty$/, '入力してください'],
  [/^must be at most (\d+) characters$/, '$1文字以内で入力してください'],
  [/^Too big: expected string to have <=(\d+) characters$/, '$1文字以内で入力してください'],
  [/^Too small: expected string to have >=(\d+) characters$/, '$1文字以上で入力してください'],
  [/^Invalid input: expected string, received undefined$/, '指定してください'],
  [/^must be ja or en$/, 'ja または en を指定してください'],
  [/^is not a cursor returned by this list$/, '一覧のページ送りで渡された値ではありません'],
  [/^must name at least one data category$/, '取り扱う個人情報の区分を1つ以上選んでください'],
  [/^must be an e-mail address$/, 'メールアドレスの形式で入力してください'],
  [/^must be a calendar date YYYY-MM-DD$/, '日付を入力してください（例: 2026-12-01）'],
  [/^must be between 1900-01-01 and 2999-12-31$/, '1900年から2999年までの日付を入力してください'],
  [/^must be 13 digits$/, '法人番号は13桁の数字です'],
  [/^check digit does not match/, 'チェックデジットが一致しません。法人番号を確認してください'],
  [/^must be an ISO 3166-1 alpha-2 country code/, '国コード（ISO 3166-1、例: JP、US）を入力してください'],
  [
    /^is required for a contractor in ([A-Z]{2})/,
    '$1 の委託先には、外国にある第三者への提供の根拠（本人の同意または相当措置）が必要です（個人情報保護法28条）',
  ],
  [/^is required when riskTierOverride is set$/, 'リスク区分を手動で設定する場合は理由を入力してください'],
  [/^is required when autoRenew is true$/, '自動更新の場合は入力してください'],
  [/^must not be before (\w+)$/, '開始日より前の日付にはできません'],
  [/^must not be in the future$/, '未来の日付にはできません'],
  [/^is not a known field$/, '不明な項目です'],
  [/whole number/, '整数で入力してください'],
  [/^Too small: expected number to be >=(\d+)/, '$1以上の数を入力してください'],
  [/^Too big: expected number to be <=(\d+)/, '$1以下の数を入力してください'],
  [/^Invalid input: expected number/, '数値を入力してください'],
  [/^Invalid option/, '選択肢から選んでください'],
  [/^no contractor has this name$/, 'この名称の委託先はありません'],
  [/^several contractors have this name/, '同じ名称の委託先が複数あります。IDを入力してください'],
  [/^not handled by the parent: (.*)$/, '再委託元が取り扱っていない区分です: $1'],
  [/^would create a cycle/, '再委託の連鎖が循環します'],
  [/^the parent may not re-consign$/, '再委託元の契約で再委託が禁止されています'],
  [/^would make the chain too deep$/, '再委託の階層が深すぎます'],
  [/^already registered as (.*)$/, '「$1」としてすでに登録されています'],
  [/^must describe the evidence/, '返却・削除を確認した証跡を入力してください'],
];

export function fieldMessageJa(message: string): string {
  for (const [pattern, ja] of fieldPatterns) if (pattern.test(message)) return message.replace(pattern, ja);
  return message;
}

const problemsJa: Partial<Record<ProblemSlug, string>> = {
  'reconsignment-prohibited': '再委託元の委託契約で再委託が禁止されています。',
  'reconsignment-scope': '再委託先は、再委託元が取り扱う区分の個人情報しか取り扱えません。',
  'reconsignment-cycle': '再委託の連鎖が循環します。',
  'chain-too-deep': '再委託の階層が深すぎます（5階層まで）。',
  'contractor-terminated': 'この委託先は終了しています。',
  'duplicate-contractor': 'この法人番号の委託先はすでに登録されています。',
  'selection-required': '承認には、結果が「適切」または「軽微な指摘あり」の選定評価の完了が必要です。',
  'data-disposition-required': '終了の前に、すべての委託契約で個人情報の返却・削除を記録してください。',
  'invalid-transition': 'このステータスには変更できません。',
  'precondition-failed': 'ほかの人が先に変更しました。画面を読み込み直してからやり直してください。',
  'review-closed': 'この評価・監査は完了または中止済みです。',
  'alert-resolved': 'このアラートは解決済みです。',
  'not-found': '見つかりません。',
  'payload-too-large': '送信された内容が大きすぎます（上限 1 MiB）。',
};

export const problemJa = (slug: ProblemSlug): string | undefined => problemsJa[slug];
