import type { Label } from '../labels';

/** Audit actions of questionnaires and their templates, in words. */
export const questionnaireEvents: Record<string, Label> = {};
