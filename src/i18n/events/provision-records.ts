import type { Label } from '../labels';

/** Audit actions of provision records, in words. */
export const provisionRecordEvents: Record<string, Label> = {};
