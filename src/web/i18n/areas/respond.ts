import { area } from '../area';

/** A contractor answering a questionnaire by its link: no itaku account. */
export const respondArea = area({ 'respond.title': 'Respond' }, { 'respond.title': 'チェックシートへの回答' });
