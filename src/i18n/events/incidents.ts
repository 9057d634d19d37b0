import type { Label } from '../labels';

/** Audit actions of incidents, in words. */
export const incidentEvents: Record<string, Label> = {
  'incident.reschedule': {
    ja: '休業日の変更により確報の期限を再計算',
    en: 'Final report deadline recomputed for a change of closed days',
  },
};
