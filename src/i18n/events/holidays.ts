import type { Label } from '../labels';

/** Audit actions of holidays, in words. */
export const holidayEvents: Record<string, Label> = {};
