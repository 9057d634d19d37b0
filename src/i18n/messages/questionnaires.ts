import { type Entry, entry } from '../message-entry';

/** Field messages of questionnaires, their templates and the respondent's answers. */
export const questionnaireMessages = {
  noSuchTemplate: entry<{ id: string }>(
    (p) => `no questionnaire template ${p.id} exists`,
    (p) => `質問票のテンプレート「${p.id}」はありません`,
  ),
  templateArchived: entry(
    () => 'this template is archived; choose another',
    () => 'このテンプレートはアーカイブ済みです。別のテンプレートを選んでください',
  ),
  notInPast: entry(
    () => 'must not be in the past',
    () => '過去の日付にはできません',
  ),
  expiresBeforeDue: entry(
    () => 'must not be before the due date',
    () => '回答期限より前の日付にはできません',
  ),
  duplicateId: entry<{ id: string }>(
    (p) => `${p.id} appears more than once`,
    (p) => `「${p.id}」が重複しています`,
  ),
  noSuchQuestion: entry<{ id: string }>(
    (p) => `the questionnaire has no question ${p.id}`,
    (p) => `質問「${p.id}」はこの質問票にありません`,
  ),
  answerChoice: entry(
    () => 'must be yes, partly, no or not_applicable',
    () => '「はい」「一部」「いいえ」「該当なし」から選んでください',
  ),
  answerByFile: entry(
    () => 'is answered by attaching a file, not with a value',
    () => 'この質問にはファイルを添付して回答してください',
  ),
  answerRequired: entry(
    () => 'needs an answer before the questionnaire can be submitted',
    () => '提出する前に回答してください',
  ),
  evidenceRequired: entry(
    () => 'needs an attached file before the questionnaire can be submitted',
    () => '提出する前にファイルを添付してください',
  ),
} satisfies Record<string, Entry<never>>;
