import type { Label } from '../labels';

/** Audit actions of provision records, in words. */
export const provisionRecordEvents: Record<string, Label> = {
  'provision_record.create': { ja: '第三者提供記録を作成', en: 'Provision record made' },
  'provision_record.update': { ja: '第三者提供記録を訂正', en: 'Provision record corrected' },
};
