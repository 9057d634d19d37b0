import { area } from '../area';

/** The organisation's extra closed days (settings). */
export const holidaysArea = area({ 'hol.title': 'Closed days' }, { 'hol.title': '休業日の設定' });
