import { type Entry, entry } from '../message-entry';

/** Field messages of subject requests (開示等の請求; APPI Art. 33–35). */
export const subjectRequestMessages = {
  srReferencePersonal: entry(
    () => 'must be your own case number or a pseudonymous handle, not an e-mail address or telephone number',
    () => '自社の受付番号または仮名の管理番号を入力してください（メールアドレスや電話番号は入力しないでください）',
  ),
  srNotBeforeReceived: entry(
    () => 'must not be before the day the request was received',
    () => '請求の受付日より前の日付にはできません',
  ),
  srNotBeforeForwarded: entry(
    () => 'must not be before the day it was forwarded to the contractor',
    () => '委託先への依頼日より前の日付にはできません',
  ),
  srForwardFirst: entry(
    () => 'must be recorded before the contractor’s answer',
    () => '委託先の回答を記録する前に、依頼日を入力してください',
  ),
  srOutcomeWithAnswer: entry(
    () => 'must be chosen with the answer date',
    () => '回答日とあわせて委託先の対応結果を選んでください',
  ),
  srAnswerWithOutcome: entry(
    () => 'must be given with the contractor’s outcome',
    () => '対応結果とあわせて回答日を入力してください',
  ),
  srNoteRequired: entry(
    () => 'must say why the contractor did not carry it out',
    () => '委託先が対応しなかった理由を記載してください',
  ),
  srTasksUnderway: entry(
    () => 'can no longer change: the request has been forwarded to a contractor',
    () => '委託先へ依頼済みのため変更できません',
  ),
  srNotRefusal: entry(
    () => 'is recorded only when the request is refused in whole or in part',
    () => '不開示・不対応または一部対応の場合にのみ記録します',
  ),
} satisfies Record<string, Entry<never>>;
