import { area } from '../area';

/** Contractors' documents and certificates: upload, validity, download, delete. */
export const documentsArea = area(
  { 'doc.title': 'Documents', 'doc.nav': 'Documents' },
  { 'doc.title': '証憑・認証書類', 'doc.nav': '証憑・認証' },
);
