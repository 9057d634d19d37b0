import type { Label } from '../labels';

/** Audit actions of subject requests, in words. */
export const subjectRequestEvents: Record<string, Label> = {
  'subject_request.create': { ja: '開示等の請求を受付', en: 'Subject request recorded' },
  'subject_request.update': { ja: '開示等の請求を修正', en: 'Subject request corrected' },
  'subject_request.task': { ja: '委託先への依頼・回答を記録', en: 'Contractor’s part recorded' },
  'subject_request.close': { ja: '開示等の請求の対応を完了', en: 'Subject request closed' },
  'subject_request_target.update': { ja: '開示等の請求の社内対応期限を変更', en: 'Subject request target changed' },
};
