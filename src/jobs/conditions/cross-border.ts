import type { AlertCondition } from '../sweep.params';

/** Alert conditions of Contractors abroad (APPI Art. 28; Enforcement Rules Art. 16–18). */
export const crossBorderConditions: AlertCondition[] = [];
