import type { Label } from '../labels';

/** Audit actions of the organisation's extra closed days, in words. */
export const holidayEvents: Record<string, Label> = {
  'holiday.add': { ja: '休業日を追加', en: 'Extra closed day added' },
  'holiday.remove': { ja: '休業日を削除', en: 'Extra closed day removed' },
};
