import type { Label } from '../labels';

/** Audit actions of subject requests, in words. */
export const subjectRequestEvents: Record<string, Label> = {};
