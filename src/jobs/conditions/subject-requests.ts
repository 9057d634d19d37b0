import type { AlertCondition } from '../sweep.params';

/** Alert conditions of Requests from the people whose data it is (APPI Art. 33–35). */
export const subjectRequestConditions: AlertCondition[] = [];
