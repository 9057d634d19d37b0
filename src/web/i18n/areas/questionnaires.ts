import { area } from '../area';

/** Questionnaires sent to contractors and their templates, as compliance sees them. */
export const questionnairesArea = area(
  { 'qn.title': 'Questionnaires', 'qn.nav': 'Questionnaires' },
  { 'qn.title': 'チェックシート', 'qn.nav': 'チェックシート' },
);
