import type { Lang } from '../../i18n/language';
import { fieldMessage } from '../../i18n/messages';
import type { FieldError, ProblemError, ProblemSlug } from '../../platform/problem';

/** What each refused rule means, for the summary above a form or on an error page. */
const problemsJa: Record<ProblemSlug, string> = {
  validation: '入力内容を確認してください。',
  'malformed-json': '送信された内容を読み取れませんでした。',
  'unsupported-media-type': 'この形式の内容は受け付けていません。',
  unauthorized: 'サインインしてください。',
  forbidden: 'この操作を行う権限がありません。',
  'method-not-allowed': 'この操作はできません。',
  conflict: 'ほかの内容と矛盾するため、保存できませんでした。',
  'email-taken': 'このメールアドレスはすでに使われています。',
  'bad-request': '要求の内容が正しくありません。',
  'incident-closed': 'このインシデントは終了済みです。',
  'final-report-required': '終了の前に、個人情報保護委員会への確報を記録してください。',
  'import-invalid': 'ファイルに誤りがあるため、何も取り込んでいません。',
  internal: 'サーバーで問題が発生しました。時間をおいてやり直してください。',
  'too-many-attempts':
    'サインインの失敗が続いたため、一時的に受け付けを停止しています。しばらくしてからお試しください。',
  'reconsignment-prohibited': '再委託元の委託契約で再委託が禁止されています。',
  'reconsignment-scope': '再委託先は、再委託元が取り扱う区分の個人情報しか取り扱えません。',
  'reconsignment-cycle': '再委託の連鎖が循環します。',
  'chain-too-deep': '再委託の階層が深すぎます（5階層まで）。',
  'contractor-terminated': 'この委託先は終了しています。',
  'duplicate-contractor': 'この法人番号の委託先はすでに登録されています。',
  'selection-required':
    '承認には、選定評価（不合格の後はフォローアップでも可）の結果が「適切」または「軽微な指摘あり」であることが必要です。',
  'data-disposition-required': '終了の前に、すべての委託契約で個人情報の返却・削除を記録してください。',
  'invalid-transition': 'このステータスには変更できません。',
  'precondition-failed': 'ほかの人が先に変更しました。画面を読み込み直してからやり直してください。',
  'review-closed': 'この評価・監査は完了または中止済みです。',
  'alert-resolved': 'このアラートは解決済みです。',
  'not-found': '見つかりません。',
  'payload-too-large': '送信された内容が大きすぎます。',
  'selection-incomplete':
    '選定評価で、必須の安全管理措置の確認が済んでいないか、選定基準を満たしていない項目があります。',
  'questionnaire-exists': 'この評価・監査には、すでにチェックシートを送付しています。',
  'questionnaire-submitted': 'このチェックシートは提出済みのため、回答を変更できません。',
  'questionnaire-incomplete': '未回答の必須項目があります。',
  'questionnaire-status': '現在のチェックシートの状態では、この操作はできません。',
  'built-in-template': '標準のテンプレートは変更できません。コピーしてから編集してください。',
  'template-archived': 'このテンプレートはアーカイブ済みです。',
  gone: 'このリンクは有効期限が切れたか、取り消されました。',
  'reconsignment-approval-required':
    '再委託元の委託契約は事前承認を要します。再委託の承認（承認日・承認者・業務・取扱方法）を記録してください。',
  'my-number-permission-required': '特定個人情報の再委託には、最初の委託者の許諾の記録が必要です（番号法10条）。',
  'sub-contractors-active': '再委託先が終了していないか、個人データの返却・削除が記録されていません。',
  'subject-notice-required': '報告対象の事態です。終了の前に、本人への通知または代替措置を記録してください。',
  'subject-request-open-tasks': 'まだ回答していない委託先があります。',
  'subject-request-closed': 'この請求はすでに対応を終了しています。',
};

export const problemJa = (slug: ProblemSlug): string => problemsJa[slug];

/** A field's message in the reader's language: by its code, or as the API wrote it when it has none. */
export function fieldText(error: FieldError, lang: Lang): string {
  // The catalogue's wording in both languages: zod's own English ("Invalid option: expected
  // one of …") is for API clients, not for a person filling in a form.
  return error.code ? fieldMessage(error.code, error.params, lang) : error.message;
}

/** The sentence for a refused rule in the reader's language. */
export const problemText = (err: ProblemError, lang: Lang): string =>
  lang === 'ja' ? problemJa(err.slug) : err.detail;
