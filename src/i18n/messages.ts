import type { Lang } from './language';

/**
 * What a refused field says, by code: the API sends the code, its parameters and the
 * English text; pages show the text in the reader's language next to the field. Adding a
 * code here is the only way to give a field a new message, and the type makes both
 * languages required.
 */
import { type Entry, entry, type Params, type Text } from './message-entry';
import { contractorMessages } from './messages/contractors';
import { holidayMessages } from './messages/holidays';
import { importMessages } from './messages/imports';
import { incidentMessages } from './messages/incidents';
import { provisionRecordMessages } from './messages/provision-records';
import { questionnaireMessages } from './messages/questionnaires';
import { reviewMessages } from './messages/reviews';
import { subjectRequestMessages } from './messages/subject-requests';
import { webhookMessages } from './messages/webhooks';

const coreMessages = {
  // Shapes zod checks.
  required: entry(
    () => 'is required',
    () => '指定してください',
  ),
  empty: entry(
    () => 'must not be empty',
    () => '入力してください',
  ),
  tooShort: entry<{ min: number }>(
    (p) => `must be at least ${p.min} characters`,
    (p) => `${p.min}文字以上で入力してください`,
  ),
  tooLong: entry<{ max: number }>(
    (p) => `must be at most ${p.max} characters`,
    (p) => `${p.max}文字以内で入力してください`,
  ),
  chooseOne: entry(
    () => 'must have at least one item',
    () => '1つ以上選んでください',
  ),
  tooFewItems: entry<{ min: number }>(
    (p) => `must have at least ${p.min} items`,
    (p) => `${p.min}件以上指定してください`,
  ),
  tooManyItems: entry<{ max: number }>(
    (p) => `must have at most ${p.max} items`,
    (p) => `${p.max}件以内で指定してください`,
  ),
  tooSmall: entry<{ min: number }>(
    (p) => `must be at least ${p.min}`,
    (p) => `${p.min}以上の数を入力してください`,
  ),
  tooLarge: entry<{ max: number }>(
    (p) => `must be at most ${p.max}`,
    (p) => `${p.max}以下の数を入力してください`,
  ),
  wholeNumber: entry(
    () => 'must be a whole number',
    () => '整数で入力してください',
  ),
  notNumber: entry(
    () => 'must be a number',
    () => '数値を入力してください',
  ),
  wrongType: entry<{ expected: string }>(
    (p) => `must be of type ${p.expected}`,
    (p) => `形式が正しくありません（${p.expected}）`,
  ),
  invalidOption: entry(
    () => 'must be one of the listed values',
    () => '選択肢から選んでください',
  ),
  email: entry(
    () => 'must be an e-mail address',
    () => 'メールアドレスの形式で入力してください',
  ),
  format: entry(
    () => 'is not in the expected format',
    () => '形式が正しくありません',
  ),
  unknownField: entry(
    () => 'is not a known field',
    () => '不明な項目です',
  ),
  invalid: entry(
    () => 'is not valid',
    () => '入力内容を確認してください',
  ),

  // Text that could break a format it is later written into (platform/text.ts).
  oneLine: entry(
    () => 'must be on one line and contain no control characters',
    () => '改行や制御文字を含めず1行で入力してください',
  ),
  multiLine: entry(
    () => 'may contain line breaks and tabs but no other control characters',
    () => '改行とタブ以外の制御文字は使えません',
  ),
  bidi: entry(
    () => 'must not contain bidirectional override or isolate characters (U+202A–U+202E, U+2066–U+2069)',
    () => '文字の表示順を変える制御文字（U+202A〜U+202E、U+2066〜U+2069）は使えません',
  ),
  surrogate: entry(
    () => 'must be valid Unicode text (it contains half of a surrogate pair)',
    () => '文字化けした文字（サロゲートペアの片方）が含まれています',
  ),
  invisible: entry(
    () => 'must contain visible characters, not only spaces or zero-width characters',
    () => '空白以外の文字を入力してください',
  ),

  // Dates.
  civilDate: entry(
    () => 'must be a calendar date YYYY-MM-DD',
    () => '日付を入力してください（例: 2026-12-01）',
  ),
  dateRange: entry(
    () => 'must be between 1900-01-01 and 2999-12-31',
    () => '1900年から2999年までの日付を入力してください',
  ),
  notInFuture: entry(
    () => 'must not be in the future',
    () => '未来の日付にはできません',
  ),
  notBefore: entry<{ field: string }>(
    (p) => `must not be before ${p.field}`,
    (p) => `${fieldNameJa(p.field)}より前の日付にはできません`,
  ),

  // Contractors and chains.
  corporateNumberDigits: entry(
    () => 'must be 13 digits',
    () => '法人番号は13桁の数字です',
  ),
  corporateNumberCheck: entry(
    () => 'check digit does not match: not a valid corporate number',
    () => 'チェックデジットが一致しません。法人番号を確認してください',
  ),
  countryCode: entry(
    () => 'must be an ISO 3166-1 alpha-2 country code such as JP or US',
    () => '国コード（ISO 3166-1、例: JP、US）を入力してください',
  ),
  crossBorderBasisRequired: entry<{ country: string }>(
    (p) =>
      `is required for a contractor in ${p.country} (outside Japan, the EEA and the UK): consent or equivalent_measures (APPI Art. 28)`,
    (p) =>
      `${p.country} の委託先には、外国にある第三者への提供の根拠（本人の同意または相当措置）が必要です（個人情報保護法28条）`,
  ),
  riskOverrideReasonRequired: entry(
    () => 'is required when riskTierOverride is set',
    () => 'リスク区分を手動で設定する場合は理由を入力してください',
  ),
  alreadyRegistered: entry(
    () => 'already registered',
    () => 'すでに登録されています',
  ),
  noSuchContractor: entry<{ id: string }>(
    (p) => `contractor ${JSON.stringify(p.id)} does not exist`,
    () => 'この委託先は存在しません',
  ),
  notHandledByParent: entry<{ categories: string }>(
    (p) => `not handled by the parent: ${p.categories}`,
    (p) => `再委託元が取り扱っていない区分です: ${p.categories}`,
  ),
  stillHandledBySub: entry<{ name: string; categories: string }>(
    (p) => `still handled by sub-contractor ${p.name}: ${p.categories}`,
    (p) => `再委託先「${p.name}」がまだ取り扱っている区分です: ${p.categories}`,
  ),
  chainCycle: entry(
    () => 'would create a cycle in the re-consignment chain',
    () => '再委託の連鎖が循環します',
  ),
  parentMayNotReconsign: entry(
    () => 'the parent may not re-consign',
    () => '再委託元の契約で再委託が禁止されています',
  ),
  chainTooDeep: entry(
    () => 'would make the chain too deep',
    () => '再委託の階層が深すぎます',
  ),
  emailTaken: entry(
    () => 'is already used by another user',
    () => 'このメールアドレスはほかの利用者が使っています',
  ),

  // People: passwords and the last admin.
  passwordTooShort: entry<{ min: number }>(
    (p) => `must be at least ${p.min} characters`,
    (p) => `パスワードは${p.min}文字以上にしてください`,
  ),
  passwordTooLong: entry<{ max: number }>(
    (p) => `must be at most ${p.max} characters`,
    (p) => `パスワードは${p.max}文字以内にしてください`,
  ),
  passwordCommon: entry(
    () => 'is one of the most commonly used passwords; choose another',
    () => 'よく使われているパスワードのため使えません。別のパスワードにしてください',
  ),
  passwordLikeName: entry(
    () => 'must not be the e-mail address or the name of the user',
    () => 'メールアドレスや氏名と同じパスワードは使えません',
  ),
  currentPasswordWrong: entry(
    () => 'does not match the current password',
    () => '現在のパスワードが正しくありません',
  ),
  lastAdmin: entry(
    () => 'cannot change: this is the last active admin who can sign in',
    () => 'サインインできる有効な管理者がほかにいないため、変更できません',
  ),

  // Agreements, reviews, findings.
  requiredWhenAutoRenew: entry(
    () => 'is required when autoRenew is true',
    () => '自動更新の場合は入力してください',
  ),
  categoryRequired: entry(
    () => 'must name at least one data category',
    () => '取り扱う個人情報の区分を1つ以上選んでください',
  ),
  notAgreementOfContractor: entry(
    () => 'is not an agreement of this contractor',
    () => 'この委託先の委託契約ではありません',
  ),
  notReviewOfContractor: entry(
    () => 'is not a review of this contractor',
    () => 'この委託先の評価・監査ではありません',
  ),

  // Lists and pages.
  cursor: entry(
    () => 'is not a cursor returned by this list',
    () => '一覧のページ送りで渡された値ではありません',
  ),
  lang: entry(
    () => 'must be ja or en',
    () => 'ja または en を指定してください',
  ),
} satisfies Record<string, Entry<never>>;

/** One catalogue; each area keeps its own codes in src/i18n/messages/. */
export const fieldMessages = {
  ...coreMessages,
  ...questionnaireMessages,
  ...reviewMessages,
  ...holidayMessages,
  ...provisionRecordMessages,
  ...subjectRequestMessages,
  ...incidentMessages,
  ...contractorMessages,
  ...importMessages,
  ...webhookMessages,
};

export type MessageCode = keyof typeof fieldMessages;
export type MessageParams<C extends MessageCode> = Parameters<(typeof fieldMessages)[C]['en']>[0];

export const isMessageCode = (code: unknown): code is MessageCode =>
  typeof code === 'string' && Object.hasOwn(fieldMessages, code);

/** The text of a code in a language; missing parameters read as empty. */
export function fieldMessage(code: MessageCode, params: Params | undefined, lang: Lang): string {
  const text = fieldMessages[code][lang] as Text<Params>;
  return text(params ?? {});
}

/** Field names that appear inside messages (`must not be before startDate`), in Japanese. */
const fieldNamesJa: Record<string, string> = {
  startDate: '開始日',
  discoveredOn: '発覚日',
  endDate: '終了日',
  from: '期間の開始日',
};
function fieldNameJa(field: string): string {
  return fieldNamesJa[field] ?? field;
}
