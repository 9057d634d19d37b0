import type { Localized, QuestionDraft, Weight } from './template';

/** The kinds of question the built-in sheet (appi-standard.ts) is written with. */
export const l = (ja: string, en: string): Localized => ({ ja, en });

/** A yes / partly / no / not applicable question, required unless told. */
export const ask = (
  id: string,
  weight: Weight,
  text: Localized,
  evidence?: Localized,
  required = true,
): QuestionDraft => ({
  id,
  text,
  type: 'yes_partly_no',
  required,
  weight,
  ...(evidence ? { evidence } : {}),
});
export const write = (id: string, weight: Weight, text: Localized, required: boolean): QuestionDraft => ({
  id,
  text,
  type: 'text',
  required,
  weight,
});
export const date = (id: string, text: Localized): QuestionDraft => ({
  id,
  text,
  type: 'date',
  required: false,
  weight: 1,
});
export const attach = (id: string, text: Localized, evidence: Localized): QuestionDraft => ({
  id,
  text,
  type: 'file',
  required: false,
  weight: 1,
  evidence,
});
