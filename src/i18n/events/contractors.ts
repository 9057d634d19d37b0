import type { Label } from '../labels';

/** Audit actions of contractors, in words. */
export const contractorEvents: Record<string, Label> = {};
