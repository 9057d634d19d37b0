import { area } from '../area';

/** Requests from the people whose data it is (開示等の請求). */
export const subjectRequestsArea = area({ 'sr.title': 'Subject requests' }, { 'sr.title': '開示等の請求' });
