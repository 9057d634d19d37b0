import type { AlertCondition } from '../sweep.params';

/** Alert conditions of Leak incidents beyond the report deadlines (APPI Art. 26; Rules Art. 7–10). */
export const incidentConditions: AlertCondition[] = [];
