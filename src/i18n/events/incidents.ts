import type { Label } from '../labels';

/** Audit actions of incidents, in words. */
export const incidentEvents: Record<string, Label> = {};
