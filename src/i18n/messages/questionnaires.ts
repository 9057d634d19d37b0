import type { Entry } from '../message-entry';

/** Field messages of questionnaires, their templates and the respondent's answers. */
export const questionnaireMessages = {} satisfies Record<string, Entry<never>>;
